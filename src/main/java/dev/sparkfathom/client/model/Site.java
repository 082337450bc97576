package dev.sparkfathom.client.model;

import dev.sparkfathom.api.ApiTime;
import dev.sparkfathom.api.TimeZones;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A site. {@code sharing} and {@code multiDomainOption} are kept as Fathom sent them, so a value
 * this client does not know yet does not fail a listing; {@code createdAt} is Fathom's UTC
 * {@code YYYY-MM-DD HH:MM:SS}.
 *
 * <p>Today's API adds {@code timezone} (the TZ name reports default to), {@code multiDomain}
 * and {@code multiDomainOption} ({@code combined} or {@code separate}); they are null in
 * answers of the legacy API, which has none of them.
 */
public record Site(String id, String name, String sharing, String createdAt, String timezone,
    Boolean multiDomain, String multiDomainOption) {

  /** A site as the legacy API describes it: without timezone and multi-domain settings. */
  public Site(String id, String name, String sharing, String createdAt) {
    this(id, name, sharing, createdAt, null, null, null);
  }

  /** {@code createdAt} as a UTC local time, or null when Fathom sent none. */
  public LocalDateTime createdAtUtc() {
    return createdAt == null ? null : LocalDateTime.parse(createdAt, ApiTime.FORMAT);
  }

  /**
   * The site's timezone, in which today's API reports it by default; null when Fathom sent
   * none (the legacy API).
   *
   * @throws IllegalArgumentException when the site's timezone is not a TZ database name
   */
  public ZoneId zone() {
    return timezone == null ? null : TimeZones.parse("site " + id + " timezone", timezone);
  }
}
