package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Facts about a set of Fathom filters sent together (the API ANDs them), under the documented
 * semantics: a null passes neither {@code is} nor {@code is like}, and {@code is like ""} holds
 * exactly for the non-null values.
 */
final class FathomFilterSets {
  private FathomFilterSets() {}

  /**
   * True when no value can pass all these filters under the documented semantics: two
   * {@code is} with different values, {@code is x} with {@code is not x}, or a test that a
   * null fails ({@code is}, {@code is like}) with {@code is not like ""} (null). Then no row
   * passes the offered filters either, since the Fathom filters select a superset of them.
   */
  static boolean contradictory(Set<Filter> fathom) {
    for (Filter f : fathom) {
      if (f.operator() != FilterOperator.IS && f.operator() != FilterOperator.IS_LIKE
          && f.operator() != FilterOperator.MATCHING) {
        continue;
      }
      for (Filter g : fathom) {
        if (g.property() != f.property()) {
          continue;
        }
        boolean bothIs = f.operator() == FilterOperator.IS && g.operator() == FilterOperator.IS
            && !f.value().equals(g.value());
        boolean isAndIsNot = f.operator() == FilterOperator.IS
            && g.equals(Filter.isNot(f.property(), f.value()));
        boolean nullRequired = g.equals(Filter.isNotLike(f.property(), ""));
        if (bothIs || isAndIsNot || nullRequired) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The {@code is like ""} (not null) filters that another filter on the same field already
   * implies: under the documented semantics a null passes none of {@code is}, {@code is like}
   * and {@code matching}.
   * Computed on the whole set, so the order of the offered filters does not matter.
   */
  static Set<Filter> impliedNotNull(Set<Filter> fathom) {
    Set<Filter> implied = new LinkedHashSet<>();
    for (Filter f : fathom) {
      if (f.equals(FieldFilters.notNull(f.property()))) {
        boolean other = fathom.stream().anyMatch(g -> g.property() == f.property() && !g.equals(f)
            && (g.operator() == FilterOperator.IS || g.operator() == FilterOperator.IS_LIKE
                || g.operator() == FilterOperator.MATCHING));
        if (other) {
          implied.add(f);
        }
      }
    }
    return implied;
  }
}
