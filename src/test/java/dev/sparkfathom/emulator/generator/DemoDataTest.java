package dev.sparkfathom.emulator.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.ConversionRecord;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.PageviewRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import dev.sparkfathom.emulator.engine.EngineQuery;
import dev.sparkfathom.emulator.engine.ResultRow;
import java.io.IOException;
import java.io.StringWriter;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoDataTest {
  private static final DemoDataSettings SETTINGS =
      DemoDataSettings.defaults().withDays(28).withPageviewsPerDay(3000);
  private static final DemoData.Records DATA = DemoData.collect(SETTINGS);

  @Test
  void sameSeedSameRecordsOtherSeedOtherRecords() throws IOException {
    DemoDataSettings small = SETTINGS.withDays(3);
    assertThat(jsonl(small)).isEqualTo(jsonl(small));
    assertThat(jsonl(small.withSeed(43))).isNotEqualTo(jsonl(small));
  }

  @Test
  void sitesHaveSixLetterIdsAndEventIdsAreUniqueSlugs() {
    assertThat(DATA.sites()).hasSize(3)
        .allSatisfy(s -> assertThat(s.id()).matches("[A-Z]{6}"));
    List<String> eventIds = DATA.events().stream().map(EventRecord::id).toList();
    assertThat(new HashSet<>(eventIds)).hasSameSizeAs(eventIds);
    assertThat(eventIds).contains("signed-up", "signed-up-2", "purchase");
    assertThat(DATA.events()).allSatisfy(e ->
        assertThat(DATA.sites()).extracting(SiteRecord::id).contains(e.siteId()));
  }

  @Test
  void volumeIsNearTheSettingAndTheFirstSiteGetsMost() {
    long perDay = DATA.pageviews().size() / SETTINGS.days();
    assertThat(perDay).isBetween(2600L, 3400L);
    Map<String, Long> bySite = count(DATA.pageviews(), PageviewRecord::siteId);
    assertThat(bySite.get(DATA.sites().get(0).id()))
        .isGreaterThan(bySite.get(DATA.sites().get(2).id()));
  }

  @Test
  void dimensionsHaveNullsUnknownCountriesAndUtmOnAShare() {
    List<PageviewRecord> pv = DATA.pageviews();
    double nullCountry = share(pv, p -> dim(p, Field.COUNTRY_CODE) == null);
    double unknownCountry = share(pv, p -> "un".equals(dim(p, Field.COUNTRY_CODE)));
    assertThat(nullCountry).isBetween(0.005, 0.03);
    assertThat(unknownCountry).isBetween(0.01, 0.04);
    List<PageviewRecord> sessions = pv.stream().filter(PageviewRecord::newSession).toList();
    assertThat(share(sessions, p -> dim(p, Field.UTM_SOURCE) != null)).isBetween(0.1, 0.2);
    assertThat(share(sessions, p -> dim(p, Field.REFERRER_HOSTNAME) == null))
        .isBetween(0.3, 0.5);
    assertThat(share(pv, p -> dim(p, Field.REF) != null)).isBetween(0.002, 0.05);
    assertThat(share(pv, p -> dim(p, Field.Q) != null)).isBetween(0.001, 0.1);
    assertThat(share(pv, p -> dim(p, Field.HOSTNAME) != null)).isEqualTo(1.0);
  }

  @Test
  void pathnamePopularityIsSkewedLikeZipf() {
    String site = DATA.sites().get(0).id();
    List<Long> counts = count(DATA.pageviews().stream()
        .filter(p -> p.siteId().equals(site)).toList(), p -> dim(p, Field.PATHNAME))
        .values().stream().sorted((a, b) -> Long.compare(b, a)).toList();
    assertThat(counts.size()).isBetween(200, 300);
    assertThat(counts.get(0)).isGreaterThan(20 * counts.get(49));
  }

  @Test
  void sessionsAreConsistent() {
    List<PageviewRecord> pv = DATA.pageviews();
    assertThat(pv).allSatisfy(p -> {
      assertThat(!p.bounce() || p.newSession()).isTrue();
      assertThat(p.duration()).isGreaterThanOrEqualTo(0);
    });
    long visits = pv.stream().filter(PageviewRecord::newSession).count();
    long uniques = pv.stream().filter(PageviewRecord::unique).count();
    long bounces = pv.stream().filter(PageviewRecord::bounce).count();
    assertThat(visits).isBetween(pv.size() / 3L, pv.size() * 2L / 3);
    assertThat(uniques).isBetween(visits / 2, pv.size() - 1L);
    assertThat((double) bounces / visits).isBetween(0.4, 0.7);
  }

  @Test
  void trafficFollowsDailyAndWeeklyCycles() {
    Map<Integer, Long> byHour = count(DATA.pageviews(),
        p -> p.timestamp().atZone(ZoneOffset.UTC).getHour());
    assertThat(byHour.get(15)).isGreaterThan(4 * byHour.get(3));
    Map<DayOfWeek, Long> byDay = count(DATA.pageviews(),
        p -> p.timestamp().atZone(ZoneOffset.UTC).getDayOfWeek());
    assertThat(byDay.get(DayOfWeek.TUESDAY)).isGreaterThan(byDay.get(DayOfWeek.SUNDAY) * 3 / 2);
  }

  @Test
  void conversionsBelongToTheirEventsSiteAndPurchasesCarryValue() {
    Map<String, String> siteOfEvent = DATA.events().stream()
        .collect(Collectors.toMap(EventRecord::id, EventRecord::siteId));
    assertThat(DATA.conversions()).isNotEmpty().allSatisfy(c ->
        assertThat(siteOfEvent.get(c.eventId())).isEqualTo(c.siteId()));
    assertThat(DATA.conversions()).filteredOn(c -> c.eventId().startsWith("purchase"))
        .isNotEmpty().allSatisfy(c -> assertThat(c.value()).isPositive());
    assertThat(DATA.conversions()).filteredOn(c -> c.eventId().startsWith("signed-up"))
        .isNotEmpty().allSatisfy(c -> assertThat(c.value()).isZero());
    assertThat(DATA.conversions().stream().filter(ConversionRecord::unique).count())
        .isLessThan(DATA.conversions().size());
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> SETTINGS.withDays(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("days must be at least 1; got: 0");
    assertThatThrownBy(() -> SETTINGS.withPageviewsPerDay(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pageviewsPerDay must be 0 or more; got: -1");
  }

  @Test
  void sessionsOfSeveralPageviewsShareAnIdAndTheVisitor() {
    Map<String, List<PageviewRecord>> sessions = DATA.pageviews().stream()
        .collect(Collectors.groupingBy(PageviewRecord::sessionId));
    assertThat(DATA.pageviews()).allSatisfy(p -> assertThat(p.sessionId()).isNotNull());
    assertThat(share(List.copyOf(sessions.values()), s -> s.size() > 1)).isBetween(0.3, 0.6);
    assertThat(sessions.values()).allSatisfy(s -> {
      assertThat(s).filteredOn(PageviewRecord::newSession).hasSize(1);
      for (Field f : List.of(Field.DEVICE_TYPE, Field.OPERATING_SYSTEM, Field.BROWSER,
          Field.COUNTRY_CODE, Field.CITY, Field.REGION, Field.STATE)) {
        assertThat(s.stream().map(p -> String.valueOf(dim(p, f))).distinct()).as(f.apiName())
            .hasSize(1);
      }
    });
    assertThat(DATA.conversions()).allSatisfy(c ->
        assertThat(sessions).containsKey(c.sessionId()));
  }

  @Test
  void entryAndExitPagesDifferFromPathnames() {
    ColumnarDataStore store = new ColumnarDataStore();
    DemoData.generate(store, SETTINGS.withDays(3));
    String site = store.sites().get(0).id();
    List<ResultRow> rows = store.aggregate(new EngineQuery(Entity.PAGEVIEW, site,
        List.of(Aggregate.PAGEVIEWS), List.of(Field.PATHNAME, Field.ENTRY_PAGE, Field.EXIT_PAGE),
        null, ZoneOffset.UTC, null, null, List.of(), null, null, ApiVersion.CURRENT));
    long pageviews = rows.stream().mapToLong(r -> r.metrics()[0].longValue()).sum();
    long enteredElsewhere = rows.stream()
        .filter(r -> !r.fields()[0].equals(r.fields()[1]))
        .mapToLong(r -> r.metrics()[0].longValue()).sum();
    long leftElsewhere = rows.stream()
        .filter(r -> !r.fields()[0].equals(r.fields()[2]))
        .mapToLong(r -> r.metrics()[0].longValue()).sum();
    assertThat((double) enteredElsewhere / pageviews).isBetween(0.3, 0.8);
    assertThat((double) leftElsewhere / pageviews).isBetween(0.3, 0.8);
  }

  @Test
  void citiesLieInTheirCountryWithItsRegionAndState() {
    assertThat(share(DATA.pageviews(), p -> dim(p, Field.CITY) != null)).isBetween(0.9, 0.99);
    assertThat(DATA.pageviews()).allSatisfy(p -> {
      String country = dim(p, Field.COUNTRY_CODE);
      if (dim(p, Field.CITY) == null) {
        assertThat(country == null || country.equals("un")).as(country).isTrue();
        assertThat(dim(p, Field.REGION)).isNull();
        assertThat(dim(p, Field.STATE)).isNull();
      } else {
        assertThat(Geography.places(country)).contains(new Geography.Place(
            dim(p, Field.CITY), dim(p, Field.REGION), dim(p, Field.STATE)));
      }
    });
    assertThat(DATA.pageviews()).anyMatch(p -> "California".equals(dim(p, Field.STATE)))
        .anyMatch(p -> "England".equals(dim(p, Field.REGION)) && dim(p, Field.STATE) == null);
  }

  @Test
  void operatingSystemsMatchTheDeviceAndBrowsersTheSystem() {
    Map<String, List<String>> allowed = Map.of(
        "Desktop", List.of("Windows", "Mac OS", "Linux", "Chrome OS"),
        "Phone", List.of("iOS", "Android"), "Tablet", List.of("iPadOS", "Android"));
    assertThat(DATA.pageviews()).allSatisfy(p -> {
      String device = dim(p, Field.DEVICE_TYPE);
      String os = dim(p, Field.OPERATING_SYSTEM);
      if (device == null) {
        assertThat(os).isNull();
      } else {
        assertThat(allowed.get(device)).contains(os);
      }
      if ("Safari".equals(dim(p, Field.BROWSER))) {
        assertThat(os).isIn("Mac OS", "iOS", "iPadOS", null);
      }
      if ("Edge".equals(dim(p, Field.BROWSER))) {
        assertThat(os).isIn("Windows", null);
      }
    });
    assertThat(count(DATA.pageviews(), p -> String.valueOf(dim(p, Field.OPERATING_SYSTEM))))
        .containsKeys("Windows", "Mac OS", "Linux", "Chrome OS", "iOS", "Android", "iPadOS");
  }

  @Test
  void referrerSourceNamesTheReferrer() {
    assertThat(DATA.pageviews()).allSatisfy(p -> {
      String host = dim(p, Field.REFERRER_HOSTNAME);
      String source = dim(p, Field.REFERRER_SOURCE);
      if (host == null || host.isBlank()) {
        assertThat(source).isNull();
      } else if (host.equals("https://www.google.com")) {
        assertThat(source).isEqualTo("Google");
      } else if (host.endsWith(".example.net")) {
        assertThat("https://" + source).isEqualTo(host);
      } else {
        assertThat(source).isNotNull().doesNotContain("://");
      }
    });
    assertThat(DATA.pageviews()).anyMatch(p -> "Hacker News".equals(dim(p, Field.REFERRER_SOURCE)));
  }

  @Test
  void theDemoSiteReportsInANonUtcTimezone() {
    assertThat(DATA.sites()).extracting(s -> s.timezone().getId())
        .containsExactly("America/New_York", "Europe/Berlin", "UTC");
  }

  @Test
  void aYearOfDayByPathnameOrReferrerRowsIsFarOverTheRowCap() {
    ColumnarDataStore store = new ColumnarDataStore();
    // the command line's defaults over a year
    DemoData.generate(store, DemoDataSettings.defaults().withDays(365).withPageviewsPerDay(2000));
    String site = store.sites().get(0).id();
    for (Field f : List.of(Field.PATHNAME, Field.REFERRER_PATHNAME, Field.REFERRER_HOSTNAME)) {
      int rows = store.aggregate(new EngineQuery(Entity.PAGEVIEW, site,
          List.of(Aggregate.PAGEVIEWS), List.of(f), DateGrouping.DAY,
          store.sites().get(0).timezone(), null, null, List.of(), null, null,
          ApiVersion.CURRENT)).size();
      assertThat(rows).as("day x %s rows", f).isGreaterThan(5 * 1000);
    }
  }

  private static String jsonl(DemoDataSettings s) throws IOException {
    StringWriter out = new StringWriter();
    DemoData.writeJsonl(s, out);
    return out.toString();
  }

  private static String dim(PageviewRecord p, Field f) {
    return p.dimensions()[f.ordinal()];
  }

  private static <T> double share(List<T> items, Predicate<T> test) {
    return items.stream().filter(test).count() / (double) items.size();
  }

  private static <T, K> Map<K, Long> count(List<T> items, Function<T, K> key) {
    return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
