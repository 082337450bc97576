package dev.sparkfathom.emulator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.emulator.engine.EngineQuery;
import dev.sparkfathom.emulator.engine.ResultRow;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ColumnarDataStoreTest {
  private static final LocalDateTime T0 = LocalDateTime.of(2020, 1, 1, 0, 0);
  private final ColumnarDataStore store = new ColumnarDataStore();

  ColumnarDataStoreTest() {
    store.putSite(new SiteRecord("BBBBBB", "B", "none", null, T0.plusDays(1)));
    store.putSite(new SiteRecord("AAAAAA", "A", "none", null, T0.plusDays(1)));
    store.putSite(new SiteRecord("CCCCCC", "C", "public", null, T0));
    store.putEvent(new EventRecord("e2", "AAAAAA", "E2", T0.plusDays(2)));
    store.putEvent(new EventRecord("e1", "AAAAAA", "E1", T0.plusDays(2)));
    store.putEvent(new EventRecord("e3", "BBBBBB", "E3", T0));
    for (String site : List.of("AAAAAA", "BBBBBB")) {
      store.addPageviews(List.of(pageview(site, "/x"), pageview(site, "/y")));
    }
    store.addConversions(List.of(conversion("AAAAAA", "e1"), conversion("AAAAAA", "e2"),
        conversion("BBBBBB", "e3")));
  }

  @Test
  void sitesAndEventsComeInCreatedOrderTiesById() {
    assertThat(store.sites()).extracting(SiteRecord::id)
        .containsExactly("CCCCCC", "AAAAAA", "BBBBBB");
    assertThat(store.events("AAAAAA")).extracting(EventRecord::id).containsExactly("e1", "e2");
    assertThat(store.events("NOSUCH")).isEmpty();
  }

  @Test
  void putSiteReplacesAndKeepsTheRecords() {
    store.putSite(new SiteRecord("AAAAAA", "Renamed", "private", "pw", T0));
    assertThat(store.site("AAAAAA")).map(SiteRecord::name).contains("Renamed");
    assertThat(pageviews("AAAAAA")).isEqualTo(2);
  }

  @Test
  void removeSiteTakesItsEventsAndAllTheirRecords() {
    assertThat(store.removeSite("AAAAAA")).isTrue();
    assertThat(store.removeSite("AAAAAA")).isFalse();
    assertThat(store.site("AAAAAA")).isEmpty();
    assertThat(store.event("e1")).isEmpty();
    assertThat(store.event("e3")).isPresent();
    assertThat(store.recordCount()).isEqualTo(3);
    store.putSite(new SiteRecord("AAAAAA", "Again", "none", null, T0));
    assertThat(pageviews("AAAAAA")).isZero();
  }

  @Test
  void wipeSiteKeepsSiteAndEventsButDropsPageviewsAndConversions() {
    store.wipeSite("AAAAAA");
    assertThat(store.site("AAAAAA")).isPresent();
    assertThat(store.events("AAAAAA")).hasSize(2);
    assertThat(pageviews("AAAAAA")).isZero();
    assertThat(conversions("e1")).isZero();
    assertThat(pageviews("BBBBBB")).isEqualTo(2);
    assertThat(store.recordCount()).isEqualTo(3);
  }

  @Test
  void wipeAndRemoveEventTouchOnlyThatEvent() {
    store.wipeEvent("e1");
    assertThat(store.event("e1")).isPresent();
    assertThat(conversions("e1")).isZero();
    assertThat(conversions("e2")).isEqualTo(1);
    assertThat(store.removeEvent("e2")).isTrue();
    assertThat(store.removeEvent("e2")).isFalse();
    assertThat(store.events("AAAAAA")).extracting(EventRecord::id).containsExactly("e1");
    assertThat(store.recordCount()).isEqualTo(5);
  }

  @Test
  void recordsOfUnknownSitesOrEventsAreRefusedWhole() {
    assertThatThrownBy(() -> store.addPageviews(
        List.of(pageview("AAAAAA", "/ok"), pageview("NOSUCH", "/x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a pageview for unknown site 'NOSUCH'");
    assertThat(pageviews("AAAAAA")).isEqualTo(2);
    assertThatThrownBy(() -> store.addConversions(List.of(conversion("AAAAAA", "nope"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a conversion for unknown event 'nope'");
    assertThatThrownBy(() -> store.addConversions(List.of(conversion("BBBBBB", "e1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event 'e1' belongs to site 'AAAAAA', not 'BBBBBB'");
    assertThatThrownBy(() -> store.putEvent(new EventRecord("e9", "NOSUCH", "E", T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an event for unknown site 'NOSUCH'");
    assertThatThrownBy(() -> store.addPageviews(List.of(new PageviewRecord("AAAAAA",
        Instant.EPOCH, new String[3], false, false, false, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a record needs 24 dimensions (one per Field); got 3");
  }

  @Test
  void manyAppendsSpanSeveralChunksAndWidenCodes() {
    List<PageviewRecord> batch = new ArrayList<>();
    for (int i = 0; i < Chunk.CAPACITY + 70_000; i++) {
      batch.add(pageview("CCCCCC", "/p" + i));
    }
    store.addPageviews(batch);
    assertThat(pageviews("CCCCCC")).isEqualTo(Chunk.CAPACITY + 70_000);
    List<ResultRow> rows = store.aggregate(new EngineQuery(Entity.PAGEVIEW, "CCCCCC",
        List.of(Aggregate.PAGEVIEWS), List.of(Field.PATHNAME), null, null, null, null, null,
        null, 3));
    assertThat(rows).extracting(r -> r.fields()[0]).containsExactly("/p0", "/p1", "/p10");
  }

  @Test
  void queriesRunWhileRecordsAreAppended() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> writer = pool.submit(() -> {
        for (int i = 0; i < 2000; i++) {
          store.addPageviews(List.of(pageview("CCCCCC", "/w" + i)));
        }
      });
      Future<Long> reader = pool.submit(() -> {
        long last = 0;
        while (!writer.isDone()) {
          long now = pageviews("CCCCCC");
          assertThat(now).isGreaterThanOrEqualTo(last);
          last = now;
        }
        return last;
      });
      writer.get(30, TimeUnit.SECONDS);
      reader.get(30, TimeUnit.SECONDS);
      assertThat(pageviews("CCCCCC")).isEqualTo(2000);
    } finally {
      pool.shutdownNow();
    }
  }

  private long pageviews(String site) {
    List<ResultRow> rows = store.aggregate(new EngineQuery(Entity.PAGEVIEW, site,
        List.of(Aggregate.PAGEVIEWS), List.of(), null, null, null, null, null, null, null));
    return rows.isEmpty() ? 0 : (Long) rows.get(0).metrics()[0];
  }

  private long conversions(String event) {
    List<ResultRow> rows = store.aggregate(new EngineQuery(Entity.EVENT, event,
        List.of(Aggregate.CONVERSIONS), List.of(), null, null, null, null, null, null, null));
    return rows.isEmpty() ? 0 : (Long) rows.get(0).metrics()[0];
  }

  static PageviewRecord pageview(String site, String path) {
    String[] d = new String[Field.values().length];
    d[Field.PATHNAME.ordinal()] = path;
    return new PageviewRecord(site, Instant.parse("2024-01-01T00:00:00Z"), d, true, true, false,
        5);
  }

  static ConversionRecord conversion(String site, String event) {
    return new ConversionRecord(site, event, Instant.parse("2024-01-01T00:00:00Z"),
        new String[Field.values().length], true, 100);
  }
}
