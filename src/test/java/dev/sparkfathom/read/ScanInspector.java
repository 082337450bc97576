package dev.sparkfathom.read;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import scala.jdk.javaapi.CollectionConverters;

/** Finds the Fathom scans of an executed query, with their planned requests and metrics. */
final class ScanInspector {
  private ScanInspector() {}

  static List<BatchScanExec> scanNodes(Dataset<?> executed) {
    List<BatchScanExec> out = new ArrayList<>();
    walk(executed.queryExecution().executedPlan(), out);
    return out;
  }

  static List<FathomScan> scans(Dataset<?> executed) {
    return scanNodes(executed).stream().map(b -> (FathomScan) b.scan()).toList();
  }

  static long metric(Dataset<?> executed, String name) {
    long sum = 0;
    for (BatchScanExec b : scanNodes(executed)) {
      sum += (Long) b.metrics().apply(name).value();
    }
    return sum;
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
