package dev.sparkfathom.read;

import dev.sparkfathom.client.ClientConfig;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One request for an executor to make: plain values only. {@code scanId} names the planned
 * scan (for the partition cache); {@code notBeforeMillis} is the start time the driver's
 * budget schedule gave it (epoch milliseconds).
 */
public record FathomInputPartition(String scanId, int index, PlannedRequest request,
    long notBeforeMillis, ClientConfig client, RowLayout layout)
    implements InputPartition {}
