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
 * York).
 */
public final class TestAccount {
  static final Duration SHIFT = Duration.ofDays(236);
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
    r.sites().forEach(store::putSite);
    r.events().forEach(store::putEvent);
    store.addPageviews(pageviews);
    store.addConversions(conversions);
    site = r.sites().get(0).id();
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
