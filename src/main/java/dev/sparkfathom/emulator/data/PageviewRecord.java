package dev.sparkfathom.emulator.data;

import java.time.Instant;

/**
 * One raw pageview. {@code dimensions[f.ordinal()]} is the value of {@link
 * dev.sparkfathom.api.Field} {@code f}, or null; the array has one slot per field. The slots
 * of {@code entry_page} and {@code exit_page} must be null: the store derives them from
 * {@code sessionId} (see {@link SessionIndex}). {@code sessionId} may be null: the pageview is
 * then a session of its own.
 */
public record PageviewRecord(
    String siteId,
    Instant timestamp,
    String[] dimensions,
    boolean newSession,
    boolean unique,
    boolean bounce,
    int duration,
    String sessionId) {
  /** A pageview without a session id. */
  public PageviewRecord(String siteId, Instant timestamp, String[] dimensions,
      boolean newSession, boolean unique, boolean bounce, int duration) {
    this(siteId, timestamp, dimensions, newSession, unique, bounce, duration, null);
  }
}
