/**
 * The emulator's query engine: the query and answer types of the {@code DataStore} contract,
 * and the aggregation over columnar chunks (filter compilation to per-code tables, date
 * bucketing with time zones, a primitive group table, sorting) and current visitors. Pure
 * computation over {@code dev.sparkfathom.emulator.data} chunks and dictionaries; may depend on
 * {@code dev.sparkfathom.api}, not on the client, the server or Spark.
 */
package dev.sparkfathom.emulator.engine;
