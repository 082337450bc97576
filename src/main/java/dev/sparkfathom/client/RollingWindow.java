package dev.sparkfathom.client;

import java.util.ArrayDeque;

/**
 * The grants of the last {@code window} nanoseconds, and the rule a rolling window rate limit
 * enforces: a grant is made only while fewer than {@code limit} lie in the window. The limit
 * comes with each call, so callers with different limits can share one history: each is held to
 * its own limit over every grant of the token. Not thread-safe; {@link RateLimiter} guards it.
 */
final class RollingWindow {
  private final ArrayDeque<Long> grants = new ArrayDeque<>();
  private final long windowNanos;

  RollingWindow(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  /** Grants at {@code now} and returns 0, or returns how many nanoseconds to wait first. */
  long tryGrant(long now, int limit) {
    while (!grants.isEmpty() && grants.peekFirst() + windowNanos <= now) {
      grants.pollFirst();
    }
    if (grants.size() < limit) {
      grants.addLast(now);
      return 0;
    }
    // The grant that frees a slot is the one that makes the window hold `limit` again.
    long freeing = grants.stream().skip(grants.size() - limit).findFirst().orElseThrow();
    return Math.max(1, freeing + windowNanos - now);
  }
}
