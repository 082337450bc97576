package dev.sparkfathom.read;

import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.read.pushdown.BucketAxis;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The date column's value of a bucket, as Spark holds it: int days for a DATE, microseconds
 * of the bucket's first instant for a TIMESTAMP, of its wall-clock time for a TIMESTAMP_NTZ.
 * An hour the read's timezone does not have is an error, never a guess.
 */
final class RowConverter {
  private final DateGrouping grouping;
  /** The same bucket values the date-filter narrowing uses, so the two always agree. */
  private final BucketAxis axis;

  RowConverter(DateGrouping grouping, ZoneId zone) {
    this.grouping = grouping;
    this.axis = grouping == null ? null : new BucketAxis(grouping, zone);
  }

  /** The local hour itself, as Spark holds a TIMESTAMP_NTZ: microseconds of the wall-clock time. */
  long labelValue(LocalDateTime bucket) {
    if (!axis.exists(bucket)) {
      throw new IllegalStateException("Fathom sent hour " + bucket + ", which does not exist in "
          + axis.zone() + " (skipped by a DST change)");
    }
    return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), bucket);
  }

  /** A DATE's days since 1970-01-01, or an hour's first instant in microseconds. */
  long dateValue(LocalDateTime bucket) {
    if (grouping == DateGrouping.HOUR) {
      Instant start = axis.firstInstant(bucket);
      if (start == null) {
        throw new IllegalStateException("Fathom sent hour " + bucket + ", which does not exist in "
            + axis.zone() + " (skipped by a DST change)");
      }
      return ChronoUnit.MICROS.between(Instant.EPOCH, start);
    }
    return bucket.toLocalDate().toEpochDay();
  }
}
