package dev.sparkfathom.read;

import dev.sparkfathom.api.ApiTime;
import dev.sparkfathom.budget.BudgetRoute;
import dev.sparkfathom.budget.Budgets;
import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.AggregationResult;
import dev.sparkfathom.client.AggregationRow;
import dev.sparkfathom.client.RequestStats;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.FathomDecodeException;
import dev.sparkfathom.client.FathomException;
import dev.sparkfathom.read.cap.CappedRead;
import dev.sparkfathom.read.cap.RowCapException;
import dev.sparkfathom.read.plan.Window;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Makes one partition's request and yields its rows. The client decodes the whole answer
 * (streaming, retrying as its policy says) before any row is yielded, so a retried request
 * never yields a row twice. Rows of buckets the window does not own (from a request widened
 * at a DST edge) are dropped.
 *
 * <p>In today's API a grouped answer that fills the row cap is read on past it by
 * {@link CappedRead}: the follow-up requests go through the same client (so they take rate
 * budget like the first) and the partition's rows are all known, or the read has failed,
 * before its first row is returned.
 */
final class FathomPartitionReader implements PartitionReader<InternalRow> {
  /** The local property Spark gives every task of a SQL execution (Spark's SQLExecution.EXECUTION_ID_KEY). */
  static final String SQL_EXECUTION_ID = "spark.sql.execution.id";

  private final FathomInputPartition partition;
  private final BudgetRoute budget;
  private final RowConverter converter;
  private List<AggregationRow> rows;
  private RequestStats stats = RequestStats.NONE;
  private long fetched;
  private long returned;
  private long followUps;
  private int requests;
  private int next;
  private InternalRow current;

  FathomPartitionReader(FathomInputPartition partition, BudgetRoute budget) {
    this.partition = partition;
    this.budget = budget;
    AggregationQuery q = partition.request().query();
    this.converter = new RowConverter(partition.layout(), q.dateGrouping(), partition.zone());
  }

  @Override
  public boolean next() {
    if (rows == null) {
      rows = fetch();
    }
    Window window = partition.request().window();
    while (next < rows.size()) {
      AggregationRow row = rows.get(next++);
      try {
        LocalDateTime bucket = row.bucket();
        if (bucket == null || window.owns(bucket)) {
          current = converter.convert(row, bucket);
          returned++;
          return true;
        }
      } catch (IllegalStateException e) {
        // A row Fathom sent that the relation cannot hold (an hour that does not exist in the
        // read's timezone): fail the read, naming the window, rather than guess.
        throw new FathomReadException(describe(window),
            new FathomDecodeException("unexpected row from Fathom: " + e.getMessage(), 200, null, e));
      }
    }
    return false;
  }

  /**
   * The partition's answer: from the JVM's cache when this SQL execution read it already (a
   * rerun within the execution). A task outside any SQL execution (no execution id: an RDD
   * job), or of a read that keeps nothing ({@code cache.partition_bytes=0}), always asks Fathom.
   */
  private List<AggregationRow> fetch() {
    if (partition.cache() != null) {
      return CacheAccess.readThrough(partition.cache(), this::fetchOnce);
    }
    return fetchOnce();
  }

  private List<AggregationRow> fetchOnce() {
    TaskContext task = TaskContext.get();
    String execution = task == null ? null : task.getLocalProperty(SQL_EXECUTION_ID);
    if (execution == null || partition.cacheBytes() == 0) {
      return request();
    }
    PartitionResultCache.Key key = new PartitionResultCache.Key(execution, partition.scanId(), partition.index());
    List<AggregationRow> cached = PartitionResultCache.SHARED.get(key);
    if (cached != null) {
      return cached;
    }
    List<AggregationRow> fetched = request();
    PartitionResultCache.SHARED.put(key, fetched, partition.cacheBytes());
    return fetched;
  }

  private List<AggregationRow> request() {
    try (FathomClient client = FathomClient.builder(partition.client())
        .budget(Budgets.forRoute(budget, partition.client())).build()) {
      if (partition.rowLimit() == null) {
        AggregationResult result = client.aggregate(partition.request().query());
        stats = result.stats();
        fetched = result.rows().size();
        return result.rows();
      }
      // Follow-up requests go through the same client: each leases from the coordinator.
      CappedRead.Result result = CappedRead.read(partition.request().query(),
          new CappedRead.Settings(partition.rowLimit(), partition.alwaysCheck(), partition.zone()),
          q -> {
            followUps = requests++;
            AggregationResult r = client.aggregate(q);
            stats = stats.plus(r.stats());
            fetched += r.rows().size();
            return r.rows();
          });
      return result.rows();
    } catch (FathomException e) {
      stats = stats.plus(e.stats());
      throw new FathomReadException(describe(partition.request().window()), e);
    } catch (RowCapException e) {
      throw new FathomReadException(describe(partition.request().window()), e);
    }
  }

  static String describe(Window w) {
    return "window " + (w.index() + 1) + " (" + ApiTime.FORMAT.format(w.dateFrom()) + " to "
        + ApiTime.FORMAT.format(w.dateTo()) + ")";
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return ScanMetrics.of(stats, fetched, returned, followUps);
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() {
    rows = null;
  }
}
