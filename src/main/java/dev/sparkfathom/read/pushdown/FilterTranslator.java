package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.sources.AlwaysFalse;
import org.apache.spark.sql.sources.AlwaysTrue;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;

/**
 * Translates the filters Spark offers a scan into Fathom filters and a date range, and says
 * which of them Spark must still evaluate. See the {@link dev.sparkfathom.read.pushdown package
 * docs} for the three kinds of filter.
 *
 * <p>Each offered filter is split at its top-level ANDs and every conjunct is classified on its
 * own, so that {@code a = 'x' AND b > 3} pushes the first half exactly and hands back only the
 * second. Within an OR or a NOT the filter is translated as a whole: NOT is moved inward by De
 * Morgan's laws and double negation (both hold in SQL's three-valued logic), and an OR is pushed
 * only as what its two sides share. Whatever is handed back is a filter Spark offered, or a
 * conjunct of one, never a rewritten one: Spark rebuilds its expression from the leaves it
 * offered.
 */
public final class FilterTranslator {
  static final String UNSUPPORTED = "no translation for this filter";
  static final String NEVER_PREFIX = "never true: ";
  static final String NOT_GROUPED = "not a grouped field or date";
  static final String NOT_FILTERABLE = "the API cannot filter on %s";

  private final PushdownContext ctx;
  private final FieldFilters fields;
  private final DateFilters dates;

  private FilterTranslator(PushdownContext ctx) {
    this.ctx = ctx;
    this.fields = new FieldFilters(ctx.assumeDocumentedSemantics());
    this.dates = ctx.dateGrouping() == null
        ? null
        : new DateFilters(new BucketAxis(ctx.dateGrouping(), ctx.zone()), ctx.hourAsTimestamp());
  }

  /**
   * Translates the filters of one scan. Pure: the same input always gives the same output.
   *
   * @param filters what {@code SupportsPushDownFilters.pushFilters} receives
   */
  public static FilterTranslation translate(
      org.apache.spark.sql.sources.Filter[] filters, PushdownContext ctx) {
    FilterTranslator t = new FilterTranslator(ctx);
    List<org.apache.spark.sql.sources.Filter> conjuncts = new ArrayList<>();
    for (org.apache.spark.sql.sources.Filter f : filters) {
      split(Objects.requireNonNull(f, "filter"), conjuncts);
    }
    List<Outcome> outcomes = conjuncts.stream().map(t::outcomeOrKept).toList();
    return t.assemble(conjuncts, outcomes);
  }

  private static void split(
      org.apache.spark.sql.sources.Filter f, List<org.apache.spark.sql.sources.Filter> out) {
    if (f instanceof And and) {
      split(and.left(), out);
      split(and.right(), out);
    } else {
      out.add(f);
    }
  }

  private FilterTranslation assemble(
      List<org.apache.spark.sql.sources.Filter> conjuncts, List<Outcome> outcomes) {
    boolean never = false;
    BucketRange range = BucketRange.ALL;
    LinkedHashSet<Filter> fathom = new LinkedHashSet<>();
    List<org.apache.spark.sql.sources.Filter> pushed = new ArrayList<>();
    List<org.apache.spark.sql.sources.Filter> postScan = new ArrayList<>();
    for (int i = 0; i < conjuncts.size(); i++) {
      Outcome o = outcomes.get(i);
      never |= o.never();
      if (o.kind() != PushKind.KEPT) {
        pushed.add(conjuncts.get(i));
        fathom.addAll(o.fathom());
        Optional<BucketRange> both = range.intersect(o.range());
        never |= both.isEmpty();
        range = both.orElse(BucketRange.ALL);
      }
      if (o.kind() != PushKind.EXACT) {
        postScan.add(conjuncts.get(i));
      }
    }
    never |= ctx.assumeDocumentedSemantics() && FathomFilterSets.contradictory(fathom);
    Set<Filter> implied = FathomFilterSets.impliedNotNull(fathom);
    fathom.removeAll(implied);
    List<FilterClassification> classes = new ArrayList<>();
    for (int i = 0; i < conjuncts.size(); i++) {
      classes.add(new FilterClassification(conjuncts.get(i), outcomes.get(i).kind(),
          reason(outcomes.get(i), implied)));
    }
    if (never) {
      return new FilterTranslation(
          List.of(), BucketRange.ALL, true, conjuncts, List.of(), classes);
    }
    return new FilterTranslation(
        new ArrayList<>(fathom), range, false, pushed, postScan, classes);
  }

  private static String reason(Outcome o, Set<Filter> implied) {
    if (o.never()) {
      return NEVER_PREFIX + o.note();
    }
    if (o.kind() == PushKind.KEPT) {
      return o.note();
    }
    List<Filter> sent = o.fathom().stream().filter(f -> !implied.contains(f)).toList();
    List<String> parts = new ArrayList<>();
    sent.forEach(f -> parts.add(f.toString()));
    if (!o.range().isAll()) {
      parts.add("date buckets " + o.range());
    }
    String what;
    if (!parts.isEmpty()) {
      what = String.join(" AND ", parts);
    } else if (!o.fathom().isEmpty()) {
      what = "implied by the other filters on "
          + o.fathom().stream().map(f -> f.property().apiName()).distinct()
              .collect(Collectors.joining(", "));
    } else {
      what = "always true";
    }
    return o.kind() == PushKind.EXACT ? what : what + "; re-checked: " + o.note();
  }

  /** The outcome; kept when the dates lie beyond what java.time or the zone rules handle. */
  private Outcome outcomeOrKept(org.apache.spark.sql.sources.Filter f) {
    try {
      return outcome(f);
    } catch (DateTimeException e) {
      return Outcome.kept("date out of range: " + e.getMessage());
    }
  }

  private Outcome outcome(org.apache.spark.sql.sources.Filter f) {
    if (f instanceof AlwaysTrue) {
      return Outcome.all();
    }
    if (f instanceof AlwaysFalse) {
      return Outcome.never("always false");
    }
    if (f instanceof And and) {
      return Outcome.and(outcome(and.left()), outcome(and.right()));
    }
    if (f instanceof Or or) {
      return Outcome.or(outcome(or.left()), outcome(or.right()), dates == null ? null : dates.axis());
    }
    if (f instanceof Not not) {
      return negated(not.child());
    }
    return leaf(f, false);
  }

  /** The outcome of {@code NOT f}. */
  private Outcome negated(org.apache.spark.sql.sources.Filter f) {
    if (f instanceof AlwaysTrue) {
      return Outcome.never("always false");
    }
    if (f instanceof AlwaysFalse) {
      return Outcome.all();
    }
    if (f instanceof Not not) {
      return outcome(not.child());
    }
    if (f instanceof And and) {
      return Outcome.or(negated(and.left()), negated(and.right()),
          dates == null ? null : dates.axis());
    }
    if (f instanceof Or or) {
      return Outcome.and(negated(or.left()), negated(or.right()));
    }
    return leaf(f, true);
  }

  private Outcome leaf(org.apache.spark.sql.sources.Filter f, boolean negate) {
    String[] refs = f.references();
    if (refs.length != 1) {
      return Outcome.kept(UNSUPPORTED);
    }
    String column = refs[0];
    if (ctx.isDateColumn(column)) {
      return negate ? dates.translateNot(f) : dates.translate(f);
    }
    Field field = ctx.groupedField(column);
    if (field == null) {
      return Outcome.kept(NOT_GROUPED);
    }
    if (!field.filterable()) {
      return Outcome.kept(String.format(NOT_FILTERABLE, field.apiName()));
    }
    return negate ? fields.translateNot(field, f) : fields.translate(field, f);
  }
}
