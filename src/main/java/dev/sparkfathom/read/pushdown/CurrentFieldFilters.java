package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import dev.sparkfathom.read.cap.Regex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;

/**
 * Translates a leaf filter, or its negation, on a grouped string column for today's API
 * ({@link ApiVersion#CURRENT}), using only the operators the property accepts.
 *
 * <p>Categorical properties ({@code device_type}, {@code browser}, {@code country_code}, ...)
 * accept {@code is} and {@code is not} only: {@code a = x} is {@code is x}; {@code a <> x} and
 * {@code NOT IN} are {@code is not} re-checked by Spark (which drops the nulls {@code is not}
 * keeps); null tests, substrings and lists stay in Spark. Text properties accept all six:
 * besides the legacy translations, {@code matching} / {@code not matching} with anchored
 * regexes of escaped literals make {@code startswith}, {@code endswith}, their negations,
 * {@code contains} of a value holding {@code *}, {@code %} or {@code _} (the live service's
 * wildcards of {@code is like} are not all published, so {@code is like} is used only for
 * values free of all three) and {@code IN} lists exact. The end anchor is {@code \z} (the end
 * of the value), not {@code $}, which also matches before a final line break.
 *
 * <p>Without the documented semantics, {@code is} and {@code matching} are widening (the
 * service might ignore case) and everything resting on {@code is not}, {@code is like},
 * {@code not matching} or their null rules is kept.
 */
final class CurrentFieldFilters implements LeafFilters {
  static final String CATEGORICAL = "the API accepts only is / is not on %s";
  static final String IS_NOT_KEEPS_NULLS = "the API's is not keeps nulls, which Spark drops";
  static final String MAY_IGNORE_CASE = "the API's %s might ignore case";
  static final String END = "\\z";

  private final boolean documented;

  CurrentFieldFilters(boolean documented) {
    this.documented = documented;
  }

  private static boolean categorical(Field field) {
    return !field.accepts(FilterOperator.MATCHING, ApiVersion.CURRENT);
  }

  @Override
  public Outcome translate(Field field, org.apache.spark.sql.sources.Filter f) {
    if (f instanceof EqualTo eq) {
      return equalTo(field, eq.value());
    }
    if (f instanceof EqualNullSafe eq) {
      return eq.value() == null ? isNull(field) : equalTo(field, eq.value());
    }
    if (f instanceof In in) {
      return in(field, in.values());
    }
    if (f instanceof IsNull) {
      return isNull(field);
    }
    if (f instanceof IsNotNull) {
      return isNotNull(field);
    }
    if (f instanceof StringContains c) {
      return contains(field, c.value());
    }
    if (f instanceof StringStartsWith s) {
      return affix(field, s.value(), true);
    }
    if (f instanceof StringEndsWith s) {
      return affix(field, s.value(), false);
    }
    if (f instanceof GreaterThan || f instanceof GreaterThanOrEqual || f instanceof LessThan
        || f instanceof LessThanOrEqual) {
      return comparison(f);
    }
    return Outcome.kept(FilterTranslator.UNSUPPORTED);
  }

  @Override
  public Outcome translateNot(Field field, org.apache.spark.sql.sources.Filter f) {
    if (f instanceof EqualTo eq) {
      return notEqualTo(field, eq.value());
    }
    if (f instanceof EqualNullSafe eq) {
      return eq.value() == null ? isNotNull(field) : notEqualNullSafe(field, eq.value());
    }
    if (f instanceof In in) {
      return notIn(field, in.values());
    }
    if (f instanceof IsNull) {
      return isNotNull(field);
    }
    if (f instanceof IsNotNull) {
      return isNull(field);
    }
    if (f instanceof StringContains c) {
      return notContains(field, c.value());
    }
    if (f instanceof StringStartsWith s) {
      return notAffix(field, s.value(), true);
    }
    if (f instanceof StringEndsWith s) {
      return notAffix(field, s.value(), false);
    }
    if (f instanceof GreaterThan || f instanceof GreaterThanOrEqual || f instanceof LessThan
        || f instanceof LessThanOrEqual) {
      return comparison(f);
    }
    return Outcome.kept(FilterTranslator.UNSUPPORTED);
  }

