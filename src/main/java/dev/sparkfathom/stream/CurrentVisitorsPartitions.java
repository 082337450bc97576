package dev.sparkfathom.stream;

import dev.sparkfathom.budget.BudgetRoute;
import java.time.Clock;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/**
 * The partitions of current-visitors reads: a stream's batch carries its recorded answer (small:
 * at most 300 rows), a batch read carries what to ask and asks on the executor.
 */
final class CurrentVisitorsPartitions {
  private CurrentVisitorsPartitions() {}

  /** A stream's batch: the answer recorded when its offset was made. */
  record Recorded(CurrentVisitorsResource resource, VisitorsSnapshot snapshot) implements InputPartition {
    private static final long serialVersionUID = 1L;
  }

  /** A batch read's one partition: ask now. */
  record AskNow(CurrentVisitorsSpec spec) implements InputPartition {
    private static final long serialVersionUID = 1L;
  }

  /** Reads either kind; {@code budget} is the route of a batch read's request (null for a stream). */
  record ReaderFactory(BudgetRoute budget) implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      if (partition instanceof Recorded r) {
        return new ListReader(() -> r.resource().rows(r.snapshot()));
      }
      if (partition instanceof AskNow a) {
        if (budget == null) {
          throw new IllegalStateException("a current-visitors batch read was planned without a budget route");
        }
        CurrentVisitorsSpec spec = a.spec();
        return new ListReader(() -> spec.resource().rows(new VisitorsSnapshot(spec.siteId(), Clock.systemUTC().instant(),
            VisitorsFetcher.client(spec, budget).fetch(spec.siteId(), spec.resource().detailed()))));
      }
      throw new IllegalArgumentException("not a current-visitors partition: " + partition);
    }
  }

  /** Rows made on the first {@code next()}, so nothing is asked before Spark reads. */
  private static final class ListReader implements PartitionReader<InternalRow> {
    private final java.util.function.Supplier<List<InternalRow>> source;
    private List<InternalRow> rows;
    private int next = -1;

    ListReader(java.util.function.Supplier<List<InternalRow>> source) {
      this.source = source;
    }

    @Override
    public boolean next() {
      if (rows == null) {
        rows = source.get();
      }
      return ++next < rows.size();
    }

    @Override
    public InternalRow get() {
      return rows.get(next);
    }

    @Override
    public void close() {
      rows = null;
    }
  }
}
