package dev.sparkfathom.emulator.data;

import java.time.Instant;

/**
 * One raw event completion. {@code dimensions[f.ordinal()]} is the value of {@link
 * dev.sparkfathom.api.Field} {@code f}, or null. {@code value} is in cents.
 */
public record ConversionRecord(
    String siteId,
    String eventId,
    Instant timestamp,
    String[] dimensions,
    boolean unique,
    long value) {}
