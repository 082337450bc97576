package dev.sparkfathom.read;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/**
 * Makes the reader of a partition on an executor. Carries the start time the driver's
 * schedule booked for each partition (epoch milliseconds, by partition index).
 */
final class FathomReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;
  private final long[] notBeforeMillis;

  FathomReaderFactory(long[] notBeforeMillis) {
    this.notBeforeMillis = notBeforeMillis;
  }

  long notBeforeMillis(int partition) {
    return notBeforeMillis[partition];
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    FathomInputPartition p = (FathomInputPartition) partition;
    return new FathomPartitionReader(p, notBeforeMillis[p.index()], StartGate.SYSTEM);
  }
}
