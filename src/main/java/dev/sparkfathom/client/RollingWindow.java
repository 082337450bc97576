package dev.sparkfathom.client;

import java.util.ArrayDeque;

/**
 * At most {@code limit} grants in any span of {@code window} nanoseconds: the rule a rolling
 * window rate limit enforces. Not thread-safe; {@link RateLimiter} guards it.
 */
final class RollingWindow {
  private final ArrayDeque<Long> grants = new ArrayDeque<>();
  private final long windowNanos;
  private int limit;

  RollingWindow(int limit, long windowNanos) {
    this.limit = limit;
    this.windowNanos = windowNanos;
  }

  /** Grants at {@code now} and returns 0, or returns how many nanoseconds to wait first. */
  long tryGrant(long now) {
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

  int limit() {
    return limit;
  }

  void setLimit(int limit) {
    this.limit = limit;
  }
}
