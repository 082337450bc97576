package dev.sparkfathom.client.model;

import java.time.LocalDate;

/**
 * A milestone: a named date that annotates a site's reports (today's API). {@code id} is a
 * UUID; {@code createdAt} is Fathom's UTC {@code YYYY-MM-DD HH:MM:SS}, null when not sent.
 */
public record Milestone(String id, String siteId, String name, LocalDate milestoneDate,
    String createdAt) {}
