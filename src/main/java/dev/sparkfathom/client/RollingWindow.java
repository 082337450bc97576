package dev.sparkfathom.client;

import java.util.ArrayDeque;

/**
 * At most {@code limit} grants in any span of {@code window} nanoseconds: the rule a rolling
 * window rate limit enforces, and its one home (the JVM's {@link RateLimiter} and the cluster's
 * budget coordinator both keep their windows here). Not thread-safe; callers guard it.
 */
public final class RollingWindow {
  private final ArrayDeque<Long> grants = new ArrayDeque<>();
  private final long windowNanos;
  private int limit;

  public RollingWindow(int limit, long windowNanos) {
    this.limit = limit;
    this.windowNanos = windowNanos;
  }

  /** Grants at {@code now} and returns 0, or returns how many nanoseconds to wait first. */
  public long tryGrant(long now) {
    return tryGrant(now, limit);
  }

  /**
   * As {@link #tryGrant(long)} with this request's own limit: the request passes when fewer than
   * {@code requestLimit} grants lie in the window, whoever took them. So readers of one token
   * that asked for different rates each keep their own.
   */
  public long tryGrant(long now, int requestLimit) {
    long wait = waitFor(now, requestLimit);
    if (wait == 0) {
      grants.addLast(now);
    }
    return wait;
  }

  /** How many nanoseconds until a grant under {@code requestLimit} would pass; 0 for now. Grants nothing. */
  public long waitFor(long now, int requestLimit) {
    while (!grants.isEmpty() && grants.peekFirst() + windowNanos <= now) {
      grants.pollFirst();
    }
    if (grants.size() < requestLimit) {
      return 0;
    }
    // The grant that frees a slot is the one that makes the window hold `limit` again.
    long freeing = grants.stream().skip(grants.size() - requestLimit).findFirst().orElseThrow();
    return Math.max(1, freeing + windowNanos - now);
  }

  /** Grants recorded in the window that ends at {@code now}. */
  public int held(long now) {
    waitFor(now, Integer.MAX_VALUE);
    return grants.size();
  }

  public int limit() {
    return limit;
  }

  public void setLimit(int limit) {
    this.limit = limit;
  }
}
