package dev.sparkfathom.read.pushdown;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;

/**
 * Translates a leaf filter, or the negation of one, on the {@code date} column into the whole
 * buckets whose value passes it.
 *
 * <p>The value of a bucket is its first day ({@code DateType}, for day, month and year), or for
 * hour its local start as Fathom labels it ({@code TimestampNTZType}, the default) or its first
 * instant ({@code TimestampType}, with {@code hour_type=timestamp}; see {@link BucketAxis}). A
 * local start skipped by a spring-forward is no bucket's value. The bucket holding a
 * point {@code p} is the one with the greatest value {@code <= p}; so {@code date >= p} starts
 * there when {@code p} is its value and at the next bucket otherwise, and {@code date < p} ends
 * there unless {@code p} is its value. Every row has a bucket, so {@code date} is never null.
 *
 * <p>{@code date IN (..)} selects the buckets named by their values: exact when they are one
 * run of consecutive buckets, otherwise widening to the range from the first to the last.
 */
final class DateFilters {
  static final String WRONG_TYPE = "the value is not a %s";
  static final String NOT_A_BUCKET = "no bucket's date is %s";
  static final String NEVER_NULL = "date is never null";
  static final String HOLE = "it removes buckets from the middle of the range";
  static final String NOT_CONSECUTIVE = "the values are not consecutive buckets";

  private final BucketAxis axis;
  /** Hour buckets valued by their first instant. */
  private final boolean instants;
  /** Hour buckets valued by their local start (TIMESTAMP_NTZ). */
  private final boolean labels;

  /** @param hourAsTimestamp for hour buckets: valued by instants, else by local starts */
  DateFilters(BucketAxis axis, boolean hourAsTimestamp) {
    this.axis = axis;
    boolean hour = axis.grouping() == dev.sparkfathom.api.DateGrouping.HOUR;
    this.instants = hour && hourAsTimestamp;
    this.labels = hour && !hourAsTimestamp;
  }

  BucketAxis axis() {
    return axis;
  }

  Outcome translate(org.apache.spark.sql.sources.Filter f) {
    if (f instanceof EqualTo eq) {
      return equalTo(eq.value());
    }
    if (f instanceof EqualNullSafe eq) {
      return eq.value() == null ? Outcome.never(NEVER_NULL) : equalTo(eq.value());
    }
    if (f instanceof GreaterThan c) {
      return bound(c.value(), true, false);
    }
    if (f instanceof GreaterThanOrEqual c) {
      return bound(c.value(), true, true);
    }
    if (f instanceof LessThan c) {
      return bound(c.value(), false, false);
    }
    if (f instanceof LessThanOrEqual c) {
      return bound(c.value(), false, true);
    }
    if (f instanceof In in) {
      return in(in.values());
    }
    if (f instanceof IsNull) {
      return Outcome.never(NEVER_NULL);
    }
    if (f instanceof IsNotNull) {
      return Outcome.all();
    }
    return Outcome.kept(FilterTranslator.UNSUPPORTED);
  }

  /** Translates {@code NOT f}; as {@code date} is never null, it is the complement. */
  Outcome translateNot(org.apache.spark.sql.sources.Filter f) {
    if (f instanceof GreaterThan c) {
      return bound(c.value(), false, true);
    }
    if (f instanceof GreaterThanOrEqual c) {
      return bound(c.value(), false, false);
    }
    if (f instanceof LessThan c) {
      return bound(c.value(), true, true);
    }
    if (f instanceof LessThanOrEqual c) {
      return bound(c.value(), true, false);
    }
    if (f instanceof EqualTo eq) {
      return eq.value() == null ? Outcome.never(FieldFilters.NULL_VALUE) : notIn(new Object[] {eq.value()});
    }
    if (f instanceof EqualNullSafe eq) {
      return eq.value() == null ? Outcome.all() : notIn(new Object[] {eq.value()});
    }
    if (f instanceof In in) {
      return notIn(in.values());
    }
    if (f instanceof IsNull) {
      return Outcome.all();
    }
    if (f instanceof IsNotNull) {
      return Outcome.never(NEVER_NULL);
    }
    return Outcome.kept(FilterTranslator.UNSUPPORTED);
  }

  private Outcome equalTo(Object value) {
    if (value == null) {
      return Outcome.never(FieldFilters.NULL_VALUE);
    }
    Comparable<?> p = point(value);
    if (p == null) {
      return Outcome.kept(wrongType());
    }
    LocalDateTime b = bucketOf(p);
    if (!isValue(b, p)) {
      return Outcome.never(String.format(NOT_A_BUCKET, p));
    }
    return Outcome.exactRange(normalized(b, b), String.format(NOT_A_BUCKET, p));
  }

