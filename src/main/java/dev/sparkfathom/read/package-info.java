/**
 * Spark's side of a read: the table, the thin scan builder that hands offered filters and
 * columns to {@code read.pushdown}, the scan that plans its requests once on the driver (with
 * {@code read.plan} and {@code budget}) and describes them for EXPLAIN, the partitions (plain
 * values: the query, its window, the row layout), and the reader that makes one request
 * through the {@code client} and turns its rows into {@code InternalRow}s, keeping each answer
 * for Spark's reruns within one query execution ({@code PartitionResultCache}, released by the
 * listener {@code SparkHooks} installs). May depend on
 * {@code config}, {@code api}, {@code client}, {@code budget}, {@code read.pushdown},
 * {@code read.plan} and Spark; never on the emulator.
 */
package dev.sparkfathom.read;
