package dev.sparkfathom.emulator.data;

import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Set;

/** The spellings of the JSONL record format shared by {@link JsonlReader} and {@link JsonlWriter}. */
final class JsonlFormat {
  static final String SITE = "site";
  static final String EVENT = "event";
  static final String PAGEVIEW = "pageview";
  static final String CONVERSION = "conversion";
  static final Set<String> SHARING = Set.of("none", "private", "public");
  /** {@code created_at} of sites and events, in UTC. */
  static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

  private JsonlFormat() {}
}
