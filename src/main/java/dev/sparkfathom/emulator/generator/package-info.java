/**
 * Seeded synthetic traffic: {@code DemoData} makes a realistic account (sites, events,
 * sessions of pageviews, conversions) into a {@code DataStore}, a JSONL stream or lists, and
 * {@code LiveFeed} keeps adding records in real time. May depend on
 * {@code dev.sparkfathom.emulator.data} and {@code dev.sparkfathom.api}; not on the server, the
 * client or Spark.
 */
package dev.sparkfathom.emulator.generator;
