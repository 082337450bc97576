package dev.sparkfathom.emulator.data;

import java.util.Set;

/** The spellings of the JSONL record format shared by {@link JsonlReader} and {@link JsonlWriter}. */
final class JsonlFormat {
  static final String SITE = "site";
  static final String EVENT = "event";
  static final String PAGEVIEW = "pageview";
  static final String CONVERSION = "conversion";
  static final Set<String> SHARING = Set.of("none", "private", "public");

  private JsonlFormat() {}
}
