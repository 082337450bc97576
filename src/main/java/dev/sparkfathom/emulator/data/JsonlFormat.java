package dev.sparkfathom.emulator.data;

import java.time.ZoneId;
import java.util.Set;

/** The spellings of the JSONL record format shared by {@link JsonlReader} and {@link JsonlWriter}. */
final class JsonlFormat {
  static final String SITE = "site";
  static final String EVENT = "event";
  static final String PAGEVIEW = "pageview";
  static final String CONVERSION = "conversion";
  static final String MILESTONE = "milestone";
  private static final Set<String> ZONE_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());
  static final Set<String> SHARING = Set.of("none", "private", "public");

  private JsonlFormat() {}

  /** A TZ database name as a zone; offsets such as {@code +02:00} are refused. */
  static ZoneId zone(String raw) {
    if (!ZONE_IDS.contains(raw)) {
      throw new IllegalArgumentException(
          "timezone must be a TZ database name such as UTC or Europe/London; got: '" + raw + "'");
    }
    return ZoneId.of(raw);
  }
}
