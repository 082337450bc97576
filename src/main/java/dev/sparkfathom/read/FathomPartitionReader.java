package dev.sparkfathom.read;

import dev.sparkfathom.api.ApiTime;
import dev.sparkfathom.budget.BudgetRoute;
import dev.sparkfathom.budget.Budgets;
import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.AggregationResult;
import dev.sparkfathom.client.AggregationRow;
import dev.sparkfathom.client.PackedResult;
import dev.sparkfathom.client.PackedRows;
import dev.sparkfathom.client.RequestStats;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.FathomDecodeException;
import dev.sparkfathom.client.FathomException;
import dev.sparkfathom.read.cap.CappedRead;
import dev.sparkfathom.read.cap.RowCapException;
import dev.sparkfathom.read.plan.Window;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Makes one partition's request and yields its rows. Each answer is decoded whole (streaming,
 * retrying as the client's policy says) into compact {@link PackedRows} before any of its rows
 * is yielded, so a retried request never yields a row twice and a body that breaks late never
 * yields part of itself. Rows of buckets the window does not own (from a request widened at a
 * DST edge) are dropped. Rows are yielded by {@link PackedRowCursor}, straight from the packed
 * rows.
 *
 * <p>In today's API a grouped answer that fills the row cap is read on past it by
 * {@link CappedRead}, page by page: a page holds only buckets no later request can change
 * (a value split comes whole, after its check), so its rows are yielded before the next
 * follow-up request is made. The follow-up requests go through the same client, so they take
 * rate budget like the first. A read that fails on a later page fails the task, and Spark
 * keeps nothing of a failed task.
 */
final class FathomPartitionReader implements PartitionReader<InternalRow> {
  /** The local property Spark gives every task of a SQL execution (Spark's SQLExecution.EXECUTION_ID_KEY). */
  static final String SQL_EXECUTION_ID = "spark.sql.execution.id";

  private final FathomInputPartition partition;
  private final BudgetRoute budget;
  private final PackedRowCursor cursor;
  /** The pages still to yield; null before the first {@link #next}. */
  private Iterator<PackedRows> pages;
  private FathomClient client;
  private CappedRead.Pages capped;
  /** The pages read so far, for the cache; null when not kept (over the bound, or cached). */
  private List<PackedRows> kept;
  private long keptBytes;
  private PartitionResultCache.Key key;
  private RequestStats stats = RequestStats.NONE;
  private long fetched;
  private long returned;
  private long followUps;
  private int requests;
  private InternalRow current;

  FathomPartitionReader(FathomInputPartition partition, BudgetRoute budget) {
    this.partition = partition;
    this.budget = budget;
    AggregationQuery q = partition.request().query();
    this.cursor = new PackedRowCursor(partition.layout(), q.dateGrouping(), partition.zone(),
        partition.request().window());
  }

  @Override
  public boolean next() {
    if (pages == null) {
      pages = open();
    }
    Window window = partition.request().window();
    while (true) {
      try {
        if (cursor.next()) {
          current = cursor.row();
          returned++;
          return true;
        }
      } catch (IllegalStateException e) {
        // A row Fathom sent that the relation cannot hold (an hour that does not exist in the
        // read's timezone): fail the read, naming the window, rather than guess.
        throw new FathomReadException(describe(window),
            new FathomDecodeException("unexpected row from Fathom: " + e.getMessage(), 200, null, e));
      }
      if (!pages.hasNext()) {
        finish();
        return false;
      }
      cursor.reset(pages.next());
    }
  }

