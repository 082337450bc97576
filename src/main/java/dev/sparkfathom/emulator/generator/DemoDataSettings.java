package dev.sparkfathom.emulator.generator;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The size and shape of a synthetic account. Pageviews per day is the account's average over
 * all sites (the daily and weekly cycles and some noise vary it); the first site gets the most
 * traffic, the others less and less.
 *
 * @param seed the same seed always gives the same records
 * @param startDate the first day of traffic (UTC)
 * @param days number of days of traffic
 * @param pageviewsPerDay mean pageviews per day, all sites together
 * @param sites number of sites
 * @param pathnames distinct pathnames per site
 */
public record DemoDataSettings(
    long seed, LocalDate startDate, int days, int pageviewsPerDay, int sites, int pathnames) {
  public DemoDataSettings {
    Objects.requireNonNull(startDate, "startDate");
    positive("days", days);
    if (pageviewsPerDay < 0) {
      throw new IllegalArgumentException("pageviewsPerDay must be 0 or more; got: "
          + pageviewsPerDay);
    }
    positive("sites", sites);
    positive("pathnames", pathnames);
  }

  /** Three sites, 300 pathnames each, 5000 pageviews a day for 60 days from 2024-01-01. */
  public static DemoDataSettings defaults() {
    return new DemoDataSettings(42, LocalDate.of(2024, 1, 1), 60, 5000, 3, 300);
  }

  public DemoDataSettings withSeed(long value) {
    return new DemoDataSettings(value, startDate, days, pageviewsPerDay, sites, pathnames);
  }

  public DemoDataSettings withStartDate(LocalDate value) {
    return new DemoDataSettings(seed, value, days, pageviewsPerDay, sites, pathnames);
  }

  public DemoDataSettings withDays(int value) {
    return new DemoDataSettings(seed, startDate, value, pageviewsPerDay, sites, pathnames);
  }

  public DemoDataSettings withPageviewsPerDay(int value) {
    return new DemoDataSettings(seed, startDate, days, value, sites, pathnames);
  }

  public DemoDataSettings withSites(int value) {
    return new DemoDataSettings(seed, startDate, days, pageviewsPerDay, value, pathnames);
  }

  public DemoDataSettings withPathnames(int value) {
    return new DemoDataSettings(seed, startDate, days, pageviewsPerDay, sites, value);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1; got: " + value);
    }
  }
}
