package dev.sparkfathom.emulator.data;

import java.time.LocalDateTime;
import java.util.List;

/**
 * An event of a site. Event ids (the old goal codes) are unique across the account; today's
 * API names an event by {@code name} and treats the id as optional. {@code createdAt} is UTC.
 * {@code currency} is one of {@link #CURRENCIES}, or null when never set.
 */
public record EventRecord(
    String id, String siteId, String name, LocalDateTime createdAt, String currency) {
  /** What {@code POST /sites/{id}/events/currency} accepts, in the reference's order. */
  public static final List<String> CURRENCIES = List.of("dollar", "pound", "euro", "yuan",
      "peso", "shekel", "yen", "won", "hryvnia", "franc", "rupee", "integer", "none");

  public EventRecord {
    if (currency != null && !CURRENCIES.contains(currency)) {
      throw new IllegalArgumentException("currency must be one of "
          + String.join(", ", CURRENCIES) + "; got: '" + currency + "'");
    }
  }

  /** An event without a currency. */
  public EventRecord(String id, String siteId, String name, LocalDateTime createdAt) {
    this(id, siteId, name, createdAt, null);
  }

  public EventRecord withCurrency(String c) {
    return new EventRecord(id, siteId, name, createdAt, c);
  }
}
