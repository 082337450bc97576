package dev.sparkfathom.api;

import java.time.ZoneId;
import java.util.Set;

/**
 * Fathom's timezones are TZ database names ({@code UTC}, {@code Europe/Berlin}); offsets such
 * as {@code +02:00} are not names and are refused.
 */
public final class TimeZones {
  /** Read once: the JDK builds a new set on every call. */
  private static final Set<String> NAMES = Set.copyOf(ZoneId.getAvailableZoneIds());

  private TimeZones() {}

  /**
   * @param what how the message names the value, e.g. {@code timezone}
   * @throws IllegalArgumentException naming the value and what is accepted
   */
  public static ZoneId parse(String what, String raw) {
    if (raw == null || !NAMES.contains(raw)) {
      throw new IllegalArgumentException(what
          + " must be a TZ database name such as UTC or Europe/Berlin; got: " + Names.quote(raw));
    }
    return ZoneId.of(raw);
  }
}
