package dev.sparkfathom.read;

import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.FathomNotFoundException;
import dev.sparkfathom.client.FathomUnauthorizedException;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.config.FathomOptions;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a read needs to know of its site, asked of Fathom once per site, token and JVM (neither
 * changes during a job), so planning, EXPLAIN and every action on the same read do not each
 * spend an entity request: its creation, the default start of its reads, and its timezone,
 * the default timezone of its reads in today's API.
 */
final class SiteCreation {
  /** The site's facts, or why they are unknown. */
  private record Facts(LocalDateTime createdUtc, String timezone, String unreadable) {}

  private static final ConcurrentHashMap<String, Facts> KNOWN = new ConcurrentHashMap<>();

  private SiteCreation() {}

  /**
   * The site's {@code created_at} in UTC, or null when the token may not read the site, the
   * site is unknown, or Fathom sent no usable time. Other failures (5xx after retries,
   * transport) propagate: planning on a guess would be worse than a clear error.
   */
  static LocalDateTime utc(ClientConfig client, String siteId) {
    return facts(client, siteId).createdUtc();
  }

  /**
   * The site's timezone.
   *
   * @throws IllegalArgumentException when the site cannot be read or names no valid timezone,
   *     saying so and that option {@code timezone} would help
   */
  static ZoneId zone(ClientConfig client, String siteId) {
    Facts f = facts(client, siteId);
    String why = f.unreadable() != null ? f.unreadable()
        : f.timezone() == null ? "Fathom's answer for the site names no timezone" : null;
    if (why == null) {
      try {
        return new Site(siteId, null, null, null, f.timezone(), null, null).zone();
      } catch (IllegalArgumentException e) {
        why = e.getMessage();
      }
    }
    throw new IllegalArgumentException("a read without '" + FathomOptions.TIMEZONE + "' is in its site's"
        + " timezone, but that of site " + siteId + " is unknown: " + why + "; set option '"
        + FathomOptions.TIMEZONE + "' (a TZ database name such as UTC or Europe/Berlin)");
  }

  private static Facts facts(ClientConfig client, String siteId) {
    return KNOWN.computeIfAbsent(client.budgetKey() + "#" + siteId, k -> ask(client, siteId));
  }

  private static Facts ask(ClientConfig client, String siteId) {
    Site site;
    try (FathomClient fathom = FathomClient.create(client)) {
      site = fathom.getSite(siteId);
    } catch (FathomUnauthorizedException e) {
      return new Facts(null, null, "the token may not read the site (HTTP " + e.status() + ")");
    } catch (FathomNotFoundException e) {
      return new Facts(null, null, "Fathom knows no such site (HTTP 404)");
    }
    LocalDateTime created;
    try {
      created = site.createdAtUtc();
    } catch (DateTimeParseException e) {
      created = null;
    }
    return new Facts(created, site.timezone(), null);
  }
}