  /**
   * The partition's pages: with the response cache ({@code cache.path}) on for this closed
   * window, its whole answer through that cache; else from the JVM's cache when this SQL
   * execution read it already (a rerun within the execution), else from Fathom, kept for the
   * cache as they come while they fit its bound. A task outside any SQL execution (no execution
   * id: an RDD job), or of a read that keeps nothing ({@code cache.partition_bytes=0}), always
   * asks Fathom.
   */
  private Iterator<PackedRows> open() {
    if (partition.cache() != null) {
      List<AggregationRow> rows = CacheAccess.readThrough(partition.cache(), this::requestWhole);
      return List.of(PackedRows.of(partition.request().query(), rows)).iterator();
    }
    TaskContext task = TaskContext.get();
    String execution = task == null ? null : task.getLocalProperty(SQL_EXECUTION_ID);
    if (execution != null && partition.cacheBytes() != 0) {
      PartitionResultCache.Key k = new PartitionResultCache.Key(execution, partition.scanId(), partition.index());
      List<PackedRows> cached = PartitionResultCache.SHARED.get(k);
      if (cached != null) {
        return cached.iterator();
      }
      key = k;
      kept = new ArrayList<>();
    }
    client = FathomClient.builder(partition.client())
        .budget(Budgets.forRoute(budget, partition.client())).build();
    if (partition.rowLimit() != null) {
      // Follow-up requests go through the same client: each leases from the coordinator.
      AggregationQuery query = partition.request().query();
      capped = CappedRead.pages(query,
          new CappedRead.Settings(partition.rowLimit(), partition.alwaysCheck(), partition.zone()),
          q -> {
            followUps = requests++;
            AggregationResult r = client.aggregate(q);
            stats = stats.plus(r.stats());
            fetched += r.rows().size();
            return r.rows();
          });
    }
    return new Iterator<>() {
      private boolean first = true;
      private PackedRows ahead;

      @Override
      public boolean hasNext() {
        if (ahead == null) {
          ahead = fetchPage();
        }
        return ahead != null;
      }

      @Override
      public PackedRows next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        PackedRows page = ahead;
        ahead = null;
        return page;
      }

      private PackedRows fetchPage() {
        if (capped == null && !first) {
          return null;
        }
        first = false;
        PackedRows page = request();
        if (page != null) {
          keep(page);
        }
        if (page == null || capped == null) {
          store(); // every page is read, whether or not all are yielded
        }
        return page;
      }
    };
  }

  /** The next page from Fathom, or null when the partition is read. */
  private PackedRows request() {
    try {
      if (capped == null) {
        PackedResult result = client.aggregatePacked(partition.request().query());
        stats = result.stats();
        fetched = result.rows().size();
        return result.rows();
      }
      List<AggregationRow> rows = capped.next();
      return rows == null ? null : PackedRows.of(partition.request().query(), rows);
    } catch (FathomException e) {
      stats = stats.plus(e.stats());
      throw new FathomReadException(describe(partition.request().window()), e);
    } catch (RowCapException e) {
      throw new FathomReadException(describe(partition.request().window()), e);
    }
  }

  /**
   * The window's whole answer at once, for the response cache, which stores only whole answers:
   * read past the row cap as a page-by-page read would, with the same leases and metrics.
   */
  private List<AggregationRow> requestWhole() {
    try (FathomClient c = FathomClient.builder(partition.client())
        .budget(Budgets.forRoute(budget, partition.client())).build()) {
      if (partition.rowLimit() == null) {
        AggregationResult result = c.aggregate(partition.request().query());
        stats = result.stats();
        fetched = result.rows().size();
        return result.rows();
      }
      return CappedRead.read(partition.request().query(),
          new CappedRead.Settings(partition.rowLimit(), partition.alwaysCheck(), partition.zone()),
          q -> {
            followUps = requests++;
            AggregationResult r = c.aggregate(q);
            stats = stats.plus(r.stats());
            fetched += r.rows().size();
            return r.rows();
          }).rows();
    } catch (FathomException e) {
      stats = stats.plus(e.stats());
      throw new FathomReadException(describe(partition.request().window()), e);
    } catch (RowCapException e) {
      throw new FathomReadException(describe(partition.request().window()), e);
    }
  }

  private void keep(PackedRows page) {
    if (kept == null) {
      return;
    }
    keptBytes += page.heldBytes();
    if (keptBytes > Math.min(PartitionResultCache.SHARED.maxBytes(), partition.cacheBytes())) {
      kept = null; // it would not be kept: let the pages yielded go
    } else {
      kept.add(page);
    }
  }

  /** Every page is read: keep them for a rerun, and let the client go. */
  private void store() {
    if (kept != null && key != null) {
      PartitionResultCache.SHARED.put(key, kept, partition.cacheBytes());
      kept = null;
    }
    closeClient();
  }

  /** Every page was yielded. */
  private void finish() {
    closeClient();
  }

  private void closeClient() {
    if (client != null) {
      client.close();
      client = null;
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
    pages = java.util.Collections.emptyIterator();
    kept = null;
    closeClient();
  }
}
