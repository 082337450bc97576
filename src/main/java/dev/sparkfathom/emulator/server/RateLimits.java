package dev.sparkfathom.emulator.server;

/**
 * Per-token request budgets, each over a rolling window: {@code aggregationsPerMinute} over 60
 * seconds for aggregations and current visitors together, {@code entityPerHour} over 3600
 * seconds for every other {@code /v1} endpoint. The real service's values are the default.
 */
public record RateLimits(int aggregationsPerMinute, int entityPerHour) {
  public static final RateLimits FATHOM = new RateLimits(10, 2000);

  public RateLimits {
    if (aggregationsPerMinute < 1) {
      throw new IllegalArgumentException(
          "aggregation limit must be at least 1 per minute; got: " + aggregationsPerMinute);
    }
    if (entityPerHour < 1) {
      throw new IllegalArgumentException(
          "entity limit must be at least 1 per hour; got: " + entityPerHour);
    }
  }
}
