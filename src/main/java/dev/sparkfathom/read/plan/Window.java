package dev.sparkfathom.read.plan;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One request of a read and the buckets it answers for.
 *
 * <p>The request may return rows of buckets the window does not own (a DST edge that the API's
 * local-time bounds cannot express exactly makes the planner request a little wider); the reader
 * keeps a row only if {@link #owns} its bucket. Every owned bucket is covered whole (as far as the
 * read's range reaches) by this window's request.
 *
 * @param index position in the plan, from 0
 * @param dateFrom the request's {@code date_from}: local time, inclusive, whole seconds
 * @param dateTo the request's {@code date_to}: local time, inclusive, whole seconds
 * @param firstBucket local start of the first bucket this window owns; {@code null} without
 *     date grouping
 * @param lastBucket local start of the last bucket this window owns; {@code null} without date
 *     grouping
 */
public record Window(
    int index,
    LocalDateTime dateFrom,
    LocalDateTime dateTo,
    LocalDateTime firstBucket,
    LocalDateTime lastBucket)
    implements Serializable {

  public Window {
    Objects.requireNonNull(dateFrom, "dateFrom");
    Objects.requireNonNull(dateTo, "dateTo");
    if (index < 0) {
      throw new IllegalArgumentException("window index must be at least 0; got: " + index);
    }
    if ((firstBucket == null) != (lastBucket == null)) {
      throw new IllegalArgumentException(
          "a window owns buckets at both ends or none; got: " + firstBucket + ", " + lastBucket);
    }
    if (firstBucket != null && firstBucket.isAfter(lastBucket)) {
      throw new IllegalArgumentException(
          "first bucket must not be after last; got: " + firstBucket + " > " + lastBucket);
    }
  }

  /**
   * Whether this window answers for the bucket starting at local time {@code bucketStart}. Always
   * true without date grouping: the single window then keeps every row.
   */
  public boolean owns(LocalDateTime bucketStart) {
    return firstBucket == null
        || (!bucketStart.isBefore(firstBucket) && !bucketStart.isAfter(lastBucket));
  }

  /** Whether this window owns buckets, i.e. the read has date grouping. */
  public boolean hasBuckets() {
    return firstBucket != null;
  }
}
