package dev.sparkfathom.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records every wait and moves the fake clock by it instead of sleeping. */
final class RecordingSleeper implements Sleeper {
  private final FakeClock clock;
  private final List<Duration> waits = new ArrayList<>();

  RecordingSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void sleep(Duration d) {
    waits.add(d);
    clock.advance(d);
  }

  synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }
}
