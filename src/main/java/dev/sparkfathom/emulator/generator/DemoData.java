package dev.sparkfathom.emulator.generator;

import dev.sparkfathom.emulator.data.ConversionRecord;
import dev.sparkfathom.emulator.data.DataStore;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.JsonlWriter;
import dev.sparkfathom.emulator.data.PageviewRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded synthetic account: sites with random 6-letter ids and timezones (the first in
 * America/New_York), a few events each, and for
 * every day of the range sessions of pageviews (and some conversions) shaped by the daily
 * and weekly cycles of {@link Vocabulary}, pages and dimensions as {@link SessionMaker} makes
 * them. Each (site, day) draws from its own random stream seeded from the seed, the site
 * number and the day number, so the same settings always give the same records, in the same
 * order.
 */
public final class DemoData {
  private static final String[] SITE_NAMES = {
    "Bugs Bunny Portfolio", "Acme Store", "Daffy Duck Blog", "Looney Docs", "Marvin Labs",
    "Road Runner News", "Tweety Recipes", "Porky Podcasts"
  };
  private static final String[] EVENT_NAMES = {
    "Signed up", "Purchase", "Newsletter subscribe", "Downloaded whitepaper"
  };
  private static final Comparator<PageviewRecord> PAGEVIEW_TIME =
      Comparator.comparing(PageviewRecord::timestamp);
  private static final Comparator<ConversionRecord> CONVERSION_TIME =
      Comparator.comparing(ConversionRecord::timestamp);
  private static final WeightedChoice HOURS = hourChoice();
  /**
   * The sites' timezones in turn: the first (demo) site reports in New York's, so its days
   * differ from UTC days, as a real site's do.
   */
  private static final ZoneId[] TIMEZONES = {
    ZoneId.of("America/New_York"), ZoneId.of("Europe/Berlin"), ZoneId.of("UTC")
  };

  private DemoData() {}

  /** The generated records, in memory: for tests and small accounts. */
  public record Records(List<SiteRecord> sites, List<EventRecord> events,
      List<PageviewRecord> pageviews, List<ConversionRecord> conversions) {}

