/**
 * Reading past Fathom's row cap: a grouped aggregation answers at most {@code limit} rows and
 * cannot be paged, so an answer that fills the limit is presumed cut and the rest is fetched
 * exactly, by continuing in time (date-grouped reads sorted by {@code timestamp:asc}) or by
 * splitting the value space of a property into disjoint {@code matching} / {@code not
 * matching} parts. Pure logic over a {@link dev.sparkfathom.read.cap.CapFetcher}: no Spark,
 * no HTTP; depends only on {@code api} and the client's query and row types.
 */
package dev.sparkfathom.read.cap;
