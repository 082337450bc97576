package dev.sparkfathom.emulator.data;

import java.time.Instant;

/**
 * One raw event completion. {@code dimensions[f.ordinal()]} is the value of {@link
 * dev.sparkfathom.api.Field} {@code f}, or null ({@code entry_page} and {@code exit_page}
 * null: derived from the site's pageviews of {@code sessionId}). {@code value} is in cents.
 */
public record ConversionRecord(
    String siteId,
    String eventId,
    Instant timestamp,
    String[] dimensions,
    boolean unique,
    long value,
    String sessionId) {
  /** A conversion without a session id. */
  public ConversionRecord(String siteId, String eventId, Instant timestamp, String[] dimensions,
      boolean unique, long value) {
    this(siteId, eventId, timestamp, dimensions, unique, value, null);
  }
}
