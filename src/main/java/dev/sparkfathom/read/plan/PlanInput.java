package dev.sparkfathom.read.plan;

import dev.sparkfathom.api.DateGrouping;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What the window planner needs to know about a read.
 *
 * @param grouping the read's {@code date_grouping}, or {@code null} for none
 * @param zone the read's timezone: it gives {@code from}, {@code to} and the buckets their meaning
 * @param from the range's first local time, inclusive, whole seconds
 * @param to the range's last local time, inclusive, whole seconds; not before {@code from}
 * @param allowed the buckets pushed {@code date} filters allow, or {@code null} for all
 * @param minPartitions the least number of windows wanted (fewer only when there are fewer buckets)
 * @param limits how wide one request may be
 */
public record PlanInput(
    DateGrouping grouping,
    ZoneId zone,
    LocalDateTime from,
    LocalDateTime to,
    BucketBounds allowed,
    int minPartitions,
    WindowLimits limits) {

  public PlanInput {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(limits, "limits");
    requireWholeSeconds("date_from", from);
    requireWholeSeconds("date_to", to);
    if (from.isAfter(to)) {
      throw new IllegalArgumentException(
          "date_from must not be after date_to; got: " + from + " > " + to);
    }
    if (minPartitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1; got: " + minPartitions);
    }
  }

  /** The input for a read of the whole range, every bucket allowed, with default limits. */
  public static PlanInput of(
      DateGrouping grouping, ZoneId zone, LocalDateTime from, LocalDateTime to) {
    return new PlanInput(grouping, zone, from, to, null, 1, WindowLimits.DEFAULT);
  }

  public PlanInput withAllowed(BucketBounds bounds) {
    return new PlanInput(grouping, zone, from, to, bounds, minPartitions, limits);
  }

  public PlanInput withMinPartitions(int n) {
    return new PlanInput(grouping, zone, from, to, allowed, n, limits);
  }

  public PlanInput withLimits(WindowLimits l) {
    return new PlanInput(grouping, zone, from, to, allowed, minPartitions, l);
  }

  private static void requireWholeSeconds(String what, LocalDateTime t) {
    if (t.getNano() != 0) {
      throw new IllegalArgumentException(what + " must be whole seconds; got: " + t);
    }
  }
}
