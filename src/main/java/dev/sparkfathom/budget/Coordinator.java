package dev.sparkfathom.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The budget of every token it is asked about, one {@link TokenLedger} each, and the totals of
 * every scan that leased from it. Thread-safe: one lock; a request that must wait is held on it
 * (at most the {@code hold} it asked for) and woken when a lease is returned or a pause
 * changes, so waiting requests are granted as soon as the budget allows. Hosted by a Spark
 * driver, by {@link CoordinatorMain}, or used in place by tasks of the driver's JVM.
 */
public final class Coordinator implements Lessor {
  private static final int MAX_TALLIES = 10_000;
  private final Clock clock;
  private final Map<String, TokenLedger> ledgers = new HashMap<>();
  private final Map<String, long[]> tallies = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
      return size() > MAX_TALLIES;
    }
  };

  private final Map<dev.sparkfathom.client.RateLimiter.Bucket, Long> grants =
      new java.util.EnumMap<>(dev.sparkfathom.client.RateLimiter.Bucket.class);

  public Coordinator(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized LeaseAnswer lease(LeaseRequest r, Duration hold) throws InterruptedException {
    long deadline = System.nanoTime() + hold.toNanos();
    // Time spent in a pause is counted on the coordinator's clock and never beyond the pause
    // that was left when the wait began, so a late wake-up does not eat into maxPause.
    long paused = 0;
    long pauseLeft = 0;
    long pausedSince = 0;
    LeaseRequest asked = r;
    while (true) {
      long now = now();
      if (pauseLeft > 0) {
        long spent = Math.min(now - pausedSince, pauseLeft);
        paused += spent;
        asked = asked.withMaxPause(asked.maxPause().minusNanos(spent));
        pauseLeft = 0;
      }
      LeaseAnswer a = ledger(r.key()).decide(asked, now);
      if (a instanceof LeaseAnswer.Granted g) {
        long[] t = counts(r.tag());
        t[0]++;
        grants.merge(r.bucket(), 1L, Long::sum);
        if (r.attempt() > 1) {
          t[1]++;
        }
        return new LeaseAnswer.Granted(g.lease(), Duration.ofNanos(paused));
      }
      if (a instanceof LeaseAnswer.PausedTooLong) {
        return a;
      }
      LeaseAnswer.Wait w = (LeaseAnswer.Wait) a;
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return new LeaseAnswer.Wait(w.delay(), w.reason(), Duration.ofNanos(paused));
      }
      if (w.reason() == LeaseAnswer.Reason.PAUSED) {
        pauseLeft = w.delay().toNanos();
        pausedSince = now;
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(w.delay().toNanos(), left));
    }
  }

  /** Leases granted in all for {@code bucket} (every token, every scan), since this coordinator started. */
  public synchronized long grants(dev.sparkfathom.client.RateLimiter.Bucket bucket) {
    return grants.getOrDefault(bucket, 0L);
  }

  @Override
  public synchronized void release(Release r) {
    TokenLedger ledger = ledgers.get(r.key());
    long now = now();
    if (ledger != null) {
      ledger.release(r.lease(), now);
      if (r.rateLimited() && !r.pause().isNegative() && !r.pause().isZero()) {
        ledger.pause(r.bucket(), now + r.pause().toNanos());
      }
    }
    long[] t = counts(r.tag());
    if (r.rateLimited()) {
      t[2]++;
    }
    t[3] += r.waited().toMillis();
    notifyAll();
    forgetIdle(now);
  }

  @Override
  public synchronized Tally tally(String tag) {
    long[] t = tallies.get(tag);
    return t == null ? Tally.NONE : new Tally(t[0], t[1], t[2], t[3]);
  }

  /** Requests of {@code key} in flight now (for tests and the status line). */
  synchronized int inFlight(String key) {
    TokenLedger l = ledgers.get(key);
    return l == null ? 0 : l.inFlight(now());
  }

  private TokenLedger ledger(String key) {
    return ledgers.computeIfAbsent(key, k -> new TokenLedger());
  }

  private long[] counts(String tag) {
    return tallies.computeIfAbsent(tag, k -> new long[4]);
  }

  /** A long-running standalone coordinator sees many tokens come and go. */
  private void forgetIdle(long now) {
    if (ledgers.size() < 64) {
      return;
    }
    for (Iterator<TokenLedger> it = ledgers.values().iterator(); it.hasNext(); ) {
      if (it.next().idle(now)) {
        it.remove();
      }
    }
  }

  private long now() {
    Instant t = clock.instant();
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }
}
