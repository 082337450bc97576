/**
 * The entry point: {@link dev.sparkfathom.FathomDataSource}, registered as
 * {@code format("fathom")}. The flow runs one way through the subpackages: {@code config}
 * (options to a validated read spec), {@code read.pushdown} and {@code read.plan} (pure
 * translation and window planning), {@code budget} (the driver's request schedule),
 * {@code read} (Spark's scan, partitions and readers), {@code client} (HTTP). The
 * {@code emulator} is a local Fathom for development and tests and depends on none of them.
 * What reads cost, for jobs: {@link dev.sparkfathom.FathomQueryListener} (every query execution
 * of a session) and {@link dev.sparkfathom.FathomMetrics} (a Dataset's own executed plan).
 */
package dev.sparkfathom;
