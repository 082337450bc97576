/**
 * Structured Streaming sources. Reports over closed buckets: offsets are bucket boundaries in
 * the read's timezone, a bucket is closed once its end plus {@code stream.settle} has passed,
 * and each micro-batch is the batch read ({@code read.FathomScan}) over the buckets it owns, so
 * it has the same planning, budget, row-cap handling and pushdown; with {@code stream.lookback}
 * a batch also reads the last closed buckets again, its rows marked ({@code RereadMarks}) for an
 * upsert sink. Current visitors ({@code option("resource", "current_visitors" |
 * "current_visitors_detail")}): each micro-batch is one answer of {@code GET /current_visitors},
 * fetched on the driver at most once per budget slot ({@link dev.sparkfathom.stream.TriggerPacer}),
 * leased from the token's budget coordinator, and recorded in the checkpoint ({@link
 * dev.sparkfathom.stream.SnapshotLog}) before its offset is logged, so a replayed batch returns
 * the answer it had rather than a new one. Depends on {@code config}, {@code client}, {@code
 * budget} and {@code read}.
 */
package dev.sparkfathom.stream;
