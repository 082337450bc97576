package dev.sparkfathom.stream;

import java.time.Duration;
import java.time.Instant;

/**
 * How often a current-visitors stream may ask: at most once per slot of the token's aggregation
 * budget ({@code rate.aggregations_per_minute}; current visitors count as aggregations), so a
 * trigger that comes sooner is held (the stream reports no new data and Spark waits for the
 * next trigger) rather than queueing requests or drawing 429s. Pure: the caller gives the time.
 */
public record TriggerPacer(Duration spacing) {
  public TriggerPacer {
    if (spacing.isNegative() || spacing.isZero()) {
      throw new IllegalArgumentException("spacing must be positive; got: " + spacing);
    }
  }

  /** One slot of a budget of {@code perMinute} requests a minute: 60 s / perMinute, rounded up to the millisecond. */
  public static TriggerPacer forRate(int perMinute) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("a rate is at least 1 a minute; got: " + perMinute);
    }
    return new TriggerPacer(Duration.ofMillis((60_000L + perMinute - 1) / perMinute));
  }

  /** True when a trigger at {@code now} may fetch, the last fetch having been at {@code lastFetch} (null: none). */
  public boolean due(Instant now, Instant lastFetch) {
    return lastFetch == null || !now.isBefore(lastFetch.plus(spacing));
  }

  /** How long a trigger at {@code now} is early; zero when {@link #due}. */
  public Duration early(Instant now, Instant lastFetch) {
    if (due(now, lastFetch)) {
      return Duration.ZERO;
    }
    return Duration.between(now, lastFetch.plus(spacing));
  }
}
