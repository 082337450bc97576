package dev.sparkfathom.catalog;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.model.TokenInfo;
import java.util.LinkedHashSet;
import java.util.Set;
import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.client.model.Site;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The token's sites and each site's events, read through every page of their lists and kept
 * for a while (the catalog's namespaces change rarely, and every listing costs entity requests).
 *
 * <p>Which sites: in the legacy API the site list shows a site-limited token only its sites. In
 * today's API only a token that may read every site may list them; so the directory first asks
 * {@code GET /token}: with full or all-sites access it lists every page of sites, otherwise it
 * gets each site the token's {@code read:} / {@code manage:} permissions name.
 */
final class SiteDirectory {
  private final Supplier<FathomClient> client;
  private final Clock clock;
  private final Duration ttl;
  private Cached<List<Site>> sites;
  private final Map<String, Cached<List<Event>>> events = new ConcurrentHashMap<>();

  private record Cached<T>(T value, Instant until) {}

  SiteDirectory(Supplier<FathomClient> client, Clock clock, Duration ttl) {
    this.client = client;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Every site the token may read, oldest first. */
  synchronized List<Site> sites() {
    Instant now = clock.instant();
    if (sites == null || !now.isBefore(sites.until())) {
      List<Site> all = new ArrayList<>();
      try (FathomClient c = client.get()) {
        if (c.config().apiVersion() == ApiVersion.LEGACY) {
          c.allSites().forEach(all::add);
        } else {
          TokenInfo token = c.token();
          if (token.canReadAllSites()) {
            c.allSites().forEach(all::add);
          } else {
            for (String id : permittedSites(token)) {
              all.add(c.getSite(id));
            }
            // as the list endpoint orders them: oldest first
            all.sort(Comparator.comparing((Site x) -> x.createdAt() == null ? "" : x.createdAt()).thenComparing(Site::id));
          }
        }
      }
      sites = new Cached<>(List.copyOf(all), now.plus(ttl));
    }
    return sites.value();
  }

  /** The sites a token's {@code read:} and {@code manage:} permissions name, in their order. */
  static List<String> permittedSites(TokenInfo token) {
    Set<String> ids = new LinkedHashSet<>();
    for (String p : token.permissions()) {
      if (p.startsWith("read:") || p.startsWith("manage:")) {
        ids.add(p.substring(p.indexOf(':') + 1));
      }
    }
    return List.copyOf(ids);
  }

  /** The site whose id matches {@code name} ignoring case. */
  Optional<Site> find(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    return sites().stream().filter(s -> s.id().toUpperCase(Locale.ROOT).equals(n)).findFirst();
  }

  /** The site's events, oldest first. */
  List<Event> events(String siteId) {
    Instant now = clock.instant();
    Cached<List<Event>> c = events.get(siteId);
    if (c == null || !now.isBefore(c.until())) {
      List<Event> all = new ArrayList<>();
      try (FathomClient cl = client.get()) {
        cl.allEvents(siteId).forEach(all::add);
      }
      c = new Cached<>(List.copyOf(all), now.plus(ttl));
      events.put(siteId, c);
    }
    return c.value();
  }

  /** Forgets what was read, so the next look asks Fathom again. */
  synchronized void invalidate() {
    sites = null;
    events.clear();
  }
}
