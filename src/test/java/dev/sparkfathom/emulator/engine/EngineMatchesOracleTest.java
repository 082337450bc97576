package dev.sparkfathom.emulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import dev.sparkfathom.api.Sort;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The engine against {@link Oracle} over {@link TrickyData}, for a broad matrix of queries:
 * every aggregate, every grouping field, every date grouping in zones with DST both ways and
 * with odd offsets, inclusive ranges on record timestamps, every filter operator on every
 * filterable field with nulls and wildcards (the legacy {@code %}/{@code _} and today's
 * {@code *}, and regular expressions), the derived fields (entry and exit page by session,
 * domain falling back to hostname), several filters on one field, sort and limit, both
 * entities.
 */
class EngineMatchesOracleTest {
  private static final TrickyData DATA = new TrickyData(7);
  private static final ColumnarDataStore STORE = DATA.store();
  private static final List<ZoneId> ZONES = Stream.of("UTC", "Europe/Berlin",
      "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata").map(ZoneId::of).toList();
  private static final List<DateGrouping> DATE_GROUPINGS =
      Arrays.asList(null, DateGrouping.HOUR, DateGrouping.DAY, DateGrouping.MONTH,
          DateGrouping.YEAR);
  /** Ranges whose ends are exactly record timestamps, one with fractions, and none. */
  private static final Instant[][] RANGES = {
    {null, null},
    {Instant.parse("2024-10-27T00:30:00Z"), Instant.parse("2024-11-03T06:00:00Z")},
    {Instant.parse("2024-03-10T07:00:00Z"), Instant.parse("2024-04-06T15:29:59Z")},
    {Instant.parse("2024-06-01T12:00:00.5Z"), null},
    {null, Instant.parse("2024-01-31T18:29:59.5Z")},
  };

