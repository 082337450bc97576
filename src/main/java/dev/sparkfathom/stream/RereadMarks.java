package dev.sparkfathom.stream;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The {@code reread} mark of a micro-batch with {@code stream.lookback}: a row is a re-read when
 * its bucket starts before the batch's start offset (it was delivered by an earlier batch).
 * The bucket is read off the row's {@code date} column, whose type the options chose: a date
 * (day buckets), a local hour label ({@code TimestampNTZType}) or the hour's instant
 * ({@code TimestampType}, {@code hour_type=timestamp}), taken to the read's timezone.
 *
 * @param dateType the {@code date} column's type
 * @param dateIndex the {@code date} column's position in a row without the mark
 * @param zone the read's timezone
 * @param start the batch's start offset: the first bucket not delivered before
 */
record RereadMarks(DataType dateType, int dateIndex, ZoneId zone, LocalDateTime start) implements Serializable {
  private static final InternalRow TRUE = new GenericInternalRow(new Object[] {true});
  private static final InternalRow FALSE = new GenericInternalRow(new Object[] {false});

  RereadMarks {
    if (!dateType.equals(DataTypes.DateType) && !dateType.equals(DataTypes.TimestampNTZType)
        && !dateType.equals(DataTypes.TimestampType)) {
      throw new IllegalArgumentException("a re-read mark needs a date, timestamp_ntz or timestamp bucket; got: "
          + dateType.simpleString());
    }
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(start, "start");
  }

  /** The local start of the row's bucket. */
  LocalDateTime bucket(InternalRow row) {
    if (dateType.equals(DataTypes.DateType)) {
      return LocalDate.ofEpochDay(row.getInt(dateIndex)).atStartOfDay();
    }
    long micros = row.getLong(dateIndex);
    Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    return LocalDateTime.ofInstant(instant, dateType.equals(DataTypes.TimestampNTZType) ? ZoneOffset.UTC : zone);
  }

  boolean reread(InternalRow row) {
    return bucket(row).isBefore(start);
  }

  /** {@code row} with its mark appended. */
  InternalRow mark(InternalRow row) {
    return new JoinedRow(row, reread(row) ? TRUE : FALSE);
  }

  /** Wraps the batch scan's reader factory: each reader's rows get their mark. */
  record Factory(PartitionReaderFactory inner, RereadMarks marks) implements PartitionReaderFactory {
    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      PartitionReader<InternalRow> reader = inner.createReader(partition);
      return new PartitionReader<>() {
        @Override
        public boolean next() throws IOException {
          return reader.next();
        }

        @Override
        public InternalRow get() {
          return marks.mark(reader.get());
        }

        @Override
        public CustomTaskMetric[] currentMetricsValues() {
          return reader.currentMetricsValues();
        }

        @Override
        public void close() throws IOException {
          reader.close();
        }
      };
    }
  }
}
