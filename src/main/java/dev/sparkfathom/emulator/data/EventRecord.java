package dev.sparkfathom.emulator.data;

import java.time.LocalDateTime;

/** An event of a site. Event ids are unique across the account. {@code createdAt} is UTC. */
public record EventRecord(String id, String siteId, String name, LocalDateTime createdAt) {}
