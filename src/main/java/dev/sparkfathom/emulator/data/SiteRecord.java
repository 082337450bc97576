package dev.sparkfathom.emulator.data;

import java.time.LocalDateTime;

/** A site of the emulated account. {@code createdAt} is UTC; {@code sharePassword} may be null. */
public record SiteRecord(
    String id, String name, String sharing, String sharePassword, LocalDateTime createdAt) {}
