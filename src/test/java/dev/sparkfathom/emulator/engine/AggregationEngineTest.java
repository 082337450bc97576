package dev.sparkfathom.emulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.Sort;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.ConversionRecord;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.PageviewRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact answers worked out by hand for the cases the spec spells out. */
class AggregationEngineTest {
  private static final String SITE = "CDBUGS";
  private final ColumnarDataStore store = new ColumnarDataStore();
  private final List<PageviewRecord> pageviews = new ArrayList<>();

  AggregationEngineTest() {
    LocalDateTime created = LocalDateTime.of(2020, 1, 1, 0, 0);
    store.putSite(new SiteRecord(SITE, "Bugs", "none", null, created));
    store.putEvent(new EventRecord("signed-up", SITE, "Signed up", created));
  }

  @Test
  void berlinFallBackRepeatedHourIsOneGroup() {
    pageview("2024-10-27T00:30:00Z", "/a"); // 02:30 CEST
    pageview("2024-10-27T01:30:00Z", "/a"); // 02:30 CET
    pageview("2024-10-27T02:00:00Z", "/a"); // 03:00 CET
    assertThat(dates(query(DateGrouping.HOUR, "Europe/Berlin"), 0))
        .containsExactly("2024-10-27 02:00:00=2", "2024-10-27 03:00:00=1");
  }

  @Test
  void newYorkSpringForwardSkipsTheMissingHour() {
    pageview("2024-03-10T06:59:59Z", "/a"); // 01:59:59 EST
    pageview("2024-03-10T07:00:00Z", "/a"); // 03:00 EDT
    assertThat(dates(query(DateGrouping.HOUR, "America/New_York"), 0))
        .containsExactly("2024-03-10 01:00:00=1", "2024-03-10 03:00:00=1");
  }

  @Test
  void lordHoweHalfHourFallBackKeepsOneLocalHourOfNinetyMinutes() {
    pageview("2024-04-06T14:00:00Z", "/a"); // 01:00 +11
    pageview("2024-04-06T14:59:59Z", "/a"); // 01:59:59 +11
    pageview("2024-04-06T15:00:00Z", "/a"); // 01:30 +10:30
    pageview("2024-04-06T15:29:59Z", "/a"); // 01:59:59 +10:30
    pageview("2024-04-06T15:30:00Z", "/a"); // 02:00 +10:30
    assertThat(dates(query(DateGrouping.HOUR, "Australia/Lord_Howe"), 0))
        .containsExactly("2024-04-07 01:00:00=4", "2024-04-07 02:00:00=1");
  }

  @Test
  void kolkataDaysStartAtHalfPastSixUtc() {
    pageview("2024-01-31T18:29:59Z", "/a");
    pageview("2024-01-31T18:30:00Z", "/a");
    assertThat(dates(query(DateGrouping.DAY, "Asia/Kolkata"), 0))
        .containsExactly("2024-01-31=1", "2024-02-01=1");
    assertThat(dates(query(DateGrouping.MONTH, "Asia/Kolkata"), 0))
        .containsExactly("2024-01=1", "2024-02=1");
  }

  @Test
  void saoPauloFallBackAtMidnightRepeatsTheLastHourOfTheDay() {
    pageview("2019-02-17T01:30:00Z", "/a"); // 23:30 -02
    pageview("2019-02-17T02:30:00Z", "/a"); // 23:30 -03 again
    pageview("2019-02-17T03:00:00Z", "/a"); // 00:00 -03 next day
    assertThat(dates(query(DateGrouping.DAY, "America/Sao_Paulo"), 0))
        .containsExactly("2019-02-16=2", "2019-02-17=1");
    assertThat(dates(query(DateGrouping.HOUR, "America/Sao_Paulo"), 0))
        .containsExactly("2019-02-16 23:00:00=2", "2019-02-17 00:00:00=1");
  }

  @Test
  void metricsFollowTheSpecFormulas() {
    add(new PageviewRecord(SITE, Instant.parse("2024-01-01T00:00:00Z"), dims("/a"),
        true, true, true, 0));
    add(new PageviewRecord(SITE, Instant.parse("2024-01-01T00:00:01Z"), dims("/a"),
        true, false, false, 10));
    add(new PageviewRecord(SITE, Instant.parse("2024-01-01T00:00:02Z"), dims("/a"),
        false, true, true, 25));
    List<ResultRow> rows = store.aggregate(new EngineQuery(Entity.PAGEVIEW, SITE,
        Entity.PAGEVIEW.aggregates(), List.of(), null, null, null, null, null, null, null));
    // bounce: only the first counts (the third bounced without a new session); 1 / 2 visits
    assertThat(Arrays.asList(rows.get(0).metrics())).containsExactly(3L, 2L, 2L, 17.5, 0.5);
  }

