/**
 * The emulator's data: the raw record types, the {@link dev.sparkfathom.emulator.data.DataStore}
 * contract, and its in-memory columnar implementation ({@code ColumnarDataStore}: dictionaries,
 * chunks, record tables) with JSONL import and export. May depend on {@code dev.sparkfathom.api},
 * the emulator's engine (which answers queries over these columns) and Jackson's streaming core;
 * not on the client, the server or Spark.
 */
package dev.sparkfathom.emulator.data;
