package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
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
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Translates a leaf filter, or the negation of one, on a grouped (string) column, as the docs
 * page ({@link dev.sparkfathom.api.ApiVersion#LEGACY}) defines the four operators.
 *
 * <p>Under the documented semantics {@code is} is case-sensitive equality that a null never
 * passes, {@code is not} its negation that a null passes, {@code is like} a case-sensitive
 * substring test with {@code %} and {@code _} as wildcards that a null never passes, and
 * {@code is not like} its negation. So {@code is like ""} means "not null". Without them, only
 * {@code is} is used, as a widening filter (the API might ignore case).
 */
final class FieldFilters implements LeafFilters {
  static final String NON_STRING = "the value is not a string";
  static final String NO_STRING_ORDER = "the API cannot compare strings by order";
  static final String UNDOCUMENTED = "assume_documented_semantics is off: the API's %s is not trusted";
  static final String IS_MAY_IGNORE_CASE = "the API's is might ignore case";
  static final String WILDCARDS = "%s holds %% or _, wildcards to the API's is like";
  static final String PREFIX_SUFFIX = "the API's is like tests for a substring anywhere";
  static final String SEVERAL_VALUES = "IN with several values: the API ANDs filters";
  static final String EMPTY_IN = "NOT IN an empty list: Spark versions disagree on nulls";
  static final String NULL_VALUE = "a comparison with null";
  static final String NOT_IN_WITH_NULL = "NOT IN a list holding null is never true";
  static final String NOT_CONTAINS_EMPTY = "every string holds the empty string";

  private final boolean documented;

  FieldFilters(boolean documented) {
    this.documented = documented;
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
      return prefixOrSuffix(field, s.value());
    }
    if (f instanceof StringEndsWith s) {
      return prefixOrSuffix(field, s.value());
    }
    if (f instanceof GreaterThan c) {
      return comparison(c.value());
    }
    if (f instanceof GreaterThanOrEqual c) {
      return comparison(c.value());
    }
    if (f instanceof LessThan c) {
      return comparison(c.value());
    }
    if (f instanceof LessThanOrEqual c) {
      return comparison(c.value());
    }
    return Outcome.kept(FilterTranslator.UNSUPPORTED);
  }

  /** Translates {@code NOT f}. */
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
      return notPrefixOrSuffix(s.value());
    }
    if (f instanceof StringEndsWith s) {
      return notPrefixOrSuffix(s.value());
    }
    if (f instanceof GreaterThan c) {
      return comparison(c.value());
    }
    if (f instanceof GreaterThanOrEqual c) {
      return comparison(c.value());
    }
    if (f instanceof LessThan c) {
      return comparison(c.value());
    }
    if (f instanceof LessThanOrEqual c) {
      return comparison(c.value());
    }
    return Outcome.kept(FilterTranslator.UNSUPPORTED);
  }

  private Outcome equalTo(Field field, Object value) {
    if (value == null) {
      return Outcome.never(NULL_VALUE);
    }
    String s = text(value);
    if (s == null) {
      return Outcome.kept(NON_STRING);
    }
    Filter is = Filter.is(field, s);
    return documented ? Outcome.exact(is) : Outcome.widening(is, IS_MAY_IGNORE_CASE);
  }

  private Outcome notEqualTo(Field field, Object value) {
    if (value == null) {
      return Outcome.never(NULL_VALUE);
    }
    String s = text(value);
    if (s == null) {
      return Outcome.kept(NON_STRING);
    }
    if (!documented) {
      return Outcome.kept(String.format(UNDOCUMENTED, "is not"));
    }
    // is not lets nulls through; a <> x drops them.
    return Outcome.exact(Filter.isNot(field, s), notNull(field));
  }

  private Outcome notEqualNullSafe(Field field, Object value) {
    String s = text(value);
    if (s == null) {
      return Outcome.kept(NON_STRING);
    }
    if (!documented) {
      return Outcome.kept(String.format(UNDOCUMENTED, "is not"));
    }
    // NOT (a <=> x) is true for a null a, as is the API's is not.
    return Outcome.exact(Filter.isNot(field, s));
  }

  private Outcome in(Field field, Object[] values) {
    Set<String> distinct = new LinkedHashSet<>();
    for (Object v : values) {
      if (v == null) {
        continue; // a IN (x, null) keeps exactly the rows a IN (x) keeps
      }
      String s = text(v);
      if (s == null) {
        return Outcome.kept(NON_STRING);
      }
      distinct.add(s);
    }
    if (distinct.isEmpty()) {
      return Outcome.never("IN with no value but null is never true");
    }
    if (distinct.size() > 1) {
      return Outcome.kept(SEVERAL_VALUES);
    }
    return equalTo(field, distinct.iterator().next());
  }

  private Outcome notIn(Field field, Object[] values) {
    if (values.length == 0) {
      return Outcome.kept(EMPTY_IN);
    }
    if (Arrays.asList(values).contains(null)) {
      return Outcome.never(NOT_IN_WITH_NULL);
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (Object v : values) {
      String s = text(v);
      if (s == null) {
        return Outcome.kept(NON_STRING);
      }
      distinct.add(s);
    }
    if (!documented) {
      return Outcome.kept(String.format(UNDOCUMENTED, "is not"));
    }
    List<Filter> out = new ArrayList<>();
    for (String s : distinct) {
      out.add(Filter.isNot(field, s));
    }
    out.add(notNull(field));
    return Outcome.exact(out);
  }

  private Outcome isNull(Field field) {
    if (!documented) {
      return Outcome.kept(String.format(UNDOCUMENTED, "is not like"));
    }
    return Outcome.exact(Filter.isNotLike(field, ""));
  }

  private Outcome isNotNull(Field field) {
    if (!documented) {
      return Outcome.kept(String.format(UNDOCUMENTED, "is like"));
    }
    return Outcome.exact(notNull(field));
  }

  private Outcome contains(Field field, String s) {
    if (s == null) {
      return Outcome.never(NULL_VALUE);
    }
    if (!documented) {
      return Outcome.kept(String.format(UNDOCUMENTED, "is like"));
    }
    Filter like = Filter.isLike(field, s);
    return hasWildcard(s)
        ? Outcome.widening(like, String.format(WILDCARDS, quote(s)))
        : Outcome.exact(like);
  }

  private Outcome notContains(Field field, String s) {
    if (s == null) {
      return Outcome.never(NULL_VALUE);
    }
    if (s.isEmpty()) {
      return Outcome.never(NOT_CONTAINS_EMPTY);
    }
    if (!documented) {
      return Outcome.kept(String.format(UNDOCUMENTED, "is not like"));
    }
    if (hasWildcard(s)) {
      return Outcome.kept(String.format(WILDCARDS, quote(s)));
    }
    return Outcome.exact(Filter.isNotLike(field, s), notNull(field));
  }

  private Outcome prefixOrSuffix(Field field, String s) {
    if (s == null) {
      return Outcome.never(NULL_VALUE);
    }
    if (!documented) {
      return Outcome.kept(String.format(UNDOCUMENTED, "is like"));
    }
    if (s.isEmpty()) {
      return Outcome.exact(notNull(field)); // every string starts and ends with ""
    }
    return Outcome.widening(Filter.isLike(field, s), PREFIX_SUFFIX);
  }

  private static Outcome notPrefixOrSuffix(String s) {
    if (s == null) {
      return Outcome.never(NULL_VALUE);
    }
    if (s.isEmpty()) {
      return Outcome.never(NOT_CONTAINS_EMPTY);
    }
    return Outcome.kept("the API has no negated prefix or suffix test");
  }

  private static Outcome comparison(Object value) {
    return value == null ? Outcome.never(NULL_VALUE) : Outcome.kept(NO_STRING_ORDER);
  }

  /** {@code is like ""}: true exactly for non-null values under the documented semantics. */
  static Filter notNull(Field field) {
    return Filter.isLike(field, "");
  }

  static boolean hasWildcard(String s) {
    return s.indexOf('%') >= 0 || s.indexOf('_') >= 0;
  }

  /** The value as a Java string; null when it is not a string. */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof UTF8String u) {
      return u.toString();
    }
    return null;
  }

  private static String quote(String s) {
    return "'" + s + "'";
  }
}
