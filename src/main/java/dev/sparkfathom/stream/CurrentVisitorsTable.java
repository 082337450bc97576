package dev.sparkfathom.stream;

import dev.sparkfathom.budget.BudgetRoute;
import dev.sparkfathom.read.DriverBudget;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code format("fathom").option("resource", "current_visitors" | "current_visitors_detail")}:
 * a batch read is one answer now (asked on the executor when the read runs); a stream
 * ({@code spark.readStream}) is {@link CurrentVisitorsStream}, one answer per trigger its budget
 * allows. Planning and {@code DESCRIBE} make no request.
 */
public final class CurrentVisitorsTable implements SupportsRead {
  private final CurrentVisitorsSpec spec;

  public CurrentVisitorsTable(CurrentVisitorsSpec spec) {
    this.spec = spec;
  }

  @Override
  public String name() {
    return "fathom." + spec.siteId() + "." + spec.resource().resourceName();
  }

  @Override
  @SuppressWarnings("deprecation")
  public StructType schema() {
    return spec.resource().schema();
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ, TableCapability.MICRO_BATCH_READ);
  }

  @Override
  public Map<String, String> properties() {
    return Map.of("fathom.resource", spec.resource().resourceName(), "comment", spec.resource().description());
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new CurrentVisitorsScan(spec);
  }

  /** Scan and batch at once: there is nothing to push into one answer. */
  static final class CurrentVisitorsScan implements ScanBuilder, Scan, Batch {
    private final CurrentVisitorsSpec spec;
    private BudgetRoute budget;

    CurrentVisitorsScan(CurrentVisitorsSpec spec) {
      this.spec = spec;
    }

    @Override
    public Scan build() {
      return this;
    }

    @Override
    public StructType readSchema() {
      return spec.resource().schema();
    }

    @Override
    public String description() {
      return "FathomCurrentVisitors[" + spec.describe() + ": " + spec.resource().description() + "]";
    }

    @Override
    public Batch toBatch() {
      return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
      return new InputPartition[] {new CurrentVisitorsPartitions.AskNow(spec)};
    }

    /** The budget route is found only when the read runs, so planning and EXPLAIN stay free. */
    @Override
    public synchronized PartitionReaderFactory createReaderFactory() {
      if (budget == null) {
        budget = DriverBudget.route(spec.budgetCoordinator(), UUID.randomUUID().toString());
      }
      return new CurrentVisitorsPartitions.ReaderFactory(budget);
    }

    @Override
    public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
      BudgetRoute route = DriverBudget.route(spec.budgetCoordinator(), UUID.randomUUID().toString());
      SnapshotLog log = SnapshotLog.at(checkpointLocation, SparkSession.active().sessionState().newHadoopConf());
      return new CurrentVisitorsStream(spec.resource(), spec.siteId(), VisitorsFetcher.client(spec, route),
          Clock.systemUTC(), log, TriggerPacer.forRate(spec.client().aggregationRequestsPerMinute()));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CurrentVisitorsScan s && spec.equals(s.spec);
    }

    @Override
    public int hashCode() {
      return spec.hashCode();
    }
  }
}
