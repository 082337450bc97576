package dev.sparkfathom.api;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The time buckets of {@code date_grouping}, in local time of the request's timezone. The
 * label is what Fathom sends in the {@code date} key of each row.
 */
public enum DateGrouping {
  HOUR("hour", "yyyy-MM-dd HH:00:00"),
  DAY("day", "yyyy-MM-dd"),
  MONTH("month", "yyyy-MM"),
  YEAR("year", "yyyy");

  private final String apiName;
  private final DateTimeFormatter label;

  DateGrouping(String apiName, String labelPattern) {
    this.apiName = apiName;
    this.label = DateTimeFormatter.ofPattern(labelPattern);
  }

  public String apiName() {
    return apiName;
  }

  /** The local start of the bucket holding {@code local}. */
  public LocalDateTime truncate(LocalDateTime local) {
    return switch (this) {
      case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
      case DAY -> local.truncatedTo(ChronoUnit.DAYS);
      case MONTH -> local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case YEAR -> local.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
    };
  }

  /** The local start of the bucket {@code n} buckets after the one starting at {@code start}. */
  public LocalDateTime plus(LocalDateTime start, long n) {
    return switch (this) {
      case HOUR -> start.plusHours(n);
      case DAY -> start.plusDays(n);
      case MONTH -> start.plusMonths(n);
      case YEAR -> start.plusYears(n);
    };
  }

  /** The label of the bucket starting at local time {@code bucketStart}. */
  public String label(LocalDateTime bucketStart) {
    return label.format(bucketStart);
  }

  public static DateGrouping parse(String raw) {
    return Names.parse(DateGrouping.class, DateGrouping::apiName, "date_grouping", raw);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
