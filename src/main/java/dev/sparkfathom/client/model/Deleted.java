package dev.sparkfathom.client.model;

/** The receipt of a delete: {@code object} is {@code site} or {@code event}. */
public record Deleted(String id, String object, boolean deleted) {}
