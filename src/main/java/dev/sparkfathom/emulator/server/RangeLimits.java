package dev.sparkfathom.emulator.server;

import dev.sparkfathom.api.ApiVersion;

/**
 * The widest {@code date_from}..{@code date_to} span an aggregation may ask for: with {@code
 * date_grouping=day} at most {@code dayGroupingMonths} calendar months, with {@code hour} at
 * most {@code hourGroupingDays} days (both compared in local time of the request's timezone;
 * the exact limit itself is allowed). Wider: HTTP 400.
 */
public record RangeLimits(int dayGroupingMonths, int hourGroupingDays) {
  /** The docs page's limits ({@code --api legacy}). */
  public static final RangeLimits FATHOM = new RangeLimits(6, 31);
  /** Today's limits: hour grouping covers at most 7 days. */
  public static final RangeLimits CURRENT = new RangeLimits(6, 7);

  /** The live service's limits in {@code api}. */
  public static RangeLimits defaults(ApiVersion api) {
    return api == ApiVersion.LEGACY ? FATHOM : CURRENT;
  }

  public RangeLimits {
    if (dayGroupingMonths < 1) {
      throw new IllegalArgumentException(
          "day range limit must be at least 1 month; got: " + dayGroupingMonths);
    }
    if (hourGroupingDays < 1) {
      throw new IllegalArgumentException(
          "hour range limit must be at least 1 day; got: " + hourGroupingDays);
    }
  }
}
