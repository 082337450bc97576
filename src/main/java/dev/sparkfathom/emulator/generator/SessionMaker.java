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
 * dozen seconds apart. The first pageview has {@code new_session}, the referrer and any UTM
 * tags, and {@code bounce} when it is the only one; a pageview is {@code unique} when the
 * visitor is new today and has not seen that pathname in the session; {@code duration} is
 * the time to the next pageview (0 for the last, as a tracker cannot know it). Conversions
 * follow the last pageview and copy its dimensions.
 */
final class SessionMaker {
  private static final int FIELDS = Field.values().length;
  private static final double CONTINUE = 0.45;
  private static final int MAX_PAGES = 20;

  private SessionMaker() {}

  /** Adds one session starting at {@code start} (epoch seconds) to the two lists. */
  static void session(SplittableRandom r, SiteProfile site, long start,
      List<PageviewRecord> pageviews, List<ConversionRecord> conversions) {
    int pages = 1;
    while (pages < MAX_PAGES && r.nextDouble() < CONTINUE) {
      pages++;
    }
    boolean newVisitor = r.nextDouble() < 0.8;
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
          k == 0, unique, k == 0 && pages == 1, dwell));
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
            value));
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
    String referrer = Vocabulary.REFERRERS.pick(r);
    if (referrer != null) {
      int space = referrer.indexOf(' ');
      d[Field.REFERRER_HOSTNAME.ordinal()] = referrer.substring(0, space);
      d[Field.REFERRER_PATHNAME.ordinal()] = referrer.substring(space + 1);
      if (referrer.contains("google") && r.nextDouble() < 0.05) {
        d[Field.KEYWORD.ordinal()] = Vocabulary.KEYWORDS.pick(r);
      }
    }
    d[Field.BROWSER.ordinal()] = Vocabulary.BROWSERS.pick(r);
    d[Field.COUNTRY_CODE.ordinal()] = Vocabulary.COUNTRIES.pick(r);
    d[Field.DEVICE_TYPE.ordinal()] = Vocabulary.DEVICES.pick(r);
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

  /** A later page of the visit: same visitor and host, no referrer or tags. */
  private static String[] pageDimensions(String[] visit) {
    String[] d = new String[FIELDS];
    for (Field f : new Field[] {Field.HOSTNAME, Field.BROWSER, Field.COUNTRY_CODE,
        Field.DEVICE_TYPE}) {
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
