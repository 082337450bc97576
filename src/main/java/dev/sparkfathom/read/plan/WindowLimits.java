package dev.sparkfathom.read.plan;

import java.io.Serializable;
import java.time.Duration;

/**
 * How wide one request may be. {@code dayWindowMonths} bounds {@code day} grouping: a request's
 * {@code date_to} is never after its {@code date_from} plus that many calendar months (the API
 * allows 6). {@code hourWindow} bounds {@code hour} grouping, measured both in local and in real
 * time (the API allows 31 days; 14 by default, to keep each request's answer small). {@code month}
 * and {@code year} grouping have no limit.
 */
public record WindowLimits(int dayWindowMonths, Duration hourWindow) implements Serializable {

  public static final int MAX_DAY_WINDOW_MONTHS = 6;
  public static final Duration MIN_HOUR_WINDOW = Duration.ofHours(1);
  public static final Duration MAX_HOUR_WINDOW = Duration.ofDays(31);

  // After the bounds above: static fields initialise in order.
  /** The API's day limit and a 14-day hour window. */
  public static final WindowLimits DEFAULT = new WindowLimits(6, Duration.ofDays(14));

  public WindowLimits {
    if (dayWindowMonths < 1 || dayWindowMonths > MAX_DAY_WINDOW_MONTHS) {
      throw new IllegalArgumentException(
          "day window must be 1 to " + MAX_DAY_WINDOW_MONTHS + " months; got: " + dayWindowMonths);
    }
    if (hourWindow == null
        || hourWindow.compareTo(MIN_HOUR_WINDOW) < 0
        || hourWindow.compareTo(MAX_HOUR_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "hour window must be from 1 hour to 31 days; got: " + hourWindow);
    }
  }
}
