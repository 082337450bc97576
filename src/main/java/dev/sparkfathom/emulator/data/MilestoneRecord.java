package dev.sparkfathom.emulator.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A milestone of today's API: a named date that annotates a site's reports. {@code id} is a
 * UUID; {@code createdAt} is UTC. Stored in JSONL as {@code {"type":"milestone","id",
 * "site_id","name","milestone_date":"YYYY-MM-DD","created_at"}}.
 */
public record MilestoneRecord(
    String id, String siteId, String name, LocalDate milestoneDate, LocalDateTime createdAt) {
  /** The longest name the API accepts. */
  public static final int MAX_NAME = 30;

  public MilestoneRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(milestoneDate, "milestoneDate");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
