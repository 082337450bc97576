package dev.sparkfathom.client;

/**
 * HTTP 410 Gone: Fathom has retired the endpoint (today's API: site wipe, and events created,
 * read, updated, deleted or wiped by goal code). The message says so and names what replaces
 * it; {@link #replacement()} holds that advice alone.
 */
public class FathomGoneException extends FathomException {
  private static final long serialVersionUID = 1L;
  private final String replacement;

  public FathomGoneException(String message, int status, String apiMessage, String replacement) {
    super(message, status, apiMessage, null);
    this.replacement = replacement;
  }

  /** What to use instead, e.g. {@code use deleteEventByName(siteId, name)}; never null. */
  public String replacement() {
    return replacement;
  }
}
