package dev.sparkfathom;

import dev.sparkfathom.read.FathomScan;
import dev.sparkfathom.read.ScanMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the Fathom reads of an executed query cost, from the scans' Spark UI metrics. Call it
 * after an action that runs the Dataset itself ({@code collectAsList}, {@code foreach},
 * {@code write}); {@code show()} and {@code count()} run a derived query of their own, whose
 * metrics this Dataset does not see (the Spark UI shows them either way).
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
   * Each metric of {@link ScanMetrics}, summed over the query's Fathom scans. Requests, retries,
   * 429s and budget wait come from the scan's budget coordinator, which counts every HTTP
   * attempt as it is leased, those of failed task attempts included (Spark drops a failed
   * task's metrics); the rest, and all of them when the coordinator cannot be asked, from the
   * Spark UI's metrics.
   */
  public static Map<String, Long> of(Dataset<?> executed) {
    Map<String, Long> sums = new LinkedHashMap<>();
    for (String name : ScanMetrics.NAMES) {
      long sum = 0;
      for (BatchScanExec scan : scanNodes(executed)) {
        Long counted = ScanMetrics.fromTally(((FathomScan) scan.scan()).budgetTally(), name);
        sum += counted != null ? counted : (Long) scan.metrics().apply(name).value();
      }
      sums.put(name, sum);
    }
    return sums;
  }

  /** The query's Fathom scan nodes, after adaptive execution settled the plan. */
  public static List<BatchScanExec> scanNodes(Dataset<?> executed) {
    List<BatchScanExec> out = new ArrayList<>();
    walk(executed.queryExecution().executedPlan(), out);
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
    if (p instanceof BatchScanExec b && b.scan() instanceof FathomScan) {
      out.add(b);
    }
    for (SparkPlan child : CollectionConverters.asJava(p.children())) {
      walk(child, out);
    }
  }
}
