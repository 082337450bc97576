package dev.sparkfathom.client.model;

/**
 * The receipt of {@code DELETE /sites/{id}/events?name=}: every event row of that name is gone.
 * {@code name} is the one Fathom echoed, else the one the request sent.
 */
public record DeletedEvent(String siteId, String name, boolean deleted) {}
