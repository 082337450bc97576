package dev.sparkfathom.emulator.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Today's concurrency cap: at most {@code limit} aggregation requests of one token in flight
 * at once; the next is refused (429) rather than queued. The live figure is unpublished; the
 * default of 2 is a guess. The limit can change at run time; requests already in flight keep
 * their slot.
 */
final class ConcurrencyLimiter {
  /** The emulator's default. */
  static final int DEFAULT = 2;

  private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private volatile int limit;

  ConcurrencyLimiter(int limit) {
    limit(limit);
  }

  int limit() {
    return limit;
  }

  void limit(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("concurrency limit must be at least 1; got: " + n);
    }
    this.limit = n;
  }

  /** Takes a slot for {@code token}; false (and nothing taken) when all its slots are busy. */
  boolean tryEnter(String token) {
    AtomicInteger n = inFlight.computeIfAbsent(token, t -> new AtomicInteger());
    while (true) {
      int now = n.get();
      if (now >= limit) {
        return false;
      }
      if (n.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Gives back a slot taken by {@link #tryEnter}. */
  void exit(String token) {
    inFlight.get(token).decrementAndGet();
  }
}