  private Outcome equalTo(Field field, Object value) {
    if (value == null) {
      return Outcome.never(FieldFilters.NULL_VALUE);
    }
    String s = FieldFilters.text(value);
    if (s == null) {
      return Outcome.kept(FieldFilters.NON_STRING);
    }
    Filter is = Filter.is(field, s);
    return documented ? Outcome.exact(is) : Outcome.widening(is, String.format(MAY_IGNORE_CASE, "is"));
  }

  private Outcome notEqualTo(Field field, Object value) {
    if (value == null) {
      return Outcome.never(FieldFilters.NULL_VALUE);
    }
    String s = FieldFilters.text(value);
    if (s == null) {
      return Outcome.kept(FieldFilters.NON_STRING);
    }
    if (!documented) {
      return Outcome.kept(String.format(FieldFilters.UNDOCUMENTED, "is not"));
    }
    if (categorical(field)) {
      return Outcome.widening(List.of(Filter.isNot(field, s)), BucketRange.ALL, IS_NOT_KEEPS_NULLS);
    }
    return Outcome.exact(Filter.isNot(field, s), notNull(field));
  }

  private Outcome notEqualNullSafe(Field field, Object value) {
    String s = FieldFilters.text(value);
    if (s == null) {
      return Outcome.kept(FieldFilters.NON_STRING);
    }
    if (!documented) {
      return Outcome.kept(String.format(FieldFilters.UNDOCUMENTED, "is not"));
    }
    // NOT (a <=> x) is true for a null a, as is the API's is not.
    return Outcome.exact(Filter.isNot(field, s));
  }

  /** The distinct non-null strings of an IN list; null when one is not a string. */
  private static Set<String> strings(Object[] values) {
    Set<String> distinct = new LinkedHashSet<>();
    for (Object v : values) {
      if (v == null) {
        continue;
      }
      String s = FieldFilters.text(v);
      if (s == null) {
        return null;
      }
      distinct.add(s);
    }
    return distinct;
  }

  private Outcome in(Field field, Object[] values) {
    Set<String> distinct = strings(values);
    if (distinct == null) {
      return Outcome.kept(FieldFilters.NON_STRING);
    }
    if (distinct.isEmpty()) {
      return Outcome.never("IN with no value but null is never true");
    }
    if (distinct.size() == 1) {
      return equalTo(field, distinct.iterator().next());
    }
    if (categorical(field)) {
      return Outcome.kept(String.format(CATEGORICAL, field.apiName()) + ", and ANDs filters");
    }
    return matching(field, "^" + oneOf(distinct) + END);
  }

  private Outcome notIn(Field field, Object[] values) {
    if (values.length == 0) {
      return Outcome.kept(FieldFilters.EMPTY_IN);
    }
    if (Arrays.asList(values).contains(null)) {
      return Outcome.never(FieldFilters.NOT_IN_WITH_NULL);
    }
    Set<String> distinct = strings(values);
    if (distinct == null) {
      return Outcome.kept(FieldFilters.NON_STRING);
    }
    if (!documented) {
      return Outcome.kept(String.format(FieldFilters.UNDOCUMENTED, "is not"));
    }
    List<Filter> out = new ArrayList<>();
    for (String s : distinct) {
      out.add(Filter.isNot(field, s));
    }
    if (categorical(field)) {
      return Outcome.widening(out, BucketRange.ALL, IS_NOT_KEEPS_NULLS);
    }
    out.add(notNull(field));
    return Outcome.exact(out);
  }

  private Outcome isNull(Field field) {
    if (categorical(field)) {
      return Outcome.kept(String.format(CATEGORICAL, field.apiName()));
    }
    if (!documented) {
      return Outcome.kept(String.format(FieldFilters.UNDOCUMENTED, "is not like"));
    }
    return Outcome.exact(Filter.isNotLike(field, ""));
  }

  private Outcome isNotNull(Field field) {
    if (categorical(field)) {
      return Outcome.kept(String.format(CATEGORICAL, field.apiName()));
    }
    if (!documented) {
      return Outcome.kept(String.format(FieldFilters.UNDOCUMENTED, "is like"));
    }
    return Outcome.exact(notNull(field));
  }

