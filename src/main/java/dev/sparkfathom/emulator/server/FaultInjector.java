package dev.sparkfathom.emulator.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Decides, per {@code /v1} request, which fault of the current {@link FaultSettings} hits it.
 * Every request draws the same five numbers from one seeded {@link Random}, whatever the
 * rates, so a replay with the same settings and the same request order meets the same faults.
 * Setting new settings restarts the sequence from their seed. Thread-safe.
 */
final class FaultInjector {
  enum BodyFault {
    NONE, DISCONNECT, TRUNCATE, GARBAGE, NOT_JSON;

    /** The name in the request log; null for none. */
    String logName() {
      return this == NONE ? null : name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What happens to one request. {@code errorStatus} 0 means none; 429 is a throttle, sent
   * with {@code Retry-After: retryAfterSeconds} when that is above 0.
   */
  record Plan(Duration delay, int errorStatus, BodyFault bodyFault, int retryAfterSeconds,
      boolean slow) {
    static final Plan NONE = new Plan(Duration.ZERO, 0, BodyFault.NONE, 0, false);

    Plan(Duration delay, int errorStatus, BodyFault bodyFault) {
      this(delay, errorStatus, bodyFault, 0, false);
    }

    String faultName() {
      if (errorStatus == 429) {
        return "throttle";
      }
      if (errorStatus != 0) {
        return "error";
      }
      return bodyFault.logName();
    }
  }

  private FaultSettings settings;
  private Random random;
  /** The second sequence, for the faults added later (throttle, slow, not JSON). */
  private Random more;

  FaultInjector(FaultSettings settings) {
    settings(settings);
  }

  synchronized FaultSettings settings() {
    return settings;
  }

  synchronized void settings(FaultSettings s) {
    this.settings = Objects.requireNonNull(s, "settings");
    this.random = new Random(s.seed());
    this.more = new Random(~s.seed() * 0x9E3779B97F4A7C15L);
  }

  synchronized Plan next() {
    if (settings.isNone()) {
      return Plan.NONE;
    }
    double error = random.nextDouble();
    double which = random.nextDouble();
    double disconnect = random.nextDouble();
    double truncate = random.nextDouble();
    double garbage = random.nextDouble();
    int status = error < settings.errorRate() ? (which < 0.5 ? 500 : 503) : 0;
    BodyFault body = BodyFault.NONE;
    if (disconnect < settings.disconnectRate()) {
      body = BodyFault.DISCONNECT;
    } else if (truncate < settings.truncateRate()) {
      body = BodyFault.TRUNCATE;
    } else if (garbage < settings.garbageRate()) {
      body = BodyFault.GARBAGE;
    }
    double throttle = more.nextDouble();
    double slow = more.nextDouble();
    double notJson = more.nextDouble();
    if (status == 0 && throttle < settings.throttleRate()) {
      status = 429;
    }
    if (body == BodyFault.NONE && notJson < settings.notJsonRate()) {
      body = BodyFault.NOT_JSON;
    }
    Duration delay = settings.delay();
    boolean slowed = slow < settings.slowRate() && !settings.slowDelay().isZero();
    if (slowed) {
      delay = delay.plus(settings.slowDelay());
    }
    return new Plan(delay, status, body, status == 429 ? settings.retryAfterSeconds() : 0, slowed);
  }
}
