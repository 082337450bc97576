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
 *       instead of the JSON body, as a proxy in the way would send.
 * </ul>
 *
 * At most one body fault hits a request: disconnect, else truncate, else garbage.
 */
public record FaultSettings(
    double errorRate,
    Duration delay,
    double disconnectRate,
    double truncateRate,
    double garbageRate,
    long seed) {
  public static final FaultSettings NONE = new FaultSettings(0, Duration.ZERO, 0, 0, 0, 0);

  public FaultSettings {
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
    return new FaultSettings(rate, delay, disconnectRate, truncateRate, garbageRate, seed);
  }

  public FaultSettings withDelay(Duration d) {
    return new FaultSettings(errorRate, d, disconnectRate, truncateRate, garbageRate, seed);
  }

  public FaultSettings withDisconnectRate(double rate) {
    return new FaultSettings(errorRate, delay, rate, truncateRate, garbageRate, seed);
  }

  public FaultSettings withTruncateRate(double rate) {
    return new FaultSettings(errorRate, delay, disconnectRate, rate, garbageRate, seed);
  }

  public FaultSettings withGarbageRate(double rate) {
    return new FaultSettings(errorRate, delay, disconnectRate, truncateRate, rate, seed);
  }

  public FaultSettings withSeed(long s) {
    return new FaultSettings(errorRate, delay, disconnectRate, truncateRate, garbageRate, s);
  }

  /** True when no fault can happen. */
  public boolean isNone() {
    return errorRate == 0 && delay.isZero() && disconnectRate == 0 && truncateRate == 0
        && garbageRate == 0;
  }
}