  /** Adds the account to {@code store} (sites and events first, then records in batches). */
  public static void generate(DataStore store, DemoDataSettings settings) {
    try {
      generate(settings, new RecordSink() {
        @Override
        public void site(SiteRecord site) {
          store.putSite(site);
        }

        @Override
        public void event(EventRecord event) {
          store.putEvent(event);
        }

        @Override
        public void pageviews(List<PageviewRecord> batch) {
          store.addPageviews(batch);
        }

        @Override
        public void conversions(List<ConversionRecord> batch) {
          store.addConversions(batch);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("a store sink does no I/O", e);
    }
  }

  /** Writes the account as JSONL, in the store's import format, streaming. */
  public static void writeJsonl(DemoDataSettings settings, Writer out) throws IOException {
    try (JsonlWriter w = new JsonlWriter(out)) {
      generate(settings, new RecordSink() {
        @Override
        public void site(SiteRecord site) throws IOException {
          w.site(site);
        }

        @Override
        public void event(EventRecord event) throws IOException {
          w.event(event);
        }

        @Override
        public void pageviews(List<PageviewRecord> batch) throws IOException {
          for (PageviewRecord r : batch) {
            w.pageview(r);
          }
        }

        @Override
        public void conversions(List<ConversionRecord> batch) throws IOException {
          for (ConversionRecord r : batch) {
            w.conversion(r);
          }
        }
      });
    }
  }

  /** The account as lists. */
  public static Records collect(DemoDataSettings settings) {
    Records out = new Records(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>());
    try {
      generate(settings, new RecordSink() {
        @Override
        public void site(SiteRecord site) {
          out.sites().add(site);
        }

        @Override
        public void event(EventRecord event) {
          out.events().add(event);
        }

        @Override
        public void pageviews(List<PageviewRecord> batch) {
          out.pageviews().addAll(batch);
        }

        @Override
        public void conversions(List<ConversionRecord> batch) {
          out.conversions().addAll(batch);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("a list sink does no I/O", e);
    }
    return out;
  }

  /** Generates the account into {@code sink}. */
  public static void generate(DemoDataSettings settings, RecordSink sink) throws IOException {
    SplittableRandom account = new SplittableRandom(settings.seed());
    List<SiteProfile> profiles = new ArrayList<>();
    Set<String> eventIds = new HashSet<>();
    Set<String> siteIds = new HashSet<>();
    for (int i = 0; i < settings.sites(); i++) {
      String id = siteId(account, siteIds);
      String name = SITE_NAMES[i % SITE_NAMES.length]
          + (i < SITE_NAMES.length ? "" : " " + (i / SITE_NAMES.length + 1));
      LocalDateTime created = settings.startDate().atStartOfDay()
          .minusDays(30 + 7L * (settings.sites() - i)).plusSeconds(account.nextInt(86_400));
      SiteRecord site = new SiteRecord(id, name, "none", null, created)
          .withTimezone(TIMEZONES[i % TIMEZONES.length]);
      sink.site(site);
      List<EventRecord> events = new ArrayList<>();
      for (int e = 0; e < 2 + i % 3; e++) {
        String eventId = uniqueSlug(EVENT_NAMES[e], eventIds);
        EventRecord event = new EventRecord(eventId, id, EVENT_NAMES[e], created.plusDays(e + 1));
        sink.event(event);
        events.add(event);
      }
      profiles.add(SiteProfile.of(site, events, settings.pathnames()));
    }
    double[] shares = siteShares(settings.sites());
    for (int day = 0; day < settings.days(); day++) {
      LocalDate date = settings.startDate().plusDays(day);
      for (int i = 0; i < profiles.size(); i++) {
        SplittableRandom r = new SplittableRandom(mix(settings.seed(), i, day));
        double weekday = Vocabulary.WEEKDAY_WEIGHTS[date.getDayOfWeek().getValue() - 1];
        long target = Math.round(settings.pageviewsPerDay() * shares[i] * weekday
            * (0.85 + 0.3 * r.nextDouble()));
        siteDay(r, profiles.get(i), date, target, sink);
      }
    }
  }

  private static void siteDay(SplittableRandom r, SiteProfile site, LocalDate date,
      long target, RecordSink sink) throws IOException {
    long dayStart = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    List<PageviewRecord> pageviews = new ArrayList<>();
    List<ConversionRecord> conversions = new ArrayList<>();
    while (pageviews.size() < target) {
      long start = dayStart + 3600L * HOURS.index(r) + r.nextInt(3600);
      SessionMaker.session(r, site, start, pageviews, conversions);
    }
    pageviews.sort(PAGEVIEW_TIME);
    conversions.sort(CONVERSION_TIME);
    sink.pageviews(pageviews);
    if (!conversions.isEmpty()) {
      sink.conversions(conversions);
    }
  }

  private static WeightedChoice hourChoice() {
    Object[] pairs = new Object[48];
    for (int h = 0; h < 24; h++) {
      pairs[2 * h] = Integer.toString(h);
      pairs[2 * h + 1] = Vocabulary.HOUR_WEIGHTS[h];
    }
    return WeightedChoice.of(pairs);
  }

  /** The first site gets the most traffic; shares fall off as 1 / rank^0.8 and sum to 1. */
  private static double[] siteShares(int sites) {
    double[] shares = new double[sites];
    double sum = 0;
    for (int i = 0; i < sites; i++) {
      shares[i] = 1 / StrictMath.pow(i + 1, 0.8);
      sum += shares[i];
    }
    for (int i = 0; i < sites; i++) {
      shares[i] /= sum;
    }
    return shares;
  }

  private static String siteId(SplittableRandom r, Set<String> taken) {
    while (true) {
      StringBuilder id = new StringBuilder(6);
      for (int k = 0; k < 6; k++) {
        id.append((char) ('A' + r.nextInt(26)));
      }
      if (taken.add(id.toString())) {
        return id.toString();
      }
    }
  }

  /** The name slugified, with {@code -2}, {@code -3}, ... when already taken in the account. */
  static String uniqueSlug(String name, Set<String> taken) {
    String base = slug(name);
    String id = base;
    for (int n = 2; !taken.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  /** Lower case, runs of other characters than letters and digits as one {@code -}. */
  static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return s.replaceAll("^-+|-+$", "");
  }

  static long mix(long seed, long site, long day) {
    long h = seed * 0x9E3779B97F4A7C15L + site * 0xBF58476D1CE4E5B9L + day * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    return h * 0xD6E8FEB86659FD93L;
  }
}
