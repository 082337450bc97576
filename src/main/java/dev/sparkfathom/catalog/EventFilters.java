package dev.sparkfathom.catalog;

import java.util.Arrays;
import org.apache.spark.sql.sources.AlwaysFalse;
import org.apache.spark.sql.sources.AlwaysTrue;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;

/**
 * Filters on the {@code event} column of {@code conversions}, decided against each event's
 * name before any request: an event whose name fails them is not read at all. Pure. Only
 * filters made wholly of the forms below on {@code event} are decided here (exactly, with SQL's
 * three-valued logic: a filter that is null for a name drops it); any other filter that names
 * {@code event} is left to Spark.
 */
final class EventFilters {
  static final String COLUMN = "event";

  private EventFilters() {}

  /** True when {@link #test} can decide {@code f} for every name. */
  static boolean decidable(Filter f) {
    if (f instanceof And a) {
      return decidable(a.left()) && decidable(a.right());
    }
    if (f instanceof Or o) {
      return decidable(o.left()) && decidable(o.right());
    }
    if (f instanceof Not n) {
      return decidable(n.child());
    }
    if (f instanceof AlwaysTrue || f instanceof AlwaysFalse) {
      return true;
    }
    String[] refs = f.references();
    if (refs.length != 1 || !refs[0].equals(COLUMN)) {
      return false;
    }
    return f instanceof EqualTo || f instanceof EqualNullSafe || f instanceof In || f instanceof IsNull
        || f instanceof IsNotNull || f instanceof StringStartsWith || f instanceof StringEndsWith
        || f instanceof StringContains;
  }

  /** True when {@code f} names {@code event} at all. */
  static boolean namesEvent(Filter f) {
    return Arrays.asList(f.references()).contains(COLUMN);
  }

  /** Whether a row with this (non-null) event name passes {@code f}. */
  static boolean test(Filter f, String name) {
    return Boolean.TRUE.equals(eval(f, name));
  }

  /** SQL's value of {@code f} for the name: true, false, or null (unknown). */
  private static Boolean eval(Filter f, String name) {
    if (f instanceof And a) {
      Boolean l = eval(a.left(), name);
      Boolean r = eval(a.right(), name);
      if (Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r)) {
        return false;
      }
      return l == null || r == null ? null : true;
    }
    if (f instanceof Or o) {
      Boolean l = eval(o.left(), name);
      Boolean r = eval(o.right(), name);
      if (Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r)) {
        return true;
      }
      return l == null || r == null ? null : false;
    }
    if (f instanceof Not n) {
      Boolean c = eval(n.child(), name);
      return c == null ? null : !c;
    }
    if (f instanceof AlwaysTrue) {
      return true;
    }
    if (f instanceof AlwaysFalse) {
      return false;
    }
    if (f instanceof EqualTo e) {
      return e.value() == null ? null : name.equals(String.valueOf(e.value()));
    }
    if (f instanceof EqualNullSafe e) {
      return e.value() != null && name.equals(String.valueOf(e.value()));
    }
    if (f instanceof In in) {
      boolean sawNull = false;
      for (Object v : in.values()) {
        if (v == null) {
          sawNull = true;
        } else if (name.equals(String.valueOf(v))) {
          return true;
        }
      }
      return sawNull ? null : false;
    }
    if (f instanceof IsNull) {
      return false;
    }
    if (f instanceof IsNotNull) {
      return true;
    }
    if (f instanceof StringStartsWith s) {
      return name.startsWith(s.value());
    }
    if (f instanceof StringEndsWith s) {
      return name.endsWith(s.value());
    }
    if (f instanceof StringContains s) {
      return name.contains(s.value());
    }
    throw new IllegalArgumentException("not a decidable event filter: " + f);
  }
}
