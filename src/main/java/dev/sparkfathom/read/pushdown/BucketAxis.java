package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.DateGrouping;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * The buckets of a {@code date_grouping} in a timezone, named by their local start time, and
 * the value the {@code date} column shows for each.
 *
 * <p>A bucket exists when at least one instant falls in it: the skipped hour of a
 * spring-forward has no bucket (nor has a skipped day, as {@code Pacific/Apia} on 2011-12-30).
 * The {@code hour} value of a bucket is its first instant: the local start at the earlier
 * offset in a fall-back overlap, and the end of the gap when the gap swallows the local start
 * but not the whole hour ({@code Australia/Lord_Howe}, whose clocks move by 30 minutes). That
 * is what {@code ZonedDateTime.ofLocal(start, zone, null)} gives for every zone in the tz
 * database; the row decoder should produce the same value through {@link #firstInstant}.
 */
public final class BucketAxis implements Serializable {
  private static final long serialVersionUID = 1L;
  /** More missing buckets in a row than any zone's history has (a skipped day is 24 hours). */
  private static final int MAX_MISSING = 72;

  private final DateGrouping grouping;
  private final ZoneId zone;

  public BucketAxis(DateGrouping grouping, ZoneId zone) {
    this.grouping = Objects.requireNonNull(grouping, "grouping");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public DateGrouping grouping() {
    return grouping;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The bucket holding the instant {@code t}. */
  public LocalDateTime bucketOf(Instant t) {
    return grouping.truncate(LocalDateTime.ofInstant(t, zone));
  }

  /** The bucket holding the local date {@code d} (for day, month and year buckets). */
  public LocalDateTime bucketOf(LocalDate d) {
    return grouping.truncate(d.atStartOfDay());
  }

  /**
   * The first instant of the bucket starting at local time {@code start}; null when no
   * instant falls in it.
   */
  public Instant firstInstant(LocalDateTime start) {
    ZoneRules rules = zone.getRules();
    if (!rules.getValidOffsets(start).isEmpty()) {
      // In an overlap ofLocal takes the earlier offset, i.e. the first of the two instants.
      return ZonedDateTime.ofLocal(start, zone, null).toInstant();
    }
    ZoneOffsetTransition gap = rules.getTransition(start);
    if (grouping.truncate(gap.getDateTimeAfter()).equals(start)) {
      return gap.getInstant();
    }
    return null;
  }

  /** True when at least one instant falls in the bucket starting at {@code start}. */
  public boolean exists(LocalDateTime start) {
    return firstInstant(start) != null;
  }

  /** The first existing bucket after {@code start}. */
  public LocalDateTime next(LocalDateTime start) {
    return step(start, 1);
  }

  /** The last existing bucket before {@code start}. */
  public LocalDateTime previous(LocalDateTime start) {
    return step(start, -1);
  }

  private LocalDateTime step(LocalDateTime start, int direction) {
    LocalDateTime b = start;
    for (int i = 0; i < MAX_MISSING; i++) {
      b = grouping.plus(b, direction);
      if (exists(b)) {
        return b;
      }
    }
    throw new DateTimeException(
        "no " + grouping + " bucket within " + MAX_MISSING + " buckets of " + start + " in " + zone);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BucketAxis other && grouping == other.grouping && zone.equals(other.zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(grouping, zone);
  }

  @Override
  public String toString() {
    return grouping + " buckets in " + zone;
  }
}
