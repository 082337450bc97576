package dev.sparkfathom.client;

import java.util.random.RandomGenerator;

/** A "random" source that always draws the same fraction, so back-off waits are exact. */
final class FixedRandom implements RandomGenerator {
  private final double fraction;

  FixedRandom(double fraction) {
    this.fraction = fraction;
  }

  @Override
  public long nextLong() {
    return 0;
  }

  @Override
  public double nextDouble() {
    return fraction;
  }
}
