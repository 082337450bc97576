package dev.sparkfathom.read;

import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.FathomInterruptedException;
import dev.sparkfathom.client.FathomNotFoundException;
import dev.sparkfathom.client.FathomUnauthorizedException;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.config.FathomOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * What a read needs to know of its site, asked of Fathom once per site, token and JVM, so
 * planning, EXPLAIN and every action on the same read do not each spend an entity request: its
 * creation, the default start of its reads, and its timezone, the default timezone of its reads
 * in today's API. One {@code GET /sites/{id}} answers both.
 *
 * <p>Only an answer with a creation time is kept for good. "No usable time" (the token may not
 * read the site, the site is unknown, Fathom sent no or an unparsable {@code created_at}) may
 * change when the token gets access or the site is created, so it is kept for
 * {@link #NO_TIME_KEPT} only; a failure (5xx after retries, transport) is not kept at all.
 * Entries are keyed by the full token digest ({@link ClientConfig#budgetKey()}), never a short
 * fingerprint that two tokens can share. The request is made outside any lock of the map:
 * concurrent planners of one site wait for the one asking thread's answer, and planners of
 * other sites do not wait at all.
 */
final class SiteCreation {
  /** How long an answer without a creation time is believed. */
  static final Duration NO_TIME_KEPT = Duration.ofMinutes(1);

  /** The site's facts: its creation in UTC and its timezone, each null when unknown, or why the site is unreadable. */
  record Facts(LocalDateTime createdUtc, String timezone, String unreadable) {}

  /**
   * Asks Fathom about the site. Tests give the creation alone ({@link #createdAtUtc}); Fathom's
   * lookup gives every fact of the one answer ({@link #facts}).
   */
  @FunctionalInterface
  interface Lookup {
    /** The site's {@code created_at} in UTC (null when it sent none). */
    LocalDateTime createdAtUtc(ClientConfig client, String siteId);

    /** Every fact of the site; the token's lack of access and an unknown site are facts too. */
    default Facts facts(ClientConfig client, String siteId) {
      try {
        return new Facts(createdAtUtc(client, siteId), null, null);
      } catch (FathomUnauthorizedException e) {
        return new Facts(null, null, "the token may not read the site (HTTP " + e.status() + ")");
      } catch (FathomNotFoundException e) {
        return new Facts(null, null, "Fathom knows no such site (HTTP 404)");
      } catch (DateTimeParseException e) {
        return new Facts(null, null, null);
      }
    }
  }

  /** Fathom's answer for the site: creation and timezone from one request. */
  private static final Lookup FATHOM = new Lookup() {
    @Override
    public LocalDateTime createdAtUtc(ClientConfig client, String siteId) {
      return facts(client, siteId).createdUtc();
    }

    @Override
    public Facts facts(ClientConfig client, String siteId) {
      Site site;
      try (FathomClient fathom = DriverBudget.lookupClient(client)) {
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
  };

  private static final SiteCreation SHARED = new SiteCreation(Clock.systemUTC(), FATHOM);

  private record Key(String budgetKey, String siteId) {}

  /** The site's facts; those with a creation time kept for good, others believed until {@code until}. */
  private record Answer(Facts facts, Instant until) {
    boolean believedAt(Instant now) {
      return facts.createdUtc() != null || now.isBefore(until);
    }
  }

  private final ConcurrentHashMap<Key, CompletableFuture<Answer>> known = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Lookup lookup;

  SiteCreation(Clock clock, Lookup lookup) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  /**
   * The site's {@code created_at} in UTC, or null when the token may not read the site, the
   * site is unknown, or Fathom sent no usable time. Other failures (5xx after retries,
   * transport) propagate: planning on a guess would be worse than a clear error.
   *
   * @param asking called just before a request is sent (not when the answer is known), so the
   *     caller can count what its planning cost
   */
  static LocalDateTime utc(ClientConfig client, String siteId, Runnable asking) {
    return SHARED.createdUtc(client, siteId, asking);
  }

  /**
   * The site's timezone, from the same cached answer as its creation.
   *
   * @param asking called just before a request is sent (not when the answer is known)
   * @throws IllegalArgumentException when the site cannot be read or names no valid timezone,
   *     saying so and that option {@code timezone} would help
   */
  static ZoneId zone(ClientConfig client, String siteId, Runnable asking) {
    return SHARED.zoneOf(client, siteId, asking);
  }

  LocalDateTime createdUtc(ClientConfig client, String siteId) {
    return createdUtc(client, siteId, () -> {});
  }

  LocalDateTime createdUtc(ClientConfig client, String siteId, Runnable asking) {
    return facts(client, siteId, asking).createdUtc();
  }

  ZoneId zoneOf(ClientConfig client, String siteId, Runnable asking) {
    Facts f = facts(client, siteId, asking);
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

  private Facts facts(ClientConfig client, String siteId, Runnable asking) {
    Key key = new Key(client.budgetKey(), siteId);
    while (true) {
      CompletableFuture<Answer> mine = new CompletableFuture<>();
      CompletableFuture<Answer> existing = known.putIfAbsent(key, mine);
      if (existing == null) {
        return askAndPublish(key, mine, client, siteId, asking).facts();
      }
      Answer a = await(existing, siteId);
      if (a != null && a.believedAt(clock.instant())) {
        return a.facts();
      }
      // The asker failed (not kept), or a "no time" answer is too old: ask again.
      known.remove(key, existing);
    }
  }

  private Answer askAndPublish(Key key, CompletableFuture<Answer> mine, ClientConfig client,
      String siteId, Runnable asking) {
    Answer a;
    asking.run();
    try {
      a = new Answer(lookup.facts(client, siteId), clock.instant().plus(NO_TIME_KEPT));
    } catch (RuntimeException | Error e) {
      known.remove(key, mine);
      mine.complete(null); // waiters ask again themselves
      throw e;
    }
    mine.complete(a);
    return a;
  }

  private static Answer await(CompletableFuture<Answer> f, String siteId) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FathomInterruptedException("interrupted while waiting for the facts of site "
          + siteId, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("site lookups are never completed exceptionally", e);
    }
  }
}
