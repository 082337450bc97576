package dev.sparkfathom.config;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheduled-job options of a read, validated once: the response cache ({@code cache.path},
 * {@code cache.ttl}), the settle delay that says when a bucket is closed ({@code stream.settle},
 * shared by the cache and the stream, one home for the rule), the stream's admission control
 * ({@code maxBucketsPerTrigger}) and late-data re-reads ({@code stream.lookback}), and the
 * clock that says what "now" is.
 *
 * <p>The clock is the system's UTC clock unless {@code clock} names a clock registered in this
 * JVM with {@link #registerClock}: a test hook (tests and the examples move it in step with the
 * emulator's settable clock). Production reads never set it; an unregistered name is refused,
 * so a typo cannot silently fall back to another time.
 *
 * @param cachePath Hadoop path of the response cache, or null (no cache)
 * @param cacheTtl how long an entry is served after it was written; null for no expiry
 * @param settle how long after a bucket's end it counts as closed
 * @param maxBucketsPerTrigger most buckets one micro-batch reads; 0 for no bound
 * @param lookback closed buckets before the batch re-read each micro-batch
 * @param clockName the registered clock's name, or null for the system clock
 */
public record ScheduleSpec(String cachePath, Duration cacheTtl, Duration settle,
    int maxBucketsPerTrigger, int lookback, String clockName) implements Serializable {

  public static final Duration DEFAULT_SETTLE = Duration.ofHours(1);
  private static final Map<String, Clock> CLOCKS = new ConcurrentHashMap<>();

  public ScheduleSpec {
    Objects.requireNonNull(settle, "settle");
  }

  static ScheduleSpec parse(OptionReader o) {
    String path = o.text(FathomOptions.CACHE_PATH);
    Duration ttl = o.has(FathomOptions.CACHE_TTL) ? duration(o, FathomOptions.CACHE_TTL) : null;
    if (ttl != null && path == null) {
      throw new IllegalArgumentException("'" + FathomOptions.CACHE_TTL + "' needs '" + FathomOptions.CACHE_PATH + "'");
    }
    Duration settle = o.has(FathomOptions.STREAM_SETTLE) ? duration(o, FathomOptions.STREAM_SETTLE) : DEFAULT_SETTLE;
    int maxBuckets = o.integer(FathomOptions.MAX_BUCKETS_PER_TRIGGER, 0, 0, 1_000_000);
    int lookback = o.integer(FathomOptions.STREAM_LOOKBACK, 0, 0, 10_000);
    String clock = o.text(FathomOptions.CLOCK);
    if (clock != null && !CLOCKS.containsKey(clock)) {
      throw new IllegalArgumentException("'" + FathomOptions.CLOCK + "' names no clock registered in this JVM: '"
          + clock + "'; accepted: " + (CLOCKS.isEmpty() ? "none registered (leave the option unset)" : CLOCKS.keySet()));
    }
    return new ScheduleSpec(path, ttl, settle, maxBuckets, lookback, clock);
  }

  /**
   * A duration as {@code <n>s}, {@code <n>m}, {@code <n>h}, {@code <n>d} or ISO-8601
   * ({@code PT1H}); zero or more.
   */
  static Duration duration(OptionReader o, String key) {
    String v = o.text(key);
    String accepted = "; accepted: a duration such as 90s, 30m, 1h, 2d or PT1H, zero or more";
    Duration d;
    try {
      String t = v.toLowerCase(Locale.ROOT);
      if (t.matches("\\d{1,9}[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        d = switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      } else {
        d = Duration.parse(v.toUpperCase(Locale.ROOT));
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(o.describe(key) + " must be a duration; got: '" + v + "'" + accepted);
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException(o.describe(key) + " must not be negative; got: '" + v + "'" + accepted);
    }
    return d;
  }

  /** The clock that says what "now" is for this read. */
  public Clock clock() {
    if (clockName == null) {
      return Clock.systemUTC();
    }
    Clock c = CLOCKS.get(clockName);
    if (c == null) {
      throw new IllegalStateException("clock '" + clockName + "' is no longer registered in this JVM");
    }
    return c;
  }

  /** Registers a clock for the {@code clock} option (tests and examples only). */
  public static void registerClock(String name, Clock clock) {
    CLOCKS.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(clock, "clock"));
  }

  public static void unregisterClock(String name) {
    CLOCKS.remove(name);
  }

  /** The same options without the response cache (neither read nor written). */
  public ScheduleSpec withoutCache() {
    return new ScheduleSpec(null, null, settle, maxBucketsPerTrigger, lookback, clockName);
  }

  public boolean cacheEnabled() {
    return cachePath != null;
  }
}
