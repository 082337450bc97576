package dev.sparkfathom.emulator;

import dev.sparkfathom.emulator.data.DataStore;

/**
 * Fills a store with the seeded synthetic account (the generator); the CLI calls it when no
 * {@code --data} file is given. Same arguments, same records.
 */
@FunctionalInterface
public interface DemoDataLoader {
  void load(DataStore store, long seed, int days, int pageviewsPerDay);
}
