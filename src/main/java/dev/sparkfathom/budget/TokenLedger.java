package dev.sparkfathom.budget;

import dev.sparkfathom.client.RateLimiter.Bucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One token's budget, as pure decisions on times the caller passes in (nanoseconds on any
 * fixed scale): which lease request may be sent now and, if not, how long until it might.
 *
 * <p>A request is granted at {@code now} when, in this order: its bucket is not paused after a
 * 429; fewer than its {@code maxInFlight} leases of the token are held; and fewer than its
 * {@code limit} requests of the bucket may still lie in the API's rolling window (a minute for
 * aggregations, an hour for the rest) when it arrives there.
 *
 * <p>That last count is exact without knowing when requests reach the API: a request reaches it
 * after its lease is granted and before its answer is back (when its lease is returned). So an
 * earlier request is certainly out of the window of one granted now only if it was returned at
 * least a window ago; every other one counts: those returned less than a window ago, and those
 * still in flight. However late a task starts, however slow the network or the executor, the API
 * never sees more than the limit in any window. A lease that is never returned (a killed task)
 * expires after its time to live and counts from then as returned then.
 *
 * <p>Not thread-safe: the {@link Coordinator} guards it.
 */
final class TokenLedger {
  private static final Map<Bucket, Long> WINDOW = Map.of(
      Bucket.AGGREGATIONS, Duration.ofMinutes(1).toNanos(),
      Bucket.ENTITIES, Duration.ofHours(1).toNanos());

  private record Lease(Bucket bucket, long expires) {}

  /** Leases granted and not yet returned. */
  private final Map<Long, Lease> leases = new HashMap<>();
  /** Per bucket, the times leases were returned (or expired), oldest first, within a window. */
  private final Map<Bucket, List<Long>> returned = new EnumMap<>(Bucket.class);
  private final Map<Bucket, Long> pausedUntil = new EnumMap<>(Bucket.class);
  private long lastId;

  TokenLedger() {
    for (Bucket b : Bucket.values()) {
      returned.put(b, new ArrayList<>());
    }
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
      return new LeaseAnswer.Wait(untilFirstExpiry(now), LeaseAnswer.Reason.IN_FLIGHT, Duration.ZERO);
    }
    List<Long> done = returned.get(r.bucket());
    long window = WINDOW.get(r.bucket());
    int inFlight = (int) leases.values().stream().filter(l -> l.bucket() == r.bucket()).count();
    int counted = inFlight + done.size();
    if (counted >= r.limit()) {
      // The window frees a place when enough returned requests leave it; in-flight ones leave
      // only after they are returned, which wakes the waiters anyway.
      int mustLeave = counted - r.limit() + 1;
      Duration wait = mustLeave <= done.size()
          ? Duration.ofNanos(Math.max(1, done.get(mustLeave - 1) + window - now))
          : untilFirstExpiry(now);
      return new LeaseAnswer.Wait(wait, LeaseAnswer.Reason.BUDGET, Duration.ZERO);
    }
    long id = ++lastId;
    leases.put(id, new Lease(r.bucket(), now + r.ttl().toNanos()));
    return new LeaseAnswer.Granted(id, Duration.ZERO);
  }

  /**
   * Returns the lease at {@code now}: its place in flight is free, and it counts in its bucket's
   * window until a window after {@code now}. False when it had expired or was never granted.
   */
  boolean release(long lease, long now) {
    expire(now);
    Lease l = leases.remove(lease);
    if (l == null) {
      return false;
    }
    insert(returned.get(l.bucket()), now);
    return true;
  }

  /** Pauses the bucket until {@code until} for every request (a later end wins). */
  void pause(Bucket bucket, long until) {
    pausedUntil.merge(bucket, until, Math::max);
  }

  int inFlight(long now) {
    expire(now);
    return leases.size();
  }

  /** Requests of the bucket that may lie in the API's window of a request sent at {@code now}. */
  int countedInWindow(Bucket bucket, long now) {
    expire(now);
    return returned.get(bucket).size()
        + (int) leases.values().stream().filter(l -> l.bucket() == bucket).count();
  }

  /** True when nothing here can affect a later decision: the ledger may be forgotten. */
  boolean idle(long now) {
    expire(now);
    return leases.isEmpty() && returned.values().stream().allMatch(List::isEmpty)
        && pausedUntil.values().stream().allMatch(u -> u <= now);
  }

  private Duration untilFirstExpiry(long now) {
    long first = leases.values().stream().mapToLong(Lease::expires).min().orElse(now + 1);
    return Duration.ofNanos(Math.max(1, first - now));
  }

  /** Expired leases count as returned when they expired; returns older than a window are forgotten. */
  private void expire(long now) {
    for (Iterator<Lease> it = leases.values().iterator(); it.hasNext(); ) {
      Lease l = it.next();
      if (l.expires() <= now) {
        insert(returned.get(l.bucket()), l.expires());
        it.remove();
      }
    }
    returned.forEach((bucket, done) -> {
      long horizon = now - WINDOW.get(bucket);
      int drop = 0;
      while (drop < done.size() && done.get(drop) <= horizon) {
        drop++;
      }
      done.subList(0, drop).clear();
    });
  }

  private static void insert(List<Long> sorted, long t) {
    int i = sorted.size();
    while (i > 0 && sorted.get(i - 1) > t) {
      i--;
    }
    sorted.add(i, t);
  }
}
