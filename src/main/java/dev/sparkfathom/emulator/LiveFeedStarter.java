package dev.sparkfathom.emulator;

import dev.sparkfathom.emulator.data.DataStore;
import java.time.Clock;

/**
 * Starts live mode: new records added to the store in real time from a seeded generator.
 * The CLI closes the returned handle on shutdown.
 */
@FunctionalInterface
public interface LiveFeedStarter {
  AutoCloseable start(DataStore store, long seed, int pageviewsPerDay, Clock clock);
}
