package dev.sparkfathom.emulator.generator;

import dev.sparkfathom.api.Field;
import dev.sparkfathom.emulator.data.ConversionRecord;
import dev.sparkfathom.emulator.data.PageviewRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes the records of one visit. A session is 1 + a geometric number of pageviews, a few
 * dozen seconds apart, all with one {@code session_id} (so its entry and exit pages are its
 * first and last pathname). The first pageview has {@code new_session}, the referrer (and its
 * {@code referrer_source}) and any UTM tags, and {@code bounce} when it is the only one; a
 * pageview is {@code unique} when the visitor is new today and has not seen that pathname in
 * the session; {@code duration} is the time to the next pageview (0 for the last, as a tracker
 * cannot know it). The visitor's device, operating system (one that runs on the device),
 * browser (one that runs on the system), country and city (in the country, with its region
 * and state) stay the same over the visit. Conversions follow the last pageview, copy its
 * dimensions and carry the session id.
 */
final class SessionMaker {
  private static final int FIELDS = Field.values().length;
  private static final double CONTINUE = 0.45;
  private static final int MAX_PAGES = 20;
  /** What a later page of a visit shares with the first. */
  private static final Field[] VISITOR_FIELDS = {Field.HOSTNAME, Field.BROWSER,
      Field.COUNTRY_CODE, Field.DEVICE_TYPE, Field.OPERATING_SYSTEM, Field.CITY, Field.REGION,
      Field.STATE};

  private SessionMaker() {}

  /** Adds one session starting at {@code start} (epoch seconds) to the two lists. */
  static void session(SplittableRandom r, SiteProfile site, long start,
      List<PageviewRecord> pageviews, List<ConversionRecord> conversions) {
    int pages = 1;
    while (pages < MAX_PAGES && r.nextDouble() < CONTINUE) {
      pages++;
    }
    boolean newVisitor = r.nextDouble() < 0.8;
    String sessionId = "s" + Long.toHexString(r.nextLong());
    String[] visit = visitDimensions(r, site);
    Set<String> seen = new HashSet<>();
    long t = start;
    String[] last = null;
    for (int k = 0; k < pages; k++) {
      String[] dims = k == 0 ? visit.clone() : pageDimensions(visit);
      dims[Field.PATHNAME.ordinal()] = site.pathnames.pick(r);
      pageExtras(r, dims);
      int dwell = k + 1 < pages ? 5 + (int) (-50 * StrictMath.log(1 - r.nextDouble())) : 0;
      boolean unique = newVisitor && seen.add(dims[Field.PATHNAME.ordinal()]);
      pageviews.add(new PageviewRecord(site.site.id(), Instant.ofEpochSecond(t), dims,
          k == 0, unique, k == 0 && pages == 1, dwell, sessionId));
      last = dims;
      t += dwell;
    }
    for (int e = 0; e < site.events.size(); e++) {
      if (r.nextDouble() >= site.eventRates[e]) {
        continue;
      }
      int times = r.nextDouble() < 0.1 ? 2 : 1;
      for (int n = 0; n < times; n++) {
        long value = site.eventHasValue[e] ? r.nextInt(5, 250) * 100L - 1 : 0;
        conversions.add(new ConversionRecord(site.site.id(), site.events.get(e).id(),
            Instant.ofEpochSecond(t + 1 + r.nextInt(30) + 40L * n), last.clone(), n == 0,
            value, sessionId));
      }
    }
  }

  /** One pageview at {@code second}, for the live feed: a session start or a later page. */
  static PageviewRecord pageview(SplittableRandom r, SiteProfile site, long second) {
    boolean start = r.nextDouble() < 0.5;
    String[] visit = visitDimensions(r, site);
    String[] dims = start ? visit : pageDimensions(visit);
    dims[Field.PATHNAME.ordinal()] = site.pathnames.pick(r);
    pageExtras(r, dims);
    boolean bounce = start && r.nextDouble() < 0.55;
    int duration = bounce || r.nextDouble() < 0.3 ? 0 : 5 + r.nextInt(120);
    return new PageviewRecord(site.site.id(), Instant.ofEpochSecond(second), dims, start,
        r.nextDouble() < 0.6, bounce, duration);
  }

