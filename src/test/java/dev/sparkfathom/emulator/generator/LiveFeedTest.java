package dev.sparkfathom.emulator.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private final ColumnarDataStore store = new ColumnarDataStore();
  private final LiveFeed feed =
      new LiveFeed(store, Clock.fixed(NOW, ZoneOffset.UTC), 9, 60);

  LiveFeedTest() {
    LocalDateTime created = LocalDateTime.of(2020, 1, 1, 0, 0);
    store.putSite(new SiteRecord("AAAAAA", "Acme Store", "none", null, created));
    store.putEvent(new EventRecord("purchase", "AAAAAA", "Purchase", created));
  }

  @Test
  void firstTickFillsTheCurrentVisitorsWindow() {
    feed.tick(NOW);
    assertThat(store.currentVisitors("AAAAAA", NOW, false).total()).isEqualTo(300);
    assertThat(store.currentVisitors("AAAAAA", NOW.minusSeconds(300), false).total()).isZero();
  }

  @Test
  void laterTicksAddWhatTheRateAsksForTheTimeElapsed() {
    feed.tick(NOW);
    long before = pageviews(NOW.plusSeconds(10));
    feed.tick(NOW.plusSeconds(10));
    assertThat(pageviews(NOW.plusSeconds(10)) - before).isEqualTo(10);
    assertThat(feed.tick(NOW.plusSeconds(10))).isZero();
  }

  @Test
  void clockSetBackStartsAfreshWithTheBackfillAtTheNewTime() {
    Instant back = NOW.minus(java.time.Duration.ofDays(1));
    feed.tick(NOW);
    feed.tick(back);
    assertThat(store.currentVisitors("AAAAAA", back, false).total()).isEqualTo(300);
    long before = pageviews(back.plusSeconds(10));
    feed.tick(back.plusSeconds(10));
    assertThat(pageviews(back.plusSeconds(10)) - before).isEqualTo(10);
  }

  @Test
  void clockMovedForwardByMonthsAddsOnlyTheBackfill() {
    feed.tick(NOW);
    Instant later = NOW.plus(java.time.Duration.ofDays(90));
    long before = store.recordCount();
    int added = feed.tick(later);
    assertThat(pageviews(later)).isEqualTo(300);
    assertThat(store.recordCount() - before).isEqualTo(added);
    assertThat(added).isBetween(300, 399); // 300 pageviews and about 2 % conversions
  }

  @Test
  void aFailingTickIsLoggedWithItsReasonAndTheFeedGoesOn() {
    java.util.List<java.util.logging.LogRecord> logged = new java.util.ArrayList<>();
    java.util.logging.Handler h = new java.util.logging.Handler() {
      @Override public void publish(java.util.logging.LogRecord r) { logged.add(r); }
      @Override public void flush() {}
      @Override public void close() {}
    };
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger(LiveFeed.class.getName());
    jul.addHandler(h);
    try {
      dev.sparkfathom.emulator.data.DataStore broken =
          (dev.sparkfathom.emulator.data.DataStore) java.lang.reflect.Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {dev.sparkfathom.emulator.data.DataStore.class},
              (proxy, method, args) -> {
                throw new IllegalStateException("store closed");
              });
      LiveFeed failing = new LiveFeed(broken, Clock.fixed(NOW, ZoneOffset.UTC), 9, 60);
      failing.tickNow();
      assertThat(logged).singleElement().satisfies(r -> {
        assertThat(r.getMessage()).isEqualTo("live feed tick failed, trying again in a second: "
            + "java.lang.IllegalStateException: store closed");
        assertThat(r.getThrown()).hasMessage("store closed");
      });
    } finally {
      jul.removeHandler(h);
    }
  }

  @Test
  void fractionsOfAPageviewCarryOverToTheNextTick() {
    feed.setRate(30);
    feed.tick(NOW);
    long before = pageviews(NOW.plusSeconds(4));
    for (int s = 1; s <= 4; s++) {
      feed.tick(NOW.plusSeconds(s));
    }
    assertThat(pageviews(NOW.plusSeconds(4)) - before).isEqualTo(2);
  }

  @Test
  void newRecordsFallInTheTickedSecondsOnly() {
    feed.tick(NOW);
    feed.tick(NOW.plusSeconds(60));
    // all 360 are within (NOW - 300 s, NOW + 60 s]
    assertThat(store.currentVisitors("AAAAAA", NOW.plusSeconds(60), false).total()
        + store.currentVisitors("AAAAAA", NOW.minusSeconds(240), false).total())
        .isEqualTo(360);
    assertThat(feed.recordsAdded()).isGreaterThanOrEqualTo(360);
  }

  @Test
  void sameSeedSameLiveRecords() throws IOException {
    ColumnarDataStore other = new ColumnarDataStore();
    store.sites().forEach(other::putSite);
    store.events("AAAAAA").forEach(other::putEvent);
    LiveFeed twin = new LiveFeed(other, Clock.fixed(NOW, ZoneOffset.UTC), 9, 60);
    feed.tick(NOW);
    twin.tick(NOW);
    StringWriter a = new StringWriter();
    StringWriter b = new StringWriter();
    store.export(a);
    other.export(b);
    assertThat(a.toString()).isEqualTo(b.toString()).contains("\"type\":\"pageview\"");
  }

  @Test
  void noSitesNothingAdded() {
    store.removeSite("AAAAAA");
    assertThat(feed.tick(NOW)).isZero();
  }

  @Test
  void startAndStopControlTheBackgroundThread() {
    assertThat(feed.running()).isFalse();
    feed.start();
    feed.start();
    assertThat(feed.running()).isTrue();
    feed.stop();
    assertThat(feed.running()).isFalse();
  }

  @Test
  void rateMustBeAFiniteNonNegativeNumber() {
    assertThatThrownBy(() -> feed.setRate(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("live rate must be a finite number of pageviews per minute, 0 or more; "
            + "got: -1.0");
    assertThatThrownBy(() -> feed.setRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private long pageviews(Instant now) {
    return store.currentVisitors("AAAAAA", now, false).total();
  }
}
