package dev.sparkfathom.client.model;

/** The receipt of a wipe: {@code object} is {@code site} or {@code event}. */
public record Wiped(String id, String object, boolean wiped) {}
