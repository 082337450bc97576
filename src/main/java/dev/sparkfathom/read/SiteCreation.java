package dev.sparkfathom.read;

import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.FathomNotFoundException;
import dev.sparkfathom.client.FathomUnauthorizedException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a site was created, the default start of its reads: asked of Fathom once per site,
 * token and JVM (a creation time never changes), so planning, EXPLAIN and every action on the
 * same read do not each spend an entity request.
 */
final class SiteCreation {
  private static final ConcurrentHashMap<String, Optional<LocalDateTime>> KNOWN = new ConcurrentHashMap<>();

  private SiteCreation() {}

  /**
   * The site's {@code created_at} in UTC, or null when the token may not read the site, the
   * site is unknown, or Fathom sent no usable time. Other failures (5xx after retries,
   * transport) propagate: planning on a guess would be worse than a clear error.
   *
   * @param asking called just before a request is sent (not when the answer is known), so the
   *     caller can count what its planning cost
   */
  static LocalDateTime utc(ClientConfig client, String siteId, Runnable asking) {
    return KNOWN.computeIfAbsent(client.budgetKey() + "#" + siteId, k -> ask(client, siteId, asking)).orElse(null);
  }

  private static Optional<LocalDateTime> ask(ClientConfig client, String siteId, Runnable asking) {
    asking.run();
    try {
      return Optional.ofNullable(FathomClient.create(client).getSite(siteId).createdAtUtc());
    } catch (FathomUnauthorizedException | FathomNotFoundException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
