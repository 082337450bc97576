package dev.sparkfathom.read;

import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.FathomInterruptedException;
import dev.sparkfathom.client.FathomNotFoundException;
import dev.sparkfathom.client.FathomUnauthorizedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * When a site was created, the default start of its reads: asked of Fathom once per site,
 * token and JVM (a creation time never changes), so planning, EXPLAIN and every action on the
 * same read do not each spend an entity request.
 *
 * <p>Only a creation time is kept for good. "No usable time" (the token may not read the site,
 * the site is unknown, Fathom sent no or an unparsable {@code created_at}) may change when the
 * token gets access or the site is created, so it is kept for {@link #NO_TIME_KEPT} only; a
 * failure (5xx after retries, transport) is not kept at all. Entries are keyed by the full
 * token digest ({@link ClientConfig#budgetKey()}), never a short fingerprint that two tokens can
 * share. The request is made outside any lock of the map: concurrent planners of one site wait
 * for the one asking thread's answer, and planners of other sites do not wait at all.
 */
final class SiteCreation {
  /** How long an answer without a creation time is believed. */
  static final Duration NO_TIME_KEPT = Duration.ofMinutes(1);

  /** Asks Fathom for the site's {@code created_at} in UTC (null when it sent none). */
  @FunctionalInterface
  interface Lookup {
    LocalDateTime createdAtUtc(ClientConfig client, String siteId);
  }

  private static final SiteCreation SHARED = new SiteCreation(Clock.systemUTC(), SiteCreation::askFathom);

  private record Key(String budgetKey, String siteId) {}

  /** A creation time (kept for good), or none, believed until {@code until}. */
  private record Answer(LocalDateTime createdUtc, Instant until) {
    boolean believedAt(Instant now) {
      return createdUtc != null || now.isBefore(until);
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

  LocalDateTime createdUtc(ClientConfig client, String siteId) {
    return createdUtc(client, siteId, () -> {});
  }

  LocalDateTime createdUtc(ClientConfig client, String siteId, Runnable asking) {
    Key key = new Key(client.budgetKey(), siteId);
    while (true) {
      CompletableFuture<Answer> mine = new CompletableFuture<>();
      CompletableFuture<Answer> existing = known.putIfAbsent(key, mine);
      if (existing == null) {
        return askAndPublish(key, mine, client, siteId, asking).createdUtc();
      }
      Answer a = await(existing, siteId);
      if (a != null && a.believedAt(clock.instant())) {
        return a.createdUtc();
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
      a = ask(client, siteId);
    } catch (RuntimeException | Error e) {
      known.remove(key, mine);
      mine.complete(null); // waiters ask again themselves
      throw e;
    }
    mine.complete(a);
    return a;
  }

  private Answer ask(ClientConfig client, String siteId) {
    LocalDateTime created;
    try {
      created = lookup.createdAtUtc(client, siteId);
    } catch (FathomUnauthorizedException | FathomNotFoundException | DateTimeParseException e) {
      created = null;
    }
    return new Answer(created, clock.instant().plus(NO_TIME_KEPT));
  }

  private static Answer await(CompletableFuture<Answer> f, String siteId) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FathomInterruptedException("interrupted while waiting for the creation time of site "
          + siteId, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("site lookups are never completed exceptionally", e);
    }
  }

  private static LocalDateTime askFathom(ClientConfig client, String siteId) {
    try (FathomClient fathom = FathomClient.create(client)) {
      return fathom.getSite(siteId).createdAtUtc();
    }
  }
}
