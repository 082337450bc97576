package dev.sparkfathom.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits. Injected so that tests can record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** Really sleeps the current thread. */
  Sleeper SYSTEM = d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());

  void sleep(Duration d) throws InterruptedException;
}
