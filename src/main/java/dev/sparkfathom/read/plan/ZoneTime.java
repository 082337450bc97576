package dev.sparkfathom.read.plan;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Local time and instants (as epoch seconds) of one timezone, the way the API relates them: a
 * local time resolves like {@link ZonedDateTime#of}, so a time in a gap moves forward by the gap's
 * length and a time in an overlap takes the earlier offset. Note that this resolution is not
 * monotonic: a time late in a gap resolves after the first valid time following the gap.
 */
final class ZoneTime {
  private final ZoneId zone;
  private final ZoneRules rules;

  ZoneTime(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
  }

  ZoneId zone() {
    return zone;
  }

  ZoneRules rules() {
    return rules;
  }

  /** The instant the API gives the local time {@code local}. */
  long resolve(LocalDateTime local) {
    return ZonedDateTime.of(local, zone).toEpochSecond();
  }

  /** The local wall-clock time at {@code epochSecond}. */
  LocalDateTime local(long epochSecond) {
    return LocalDateTime.ofEpochSecond(
        epochSecond, 0, rules.getOffset(Instant.ofEpochSecond(epochSecond)));
  }

  /**
   * The first local time after the overlap that holds {@code local}, or {@code local} itself when
   * it is in no overlap: a bound there resolves to the end of the overlap's later occurrence.
   */
  LocalDateTime afterOverlap(LocalDateTime local) {
    ZoneOffsetTransition t = rules.getTransition(local);
    return t != null && t.isOverlap() ? t.getDateTimeBefore() : local;
  }
}
