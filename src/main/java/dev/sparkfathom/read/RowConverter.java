package dev.sparkfathom.read;

import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.client.AggregationRow;
import dev.sparkfathom.read.pushdown.BucketAxis;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/** Turns decoded rows into Spark's internal rows, column by column as the layout says. */
final class RowConverter {
  private final RowLayout layout;
  private final DateGrouping grouping;
  /** The same bucket values the date-filter narrowing uses, so the two always agree. */
  private final BucketAxis axis;

  RowConverter(RowLayout layout, DateGrouping grouping, ZoneId zone) {
    this.layout = layout;
    this.grouping = grouping;
    this.axis = grouping == null ? null : new BucketAxis(grouping, zone);
  }

  /** @param bucket the row's parsed bucket start, or null without date grouping */
  InternalRow convert(AggregationRow row, LocalDateTime bucket) {
    Object[] values = new Object[layout.size()];
    for (int c = 0; c < values.length; c++) {
      values[c] = switch (layout.kind(c)) {
        case RowLayout.FIELD -> utf8(row.fields()[layout.index(c)]);
        case RowLayout.DATE -> dateValue(bucket);
        case RowLayout.DATE_LABEL -> labelValue(bucket);
        case RowLayout.LONG_METRIC -> longValue(row.metrics()[layout.index(c)]);
        default -> doubleValue(row.metrics()[layout.index(c)]);
      };
    }
    return new GenericInternalRow(values);
  }

  /** The local hour itself, as Spark holds a TIMESTAMP_NTZ: microseconds of the wall-clock time. */
  private Object labelValue(LocalDateTime bucket) {
    if (!axis.exists(bucket)) {
      throw new IllegalStateException("Fathom sent hour " + bucket + ", which does not exist in "
          + axis.zone() + " (skipped by a DST change)");
    }
    return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), bucket);
  }

  private Object dateValue(LocalDateTime bucket) {
    if (grouping == DateGrouping.HOUR) {
      Instant start = axis.firstInstant(bucket);
      if (start == null) {
        throw new IllegalStateException("Fathom sent hour " + bucket + ", which does not exist in "
            + axis.zone() + " (skipped by a DST change)");
      }
      return ChronoUnit.MICROS.between(Instant.EPOCH, start);
    }
    return (int) bucket.toLocalDate().toEpochDay();
  }

  private static UTF8String utf8(String s) {
    return s == null ? null : UTF8String.fromString(s);
  }

  private static Long longValue(Number n) {
    return n == null ? null : n.longValue();
  }

  private static Double doubleValue(Number n) {
    return n == null ? null : n.doubleValue();
  }
}