  @Test
  void ratiosAreZeroWithoutDurationsOrVisits() {
    add(new PageviewRecord(SITE, Instant.parse("2024-01-01T00:00:00Z"), dims("/a"),
        false, false, true, 0));
    List<ResultRow> rows = store.aggregate(new EngineQuery(Entity.PAGEVIEW, SITE,
        List.of(Aggregate.AVG_DURATION, Aggregate.BOUNCE_RATE), List.of(), null, null, null,
        null, null, null, null));
    assertThat(Arrays.asList(rows.get(0).metrics())).containsExactly(0.0, 0.0);
  }

  @Test
  void eventMetricsCountConversionsUniquesAndValue() {
    store.addConversions(List.of(
        new ConversionRecord(SITE, "signed-up", Instant.parse("2024-01-01T00:00:00Z"),
            dims("/a"), true, 1999),
        new ConversionRecord(SITE, "signed-up", Instant.parse("2024-01-01T00:00:00Z"),
            dims("/a"), false, 1)));
    List<ResultRow> rows = store.aggregate(new EngineQuery(Entity.EVENT, "signed-up",
        Entity.EVENT.aggregates(), List.of(), DateGrouping.YEAR, null, null, null, null, null,
        null));
    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.date()).isEqualTo("2024");
      assertThat(Arrays.asList(r.metrics())).containsExactly(2L, 1L, 2000L);
    });
  }

  @Test
  void rangeIncludesRecordsExactlyAtBothEndsAndRoundsFractionsInward() {
    pageview("2024-01-01T00:00:00Z", "/a");
    pageview("2024-01-01T00:00:01Z", "/a");
    pageview("2024-01-01T00:00:02Z", "/a");
    assertThat(count(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:02Z")))
        .isEqualTo(3);
    assertThat(count(Instant.parse("2024-01-01T00:00:00.1Z"),
        Instant.parse("2024-01-01T00:00:01.9Z"))).isEqualTo(1);
    assertThat(count(Instant.parse("2024-01-01T00:00:02Z"), Instant.parse("2024-01-01T00:00:01Z")))
        .isZero();
  }

  @Test
  void nullPassesIsNotAndIsNotLikeOnly() {
    pageview("2024-01-01T00:00:00Z", null);
    pageview("2024-01-01T00:00:00Z", "");
    pageview("2024-01-01T00:00:00Z", "/a");
    assertThat(paths(Filter.isNot(Field.PATHNAME, "/a"))).containsExactly(null, "");
    assertThat(paths(Filter.isNotLike(Field.PATHNAME, "a"))).containsExactly(null, "");
    assertThat(paths(Filter.isLike(Field.PATHNAME, ""))).containsExactly("", "/a");
    assertThat(paths(Filter.is(Field.PATHNAME, ""))).containsExactly("");
    assertThat(paths(Filter.isNotLike(Field.PATHNAME, ""))).containsExactly((String) null);
  }

  @Test
  void likeTreatsPercentAndUnderscoreAsWildcardsAndIsCaseSensitive() {
    pageview("2024-01-01T00:00:00Z", "/blog/post_1");
    pageview("2024-01-01T00:00:00Z", "/Blog/x");
    pageview("2024-01-01T00:00:00Z", "/blogs");
    assertThat(paths(Filter.isLike(Field.PATHNAME, "/blog%1"))).containsExactly("/blog/post_1");
    assertThat(paths(Filter.isLike(Field.PATHNAME, "blog_"))).containsExactly(
        "/blog/post_1", "/blogs");
    assertThat(paths(Filter.isLike(Field.PATHNAME, "Blog"))).containsExactly("/Blog/x");
  }

  @Test
  void severalFiltersOnOnePropertyAreAnded() {
    pageview("2024-01-01T00:00:00Z", "/a");
    pageview("2024-01-01T00:00:00Z", "/b");
    assertThat(paths(Filter.is(Field.PATHNAME, "/a"), Filter.is(Field.PATHNAME, "/b")))
        .isEmpty();
    assertThat(paths(Filter.isLike(Field.PATHNAME, "/"), Filter.isNot(Field.PATHNAME, "/b")))
        .containsExactly("/a");
  }

  @Test
  void defaultOrderIsDateThenFieldsAscendingNullFirst() {
    pageview("2024-01-02T00:00:00Z", "/b");
    pageview("2024-01-02T00:00:00Z", null);
    pageview("2024-01-01T00:00:00Z", "/c");
    List<ResultRow> rows = store.aggregate(new EngineQuery(Entity.PAGEVIEW, SITE,
        List.of(Aggregate.PAGEVIEWS), List.of(Field.PATHNAME), DateGrouping.DAY, null, null,
        null, null, null, null));
    assertThat(rows).extracting(r -> r.date() + " " + r.fields()[0])
        .containsExactly("2024-01-01 /c", "2024-01-02 null", "2024-01-02 /b");
  }

  @Test
  void descendingSortPutsNullsLastAndBreaksTiesInDefaultOrder() {
    pageview("2024-01-01T00:00:00Z", "/b");
    pageview("2024-01-01T00:00:00Z", null);
    pageview("2024-01-01T00:00:00Z", "/a");
    pageview("2024-01-01T00:00:00Z", "/a");
    assertThat(sorted(new Sort("pathname", true))).containsExactly("/b", "/a", null);
    assertThat(sorted(new Sort("pageviews", true))).containsExactly("/a", null, "/b");
    assertThat(sorted(new Sort("pageviews", false))).containsExactly(null, "/b", "/a");
  }

  @Test
  void sortOnSomethingNotInTheQueryIsRefused() {
    pageview("2024-01-01T00:00:00Z", "/a");
    assertThatThrownBy(() -> sorted(new Sort("browser", false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sort_by must name a requested aggregate, a grouped field or timestamp; "
            + "got: 'browser'");
  }

  @Test
  void aggregateOfTheOtherEntityIsRefused() {
    assertThatThrownBy(() -> store.aggregate(new EngineQuery(Entity.EVENT, "signed-up",
        List.of(Aggregate.PAGEVIEWS), List.of(), null, null, null, null, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("aggregate pageviews does not apply to entity event");
  }

  @Test
  void unknownEntityIdAnswersNoRows() {
    assertThat(store.aggregate(new EngineQuery(Entity.PAGEVIEW, "NOSUCH",
        List.of(Aggregate.PAGEVIEWS), List.of(), null, null, null, null, null, null, null)))
        .isEmpty();
  }

  private EngineQuery query(DateGrouping grouping, String zone) {
    return new EngineQuery(Entity.PAGEVIEW, SITE, List.of(Aggregate.PAGEVIEWS), List.of(),
        grouping, ZoneId.of(zone), null, null, List.of(), null, null);
  }

  private List<String> dates(EngineQuery q, int metric) {
    return store.aggregate(q).stream().map(r -> r.date() + "=" + r.metrics()[metric]).toList();
  }

  private long count(Instant from, Instant to) {
    List<ResultRow> rows = store.aggregate(new EngineQuery(Entity.PAGEVIEW, SITE,
        List.of(Aggregate.PAGEVIEWS), List.of(), null, null, from, to, null, null, null));
    return rows.isEmpty() ? 0 : (Long) rows.get(0).metrics()[0];
  }

  private List<String> paths(Filter... filters) {
    return store.aggregate(new EngineQuery(Entity.PAGEVIEW, SITE, List.of(Aggregate.PAGEVIEWS),
        List.of(Field.PATHNAME), null, null, null, null, List.of(filters), null, null))
        .stream().map(r -> r.fields()[0]).toList();
  }

  private List<String> sorted(Sort sort) {
    return store.aggregate(new EngineQuery(Entity.PAGEVIEW, SITE, List.of(Aggregate.PAGEVIEWS),
        List.of(Field.PATHNAME), null, null, null, null, null, sort, null))
        .stream().map(r -> r.fields()[0]).toList();
  }

  private void pageview(String timestamp, String pathname) {
    add(new PageviewRecord(SITE, Instant.parse(timestamp), dims(pathname), true, true, false,
        0));
  }

  private void add(PageviewRecord r) {
    pageviews.add(r);
    store.addPageviews(List.of(r));
  }

  private static String[] dims(String pathname) {
    String[] d = new String[Field.values().length];
    d[Field.PATHNAME.ordinal()] = pathname;
    return d;
  }
}
