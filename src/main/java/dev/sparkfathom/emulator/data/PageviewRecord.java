package dev.sparkfathom.emulator.data;

import java.time.Instant;

/**
 * One raw pageview. {@code dimensions[f.ordinal()]} is the value of {@link
 * dev.sparkfathom.api.Field} {@code f}, or null; the array has one slot per field.
 */
public record PageviewRecord(
    String siteId,
    Instant timestamp,
    String[] dimensions,
    boolean newSession,
    boolean unique,
    boolean bounce,
    int duration) {}
