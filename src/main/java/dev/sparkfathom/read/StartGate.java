package dev.sparkfathom.read;

import dev.sparkfathom.client.FathomInterruptedException;
import dev.sparkfathom.client.Sleeper;
import java.time.Clock;
import java.time.Duration;

/**
 * Holds a partition back until the start time the driver's budget schedule gave it, so that
 * executors together keep to the token's rate even before their own limiters see a request.
 */
record StartGate(Clock clock, Sleeper sleeper) {
  static final StartGate SYSTEM = new StartGate(Clock.systemUTC(), Sleeper.SYSTEM);

  /** @return the milliseconds waited */
  long await(long notBeforeMillis) {
    long wait = notBeforeMillis - clock.millis();
    if (wait <= 0) {
      return 0;
    }
    try {
      sleeper.sleep(Duration.ofMillis(wait));
      return wait;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FathomInterruptedException("interrupted while waiting for the planned start", e);
    }
  }
}
