package dev.sparkfathom.api;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * The size limits of one aggregation request in each API revision. Today's API
 * ({@link ApiVersion#CURRENT}) cuts a grouped answer at {@link #DEFAULT_ROW_CAP} rows when no
 * {@code limit} is sent, accepts {@code limit} up to {@link #MAX_LIMIT}, has no pagination, and
 * groups by {@code hour} over at most {@link #MAX_HOUR_SPAN}. The docs page ({@link
 * ApiVersion#LEGACY}) had none of these.
 */
public final class RequestLimits {
  /** Rows of a grouped answer without {@code limit}, today. */
  public static final int DEFAULT_ROW_CAP = 500;
  /** The largest {@code limit} today's API accepts; above it answers 400. */
  public static final int MAX_LIMIT = 1000;
  /** The longest {@code date_from}..{@code date_to} span that {@code hour} grouping covers. */
  public static final Duration MAX_HOUR_SPAN = Duration.ofDays(7);

  private RequestLimits() {}

  /** The largest {@code limit} {@code version} accepts; null when it has no maximum. */
  public static Integer maxLimit(ApiVersion version) {
    return version == ApiVersion.CURRENT ? MAX_LIMIT : null;
  }

  /**
   * The number of rows at which an answer may have been cut short: the {@code limit} sent, else
   * today's default cap when the request groups by a field; null when nothing cuts the answer.
   */
  public static Integer rowCap(ApiVersion version, boolean fieldGrouped, Integer limit) {
    if (limit != null) {
      return limit;
    }
    return version == ApiVersion.CURRENT && fieldGrouped ? DEFAULT_ROW_CAP : null;
  }

  /**
   * True when {@code version} refuses {@code hour} grouping over {@code from}..{@code to}; an
   * open end cannot be judged here and passes.
   */
  public static boolean hourSpanTooLong(ApiVersion version, LocalDateTime from, LocalDateTime to) {
    return version == ApiVersion.CURRENT && from != null && to != null
        && Duration.between(from, to).compareTo(MAX_HOUR_SPAN) > 0;
  }
}
