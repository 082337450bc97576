package dev.sparkfathom.read;

import dev.sparkfathom.cache.CachedRequest;
import dev.sparkfathom.client.ClientConfig;
import java.time.ZoneId;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One request for an executor to make, as plain values: the query, the window it owns, the
 * row layout, and the client config, which carries the token (the executor needs it to
 * authenticate; it redacts itself in every {@code toString}). {@code scanId} names the
 * planned scan, for the partition cache. {@code zone} is the read's timezone (the request may
 * not name it: today a read defaults to the site's). {@code rowLimit} is the row cap the
 * reader reads past (null when the answer is not capped: the legacy API, an ungrouped request,
 * a pushed top-N or LIMIT within the cap); {@code alwaysCheck} makes every value split check
 * itself ({@code pushdown.assume_documented_semantics=false}). {@code cache} is how to use the
 * response cache, or null when it is off or the window is still open. {@code cacheBytes} is the
 * largest answer the executor's partition cache may keep of it (option
 * {@code cache.partition_bytes}; 0 keeps none).
 */
public record FathomInputPartition(String scanId, int index, PlannedRequest request,
    ClientConfig client, RowLayout layout, ZoneId zone, Integer rowLimit, boolean alwaysCheck,
    CachedRequest cache, long cacheBytes)
    implements InputPartition {}
