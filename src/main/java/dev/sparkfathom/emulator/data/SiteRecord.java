package dev.sparkfathom.emulator.data;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * A site of the emulated account. {@code createdAt} is UTC; {@code sharePassword} may be null.
 * {@code timezone} is the site's reporting timezone (today's API reports in it when a request
 * gives none); {@code multiDomain} and {@code multiDomainOption} ({@code combined} or {@code
 * separate}) are attributes of today's API that the emulator stores and returns.
 */
public record SiteRecord(
    String id,
    String name,
    String sharing,
    String sharePassword,
    LocalDateTime createdAt,
    ZoneId timezone,
    boolean multiDomain,
    String multiDomainOption) {
  /** The accepted values of {@code multi_domain_option}. */
  public static final Set<String> MULTI_DOMAIN_OPTIONS = Set.of("combined", "separate");
  /** The timezone of a site that names none. */
  public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");
  public static final String DEFAULT_MULTI_DOMAIN_OPTION = "combined";

  public SiteRecord {
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(multiDomainOption, "multiDomainOption");
    if (!MULTI_DOMAIN_OPTIONS.contains(multiDomainOption)) {
      throw new IllegalArgumentException(
          "multi_domain_option must be one of combined, separate; got: '" + multiDomainOption
              + "'");
    }
  }

  /** A site in UTC, single-domain: the shape of the docs page. */
  public SiteRecord(
      String id, String name, String sharing, String sharePassword, LocalDateTime createdAt) {
    this(id, name, sharing, sharePassword, createdAt, DEFAULT_TIMEZONE, false,
        DEFAULT_MULTI_DOMAIN_OPTION);
  }

  /** This site with another timezone. */
  public SiteRecord withTimezone(ZoneId zone) {
    return new SiteRecord(id, name, sharing, sharePassword, createdAt, zone, multiDomain,
        multiDomainOption);
  }

  /** As the record's own, but the share password only as present or not: it is a secret. */
  @Override
  public String toString() {
    return "SiteRecord[id=" + id + ", name=" + name + ", sharing=" + sharing + ", sharePassword="
        + (sharePassword == null ? "null" : "***") + ", createdAt=" + createdAt + ", timezone="
        + timezone + ", multiDomain=" + multiDomain + ", multiDomainOption=" + multiDomainOption
        + "]";
  }
}
