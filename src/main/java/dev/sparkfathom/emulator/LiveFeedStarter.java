package dev.sparkfathom.emulator;

import dev.sparkfathom.emulator.data.DataStore;
import java.time.Clock;

/**
 * Starts live mode: new records added to the store in real time from a seeded generator.
 * The CLI stops the returned feed on shutdown.
 */
@FunctionalInterface
public interface LiveFeedStarter {
  Running start(DataStore store, long seed, int pageviewsPerDay, Clock clock);

  /** A running feed; {@link #close()} stops it and throws nothing checked. */
  interface Running extends AutoCloseable {
    @Override
    void close();
  }
}
