/**
 * Structured Streaming over closed buckets: offsets are bucket boundaries in the read's
 * timezone, a bucket is closed once its end plus {@code stream.settle} has passed, and each
 * micro-batch is the batch read ({@code read.FathomScan}) over the buckets it owns, so it has
 * the same planning, budget, row-cap handling and pushdown. With {@code stream.lookback} a
 * batch also reads the last closed buckets again, its rows marked ({@code RereadMarks}) for an
 * upsert sink. Depends on {@code config} and {@code read}.
 */
package dev.sparkfathom.stream;
