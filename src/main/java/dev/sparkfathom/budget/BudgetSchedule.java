package dev.sparkfathom.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The planned start times of one token's requests, so that no rolling window of {@link #window()}
 * (half-open: {@code [t, t + window)}) holds more than {@link #limit()} of them.
 *
 * <p>Each reservation takes the earliest start that keeps that promise given every start still
 * recorded: the {@code limit}-th most recent start plus the window, or now if that is later. So
 * starts never go backwards, and a full window's worth of requests starts at once. Starts older
 * than one window can no longer constrain anything and are forgotten. The schedule is a plan: it
 * assumes each request is sent at its start, no earlier; readers wait for their start and also
 * pass their executor's limiter, and a 429 is still retried.
 *
 * <p>Thread-safe: scans planning at the same time interleave whole reservations.
 */
public final class BudgetSchedule {
  private final Clock clock;
  private final Duration window;
  private volatile int limit;
  /** Recorded starts, oldest first, non-decreasing. */
  private final ArrayDeque<Instant> starts = new ArrayDeque<>();

  /**
   * @param limit requests allowed per window, at least 1
   * @param window the rolling window, positive
   * @param clock the source of now
   */
  public BudgetSchedule(int limit, Duration window, Clock clock) {
    this.limit = requireLimit(limit);
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("budget window must be positive; got: " + window);
    }
    this.window = window;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A schedule of {@code perMinute} requests per rolling minute. */
  public static BudgetSchedule perMinute(int perMinute, Clock clock) {
    return new BudgetSchedule(perMinute, Duration.ofMinutes(1), clock);
  }

  /**
   * Reserves starts for {@code requests} requests and returns them, earliest first. Zero requests
   * reserve nothing.
   */
  public synchronized List<Instant> reserve(int requests) {
    if (requests < 0) {
      throw new IllegalArgumentException("requests must be at least 0; got: " + requests);
    }
    Instant now = clock.instant();
    forgetBefore(now.minus(window));
    List<Instant> planned = new ArrayList<>(requests);
    for (int k = 0; k < requests; k++) {
      Instant start = now;
      if (!starts.isEmpty() && starts.peekLast().isAfter(start)) {
        start = starts.peekLast(); // a clock that steps back must not reorder the schedule
      }
      if (starts.size() >= limit) {
        Instant freed = nthMostRecent(limit).plus(window);
        if (freed.isAfter(start)) {
          start = freed;
        }
      }
      starts.addLast(start);
      planned.add(start);
    }
    return Collections.unmodifiableList(planned);
  }

  /** The starts recorded now, earliest first, after forgetting those that no longer count. */
  public synchronized List<Instant> recorded() {
    forgetBefore(clock.instant().minus(window));
    return List.copyOf(starts);
  }

  public int limit() {
    return limit;
  }

  public Duration window() {
    return window;
  }

  /** Changes the limit for later reservations; earlier ones stay where they are. */
  public synchronized void setLimit(int limit) {
    this.limit = requireLimit(limit);
  }

  /**
   * The least wall time {@code requests} requests take at {@code perMinute} a rolling minute,
   * from the first start to the last: the first {@code perMinute} start at once, the next ones a
   * minute later, and so on. Zero for no request.
   */
  public static Duration minimumDuration(int requests, int perMinute) {
    if (requests < 0) {
      throw new IllegalArgumentException("requests must be at least 0; got: " + requests);
    }
    requireLimit(perMinute);
    if (requests == 0) {
      return Duration.ZERO;
    }
    return Duration.ofMinutes((requests - 1) / perMinute);
  }

  private Instant nthMostRecent(int n) {
    Iterator<Instant> it = starts.descendingIterator();
    Instant s = null;
    for (int k = 0; k < n; k++) {
      s = it.next();
    }
    return s;
  }

  private void forgetBefore(Instant cutoff) {
    while (!starts.isEmpty() && !starts.peekFirst().isAfter(cutoff)) {
      starts.removeFirst();
    }
  }

  private static int requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("rate limit must be at least 1; got: " + limit);
    }
    return limit;
  }
}
