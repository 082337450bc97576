package dev.sparkfathom.budget;

import java.time.Duration;

/**
 * The least time a planned read takes at a rate, for EXPLAIN, the driver's log line and the
 * {@code max_requests} message. Budget is not booked ahead any more: the {@link Coordinator}
 * grants each request its slot when it is sent (a plan made ahead cannot see late task starts,
 * retries or follow-up requests).
 */
public final class BudgetSchedule {
  private BudgetSchedule() {}

  /**
   * The least wall time {@code requests} requests take at {@code perMinute} a rolling minute,
   * from the first send to the last: the first {@code perMinute} at once, the next ones a
   * minute later, and so on. Zero for no request.
   */
  public static Duration minimumDuration(int requests, int perMinute) {
    if (requests < 0) {
      throw new IllegalArgumentException("requests must be at least 0; got: " + requests);
    }
    if (perMinute < 1) {
      throw new IllegalArgumentException("rate limit must be at least 1; got: " + perMinute);
    }
    if (requests == 0) {
      return Duration.ZERO;
    }
    return Duration.ofMinutes((requests - 1) / perMinute);
  }
}
