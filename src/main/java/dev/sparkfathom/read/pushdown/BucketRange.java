package dev.sparkfathom.read.pushdown;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The date buckets a read must cover, by the local start times (in the read's timezone) of
 * the first and the last bucket, both inclusive. A null end is unbounded: the relation's own
 * {@code date_from} / {@code date_to} then decide. A range is never empty: "no bucket at all"
 * is {@link FilterTranslation#alwaysFalse()}.
 */
public record BucketRange(LocalDateTime first, LocalDateTime last) implements Serializable {
  /** No constraint from the filters. */
  public static final BucketRange ALL = new BucketRange(null, null);

  public BucketRange {
    if (first != null && last != null && first.isAfter(last)) {
      throw new IllegalArgumentException(
          "a bucket range must not be empty; got first " + first + " after last " + last);
    }
  }

  public static BucketRange only(LocalDateTime bucket) {
    return new BucketRange(bucket, bucket);
  }

  public static BucketRange from(LocalDateTime first) {
    return new BucketRange(first, null);
  }

  public static BucketRange upTo(LocalDateTime last) {
    return new BucketRange(null, last);
  }

  /** The range, or empty when {@code last} comes before {@code first}. */
  static Optional<BucketRange> of(LocalDateTime first, LocalDateTime last) {
    if (first != null && last != null && first.isAfter(last)) {
      return Optional.empty();
    }
    return Optional.of(new BucketRange(first, last));
  }

  public boolean isAll() {
    return first == null && last == null;
  }

  /** True when the bucket starting at local time {@code bucketStart} lies in the range. */
  public boolean contains(LocalDateTime bucketStart) {
    return (first == null || !bucketStart.isBefore(first))
        && (last == null || !bucketStart.isAfter(last));
  }

  /** The buckets in both ranges; empty when there are none. */
  public Optional<BucketRange> intersect(BucketRange other) {
    return of(later(first, other.first), earlier(last, other.last));
  }

  /** The smallest range holding both. */
  BucketRange hull(BucketRange other) {
    LocalDateTime f = first == null || other.first == null ? null : earlier(first, other.first);
    LocalDateTime l = last == null || other.last == null ? null : later(last, other.last);
    return new BucketRange(f, l);
  }

  private static LocalDateTime later(LocalDateTime a, LocalDateTime b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static LocalDateTime earlier(LocalDateTime a, LocalDateTime b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  /** {@code all buckets}, or {@code 2024-03-01T00:00 .. 2024-03-31T00:00} with {@code *} for an open end. */
  @Override
  public String toString() {
    if (isAll()) {
      return "all buckets";
    }
    return (first == null ? "*" : first.toString()) + " .. " + (last == null ? "*" : last.toString());
  }
}
