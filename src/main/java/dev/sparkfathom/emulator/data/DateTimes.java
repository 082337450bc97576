package dev.sparkfathom.emulator.data;

import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/** The one date-time spelling of the Fathom API, shared by the JSONL format and the HTTP layer. */
public final class DateTimes {
  /**
   * {@code YYYY-MM-DD HH:MM:SS}, parsed strictly (no 24:00, no February 30): the form of
   * {@code created_at}, {@code date_from}/{@code date_to} and hour buckets.
   */
  public static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

  private DateTimes() {}
}
