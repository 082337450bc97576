package dev.sparkfathom.client.model;

/**
 * An event of a site. Fathom leaves {@code site_id} out of some answers (create, update); the
 * client then fills in the site the request named.
 */
public record Event(String id, String siteId, String name, String createdAt) {}
