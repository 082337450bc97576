package dev.sparkfathom.budget;

import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.RateLimiter.Bucket;
import dev.sparkfathom.client.SendBudget;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A client's {@link SendBudget} backed by a coordinator: each attempt leases its place right
 * before it is sent, under the client's own limits, and returns it when it is over, saying
 * whether it met a 429 and for how long the token should pause. When the coordinator cannot be
 * reached, the request (and every later one of this JVM for that coordinator) takes its permit
 * from the fallback instead; {@link Budgets} warns once.
 */
final class CoordinatorBudget implements SendBudget {
  /** How long one lease call may be held by the coordinator before the client asks again. */
  static final Duration HOLD = CoordinatorServer.MAX_HOLD;
  /** A lease outlives its request's call time-out by this much before it expires. */
  static final Duration TTL_MARGIN = Duration.ofSeconds(30);

  private final Lessor lessor;
  private final BudgetRoute route;
  private final ClientConfig config;
  private final String key;
  private final Supplier<SendBudget> fallback;

  CoordinatorBudget(Lessor lessor, BudgetRoute route, ClientConfig config, Supplier<SendBudget> fallback) {
    this.lessor = lessor;
    this.route = route;
    this.config = config;
    this.key = TokenKey.of(config);
    this.fallback = fallback;
  }

  @Override
  public Permit acquire(Bucket bucket, int attempt, Duration maxPause)
      throws InterruptedException, PausedTooLong {
    if (Budgets.unreachable(route)) {
      return fallback.get().acquire(bucket, attempt, maxPause);
    }
    long start = System.nanoTime();
    Duration paused = Duration.ZERO;
    int limit = bucket == Bucket.AGGREGATIONS ? config.aggregationRequestsPerMinute()
        : config.entityRequestsPerHour();
    LeaseRequest r = new LeaseRequest(key, bucket, limit, config.maxInFlight(),
        config.callTimeout().plus(TTL_MARGIN), maxPause, route.tag(), attempt);
    while (true) {
      LeaseAnswer a;
      try {
        a = lessor.lease(r, HOLD);
      } catch (IOException e) {
        Budgets.markUnreachable(route, e, config);
        return fallback.get().acquire(bucket, attempt, maxPause.minus(paused));
      }
      if (a instanceof LeaseAnswer.Granted g) {
        paused = paused.plus(g.paused());
        return new Lease(bucket, g.lease(), Duration.ofNanos(System.nanoTime() - start), paused);
      }
      if (a instanceof LeaseAnswer.PausedTooLong p) {
        throw new PausedTooLong(p.pause());
      }
      paused = paused.plus(((LeaseAnswer.Wait) a).paused());
      Duration left = maxPause.minus(paused);
      r = r.withMaxPause(left.isNegative() ? Duration.ZERO : left);
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for a lease");
      }
    }
  }

  /** A granted lease; returned once, when the request is over. */
  private final class Lease implements Permit {
    private final Bucket bucket;
    private final long id;
    private final Duration waited;
    private final Duration paused;
    private boolean rateLimited;
    private Duration pause = Duration.ZERO;
    private boolean closed;

    Lease(Bucket bucket, long id, Duration waited, Duration paused) {
      this.bucket = bucket;
      this.id = id;
      this.waited = waited;
      this.paused = paused;
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
    public void rateLimited(Duration value) {
      rateLimited = true;
      pause = value;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        lessor.release(new Lessor.Release(key, bucket, id, rateLimited, pause, route.tag(), waited));
      } catch (IOException e) {
        Budgets.releaseFailed(route, e);
      }
    }
  }
}
