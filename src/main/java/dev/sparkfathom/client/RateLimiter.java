package dev.sparkfathom.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fathom's two per-token budgets, enforced before a request is sent so that requests wait
 * for budget instead of collecting 429s: {@link Bucket#AGGREGATIONS} (aggregations and current
 * visitors, per minute) and {@link Bucket#ENTITIES} (every other endpoint, per hour).
 *
 * <p>Each bucket is a <em>rolling window</em>, not a token bucket: the service counts requests
 * over the last minute or hour, and a token bucket that starts full lets through up to twice
 * the limit in one window, which the service answers with 429. A rolling window never sends
 * more than the limit in any window, so it also satisfies a fixed window that starts at any
 * time. Each window is widened by a safety margin (default one second) for the time a request
 * takes to reach the server.
 *
 * <p>As a {@link SendBudget} it also caps the requests in flight at once and learns from 429s:
 * a 429 pauses the bucket for everyone in this JVM for the pause the client chose (the
 * answer's {@code Retry-After}). Outside Spark this is the client's default budget; inside a
 * Spark job it stands in only when an executor cannot reach the cluster's coordinator.
 *
 * <p>{@link #shared(ClientConfig)} gives one limiter per base URL and token in this JVM, so
 * every client and task using the same token shares one budget. Thread-safe.
 */
public final class RateLimiter implements SendBudget {
  /** Which budget an endpoint draws on. */
  public enum Bucket { AGGREGATIONS, ENTITIES }

  public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(1);
  private static final Map<String, RateLimiter> SHARED = new ConcurrentHashMap<>();

  private final RollingWindow perMinute;
  private final RollingWindow perHour;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<Bucket, Instant> pausedUntil = new EnumMap<>(Bucket.class);
  private int maxInFlight;
  private int inFlight;

  /** A limiter of its own, outside the shared registry, with no cap on requests in flight. */
  public RateLimiter(int aggregationsPerMinute, int entitiesPerHour, Duration margin, Clock clock,
      Sleeper sleeper) {
    this(aggregationsPerMinute, entitiesPerHour, Integer.MAX_VALUE, margin, clock, sleeper);
  }

  /** A limiter of its own, outside the shared registry: for tests and special callers. */
  public RateLimiter(int aggregationsPerMinute, int entitiesPerHour, int maxInFlight,
      Duration margin, Clock clock, Sleeper sleeper) {
    checkLimits(aggregationsPerMinute, entitiesPerHour);
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("requests in flight must be at least 1; got: " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    long marginNanos = Objects.requireNonNull(margin, "margin").toNanos();
    this.perMinute = new RollingWindow(aggregationsPerMinute, Duration.ofMinutes(1).toNanos() + marginNanos);
    this.perHour = new RollingWindow(entitiesPerHour, Duration.ofHours(1).toNanos() + marginNanos);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * The JVM's limiter for this config's base URL and token. When a later config names other
   * limits for the same token, the limiter takes them: the newest setting wins.
   */
  public static RateLimiter shared(ClientConfig config) {
    RateLimiter limiter = SHARED.computeIfAbsent(config.budgetKey(), k -> new RateLimiter(
        config.aggregationRequestsPerMinute(), config.entityRequestsPerHour(), config.maxInFlight(),
        DEFAULT_MARGIN, Clock.systemUTC(), Sleeper.SYSTEM));
    limiter.setLimits(config.aggregationRequestsPerMinute(), config.entityRequestsPerHour());
    limiter.setMaxInFlight(config.maxInFlight());
    return limiter;
  }

  /** Forgets every shared limiter: for tests only. */
  public static void resetSharedForTests() {
    SHARED.clear();
  }

  /** Blocks until the bucket has budget, takes one request of it, and returns how long it waited. */
  public Duration acquire(Bucket bucket) throws InterruptedException {
    RollingWindow window = bucket == Bucket.AGGREGATIONS ? perMinute : perHour;
    long waited = 0;
    while (true) {
      long wait;
      synchronized (this) {
        wait = window.tryGrant(nanos(clock.instant()));
      }
      if (wait == 0) {
        return Duration.ofNanos(waited);
      }
      sleeper.sleep(Duration.ofNanos(wait));
      waited += wait;
    }
  }

  /**
   * Waits out a 429 pause of the bucket, then the in-flight cap and the rolling window, and
   * takes one request of the budget and one place in flight. The clock and sleeper are the
   * injected ones for pauses and windows; a full in-flight cap waits on this limiter's monitor
   * until a permit closes.
   */
  @Override
  public Permit acquire(Bucket bucket, int attempt, Duration maxPause)
      throws InterruptedException, PausedTooLong {
    RollingWindow window = bucket == Bucket.AGGREGATIONS ? perMinute : perHour;
    long waited = 0;
    long paused = 0;
    while (true) {
      long delay;
      boolean isPause = false;
      synchronized (this) {
        Instant now = clock.instant();
        Instant until = pausedUntil.get(bucket);
        if (until != null && until.isAfter(now)) {
          Duration pause = Duration.between(now, until);
          if (pause.compareTo(maxPause) > 0) {
            throw new PausedTooLong(pause);
          }
          delay = pause.toNanos();
          isPause = true;
        } else if (inFlight >= maxInFlight) {
          long before = System.nanoTime();
          wait(1000);
          waited += System.nanoTime() - before;
          continue;
        } else {
          delay = window.tryGrant(nanos(now));
          if (delay == 0) {
            inFlight++;
            return new LocalPermit(Duration.ofNanos(waited), Duration.ofNanos(paused), bucket);
          }
        }
      }
      sleeper.sleep(Duration.ofNanos(delay));
      waited += delay;
      if (isPause) {
        paused += delay;
        maxPause = maxPause.minusNanos(delay);
      }
    }
  }

  private final class LocalPermit implements Permit {
    private final Duration waited;
    private final Duration paused;
    private final Bucket bucket;
    private boolean closed;

    LocalPermit(Duration waited, Duration paused, Bucket bucket) {
      this.waited = waited;
      this.paused = paused;
      this.bucket = bucket;
    }

    @Override
    public Duration waited() {
      return waited;
    }

    @Override
    public Duration pausedFor() {
      return paused;
    }

    @Override
    public void rateLimited(Duration pause) {
      pause(bucket, pause);
    }

    @Override
    public void close() {
      synchronized (RateLimiter.this) {
        if (!closed) {
          closed = true;
          inFlight--;
          RateLimiter.this.notifyAll();
        }
      }
    }
  }

  /** Holds the bucket for everyone until {@code pause} from now (a later end wins). */
  public synchronized void pause(Bucket bucket, Duration pause) {
    Instant until = clock.instant().plus(pause);
    pausedUntil.merge(bucket, until, (a, b) -> a.isAfter(b) ? a : b);
  }

  public synchronized int aggregationsPerMinute() {
    return perMinute.limit();
  }

  public synchronized int entitiesPerHour() {
    return perHour.limit();
  }

  synchronized void setLimits(int aggregationsPerMinute, int entitiesPerHour) {
    checkLimits(aggregationsPerMinute, entitiesPerHour);
    perMinute.setLimit(aggregationsPerMinute);
    perHour.setLimit(entitiesPerHour);
  }

  synchronized void setMaxInFlight(int value) {
    this.maxInFlight = value;
    notifyAll();
  }

  private static void checkLimits(int perMinute, int perHour) {
    if (perMinute < 1 || perHour < 1) {
      throw new IllegalArgumentException("rate limits must be at least 1; got: " + perMinute
          + " a minute, " + perHour + " an hour");
    }
  }

  private static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  @Override
  public synchronized String toString() {
    return "RateLimiter[" + perMinute.limit() + "/min aggregations, " + perHour.limit()
        + "/h entities]";
  }
}
