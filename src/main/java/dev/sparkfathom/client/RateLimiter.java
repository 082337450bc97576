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
 * a 429 pauses the bucket for every limiter of the token in this JVM for the pause the client
 * chose (the answer's {@code Retry-After}). Outside Spark this is the client's default budget;
 * inside a Spark job it stands in only when an executor cannot reach the cluster's coordinator.
 *
 * <p>{@link #shared(ClientConfig)} gives a limiter on the one history of a base URL and token in
 * this JVM (grants, requests in flight, 429 pauses), so every client and task using the same
 * token shares one budget. Each limiter keeps the limits it was made with: a request waits until
 * fewer requests than <em>its own</em> limit lie in the window (or are in flight), counting the
 * requests of every limiter of the token. So two concurrent reads with different {@code rate.*}
 * options each keep theirs (a later read no longer changes an earlier one's), and together they
 * never send more in a window than the larger of the two limits. Thread-safe.
 */
public final class RateLimiter implements SendBudget {
  /** Which budget an endpoint draws on. */
  public enum Bucket { AGGREGATIONS, ENTITIES }

  public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(1);
  private static final Map<String, History> SHARED = new ConcurrentHashMap<>();

  /**
   * The grants, requests in flight and 429 pauses of one token (both buckets), shared by its
   * limiters; guarded by itself.
   */
  private static final class History {
    final RollingWindow perMinute;
    final RollingWindow perHour;
    final Map<Bucket, Instant> pausedUntil = new EnumMap<>(Bucket.class);
    int inFlight;

    History(Duration margin) {
      long marginNanos = Objects.requireNonNull(margin, "margin").toNanos();
      perMinute = new RollingWindow(Duration.ofMinutes(1).toNanos() + marginNanos);
      perHour = new RollingWindow(Duration.ofHours(1).toNanos() + marginNanos);
    }
  }

  private final History history;
  private final int aggregationsPerMinute;
  private final int entitiesPerHour;
  private final int maxInFlight;
  private final Clock clock;
  private final Sleeper sleeper;

  /** A limiter of its own, outside the shared registry, with no cap on requests in flight. */
  public RateLimiter(int aggregationsPerMinute, int entitiesPerHour, Duration margin, Clock clock,
      Sleeper sleeper) {
    this(aggregationsPerMinute, entitiesPerHour, Integer.MAX_VALUE, margin, clock, sleeper);
  }

  /** A limiter of its own, outside the shared registry: for tests and special callers. */
  public RateLimiter(int aggregationsPerMinute, int entitiesPerHour, int maxInFlight,
      Duration margin, Clock clock, Sleeper sleeper) {
    this(new History(margin), aggregationsPerMinute, entitiesPerHour, maxInFlight, clock, sleeper);
  }

  private RateLimiter(History history, int aggregationsPerMinute, int entitiesPerHour,
      int maxInFlight, Clock clock, Sleeper sleeper) {
    checkLimits(aggregationsPerMinute, entitiesPerHour);
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("requests in flight must be at least 1; got: " + maxInFlight);
    }
    this.history = history;
    this.aggregationsPerMinute = aggregationsPerMinute;
    this.entitiesPerHour = entitiesPerHour;
    this.maxInFlight = maxInFlight;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * A limiter with this config's limits (rates and requests in flight) on the JVM's shared
   * history of its base URL and token (keyed by {@link ClientConfig#budgetKey()}, a full digest
   * of the token).
   */
  public static RateLimiter shared(ClientConfig config) {
    return shared(config, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /** As {@link #shared(ClientConfig)}, with the caller's clock and sleeper: for tests. */
  static RateLimiter shared(ClientConfig config, Clock clock, Sleeper sleeper) {
    History h = SHARED.computeIfAbsent(config.budgetKey(), k -> new History(DEFAULT_MARGIN));
    return new RateLimiter(h, config.aggregationRequestsPerMinute(), config.entityRequestsPerHour(),
        config.maxInFlight(), clock, sleeper);
  }

  /** Forgets every shared history: for tests only. */
  public static void resetSharedForTests() {
    SHARED.clear();
  }

  /**
   * Blocks until fewer requests than this limiter's limit lie in the bucket's window (counting
   * every limiter of the token), takes one, and returns how long it waited.
   */
  public Duration acquire(Bucket bucket) throws InterruptedException {
    RollingWindow window = window(bucket);
    int limit = limit(bucket);
    long waited = 0;
    while (true) {
      long wait;
      synchronized (history) {
        wait = window.tryGrant(nanos(clock.instant()), limit);
      }
      if (wait == 0) {
        return Duration.ofNanos(waited);
      }
      sleeper.sleep(Duration.ofNanos(wait));
      waited += wait;
    }
  }

  /**
   * Waits out a 429 pause of the bucket, then this limiter's in-flight cap and rolling window
   * (each counting every limiter of the token), and takes one request of the budget and one
   * place in flight. The clock and sleeper are the injected ones for pauses and windows; a full
   * in-flight cap waits on the token's history until a permit closes.
   */
  @Override
  public Permit acquire(Bucket bucket, int attempt, Duration maxPause)
      throws InterruptedException, PausedTooLong {
    RollingWindow window = window(bucket);
    int limit = limit(bucket);
    long waited = 0;
    long paused = 0;
    while (true) {
      long delay;
      boolean isPause = false;
      synchronized (history) {
        Instant now = clock.instant();
        Instant until = history.pausedUntil.get(bucket);
        if (until != null && until.isAfter(now)) {
          Duration pause = Duration.between(now, until);
          if (pause.compareTo(maxPause) > 0) {
            throw new PausedTooLong(pause);
          }
          delay = pause.toNanos();
          isPause = true;
        } else if (history.inFlight >= maxInFlight) {
          long before = System.nanoTime();
          history.wait(1000);
          waited += System.nanoTime() - before;
          continue;
        } else {
          delay = window.tryGrant(nanos(now), limit);
          if (delay == 0) {
            history.inFlight++;
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
      synchronized (history) {
        if (!closed) {
          closed = true;
          history.inFlight--;
          history.notifyAll();
        }
      }
    }
  }

  /** Holds the bucket for every limiter of the token until {@code pause} from now (a later end wins). */
  public void pause(Bucket bucket, Duration pause) {
    synchronized (history) {
      Instant until = clock.instant().plus(pause);
      history.pausedUntil.merge(bucket, until, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  public int aggregationsPerMinute() {
    return aggregationsPerMinute;
  }

  public int entitiesPerHour() {
    return entitiesPerHour;
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  /** Whether both limiters draw on one history of grants (the same token and base URL). */
  public boolean sharesBudgetWith(RateLimiter other) {
    return history == other.history;
  }

  private RollingWindow window(Bucket bucket) {
    return bucket == Bucket.AGGREGATIONS ? history.perMinute : history.perHour;
  }

  private int limit(Bucket bucket) {
    return bucket == Bucket.AGGREGATIONS ? aggregationsPerMinute : entitiesPerHour;
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
  public String toString() {
    return "RateLimiter[" + aggregationsPerMinute + "/min aggregations, " + entitiesPerHour
        + "/h entities, " + (maxInFlight == Integer.MAX_VALUE ? "no cap" : String.valueOf(maxInFlight))
        + " in flight]";
  }
}
