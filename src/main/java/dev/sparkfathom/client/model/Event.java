package dev.sparkfathom.client.model;

/**
 * An event of a site. Fathom leaves {@code site_id} out of some answers; the client then fills
 * in the site the request named.
 *
 * <p>Today's API identifies events by {@code name}: {@code id} (the old goal code) is optional
 * (Fathom announced its removal) and null when absent; {@code currency} is null in lists (Fathom
 * sends it so) and is kept as sent, so a currency this client does not know yet does not fail
 * a listing ({@link EventCurrency} parses it).
 */
public record Event(String id, String siteId, String name, String createdAt, String currency) {
  /** An event as the legacy API describes it: no currency. */
  public Event(String id, String siteId, String name, String createdAt) {
    this(id, siteId, name, createdAt, null);
  }

  /**
   * An event name as a request sends it (deletion and currency by name): 1 to 255 characters.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static String checkName(String name) {
    return Checks.name("event", name);
  }
}
