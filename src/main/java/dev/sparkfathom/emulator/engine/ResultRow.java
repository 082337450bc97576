package dev.sparkfathom.emulator.engine;

/**
 * One group of an aggregation answer: {@code date} the bucket label (null without date
 * grouping), {@code fields} the grouped values in query order (null where the records had
 * none), {@code metrics} the aggregates in query order (Long for integral ones, Double for
 * avg_duration and bounce_rate).
 */
public record ResultRow(String date, String[] fields, Number[] metrics) {}
