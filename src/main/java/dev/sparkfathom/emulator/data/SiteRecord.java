package dev.sparkfathom.emulator.data;

import java.time.LocalDateTime;

/** A site of the emulated account. {@code createdAt} is UTC; {@code sharePassword} may be null. */
public record SiteRecord(
    String id, String name, String sharing, String sharePassword, LocalDateTime createdAt) {

  /** As the record's own, but the share password only as present or not: it is a secret. */
  @Override
  public String toString() {
    return "SiteRecord[id=" + id + ", name=" + name + ", sharing=" + sharing + ", sharePassword="
        + (sharePassword == null ? "null" : "***") + ", createdAt=" + createdAt + "]";
  }
}
