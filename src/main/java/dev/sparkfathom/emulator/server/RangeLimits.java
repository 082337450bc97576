package dev.sparkfathom.emulator.server;

/**
 * The widest {@code date_from}..{@code date_to} span an aggregation may ask for: with {@code
 * date_grouping=day} at most {@code dayGroupingMonths} calendar months, with {@code hour} at
 * most {@code hourGroupingDays} days (both compared in local time of the request's timezone;
 * the exact limit itself is allowed). Wider: HTTP 400.
 */
public record RangeLimits(int dayGroupingMonths, int hourGroupingDays) {
  public static final RangeLimits FATHOM = new RangeLimits(6, 31);

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
