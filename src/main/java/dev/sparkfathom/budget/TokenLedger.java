package dev.sparkfathom.budget;

import dev.sparkfathom.client.RateLimiter;
import dev.sparkfathom.client.RateLimiter.Bucket;
import dev.sparkfathom.client.RollingWindow;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * One token's budget, as pure decisions on times the caller passes in (nanoseconds on any
 * fixed scale): which lease request may be sent now and, if not, how long until it might.
 *
 * <p>A request is granted at {@code now} when, in this order: its bucket is not paused after a
 * 429; fewer than its {@code maxInFlight} leases of the token are held (leases whose time to
 * live ran out no longer count: a killed task cannot keep its place); and fewer than its
 * {@code limit} grants lie in the bucket's rolling window (a minute for aggregations, an hour
 * for the rest, each widened by {@link RateLimiter#DEFAULT_MARGIN} for the time a request takes
 * to reach the API). A grant is recorded at the moment it is made, which is the moment the
 * request is sent: so the window counts real send times, however late a task started. Not
 * thread-safe: the {@link Coordinator} guards it.
 */
final class TokenLedger {
  static final Duration MARGIN = RateLimiter.DEFAULT_MARGIN;
  private final Map<Bucket, RollingWindow> windows = new EnumMap<>(Bucket.class);
  private final Map<Bucket, Long> pausedUntil = new EnumMap<>(Bucket.class);
  /** Lease id to the time it expires. */
  private final Map<Long, Long> leases = new HashMap<>();
  private long lastId;

  TokenLedger() {
    windows.put(Bucket.AGGREGATIONS,
        new RollingWindow(Integer.MAX_VALUE, Duration.ofMinutes(1).plus(MARGIN).toNanos()));
    windows.put(Bucket.ENTITIES,
        new RollingWindow(Integer.MAX_VALUE, Duration.ofHours(1).plus(MARGIN).toNanos()));
  }

  /** Grants the request at {@code now}, or says how long it should wait and why. */
  LeaseAnswer decide(LeaseRequest r, long now) {
    expire(now);
    Long until = pausedUntil.get(r.bucket());
    long paused = until == null ? 0 : until - now;
    if (paused > 0) {
      Duration pause = Duration.ofNanos(paused);
      return pause.compareTo(r.maxPause()) > 0 ? new LeaseAnswer.PausedTooLong(pause)
          : new LeaseAnswer.Wait(pause, LeaseAnswer.Reason.PAUSED, Duration.ZERO);
    }
    if (leases.size() >= r.maxInFlight()) {
      long firstExpiry = leases.values().stream().mapToLong(Long::longValue).min().orElseThrow();
      return new LeaseAnswer.Wait(Duration.ofNanos(Math.max(1, firstExpiry - now)),
          LeaseAnswer.Reason.IN_FLIGHT, Duration.ZERO);
    }
    long wait = windows.get(r.bucket()).tryGrant(now, r.limit());
    if (wait > 0) {
      return new LeaseAnswer.Wait(Duration.ofNanos(wait), LeaseAnswer.Reason.BUDGET, Duration.ZERO);
    }
    long id = ++lastId;
    leases.put(id, now + r.ttl().toNanos());
    return new LeaseAnswer.Granted(id, Duration.ZERO);
  }

  /** Frees the lease's place in flight; false when it had expired or was never granted. */
  boolean release(long lease) {
    return leases.remove(lease) != null;
  }

  /** Pauses the bucket until {@code until} for every request (a later end wins). */
  void pause(Bucket bucket, long until) {
    pausedUntil.merge(bucket, until, Math::max);
  }

  int inFlight(long now) {
    expire(now);
    return leases.size();
  }

  /** Grants in the bucket's window that ends at {@code now}. */
  int sentInWindow(Bucket bucket, long now) {
    return windows.get(bucket).held(now);
  }

  /** True when nothing here can affect a later decision: the ledger may be forgotten. */
  boolean idle(long now) {
    expire(now);
    return leases.isEmpty() && sentInWindow(Bucket.AGGREGATIONS, now) == 0
        && sentInWindow(Bucket.ENTITIES, now) == 0
        && pausedUntil.values().stream().allMatch(u -> u <= now);
  }

  private void expire(long now) {
    leases.values().removeIf(expires -> expires <= now);
  }
}
