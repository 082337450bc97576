package dev.sparkfathom.client.model;

/** One page being viewed now, and by how many visitors. */
public record CurrentContent(String hostname, String pathname, long total) implements java.io.Serializable {}