  /** {@code date > p} ({@code lower}, not {@code inclusive}), {@code date >= p}, {@code date < p}, {@code date <= p}. */
  private Outcome bound(Object value, boolean lower, boolean inclusive) {
    if (value == null) {
      return Outcome.never(FieldFilters.NULL_VALUE);
    }
    Comparable<?> p = point(value);
    if (p == null) {
      return Outcome.kept(wrongType());
    }
    LocalDateTime b = bucketOf(p);
    boolean atStart = isValue(b, p);
    Optional<BucketRange> range;
    if (lower) {
      LocalDateTime first = inclusive && atStart ? b : axis.next(b);
      range = normalized(first, null);
    } else {
      LocalDateTime last = inclusive || !atStart ? b : axis.previous(b);
      range = normalized(null, last);
    }
    return Outcome.exactRange(range, "no bucket");
  }

  private Outcome in(Object[] values) {
    TreeSet<LocalDateTime> buckets = new TreeSet<>();
    for (Object v : values) {
      if (v == null) {
        continue; // date IN (d, null) keeps exactly the rows date IN (d) keeps
      }
      Comparable<?> p = point(v);
      if (p == null) {
        return Outcome.kept(wrongType());
      }
      LocalDateTime b = bucketOf(p);
      if (isValue(b, p) && axis.exists(b)) {
        buckets.add(b);
      }
    }
    if (buckets.isEmpty()) {
      return Outcome.never("no value in the list is a bucket's date");
    }
    BucketRange hull = new BucketRange(buckets.first(), buckets.last());
    if (consecutive(buckets)) {
      return Outcome.exact(hull);
    }
    return Outcome.widening(java.util.List.of(), hull, NOT_CONSECUTIVE);
  }

  private Outcome notIn(Object[] values) {
    if (values.length == 0) {
      return Outcome.kept(FieldFilters.EMPTY_IN);
    }
    if (java.util.Arrays.asList(values).contains(null)) {
      return Outcome.never(FieldFilters.NOT_IN_WITH_NULL);
    }
    for (Object v : values) {
      Comparable<?> p = point(v);
      if (p == null) {
        return Outcome.kept(wrongType());
      }
      LocalDateTime b = bucketOf(p);
      if (isValue(b, p) && axis.exists(b)) {
        return Outcome.kept(HOLE);
      }
    }
    return Outcome.all(); // it removes no bucket
  }

  private boolean consecutive(TreeSet<LocalDateTime> buckets) {
    LocalDateTime b = buckets.first();
    for (int i = 1; i < buckets.size(); i++) {
      b = axis.next(b);
      if (!buckets.contains(b)) {
        return false;
      }
    }
    return true;
  }

  /** Moves ends that name a bucket without instants (a skipped day) onto existing buckets. */
  private Optional<BucketRange> normalized(LocalDateTime first, LocalDateTime last) {
    LocalDateTime f = first == null || axis.exists(first) ? first : axis.next(first);
    LocalDateTime l = last == null || axis.exists(last) ? last : axis.previous(last);
    return BucketRange.of(f, l);
  }

  /**
   * The filter value as an Instant (hour, TIMESTAMP), a LocalDateTime (hour, TIMESTAMP_NTZ) or
   * a LocalDate (other groupings); null for other types.
   */
  private Comparable<?> point(Object value) {
    if (labels) {
      return value instanceof LocalDateTime t ? t : null;
    }
    if (instants) {
      if (value instanceof Instant i) {
        return i;
      }
      if (value instanceof Timestamp t) {
        return t.toInstant();
      }
      return null;
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return null;
  }

  private LocalDateTime bucketOf(Comparable<?> p) {
    if (p instanceof LocalDateTime t) {
      return axis.grouping().truncate(t);
    }
    return p instanceof Instant i ? axis.bucketOf(i) : axis.bucketOf((LocalDate) p);
  }

  /**
   * True when {@code p} is the value of the bucket starting at {@code b}. A local start that is
   * no bucket (skipped by DST) counts as a value here; {@link #normalized} moves it onto an
   * existing bucket, and {@code =} or {@code IN} of it selects nothing.
   */
  private boolean isValue(LocalDateTime b, Comparable<?> p) {
    if (p instanceof LocalDateTime t) {
      return b.equals(t);
    }
    return p instanceof Instant i ? i.equals(axis.firstInstant(b)) : b.toLocalDate().equals(p);
  }

  private String wrongType() {
    return String.format(WRONG_TYPE, labels ? "timestamp_ntz" : instants ? "timestamp" : "date");
  }
}