  private Outcome contains(Field field, String s) {
    if (s == null) {
      return Outcome.never(FieldFilters.NULL_VALUE);
    }
    if (categorical(field)) {
      return Outcome.kept(String.format(CATEGORICAL, field.apiName()));
    }
    if (!documented) {
      return matching(field, Regex.literal(s));
    }
    return wildcardFree(s) ? Outcome.exact(Filter.isLike(field, s)) : matching(field, Regex.literal(s));
  }

  private Outcome notContains(Field field, String s) {
    if (s == null) {
      return Outcome.never(FieldFilters.NULL_VALUE);
    }
    if (s.isEmpty()) {
      return Outcome.never(FieldFilters.NOT_CONTAINS_EMPTY);
    }
    if (categorical(field)) {
      return Outcome.kept(String.format(CATEGORICAL, field.apiName()));
    }
    if (!documented) {
      return Outcome.kept(String.format(FieldFilters.UNDOCUMENTED, "not matching"));
    }
    Filter not = wildcardFree(s) ? Filter.isNotLike(field, s)
        : new Filter(field, FilterOperator.NOT_MATCHING, Regex.literal(s));
    return Outcome.exact(not, notNull(field));
  }

  private Outcome affix(Field field, String s, boolean prefix) {
    if (s == null) {
      return Outcome.never(FieldFilters.NULL_VALUE);
    }
    if (categorical(field)) {
      return Outcome.kept(String.format(CATEGORICAL, field.apiName()));
    }
    if (s.isEmpty()) {
      // every string starts and ends with "": only the nulls are dropped
      return documented ? Outcome.exact(notNull(field))
          : Outcome.kept(String.format(FieldFilters.UNDOCUMENTED, "is like"));
    }
    return matching(field, prefix ? "^" + Regex.literal(s) : Regex.literal(s) + END);
  }

  private Outcome notAffix(Field field, String s, boolean prefix) {
    if (s == null) {
      return Outcome.never(FieldFilters.NULL_VALUE);
    }
    if (s.isEmpty()) {
      return Outcome.never(FieldFilters.NOT_CONTAINS_EMPTY);
    }
    if (categorical(field)) {
      return Outcome.kept(String.format(CATEGORICAL, field.apiName()));
    }
    if (!documented) {
      return Outcome.kept(String.format(FieldFilters.UNDOCUMENTED, "not matching"));
    }
    String regex = prefix ? "^" + Regex.literal(s) : Regex.literal(s) + END;
    return Outcome.exact(new Filter(field, FilterOperator.NOT_MATCHING, regex), notNull(field));
  }

  /** A {@code matching} filter: exact under the documented semantics, else widening. */
  private Outcome matching(Field field, String regex) {
    Filter m = new Filter(field, FilterOperator.MATCHING, regex);
    return documented ? Outcome.exact(m) : Outcome.widening(m, String.format(MAY_IGNORE_CASE, "matching"));
  }

  private static String oneOf(Set<String> values) {
    return "(?:" + String.join("|", values.stream().map(Regex::literal).toList()) + ")";
  }

  private static Outcome comparison(org.apache.spark.sql.sources.Filter f) {
    Object value;
    if (f instanceof GreaterThan c) {
      value = c.value();
    } else if (f instanceof GreaterThanOrEqual c) {
      value = c.value();
    } else if (f instanceof LessThan c) {
      value = c.value();
    } else {
      value = ((LessThanOrEqual) f).value();
    }
    return value == null ? Outcome.never(FieldFilters.NULL_VALUE) : Outcome.kept(FieldFilters.NO_STRING_ORDER);
  }

  /** {@code is like ""}: true exactly for non-null values under the documented semantics. */
  static Filter notNull(Field field) {
    return FieldFilters.notNull(field);
  }

  /** Free of {@code *} (the documented wildcard) and of {@code %} and {@code _} (the legacy ones). */
  static boolean wildcardFree(String s) {
    return s.indexOf('*') < 0 && s.indexOf('%') < 0 && s.indexOf('_') < 0;
  }
}
