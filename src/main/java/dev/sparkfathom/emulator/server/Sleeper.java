package dev.sparkfathom.emulator.server;

import java.time.Duration;

/** Waits for the fault delay; injected so tests can record the wait instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));

  void sleep(Duration d) throws InterruptedException;
}
