package dev.sparkfathom.emulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Field;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.PageviewRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurrentVisitorsCounterTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private final ColumnarDataStore store = new ColumnarDataStore();

  CurrentVisitorsCounterTest() {
    LocalDateTime created = LocalDateTime.of(2020, 1, 1, 0, 0);
    store.putSite(new SiteRecord("AAAAAA", "A", "none", null, created));
    store.putSite(new SiteRecord("BBBBBB", "B", "none", null, created));
  }

  @Test
  void windowIsTheFiveMinutesUpToNowExclusiveOfItsStart() {
    add("AAAAAA", NOW.minusSeconds(300), "h", "/old", null, null);
    add("AAAAAA", NOW.minusSeconds(299), "h", "/in", null, null);
    add("AAAAAA", NOW, "h", "/in", null, null);
    add("AAAAAA", NOW.plusSeconds(1), "h", "/future", null, null);
    add("BBBBBB", NOW, "h", "/other-site", null, null);
    CurrentVisitors cv = store.currentVisitors("AAAAAA", NOW.plusMillis(999), false);
    assertThat(cv).isEqualTo(new CurrentVisitors(2, List.of(), List.of()));
  }

  @Test
  void detailsListPagesAndReferrersByTotalThenValuesNullFirst() {
    add("AAAAAA", NOW, "h", "/b", "https://t.co", "/x");
    add("AAAAAA", NOW, "h", "/b", null, null);
    add("AAAAAA", NOW, "h", "/a", null, null);
    add("AAAAAA", NOW, null, "/c", "https://t.co", "/x");
    CurrentVisitors cv = store.currentVisitors("AAAAAA", NOW, true);
    assertThat(cv.total()).isEqualTo(4);
    assertThat(cv.content()).containsExactly(
        new CurrentVisitors.Page("h", "/b", 2),
        new CurrentVisitors.Page(null, "/c", 1),
        new CurrentVisitors.Page("h", "/a", 1));
    assertThat(cv.referrers()).containsExactly(
        new CurrentVisitors.Referrer(null, null, 2),
        new CurrentVisitors.Referrer("https://t.co", "/x", 2));
  }

  @Test
  void detailsKeepTheTop150() {
    List<PageviewRecord> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      for (int k = 0; k <= i % 3; k++) {
        records.add(record("AAAAAA", NOW, "h", String.format("/p%03d", i), null, null));
      }
    }
    store.addPageviews(records);
    CurrentVisitors cv = store.currentVisitors("AAAAAA", NOW, true);
    assertThat(cv.content()).hasSize(150);
    assertThat(cv.content().get(0)).isEqualTo(new CurrentVisitors.Page("h", "/p002", 3));
    // 66 pages seen 3 times, 67 twice, then the first 17 of those seen once, by pathname
    assertThat(cv.content().get(65).total()).isEqualTo(3);
    assertThat(cv.content().get(132).total()).isEqualTo(2);
    assertThat(cv.content().get(149)).isEqualTo(new CurrentVisitors.Page("h", "/p048", 1));
    assertThat(cv.referrers()).containsExactly(
        new CurrentVisitors.Referrer(null, null, records.size()));
  }

  @Test
  void unknownSiteHasNoVisitors() {
    assertThat(store.currentVisitors("NOSUCH", NOW, true))
        .isEqualTo(new CurrentVisitors(0, List.of(), List.of()));
  }

  private void add(String site, Instant t, String host, String path, String refHost,
      String refPath) {
    store.addPageviews(List.of(record(site, t, host, path, refHost, refPath)));
  }

  private static PageviewRecord record(String site, Instant t, String host, String path,
      String refHost, String refPath) {
    String[] d = new String[Field.values().length];
    d[Field.HOSTNAME.ordinal()] = host;
    d[Field.PATHNAME.ordinal()] = path;
    d[Field.REFERRER_HOSTNAME.ordinal()] = refHost;
    d[Field.REFERRER_PATHNAME.ordinal()] = refPath;
    return new PageviewRecord(site, t, d, true, true, false, 0);
  }
}
