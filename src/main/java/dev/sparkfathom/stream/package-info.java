/**
 * Structured Streaming sources. Here: current visitors as a stream
 * ({@code option("resource", "current_visitors" | "current_visitors_detail")}): each micro-batch
 * is one answer of {@code GET /current_visitors}, fetched on the driver at most once per budget
 * slot ({@link dev.sparkfathom.stream.TriggerPacer}), leased from the token's budget coordinator,
 * and recorded in the checkpoint ({@link dev.sparkfathom.stream.SnapshotLog}) before its offset is
 * logged, so a replayed batch returns the answer it had rather than a new one. Depends on
 * {@code config}, {@code client}, {@code budget} and {@code read} (for the driver's budget route).
 */
package dev.sparkfathom.stream;
