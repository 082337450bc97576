package dev.sparkfathom.client.model;

/** One referrer of current visitors, and how many came from it. */
public record CurrentReferrer(String referrerHostname, String referrerPathname, long total) implements java.io.Serializable {}
