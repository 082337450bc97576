package dev.sparkfathom.emulator.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults injected into {@code /v1} answers, for reliability tests (never into the control API).
 * Each rate is a share of requests from 0 to 1, decided per request from a {@link
 * java.util.Random} seeded with {@code seed}, so the same requests in the same order meet the
 * same faults again:
 *
 * <ul>
 *   <li>{@code errorRate}: answered 500 or 503 (half each) with an {@code error} body, without
 *       running the endpoint and without counting against the rate limits;
 *   <li>{@code delay}: waited before every answer;
 *   <li>{@code disconnectRate}: the status line and headers go out with chunked transfer
 *       encoding, then half the body, then the connection is closed without the last chunk;
 *   <li>{@code truncateRate}: {@code Content-Length} announces the whole body but only half of
 *       it is sent before the connection is closed;
 *   <li>{@code garbageRate}: the real status, but an HTML error page ({@code text/html})
 *       instead of the JSON body, as a proxy in the way would send (for an answer that
 *       succeeds: an HTML page with status 200);
 *   <li>{@code throttleRate}: answered 429 {@code Too Many Attempts.} without running the
 *       endpoint, with {@code Retry-After: retryAfterSeconds} when that is above 0 and without
 *       the header when it is 0; runs of such answers make a 429 storm;
 *   <li>{@code slowRate}: waited {@code slowDelay} before the answer, so a client whose read
 *       time-out is shorter gives up on it;
 *   <li>{@code notJsonRate}: the real status and {@code application/json}, but a body that is
 *       not JSON at all (a proxy's plain-text complaint).
 * </ul>
 *
 * At most one status fault hits a request (500/503, else 429) and at most one body fault:
 * disconnect, else truncate, else garbage, else not JSON. The faults added after the first
 * five ({@code throttleRate}, {@code slowRate}, {@code notJsonRate}) draw from a second
 * sequence of the same seed, so settings without them meet the same faults as before.
 */
public record FaultSettings(
    double errorRate,
    Duration delay,
    double disconnectRate,
    double truncateRate,
    double garbageRate,
    long seed,
    double throttleRate,
    int retryAfterSeconds,
    double slowRate,
    Duration slowDelay,
    double notJsonRate) {
  public static final FaultSettings NONE = new FaultSettings(0, Duration.ZERO, 0, 0, 0, 0);

  /** The first five faults only. */
  public FaultSettings(double errorRate, Duration delay, double disconnectRate,
      double truncateRate, double garbageRate, long seed) {
    this(errorRate, delay, disconnectRate, truncateRate, garbageRate, seed, 0, 0, 0,
        Duration.ZERO, 0);
  }

  public FaultSettings {
    check("throttle rate", throttleRate);
    check("slow rate", slowRate);
    check("not-JSON rate", notJsonRate);
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException(
          "Retry-After seconds must be 0 (no header) or more; got: " + retryAfterSeconds);
    }
    Objects.requireNonNull(slowDelay, "slowDelay");
    if (slowDelay.isNegative()) {
      throw new IllegalArgumentException("slow delay must not be negative; got: " + slowDelay);
    }
    check("error rate", errorRate);
    check("disconnect rate", disconnectRate);
    check("truncate rate", truncateRate);
    check("garbage rate", garbageRate);
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("fault delay must not be negative; got: " + delay);
    }
  }

  private static void check(String what, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(what + " must be from 0 to 1; got: " + rate);
    }
  }

  public FaultSettings withErrorRate(double rate) {
    return new FaultSettings(rate, delay, disconnectRate, truncateRate, garbageRate, seed, throttleRate, retryAfterSeconds, slowRate, slowDelay, notJsonRate);
  }

  public FaultSettings withDelay(Duration d) {
    return new FaultSettings(errorRate, d, disconnectRate, truncateRate, garbageRate, seed, throttleRate, retryAfterSeconds, slowRate, slowDelay, notJsonRate);
  }

  public FaultSettings withDisconnectRate(double rate) {
    return new FaultSettings(errorRate, delay, rate, truncateRate, garbageRate, seed, throttleRate, retryAfterSeconds, slowRate, slowDelay, notJsonRate);
  }

  public FaultSettings withTruncateRate(double rate) {
    return new FaultSettings(errorRate, delay, disconnectRate, rate, garbageRate, seed, throttleRate, retryAfterSeconds, slowRate, slowDelay, notJsonRate);
  }

  public FaultSettings withGarbageRate(double rate) {
    return new FaultSettings(errorRate, delay, disconnectRate, truncateRate, rate, seed, throttleRate, retryAfterSeconds, slowRate, slowDelay, notJsonRate);
  }

  public FaultSettings withSeed(long s) {
    return new FaultSettings(errorRate, delay, disconnectRate, truncateRate, garbageRate, s, throttleRate, retryAfterSeconds, slowRate, slowDelay, notJsonRate);
  }

  public FaultSettings withThrottleRate(double rate) {
    return new FaultSettings(errorRate, delay, disconnectRate, truncateRate, garbageRate, seed, rate, retryAfterSeconds, slowRate, slowDelay, notJsonRate);
  }

  public FaultSettings withRetryAfterSeconds(int seconds) {
    return new FaultSettings(errorRate, delay, disconnectRate, truncateRate, garbageRate, seed, throttleRate, seconds, slowRate, slowDelay, notJsonRate);
  }

  public FaultSettings withSlowRate(double rate) {
    return new FaultSettings(errorRate, delay, disconnectRate, truncateRate, garbageRate, seed, throttleRate, retryAfterSeconds, rate, slowDelay, notJsonRate);
  }

  public FaultSettings withSlowDelay(Duration d) {
    return new FaultSettings(errorRate, delay, disconnectRate, truncateRate, garbageRate, seed, throttleRate, retryAfterSeconds, slowRate, d, notJsonRate);
  }

  public FaultSettings withNotJsonRate(double rate) {
    return new FaultSettings(errorRate, delay, disconnectRate, truncateRate, garbageRate, seed, throttleRate, retryAfterSeconds, slowRate, slowDelay, rate);
  }

  /** True when no fault can happen. */
  public boolean isNone() {
    return errorRate == 0 && delay.isZero() && disconnectRate == 0 && truncateRate == 0
        && garbageRate == 0 && throttleRate == 0 && (slowRate == 0 || slowDelay.isZero())
        && notJsonRate == 0;
  }
}
