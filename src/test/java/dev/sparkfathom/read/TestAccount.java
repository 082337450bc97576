package dev.sparkfathom.read;

import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.ConversionRecord;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.PageviewRecord;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw records the Spark tests load into the emulator and compute expected answers from:
 * 45 days of demo traffic from 2024-03-01 (spring-forward in New York, Berlin, and Lord
 * Howe's fall-back), and the same traffic again 236 days later (fall-back in Berlin and New
 * York), plus crowds of {@link #EDGE_CROWD} pageviews at the first second after DST edges
 * that a single request may have to take in (see {@link #EDGE_SECONDS}).
 */
public final class TestAccount {
  static final Duration SHIFT = Duration.ofDays(236);
  /**
   * The first second of the bucket after a fall-back's repeated hour or day, where a request
   * owning buckets up to that one has to end (its end in local time would otherwise resolve to
   * the earlier offset): Berlin and New York hours, Lord Howe's half-hour, Santiago's day. A
   * crowd there outnumbers every demo bucket, so a limit Fathom applied to such a widened
   * request would keep the crowd's row, which the reader drops.
   */
  static final List<java.time.Instant> EDGE_SECONDS = List.of(java.time.Instant.parse("2024-10-27T02:00:00Z"),
      java.time.Instant.parse("2024-11-03T07:00:00Z"), java.time.Instant.parse("2024-04-06T15:30:00Z"),
      java.time.Instant.parse("2024-04-07T04:00:00Z"));
  static final int EDGE_CROWD = 400;
  private static TestAccount shared;

  public final List<PageviewRecord> pageviews = new ArrayList<>();
  public final List<ConversionRecord> conversions = new ArrayList<>();
  public final ColumnarDataStore store = new ColumnarDataStore();
  public final String site;
  public final String event;
  /** The event's name, which names it in today's API. */
  public final String eventName;
  /** The site's own timezone: today's reads without option timezone are in it. */
  public final java.time.ZoneId siteZone;

  /** One account per test JVM: the Spark ITs only read it, and building it takes seconds. */
  public static synchronized TestAccount shared() {
    if (shared == null) {
      shared = new TestAccount();
    }
    return shared;
  }

  private TestAccount() {
    DemoData.Records r = DemoData.collect(new DemoDataSettings(7, LocalDate.of(2024, 3, 1), 45, 1500, 2, 60));
    pageviews.addAll(r.pageviews());
    conversions.addAll(r.conversions());
    for (PageviewRecord p : r.pageviews()) {
      pageviews.add(new PageviewRecord(p.siteId(), p.timestamp().plus(SHIFT), p.dimensions(),
          p.newSession(), p.unique(), p.bounce(), p.duration(), shifted(p.sessionId())));
    }
    for (ConversionRecord c : r.conversions()) {
      conversions.add(new ConversionRecord(c.siteId(), c.eventId(), c.timestamp().plus(SHIFT),
          c.dimensions(), c.unique(), c.value(), shifted(c.sessionId())));
    }
    String siteId = r.sites().get(0).id();
    PageviewRecord model = r.pageviews().stream().filter(p -> p.siteId().equals(siteId)).findFirst().orElseThrow();
    for (java.time.Instant at : EDGE_SECONDS) {
      for (int i = 0; i < EDGE_CROWD; i++) {
        pageviews.add(new PageviewRecord(siteId, at, model.dimensions(), true, true, false, 30));
      }
    }
    r.sites().forEach(store::putSite);
    r.events().forEach(store::putEvent);
    store.addPageviews(pageviews);
    store.addConversions(conversions);
    site = siteId;
    siteZone = r.sites().get(0).timezone();
    EventRecord e = r.events().stream().filter(x -> x.siteId().equals(site)).findFirst().orElseThrow();
    event = e.id();
    eventName = e.name();
  }

  /** The shifted copy of a session is a session of its own. */
  private static String shifted(String sessionId) {
    return sessionId == null ? null : sessionId + "-shifted";
  }
}
