package dev.sparkfathom.client.model;

import dev.sparkfathom.api.ApiTime;
import java.time.LocalDateTime;

/**
 * A site. {@code sharing} is kept as Fathom sent it, so a value this client does not know yet
 * does not fail a listing; {@code createdAt} is Fathom's UTC {@code YYYY-MM-DD HH:MM:SS}.
 */
public record Site(String id, String name, String sharing, String createdAt) {
  /** {@code createdAt} as a UTC local time, or null when Fathom sent none. */
  public LocalDateTime createdAtUtc() {
    return createdAt == null ? null : LocalDateTime.parse(createdAt, ApiTime.FORMAT);
  }
}
