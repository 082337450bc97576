package dev.sparkfathom.api;

import java.time.format.DateTimeFormatter;

/** The API's way of writing a time: {@code YYYY-MM-DD HH:MM:SS} (date ranges, created_at). */
public final class ApiTime {
  public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ApiTime() {}
}
