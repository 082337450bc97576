package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.Field;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.ConversionRecord;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.PageviewRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small seeded dataset built to trip an engine up: timestamps on bucket edges and inside
 * DST gaps and overlaps (Berlin, New York, Lord Howe's 30-minute shift, Kolkata's +5:30),
 * fractions of seconds, year ends; dimension values null, {@code ""}, {@code "un"}, with
 * {@code %}, {@code _}, case variants and characters outside the BMP; and a second site and
 * event whose records must never leak into the first's answers.
 */
final class TrickyData {
  static final String SITE = "TRICKY";
  static final String OTHER_SITE = "OTHERS";
  static final String EVENT = "signed-up";
  static final String OTHER_EVENT = "purchase";

  /** Values every dimension draws from. */
  static final String[] VALUES = {
    null, "", "un", "a", "A", "ab", "a_b", "a%b", "50%", "%", "_", "/blog", "/blog/post_1",
    "/Blog", "\uD83D\uDE00x", "x\uD83D\uDE00y", "a b", "AB", "a*b", "/blog/2024/05/x",
    "(a)", "a.b"
  };

  /** Instants on or near edges of hour, day, month and year buckets in the test zones. */
  static final String[] EDGES = {
    "2024-03-31T00:59:59Z", "2024-03-31T01:00:00Z", "2024-03-31T00:00:00Z",
    "2024-10-26T21:59:59Z", "2024-10-26T22:00:00Z", "2024-10-27T00:00:00Z",
    "2024-10-27T00:30:00Z", "2024-10-27T00:59:59Z", "2024-10-27T01:00:00Z",
    "2024-10-27T01:30:00Z", "2024-10-27T02:00:00Z",
    "2024-03-10T06:59:59Z", "2024-03-10T07:00:00Z", "2024-03-10T07:30:00Z",
    "2024-03-10T08:00:00Z", "2024-11-03T04:00:00Z", "2024-11-03T05:00:00Z",
    "2024-11-03T05:30:00Z", "2024-11-03T06:00:00Z", "2024-11-03T06:30:00Z",
    "2024-11-03T07:00:00Z",
    "2024-04-06T14:20:00Z", "2024-04-06T14:45:00Z", "2024-04-06T15:00:00Z",
    "2024-04-06T15:15:00Z", "2024-04-06T15:29:59Z", "2024-04-06T15:30:00Z",
    "2024-10-05T15:29:59Z", "2024-10-05T15:30:00Z", "2024-10-05T15:45:00Z",
    "2024-10-05T16:00:00Z",
    "2024-01-31T18:29:59Z", "2024-01-31T18:30:00Z", "2023-12-31T18:30:00Z",
    "2023-12-31T23:59:59Z", "2024-01-01T00:00:00Z", "2024-12-31T23:59:59Z",
    "2025-01-01T00:00:00Z", "2024-06-01T12:00:00.999Z", "2024-06-30T23:59:59.5Z"
  };

  final List<SiteRecord> sites = new ArrayList<>();
  final List<EventRecord> events = new ArrayList<>();
  final List<PageviewRecord> pageviews = new ArrayList<>();
  final List<ConversionRecord> conversions = new ArrayList<>();

  TrickyData(long seed) {
    Random r = new Random(seed);
    LocalDateTime created = LocalDateTime.of(2023, 1, 1, 0, 0);
    sites.add(new SiteRecord(SITE, "Tricky", "none", null, created));
    sites.add(new SiteRecord(OTHER_SITE, "Others", "none", null, created));
    events.add(new EventRecord(EVENT, SITE, "Signed up", created));
    events.add(new EventRecord(OTHER_EVENT, SITE, "Purchase", created));
    events.add(new EventRecord("elsewhere", OTHER_SITE, "Elsewhere", created));
    List<Instant> times = new ArrayList<>();
    for (String edge : EDGES) {
      times.add(Instant.parse(edge));
      times.add(Instant.parse(edge));
    }
    long start = Instant.parse("2023-12-25T00:00:00Z").getEpochSecond();
    long end = Instant.parse("2025-01-05T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 1500; i++) {
      times.add(Instant.ofEpochSecond(start + (long) (r.nextDouble() * (end - start))));
    }
    for (String edge : EDGES) {
      long t = Instant.parse(edge).getEpochSecond();
      for (int i = 0; i < 25; i++) {
        times.add(Instant.ofEpochSecond(t - 4 * 3600 + r.nextInt(8 * 3600)));
      }
    }
    // A session whose first and last seconds each hold two pageviews: entry and exit pages
    // then depend on file order (the first of the first second, the last of the last).
    for (String[] tie : new String[][] {{"2024-05-01T10:00:00Z", "/tie-first"},
        {"2024-05-01T10:00:00Z", "/tie-second"}, {"2024-05-01T10:05:00Z", "/tie-third"},
        {"2024-05-01T10:05:00Z", "/tie-fourth"}}) {
      String[] d = dims(r);
      d[Field.PATHNAME.ordinal()] = tie[1];
      pageviews.add(new PageviewRecord(SITE, Instant.parse(tie[0]), d, true, true, false, 5,
          "tie"));
    }
    for (Instant t : times) {
      boolean newSession = r.nextBoolean();
      pageviews.add(new PageviewRecord(r.nextInt(10) == 0 ? OTHER_SITE : SITE, t, dims(r),
          newSession, r.nextInt(3) > 0, r.nextBoolean(),
          r.nextInt(3) == 0 ? 0 : r.nextInt(600), session(r)));
      if (r.nextInt(3) == 0) {
        int which = r.nextInt(10);
        String event = which < 7 ? EVENT : which < 9 ? OTHER_EVENT : "elsewhere";
        String session = r.nextInt(8) == 0 ? "no-pageviews-" + r.nextInt(3) : session(r);
        conversions.add(new ConversionRecord(event.equals("elsewhere") ? OTHER_SITE : SITE,
            event, t, dims(r), r.nextBoolean(), r.nextInt(4) == 0 ? 0 : r.nextInt(100_000),
            session));
      }
    }
  }

  /** One of 60 sessions, or none for one record in six. */
  private static String session(Random r) {
    return r.nextInt(6) == 0 ? null : "s" + r.nextInt(60);
  }

  private static String[] dims(Random r) {
    String[] d = new String[Field.values().length];
    for (int f = 0; f < d.length; f++) {
      // a few fields stay nearly constant, so groups of several fields still repeat
      d[f] = f % 4 == 3 && r.nextInt(4) > 0 ? "x" : VALUES[r.nextInt(VALUES.length)];
    }
    // derived from the session; domain null on about half, so the hostname stands in
    d[Field.ENTRY_PAGE.ordinal()] = null;
    d[Field.EXIT_PAGE.ordinal()] = null;
    if (r.nextBoolean()) {
      d[Field.DOMAIN.ordinal()] = null;
    }
    return d;
  }

  ColumnarDataStore store() {
    ColumnarDataStore store = new ColumnarDataStore();
    sites.forEach(store::putSite);
    events.forEach(store::putEvent);
    store.addPageviews(pageviews);
    store.addConversions(conversions);
    return store;
  }
}