  /** What stays the same over a visit, with the first page's referrer and tags. */
  private static String[] visitDimensions(SplittableRandom r, SiteProfile site) {
    String[] d = new String[FIELDS];
    d[Field.HOSTNAME.ordinal()] = site.hostnames.pick(r);
    String referrer = r.nextDouble() < 0.12
        ? Vocabulary.REFERRER_TAIL.pick(r) : Vocabulary.REFERRERS.pick(r);
    if (referrer != null) {
      int space = referrer.indexOf(' ');
      String host = referrer.substring(0, space);
      d[Field.REFERRER_HOSTNAME.ordinal()] = host;
      d[Field.REFERRER_PATHNAME.ordinal()] = referrer.substring(space + 1);
      d[Field.REFERRER_SOURCE.ordinal()] = referrerSource(host);
      if (referrer.contains("google") && r.nextDouble() < 0.05) {
        d[Field.KEYWORD.ordinal()] = Vocabulary.KEYWORDS.pick(r);
      }
    }
    String device = Vocabulary.DEVICES.pick(r);
    d[Field.DEVICE_TYPE.ordinal()] = device;
    WeightedChoice systems = device == null ? null : Vocabulary.OPERATING_SYSTEMS.get(device);
    String system = systems == null ? null : systems.pick(r);
    d[Field.OPERATING_SYSTEM.ordinal()] = system;
    d[Field.BROWSER.ordinal()] = system == null
        ? Vocabulary.BROWSERS.pick(r) : Vocabulary.BROWSERS_BY_OS.get(system).pick(r);
    String country = Vocabulary.COUNTRIES.pick(r);
    d[Field.COUNTRY_CODE.ordinal()] = country;
    Geography.Place place = Geography.pick(r, country);
    if (place != null) {
      d[Field.CITY.ordinal()] = place.city();
      d[Field.REGION.ordinal()] = place.region();
      d[Field.STATE.ordinal()] = place.state();
    }
    if (r.nextDouble() < 0.15) {
      d[Field.UTM_SOURCE.ordinal()] = Vocabulary.UTM_SOURCES.pick(r);
      d[Field.UTM_MEDIUM.ordinal()] = Vocabulary.UTM_MEDIUMS.pick(r);
      d[Field.UTM_CAMPAIGN.ordinal()] = Vocabulary.UTM_CAMPAIGNS.pick(r);
      d[Field.UTM_CONTENT.ordinal()] = Vocabulary.UTM_CONTENTS.pick(r);
      d[Field.UTM_TERM.ordinal()] = Vocabulary.UTM_TERMS.pick(r);
    }
    if (r.nextDouble() < 0.03) {
      d[Field.REF.ordinal()] = Vocabulary.REFS.pick(r);
    }
    return d;
  }

  /**
   * Fathom's source name for a referrer hostname: the known ones by name, another its host
   * without the scheme; none for an empty hostname.
   */
  static String referrerSource(String host) {
    if (host.isBlank()) {
      return null;
    }
    String known = Vocabulary.REFERRER_SOURCES.get(host);
    return known != null ? known : host.replaceFirst("^[a-z-]+://", "");
  }

  /** A later page of the visit: same visitor and host, no referrer or tags. */
  private static String[] pageDimensions(String[] visit) {
    String[] d = new String[FIELDS];
    for (Field f : VISITOR_FIELDS) {
      d[f.ordinal()] = visit[f.ordinal()];
    }
    return d;
  }

  /** Query parameters that depend on the page: a search term on /search, a rare {@code s}. */
  private static void pageExtras(SplittableRandom r, String[] d) {
    if ("/search".equals(d[Field.PATHNAME.ordinal()]) || r.nextDouble() < 0.005) {
      d[Field.Q.ordinal()] = Vocabulary.SEARCHES.pick(r);
    }
    if (r.nextDouble() < 0.01) {
      d[Field.S.ordinal()] = "s" + r.nextInt(1, 40);
    }
  }
}
