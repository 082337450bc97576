package dev.sparkfathom.read;

import dev.sparkfathom.FathomMetrics;
import java.util.List;
import org.apache.spark.sql.Dataset;

/** Finds the Fathom scans of an executed query, with their planned requests and metrics. */
final class ScanInspector {
  private ScanInspector() {}

  static List<org.apache.spark.sql.execution.datasources.v2.BatchScanExec> scanNodes(Dataset<?> executed) {
    return FathomMetrics.scanNodes(executed);
  }

  static List<FathomScan> scans(Dataset<?> executed) {
    return FathomMetrics.scanNodes(executed).stream().map(b -> (FathomScan) b.scan()).toList();
  }

  static long metric(Dataset<?> executed, String name) {
    return FathomMetrics.of(executed).get(name);
  }
}
