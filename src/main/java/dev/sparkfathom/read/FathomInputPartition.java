package dev.sparkfathom.read;

import dev.sparkfathom.cache.CachedRequest;
import dev.sparkfathom.client.ClientConfig;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One request for an executor to make, as plain values: the query, the window it owns, the
 * row layout, and the client config, which carries the token (the executor needs it to
 * authenticate; it redacts itself in every {@code toString}). {@code scanId} names the
 * planned scan, for the partition cache. {@code cache} is how to use the response cache, or
 * null when it is off or the window is still open.
 */
public record FathomInputPartition(String scanId, int index, PlannedRequest request,
    ClientConfig client, RowLayout layout, CachedRequest cache)
    implements InputPartition {}