  @TestFactory
  Stream<DynamicTest> everyGroupingZoneAndRange() {
    List<DynamicTest> tests = new ArrayList<>();
    List<List<Field>> groupings = new ArrayList<>();
    groupings.add(List.of());
    for (Field f : Field.values()) {
      groupings.add(List.of(f));
    }
    groupings.add(List.of(Field.PATHNAME, Field.COUNTRY_CODE));
    groupings.add(List.of(Field.DEVICE_TYPE, Field.BROWSER, Field.HOSTNAME));
    // too many codes for a dense index or a packed sort key: the general paths
    groupings.add(List.of(Field.values()));
    for (Entity entity : Entity.values()) {
      for (ZoneId zone : ZONES) {
        for (DateGrouping dg : DATE_GROUPINGS) {
          for (int g = 0; g < groupings.size(); g++) {
            Instant[] range = RANGES[g % RANGES.length];
            tests.add(check(query(entity, groupings.get(g), dg, zone, range[0], range[1],
                List.of(), null, null)));
          }
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyFilterOperatorOnEveryFilterableField() {
    List<DynamicTest> tests = new ArrayList<>();
    String[] values = {"", "un", "a", "A", "a_b", "a%b", "50%", "%", "_", "a_", "%b", "/blog",
        "/blog%1", "_\uD83D\uDE00", "x\uD83D\uDE00y", "no-such-value", "b%a", "a b"};
    for (Entity entity : Entity.values()) {
      for (Field f : Field.values()) {
        if (!f.filterable()) {
          continue;
        }
        for (FilterOperator op : FilterOperator.values()) {
          for (String v : values) {
            tests.add(check(query(entity, List.of(f), DateGrouping.MONTH,
                ZoneId.of("Europe/Berlin"), null, null, List.of(new Filter(f, op, v)), null,
                null)));
          }
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> todaysOperatorsOnEveryPropertyOfTodaysApi() {
    List<DynamicTest> tests = new ArrayList<>();
    String[] values = {"", "a", "A", "a*b", "*", "a%b", "%", "_", "a_b", "*b", "/blog*1",
        "x\uD83D\uDE00y", "no-such-value", "^a", "b$", "^$", "^/blog/\\d{4}/\\d{2}/",
        "^/(blog|Blog)$", "[%_]", "\\(a\\)", "a.b", ".", "(?i)ab"};
    for (Entity entity : Entity.values()) {
      for (Field f : Field.values()) {
        if (!f.filterable(ApiVersion.CURRENT)) {
          continue;
        }
        for (FilterOperator op : FilterOperator.values()) {
          for (String v : values) {
            if (!validFor(op, v)) {
              continue; // an invalid regex never reaches the engine: the HTTP layer's 400
            }
            tests.add(check(current(query(entity, List.of(f), DateGrouping.MONTH,
                ZoneId.of("Europe/Berlin"), null, null, List.of(new Filter(f, op, v)), null,
                null))));
          }
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> derivedFieldsGroupedWithOthersAndFilteredAtOnce() {
    List<List<Filter>> sets = List.of(
        List.of(),
        List.of(Filter.is(Field.ENTRY_PAGE, "/blog")),
        List.of(new Filter(Field.EXIT_PAGE, FilterOperator.MATCHING, "^/(blog|Blog)")),
        List.of(Filter.isNot(Field.DOMAIN, "a"), Filter.isLike(Field.PATHNAME, "*b")),
        List.of(new Filter(Field.ENTRY_PAGE, FilterOperator.NOT_MATCHING, "a"),
            Filter.is(Field.CITY, "x")));
    List<DynamicTest> tests = new ArrayList<>();
    for (Entity entity : Entity.values()) {
      for (List<Filter> filters : sets) {
        for (List<Field> grouped : List.of(List.of(Field.ENTRY_PAGE, Field.EXIT_PAGE),
            List.of(Field.PATHNAME, Field.ENTRY_PAGE, Field.REFERRER_SOURCE),
            List.of(Field.OPERATING_SYSTEM, Field.CITY, Field.STATE, Field.REGION))) {
          tests.add(check(current(query(entity, grouped, DateGrouping.DAY,
              ZoneId.of("America/New_York"), null, null, filters, null, null))));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void entryAndExitPagesDifferFromPathnamesInTheTestData() {
    EngineQuery q = query(Entity.PAGEVIEW, List.of(Field.PATHNAME, Field.ENTRY_PAGE,
        Field.EXIT_PAGE), null, ZoneId.of("UTC"), null, null, List.of(), null, null);
    List<ResultRow> rows = STORE.aggregate(q);
    assertThat(rows).anyMatch(r -> !java.util.Objects.equals(r.fields()[0], r.fields()[1]));
    assertThat(rows).anyMatch(r -> !java.util.Objects.equals(r.fields()[1], r.fields()[2]));
    assertThat(rows).anyMatch(r -> java.util.Objects.equals(r.fields()[0], r.fields()[1]));
  }

  private static boolean validFor(FilterOperator op, String value) {
    if (op != FilterOperator.MATCHING && op != FilterOperator.NOT_MATCHING) {
      return true;
    }
    try {
      java.util.regex.Pattern.compile(value);
      return true;
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }

  private static EngineQuery current(EngineQuery q) {
    return new EngineQuery(q.entity(), q.entityId(), q.aggregates(), q.fieldGrouping(),
        q.dateGrouping(), q.zone(), q.from(), q.to(), q.filters(), q.sort(), q.limit(),
        ApiVersion.CURRENT);
  }

  @TestFactory
  Stream<DynamicTest> severalFiltersOnOneAndOnSeveralFields() {
    List<List<Filter>> sets = List.of(
        List.of(Filter.isLike(Field.PATHNAME, "a"), Filter.isNot(Field.PATHNAME, "ab")),
        List.of(Filter.isLike(Field.PATHNAME, "a"), Filter.isNotLike(Field.PATHNAME, "_b")),
        List.of(Filter.is(Field.BROWSER, "a"), Filter.is(Field.BROWSER, "A")),
        List.of(Filter.isNot(Field.COUNTRY_CODE, "un"), Filter.isLike(Field.COUNTRY_CODE, "")),
        List.of(Filter.isNotLike(Field.HOSTNAME, ""), Filter.isLike(Field.REF, "%")),
        List.of(Filter.isLike(Field.UTM_SOURCE, "a"), Filter.isNot(Field.DEVICE_TYPE, "A"),
            Filter.isNotLike(Field.UTM_TERM, "%b")));
    List<DynamicTest> tests = new ArrayList<>();
    for (Entity entity : Entity.values()) {
      for (List<Filter> filters : sets) {
        for (DateGrouping dg : DATE_GROUPINGS) {
          tests.add(check(query(entity, List.of(Field.PATHNAME, Field.BROWSER), dg,
              ZoneId.of("America/New_York"), null, null, filters, null, null)));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> sortByEveryKeyBothWaysWithLimits() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Entity entity : Entity.values()) {
      List<String> keys = new ArrayList<>(List.of("timestamp", "pathname", "country_code"));
      entity.aggregates().forEach(a -> keys.add(a.apiName()));
      for (String key : keys) {
        for (boolean desc : new boolean[] {false, true}) {
          for (Integer limit : Arrays.asList(null, 0, 1, 7, 100_000)) {
            tests.add(check(query(entity, List.of(Field.PATHNAME, Field.COUNTRY_CODE),
                DateGrouping.DAY, ZoneId.of("Australia/Lord_Howe"), null, null, List.of(),
                new Sort(key, desc), limit)));
          }
        }
      }
    }
    return tests.stream();
  }

  @Test
  void matrixQueriesFindRowsSoTheComparisonsMeanSomething() {
    EngineQuery q = query(Entity.PAGEVIEW, List.of(Field.PATHNAME), DateGrouping.HOUR,
        ZoneId.of("Europe/Berlin"), null, null, List.of(), null, null);
    assertThat(STORE.aggregate(q)).hasSizeGreaterThan(1000);
    EngineQuery events = query(Entity.EVENT, List.of(), DateGrouping.YEAR,
        ZoneId.of("UTC"), null, null, List.of(), null, null);
    assertThat(STORE.aggregate(events)).extracting(ResultRow::date)
        .containsExactly("2023", "2024", "2025");
  }

  private static EngineQuery query(Entity entity, List<Field> fields, DateGrouping dg,
      ZoneId zone, Instant from, Instant to, List<Filter> filters, Sort sort, Integer limit) {
    String id = entity == Entity.PAGEVIEW ? TrickyData.SITE : TrickyData.EVENT;
    return new EngineQuery(entity, id, entity.aggregates(), fields, dg, zone, from, to,
        filters, sort, limit);
  }

  private static DynamicTest check(EngineQuery q) {
    String name = q.entity() + " by " + q.fieldGrouping() + " " + q.dateGrouping() + " in "
        + q.zone() + " from " + q.from() + " to " + q.to() + " where " + q.filters()
        + " sort " + q.sort() + " limit " + q.limit();
    return DynamicTest.dynamicTest(name, () -> {
      List<List<Object>> expected = Oracle.answer(q, DATA.pageviews, DATA.conversions)
          .stream().map(Oracle::plain).toList();
      List<List<Object>> actual = STORE.aggregate(q).stream().map(Oracle::plain).toList();
      assertThat(actual).containsExactlyElementsOf(expected);
    });
  }
}
