package dev.sparkfathom.emulator.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Rolling-window request budgets per token and {@link Bucket}. A request at {@code now} passes
 * when fewer than the limit of earlier accepted requests lie in {@code (now - window, now]};
 * a refused request is not recorded, so a 429 does not count. Thread-safe.
 *
 * <p>The clock is read under the lock, so each queue of accepted times is in time order
 * whatever the threads do. Times outside the window are dropped at each request, on both
 * sides: when the clock is set back, requests "in the future" no longer count (a demanding
 * user setting the emulator clock expects the budget of the new time, and no Retry-After
 * longer than the window).
 */
final class RateLimiter {
  /** Which budget an endpoint draws on. */
  enum Bucket {
    AGGREGATIONS(Duration.ofSeconds(60)),
    ENTITY(Duration.ofHours(1));

    final Duration window;

    Bucket(Duration window) {
      this.window = window;
    }
  }

  private record Key(String token, Bucket bucket) {}

  private final Map<Key, ArrayDeque<Instant>> accepted = new HashMap<>();
  private final Clock clock;
  private volatile RateLimits limits;

  RateLimiter(RateLimits limits, Clock clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  RateLimits limits() {
    return limits;
  }

  void limits(RateLimits newLimits) {
    this.limits = Objects.requireNonNull(newLimits, "limits");
  }

  private int limitOf(Bucket b) {
    RateLimits l = limits;
    return b == Bucket.AGGREGATIONS ? l.aggregationsPerMinute() : l.entityPerHour();
  }

  /**
   * Records the request at the clock's now and answers {@link Duration#ZERO} when it passes;
   * otherwise records nothing and answers how long until a request would pass.
   */
  synchronized Duration acquire(String token, Bucket bucket) {
    Instant now = clock.instant();
    ArrayDeque<Instant> times = accepted.computeIfAbsent(new Key(token, bucket), k -> new ArrayDeque<>());
    Instant horizon = now.minus(bucket.window);
    times.removeIf(t -> !t.isAfter(horizon) || t.isAfter(now));
    int limit = limitOf(bucket);
    if (times.size() < limit) {
      times.addLast(now);
      return Duration.ZERO;
    }
    // What is left is in order and in the window. The request passes once all but limit-1 of
    // them have left it: wait for the one at index size-limit, the oldest when the limit is
    // unchanged (it may have been lowered since they were taken).
    Iterator<Instant> it = times.iterator();
    Instant blocking = it.next();
    for (int i = 0; i < times.size() - limit; i++) {
      blocking = it.next();
    }
    return Duration.between(now, blocking.plus(bucket.window));
  }

  /** Forgets every recorded request. */
  synchronized void reset() {
    accepted.clear();
  }

  /** Whole seconds for {@code Retry-After}: rounded up, at least 1. */
  static long retryAfterSeconds(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
