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
    NONE, DISCONNECT, TRUNCATE, GARBAGE;

    /** The name in the request log; null for none. */
    String logName() {
      return this == NONE ? null : name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What happens to one request. {@code errorStatus} 0 means none. */
  record Plan(Duration delay, int errorStatus, BodyFault bodyFault) {
    static final Plan NONE = new Plan(Duration.ZERO, 0, BodyFault.NONE);

    String faultName() {
      if (errorStatus != 0) {
        return "error";
      }
      return bodyFault.logName();
    }
  }

  private FaultSettings settings;
  private Random random;

  FaultInjector(FaultSettings settings) {
    settings(settings);
  }

  synchronized FaultSettings settings() {
    return settings;
  }

  synchronized void settings(FaultSettings s) {
    this.settings = Objects.requireNonNull(s, "settings");
    this.random = new Random(s.seed());
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
    return new Plan(settings.delay(), status, body);
  }
}
