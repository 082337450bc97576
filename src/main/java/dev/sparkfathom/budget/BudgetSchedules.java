package dev.sparkfathom.budget;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The driver's schedules, one per key, for the life of the JVM. The key is whatever identifies
 * one rate limit at the API, chosen by the caller: for Fathom's per-user limits, the base URL plus
 * the full SHA-256 digest of the token (never the token itself: keys may show up in a heap dump or
 * a debug line; never a short fingerprint, which two tokens can share). Every scan planned in this JVM with the same key shares one schedule, which is the point:
 * two scans of one application must not each spend the whole budget.
 *
 * <p>Ownership: this class owns the schedules; callers borrow them for a planning and keep no
 * state of their own. A schedule is created by the first {@code forKey} call with its clock.
 * When a later call asks for a different limit (the user changed the option), the latest limit
 * wins for later reservations: the option describes the account, and the newest setting is the
 * best knowledge of it. Schedules are tiny (the starts of at most one window) and are kept until
 * {@link #resetForTests()}.
 */
public final class BudgetSchedules {
  private static final ConcurrentMap<String, BudgetSchedule> SCHEDULES = new ConcurrentHashMap<>();

  private BudgetSchedules() {}

  /** The schedule of {@code key} at {@code perMinute} requests a rolling minute. */
  public static BudgetSchedule forKey(String key, int perMinute, Clock clock) {
    return forKey(key, perMinute, Duration.ofMinutes(1), clock);
  }

  /**
   * The schedule of {@code key} at {@code limit} requests a rolling {@code window} (e.g. 2000 an
   * hour for the entity endpoints). One key has one window: asking for another one is a bug.
   */
  public static BudgetSchedule forKey(String key, int limit, Duration window, Clock clock) {
    Objects.requireNonNull(key, "key");
    BudgetSchedule s =
        SCHEDULES.computeIfAbsent(key, k -> new BudgetSchedule(limit, window, clock));
    if (!s.window().equals(window)) {
      throw new IllegalStateException(
          "budget key already has a window of " + s.window() + "; asked for " + window);
    }
    if (s.limit() != limit) {
      s.setLimit(limit);
    }
    return s;
  }

  /** See {@link BudgetSchedule#minimumDuration(int, int)}. */
  public static Duration minimumDuration(int requests, int perMinute) {
    return BudgetSchedule.minimumDuration(requests, perMinute);
  }

  /** Forgets every schedule. For tests only: production scans rely on the sharing. */
  public static void resetForTests() {
    SCHEDULES.clear();
  }
}
