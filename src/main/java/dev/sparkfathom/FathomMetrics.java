package dev.sparkfathom;

import dev.sparkfathom.catalog.ConversionsScan;
import dev.sparkfathom.read.FathomScan;
import dev.sparkfathom.read.ScanMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.CommandResultExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the Fathom reads of a Dataset's own executed plan cost, from the scans' Spark UI
 * metrics. Only actions that run the Dataset's own plan fill them: {@code collectAsList},
 * {@code collect}, {@code foreach}, {@code toLocalIterator}. {@code show()}, {@code count()},
 * {@code write()} and most others run a plan of their own, which this Dataset does not see:
 * {@link #of} then fails rather than answer zeros. {@link FathomQueryListener} sees every
 * action, including those.
 *
 * <pre>{@code
 * Dataset<Row> top = spark.read().format("fathom")...load().limit(10);
 * List<Row> rows = top.collectAsList();
 * long requests = FathomMetrics.of(top).get(ScanMetrics.REQUESTS);
 * }</pre>
 */
public final class FathomMetrics {
  private FathomMetrics() {}

  /**
   * Each metric of {@link ScanMetrics}, summed over the Dataset's Fathom scans, as of the last
   * action that ran its own plan. Requests, retries, 429s and budget wait come from the scan's
   * budget coordinator, which counts every HTTP attempt as it is leased, those of failed task
   * attempts included (Spark drops a failed task's metrics), for the last run; the rest, and all of them when the coordinator cannot be asked, from the Spark UI's
   * metrics.
   *
   * @throws IllegalArgumentException when the Dataset's plan reads nothing from Fathom
   * @throws IllegalStateException when no action has run the Dataset's own plan (it was only
   *     shown, counted, written, or not run at all): its metrics would read zero
   */
  public static Map<String, Long> of(Dataset<?> executed) {
    List<BatchScanExec> scans = scanNodes(executed);
    if (scans.isEmpty()) {
      throw new IllegalArgumentException("FathomMetrics.of: this Dataset's plan reads nothing from Fathom");
    }
    for (BatchScanExec scan : scans) {
      if (!fathomScans(scan).stream().allMatch(FathomScan::hasRun)) {
        throw new IllegalStateException("FathomMetrics.of: no action has run this Dataset's own plan, so its"
            + " Fathom metrics would read zero. show(), count(), write() and most actions other than"
            + " collect/collectAsList/foreach run a plan of their own: use FathomQueryListener.of(spark)"
            + " to get the Fathom metrics of every query execution");
      }
    }
    // The coordinator's tally counts every run of a scan; the session's listener tells the scan
    // when an execution ends (asynchronously, just after the action returns).
    FathomQueryListener.of(executed.sparkSession()).awaitEvents(java.time.Duration.ofSeconds(30));
    return sum(scans, FathomScan::lastExecutionTally);
  }

  /**
   * Each metric of {@link ScanMetrics}, summed over {@code scans}; requests, retries, 429s and
   * budget wait from the coordinator's tally each scan's {@code tallies} gives, where it has one.
   */
  static Map<String, Long> sum(List<BatchScanExec> scans,
      java.util.function.Function<FathomScan, java.util.Optional<dev.sparkfathom.budget.Tally>> tallies) {
    Map<String, Long> sums = new LinkedHashMap<>();
    for (String name : ScanMetrics.NAMES) {
      long sum = 0;
      for (BatchScanExec scan : scans) {
        Long counted = 0L;
        for (FathomScan part : fathomScans(scan)) {
          Long c = ScanMetrics.fromTally(tallies.apply(part), name);
          if (c == null) {
            counted = null;
            break;
          }
          counted += c;
        }
        sum += counted != null ? counted : (Long) scan.metrics().apply(name).value();
      }
      sums.put(name, sum);
    }
    return sums;
  }

  /**
   * The connector's scans under a scan node: the node's own, or for the catalog's
   * {@code conversions} table, its event report scans (one per selected event).
   */
  static List<FathomScan> fathomScans(BatchScanExec node) {
    return node.scan() instanceof ConversionsScan c ? c.eventScans() : List.of((FathomScan) node.scan());
  }

  /** The query's Fathom scan nodes, after adaptive execution settled the plan. */
  public static List<BatchScanExec> scanNodes(Dataset<?> executed) {
    return scanNodes(executed.queryExecution().executedPlan());
  }

  /** The Fathom scan nodes of a physical plan, also inside adaptive plans, stages and commands. */
  static List<BatchScanExec> scanNodes(SparkPlan plan) {
    List<BatchScanExec> out = new ArrayList<>();
    walk(plan, out);
    return out;
  }

  private static void walk(SparkPlan p, List<BatchScanExec> out) {
    if (p instanceof AdaptiveSparkPlanExec a) {
      walk(a.executedPlan(), out);
      return;
    }
    if (p instanceof QueryStageExec q) {
      walk(q.plan(), out);
      return;
    }
    if (p instanceof CommandResultExec c) {
      walk(c.commandPhysicalPlan(), out);
      return;
    }
    if (p instanceof BatchScanExec b && (b.scan() instanceof FathomScan || b.scan() instanceof ConversionsScan)) {
      out.add(b);
    }
    for (SparkPlan child : CollectionConverters.asJava(p.children())) {
      walk(child, out);
    }
  }
}
