package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Entity;
import java.util.Arrays;

/**
 * The groups of one aggregation and their running sums, in plain arrays indexed by group
 * number: the date group, the grouped fields' codes, and the counters the metrics are made
 * of. The metric formulas of the spec live here.
 */
final class Groups {
  // Counter slots of a pageview group.
  static final int PAGEVIEWS = 0;
  static final int VISITS = 1;
  static final int UNIQUES = 2;
  static final int DURATION_SUM = 3;
  static final int DURATION_COUNT = 4;
  static final int BOUNCES = 5;
  static final int PAGEVIEW_SLOTS = 6;
  // Counter slots of an event group.
  static final int CONVERSIONS = 0;
  static final int UNIQUE_CONVERSIONS = 1;
  static final int VALUE = 2;
  static final int EVENT_SLOTS = 3;

  final int slots;
  final int width;
  private int size;
  private int[] dates;
  private int[] codes;
  long[] counters;

  Groups(Entity entity, int width) {
    this.slots = entity == Entity.PAGEVIEW ? PAGEVIEW_SLOTS : EVENT_SLOTS;
    this.width = width;
    dates = new int[64];
    codes = new int[64 * width];
    counters = new long[64 * slots];
  }

  /** Adds a group; answers its number. */
  int add(int dateId, int[] fieldCodes) {
    if (size == dates.length) {
      dates = Arrays.copyOf(dates, size * 2);
      codes = Arrays.copyOf(codes, size * 2 * width);
      counters = Arrays.copyOf(counters, size * 2 * slots);
    }
    dates[size] = dateId;
    System.arraycopy(fieldCodes, 0, codes, size * width, width);
    return size++;
  }

  int size() {
    return size;
  }

  int date(int group) {
    return dates[group];
  }

  int code(int group, int field) {
    return codes[group * width + field];
  }

  /** The metric as the answer carries it: a Long, or a Double for the two ratios. */
  Number metric(Aggregate a, int group) {
    return a.integral() ? (Number) count(a, group) : (Number) ratio(a, group);
  }

  /** An integral metric: a count or a sum of cents. */
  long count(Aggregate a, int group) {
    int base = group * slots;
    return switch (a) {
      case PAGEVIEWS -> counters[base + PAGEVIEWS];
      case VISITS -> counters[base + VISITS];
      case UNIQUES -> counters[base + UNIQUES];
      case CONVERSIONS -> counters[base + CONVERSIONS];
      case UNIQUE_CONVERSIONS -> counters[base + UNIQUE_CONVERSIONS];
      case VALUE -> counters[base + VALUE];
      case AVG_DURATION, BOUNCE_RATE -> throw new IllegalArgumentException(
          a.apiName() + " is a ratio, not a count");
    };
  }

  /**
   * {@code avg_duration}: mean duration over records with duration > 0, 0 without any;
   * {@code bounce_rate}: records with new_session and bounce over visits, 0 without visits.
   */
  double ratio(Aggregate a, int group) {
    int base = group * slots;
    return switch (a) {
      case AVG_DURATION -> ratio(counters[base + DURATION_SUM], counters[base + DURATION_COUNT]);
      case BOUNCE_RATE -> ratio(counters[base + BOUNCES], counters[base + VISITS]);
      default -> throw new IllegalArgumentException(a.apiName() + " is a count, not a ratio");
    };
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }
}
