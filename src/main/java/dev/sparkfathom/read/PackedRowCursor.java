package dev.sparkfathom.read;

import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.client.PackedRows;
import dev.sparkfathom.read.plan.Window;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Yields the rows of packed pages ({@link PackedRows}) that the window owns as Spark rows, in
 * one reused mutable row, as Spark's own scans do (the scan projects each row to an unsafe row
 * before asking for the next): dimension values as {@link UTF8String}s over the page's UTF-8
 * bytes (one per distinct value, made when first needed), metrics as primitive longs and
 * doubles, the date as int days or long microseconds. Whether a bucket is owned, and its date
 * value, are worked out once per distinct bucket of a page ({@link RowConverter} says how, and
 * raises the error of an hour the read's timezone does not have, when a row of it is yielded).
 */
final class PackedRowCursor {
  private static final byte UNKNOWN = 0;
  private static final byte SKIP = 1;
  private static final byte KEEP = 2;

  private final RowLayout layout;
  private final RowConverter converter;
  private final Window window;
  private final boolean hourly;
  private final SpecificInternalRow row;
  private PackedRows page;
  private int next;
  private UTF8String[] strings;
  private byte[] bucketState;
  private long[] bucketCell;

  PackedRowCursor(RowLayout layout, DateGrouping grouping, ZoneId zone, Window window) {
    this.layout = layout;
    this.converter = new RowConverter(grouping, zone);
    this.window = window;
    this.hourly = grouping == DateGrouping.HOUR;
    this.row = new SpecificInternalRow(schema(layout, hourly));
  }

  /** The Spark types of the layout's columns, as the cells are set. */
  static StructType schema(RowLayout layout, boolean hourly) {
    StructType s = new StructType();
    for (int c = 0; c < layout.size(); c++) {
      DataType t = switch (layout.kind(c)) {
        case RowLayout.FIELD -> DataTypes.StringType;
        case RowLayout.DATE -> hourly ? DataTypes.TimestampType : DataTypes.DateType;
        case RowLayout.DATE_LABEL -> DataTypes.TimestampNTZType;
        case RowLayout.LONG_METRIC -> DataTypes.LongType;
        default -> DataTypes.DoubleType;
      };
      s = s.add("c" + c, t);
    }
    return s;
  }

  /** Starts on {@code next}, a page laid out as the partition's query. */
  void reset(PackedRows next) {
    this.page = next;
    this.next = 0;
    this.strings = new UTF8String[next.valueCount()];
    this.bucketState = new byte[next.bucketCount()];
    this.bucketCell = new long[next.bucketCount()];
  }

  /**
   * Moves to the next owned row of the page; false at its end.
   *
   * @throws IllegalStateException for a row the relation cannot hold (an hour that does not
   *     exist in the read's timezone)
   */
  boolean next() {
    if (page == null) {
      return false;
    }
    int size = page.size();
    while (next < size) {
      int r = next++;
      int b = page.bucketId(r);
      if (b >= 0 && state(b) == SKIP) {
        continue;
      }
      fill(r, b);
      return true;
    }
    return false;
  }

  /** The current row; the same object, changed by each {@link #next}. */
  InternalRow row() {
    return row;
  }

  private byte state(int bucket) {
    byte s = bucketState[bucket];
    if (s == UNKNOWN) {
      LocalDateTime start = page.bucket(bucket);
      if (!window.owns(start)) {
        s = SKIP;
      } else {
        bucketCell[bucket] = cell(start);
        s = KEEP;
      }
      bucketState[bucket] = s;
    }
    return s;
  }

  /** The date column's value of a bucket (0 when the read has no date column). */
  private long cell(LocalDateTime start) {
    for (int c = 0; c < layout.size(); c++) {
      byte k = layout.kind(c);
      if (k == RowLayout.DATE) {
        return converter.dateValue(start);
      }
      if (k == RowLayout.DATE_LABEL) {
        return converter.labelValue(start);
      }
    }
    return 0;
  }

  private void fill(int r, int bucket) {
    for (int c = 0; c < layout.size(); c++) {
      int i = layout.index(c);
      switch (layout.kind(c)) {
        case RowLayout.FIELD -> {
          int id = page.valueId(r, i);
          if (id < 0) {
            row.setNullAt(c);
          } else {
            UTF8String s = strings[id];
            if (s == null) {
              s = strings[id] = UTF8String.fromBytes(page.valueBytes(id));
            }
            row.update(c, s);
          }
        }
        case RowLayout.DATE -> {
          if (hourly) {
            row.setLong(c, bucketCell[bucket]);
          } else {
            row.setInt(c, (int) bucketCell[bucket]);
          }
        }
        case RowLayout.DATE_LABEL -> row.setLong(c, bucketCell[bucket]);
        case RowLayout.LONG_METRIC -> {
          if (page.metricNull(r, i)) {
            row.setNullAt(c);
          } else {
            row.setLong(c, page.longMetric(r, i));
          }
        }
        default -> {
          if (page.metricNull(r, i)) {
            row.setNullAt(c);
          } else {
            row.setDouble(c, page.doubleMetric(r, i));
          }
        }
      }
    }
  }
}
