package dev.sparkfathom.read;

import dev.sparkfathom.budget.BudgetRoute;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/**
 * Makes the reader of a partition on an executor. Carries, to every task of the scan, the route
 * to the budget coordinator (with the application's secret) that each request leases from.
 */
final class FathomReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 2L;
  private final BudgetRoute budget;

  FathomReaderFactory(BudgetRoute budget) {
    this.budget = budget;
  }

  BudgetRoute budget() {
    return budget;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    return new FathomPartitionReader((FathomInputPartition) partition, budget);
  }
}
