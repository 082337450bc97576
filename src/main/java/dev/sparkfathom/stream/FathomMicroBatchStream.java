package dev.sparkfathom.stream;

import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.config.FathomOptions;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.FathomScan;
import dev.sparkfathom.read.FathomSchema;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxRows;
import org.apache.spark.sql.connector.read.streaming.SupportsTriggerAvailableNow;
import org.apache.spark.sql.types.StructType;

/**
 * A Fathom report as a stream of closed buckets. Offsets are bucket boundaries in the read's
 * timezone ({@link BucketOffset}); the first is {@code date_from} (floored to its bucket). A
 * boundary is available once it plus {@code stream.settle} has passed on the read's clock, so
 * every bucket is read only after it closed. A micro-batch from {@code a} to {@code b} is the
 * batch scan over {@code a .. b - 1 s}: the same planner, budget, row-cap handling and pushdown,
 * and, since offsets are plain boundaries, the same requests when a restart replays it.
 *
 * <p>Late data: with {@code stream.lookback} = N a micro-batch also reads the N closed buckets
 * before its start again, and marks every row with {@link FathomSchema#REREAD} (true for a
 * re-read bucket), so a MERGE/upsert or {@code foreachBatch} sink replaces the bucket's earlier
 * rows. A batch with no new bucket is not run (its offsets do not move), so re-reads come with
 * new buckets only.
 *
 * <p>Admission control: {@code maxBucketsPerTrigger} bounds the buckets of one batch; Spark
 * carries it as a {@link ReadLimit#maxRows} whose "rows" are buckets. {@code Trigger.AvailableNow}
 * reads up to the boundary available when the query started, then stops.
 */
public final class FathomMicroBatchStream implements MicroBatchStream, SupportsTriggerAvailableNow {
  private final FathomScan base;
  private final ReadSpec spec;
  private final ChronoUnit unit;
  private BucketOffset availableNowEnd;
  private FathomScan planned;
  private BatchRange plannedRange;

  public FathomMicroBatchStream(FathomScan base, ReadSpec spec) {
    this.base = base;
    this.spec = spec;
    if (spec.dateGrouping() != DateGrouping.HOUR && spec.dateGrouping() != DateGrouping.DAY) {
      throw new IllegalArgumentException("a Fathom stream needs '" + FathomOptions.DATE_GROUPING
          + "' hour or day; got: " + (spec.dateGrouping() == null ? "none" : "'" + spec.dateGrouping().apiName() + "'"));
    }
    if (spec.dateFrom() == null) {
      throw new IllegalArgumentException("a Fathom stream needs '" + FathomOptions.DATE_FROM
          + "': its first offset (e.g. 2024-05-01)");
    }
    if (spec.dateTo() != null) {
      throw new IllegalArgumentException("a Fathom stream reads on as buckets close; '" + FathomOptions.DATE_TO
          + "' is for batch reads; got: '" + spec.dateTo() + "'");
    }
    this.unit = spec.dateGrouping() == DateGrouping.HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS;
  }

  private LocalDateTime floor(LocalDateTime t) {
    return t.truncatedTo(unit);
  }

  @Override
  public Offset initialOffset() {
    return new BucketOffset(floor(spec.dateFrom()));
  }

  /** The last boundary whose bucket has closed: its instant plus the settle delay has passed. */
  BucketOffset closedBoundary() {
    Instant settled = spec.schedule().clock().instant().minus(spec.schedule().settle());
    LocalDateTime local = floor(LocalDateTime.ofInstant(settled, spec.timezone()));
    LocalDateTime first = floor(spec.dateFrom());
    return new BucketOffset(local.isBefore(first) ? first : local);
  }

  @Override
  public Offset latestOffset() {
    throw new UnsupportedOperationException("Spark asks latestOffset(start, limit) of a source with admission control");
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    int n = spec.schedule().maxBucketsPerTrigger();
    return n == 0 ? ReadLimit.allAvailable() : ReadLimit.maxRows(n);
  }

  @Override
  public void prepareForTriggerAvailableNow() {
    availableNowEnd = closedBoundary();
  }

  @Override
  public Offset latestOffset(Offset startOffset, ReadLimit limit) {
    LocalDateTime start = startOffset == null ? floor(spec.dateFrom()) : ((BucketOffset) startOffset).boundary();
    LocalDateTime end = (availableNowEnd != null ? availableNowEnd : closedBoundary()).boundary();
    if (limit instanceof ReadMaxRows max && max.maxRows() < Long.MAX_VALUE) {
      LocalDateTime bounded = start.plus(max.maxRows(), unit);
      end = bounded.isBefore(end) ? bounded : end;
    }
    return new BucketOffset(end.isBefore(start) ? start : end);
  }

  /**
   * What a micro-batch from {@code start} to {@code end} reads: its new buckets, and before them
   * the last {@code stream.lookback} closed buckets again (never before {@code date_from}).
   *
   * @param readFrom the first bucket read (the start less the lookback)
   * @param start the first bucket not delivered before; rows of buckets before it are re-reads
   * @param end the boundary after the last bucket read
   */
  record BatchRange(LocalDateTime readFrom, LocalDateTime start, LocalDateTime end) {
    boolean empty() {
      return !start.isBefore(end);
    }
  }

  BatchRange range(Offset start, Offset end) {
    LocalDateTime from = ((BucketOffset) start).boundary();
    LocalDateTime to = ((BucketOffset) end).boundary();
    LocalDateTime back = from.minus(spec.schedule().lookback(), unit);
    LocalDateTime first = floor(spec.dateFrom());
    return new BatchRange(back.isBefore(first) ? first : back, from, to);
  }

  /**
   * The batch scan over the batch's range. With {@code stream.lookback} the response cache is
   * left out (a re-read is for answers that changed since they were first read).
   */
  @Override
  public InputPartition[] planInputPartitions(Offset start, Offset end) {
    BatchRange r = range(start, end);
    if (r.empty()) {
      planned = null;
      return new InputPartition[0];
    }
    plannedRange = r;
    ReadSpec batch = spec.withRange(r.readFrom(), r.end().minusSeconds(1));
    if (spec.schedule().lookback() > 0) {
      batch = batch.withSchedule(spec.schedule().withoutCache());
    }
    planned = base.withSpec(batch);
    return planned.planInputPartitions();
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    if (planned == null) {
      return new NoPartitions();
    }
    PartitionReaderFactory inner = planned.createReaderFactory();
    if (spec.schedule().lookback() == 0) {
      return inner;
    }
    StructType schema = base.readSchema();
    int date = schema.fieldIndex(FathomSchema.DATE);
    return new RereadMarks.Factory(inner, new RereadMarks(schema.fields()[date].dataType(), date,
        spec.timezone(), plannedRange.start()));
  }

  /** The factory of a batch with no partitions: Spark may ask for one, never for a reader. */
  private static final class NoPartitions implements PartitionReaderFactory, Serializable {
    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      throw new IllegalStateException("an empty Fathom micro-batch has no partitions");
    }
  }

  @Override
  public Offset deserializeOffset(String json) {
    return BucketOffset.parse(json);
  }

  @Override
  public void commit(Offset end) {}

  @Override
  public void stop() {}
}
