package dev.sparkfathom.read.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.AggregationRow;
import dev.sparkfathom.read.cap.FakeFathom.Quirk;
import dev.sparkfathom.read.cap.FakeFathom.Rec;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CappedReadTest {
  private static final LocalDateTime T0 = LocalDateTime.of(2024, 3, 1, 0, 0);
  private static final List<String> PATHS = List.of("/", "/a", "/ab", "/b/c", "/B/c", "/x.y", "/[1]", "/é", "");
  private static final List<String> HOSTS = List.of("www.example.com", "example.com", "shop.example.com");
  private static final List<String> COUNTRIES = List.of("DE", "US", "FR", "GB", "un", "NL", "SE", "PL");

  private static CappedRead.Settings settings(int limit, boolean alwaysCheck) {
    return new CappedRead.Settings(limit, alwaysCheck, ZoneOffset.UTC);
  }

  private static AggregationQuery.Builder query(DateGrouping g, Field... fields) {
    return AggregationQuery.builder(Entity.PAGEVIEW, "SITE").aggregates(Aggregate.PAGEVIEWS)
        .fieldGrouping(fields).dateGrouping(g).dateFrom(T0).dateTo(T0.plusDays(10).minusSeconds(1));
  }

  private static Rec rec(LocalDateTime t, String path, String host, String country, Random r) {
    Map<Field, String> v = new HashMap<>();
    v.put(Field.PATHNAME, path);
    v.put(Field.HOSTNAME, host);
    v.put(Field.COUNTRY_CODE, country);
    return new Rec(t, v, r.nextBoolean(), r.nextInt(100));
  }

  private static String pick(List<String> pool, Random r, int nullOneIn) {
    return r.nextInt(nullOneIn) == 0 ? null : pool.get(r.nextInt(pool.size()));
  }

  private static List<Rec> randomRecords(Random r, int n, int days, int extraPaths) {
    List<Rec> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LocalDateTime t = T0.plusSeconds(r.nextInt(days * 86_400));
      String path = r.nextInt(3) == 0 ? "/p/" + r.nextInt(Math.max(1, extraPaths)) : pick(PATHS, r, 10);
      out.add(rec(t, path, pick(HOSTS, r, 6), pick(COUNTRIES, r, 7), r));
    }
    return out;
  }

  private static List<String> sorted(List<AggregationRow> rows) {
    return rows.stream().map(AggregationRow::toString).sorted().toList();
  }

  @Test
  void randomReadsEqualTheUncutAnswerOrFailOnlyWhenNothingCanSplit() {
    Random r = new Random(42);
    List<Field[]> groupings = List.of(new Field[] {Field.PATHNAME},
        new Field[] {Field.COUNTRY_CODE, Field.PATHNAME}, new Field[] {Field.HOSTNAME, Field.PATHNAME},
        new Field[] {Field.COUNTRY_CODE}, new Field[] {Field.PATHNAME, Field.HOSTNAME, Field.COUNTRY_CODE});
    List<DateGrouping> dates = java.util.Arrays.asList(null, DateGrouping.DAY, DateGrouping.HOUR, DateGrouping.MONTH);
    int exact = 0;
    int failed = 0;
    for (int round = 0; round < 400; round++) {
      List<Rec> records = randomRecords(r, r.nextInt(400), 1 + r.nextInt(9), r.nextInt(80));
      FakeFathom fathom = new FakeFathom(records);
      int limit = 2 + r.nextInt(30);
      Field[] grouping = groupings.get(r.nextInt(groupings.size()));
      DateGrouping dg = dates.get(r.nextInt(dates.size()));
      List<Aggregate> aggs = switch (r.nextInt(3)) {
        case 0 -> List.of(Aggregate.PAGEVIEWS);
        case 1 -> List.of(Aggregate.VISITS);
        default -> List.of(Aggregate.VISITS, Aggregate.PAGEVIEWS);
      };
      AggregationQuery.Builder b = query(dg, grouping).aggregates(aggs);
      if (r.nextBoolean()) {
        b.dateFrom(T0.plusHours(r.nextInt(30)).plusMinutes(r.nextInt(60)));
      }
      if (dg == DateGrouping.HOUR) {
        b.dateTo(T0.plusDays(6)); // today's API groups by hour over at most 7 days
      }
      if (r.nextInt(4) == 0) {
        b.filters(List.of(Filter.isNot(Field.HOSTNAME, "example.com")));
      }
      AggregationQuery q = b.build();
      List<AggregationRow> truth = fathom.answer(q);
      try {
        CappedRead.Result result = CappedRead.read(q, settings(limit, r.nextBoolean()), fathom);
        assertThat(sorted(result.rows())).as("round %d, limit %d, %s", round, limit, q).isEqualTo(sorted(truth));
        assertThat(result.requests()).isEqualTo(fathom.log.size());
        exact++;
      } catch (RowCapException e) {
        assertThat(unsplittable(records, q, limit)).as("round %d: %s", round, e.getMessage()).isTrue();
        failed++;
      }
    }
    assertThat(exact).isGreaterThan(300);
    System.out.println("CappedReadTest: " + exact + " exact reads, " + failed + " refused as unsplittable");
  }

  /**
   * Brute force: some bucket (the whole range when undated) holds, for one value of every text
   * property, at least {@code limit} groups: no split by those properties can bring it under.
   */
  private static boolean unsplittable(List<Rec> records, AggregationQuery q, int limit) {
    Map<List<Object>, Set<List<String>>> groups = new HashMap<>();
    for (Rec rec : records) {
      if (rec.time().isBefore(q.dateFrom()) || rec.time().isAfter(q.dateTo())
          || (!q.filters().isEmpty() && "example.com".equals(rec.get(Field.HOSTNAME)))) {
        continue;
      }
      List<Object> key = new ArrayList<>();
      key.add(q.dateGrouping() == null ? null : q.dateGrouping().truncate(rec.time()));
      key.add(rec.get(Field.PATHNAME));
      key.add(rec.get(Field.HOSTNAME));
      List<String> group = new ArrayList<>();
      q.fieldGrouping().forEach(f -> group.add(rec.get(f)));
      groups.computeIfAbsent(key, k -> new HashSet<>()).add(group);
    }
    return groups.values().stream().anyMatch(s -> s.size() >= limit);
  }

  @Test
  void smallBucketsCostFewRequests() {
    Random r = new Random(1);
    List<Rec> records = new ArrayList<>();
    for (int h = 0; h < 24 * 5; h++) {
      for (int i = 0; i < 12; i++) {
        records.add(rec(T0.plusHours(h).plusMinutes(i), "/p/" + r.nextInt(8), "h", "DE", r));
      }
    }
    FakeFathom fathom = new FakeFathom(records);
    int limit = 100;
    AggregationQuery q = query(DateGrouping.HOUR, Field.PATHNAME).dateTo(T0.plusDays(5).minusSeconds(1)).build();
    CappedRead.Result result = CappedRead.read(q, settings(limit, false), fathom);
    List<AggregationRow> truth = fathom.answer(q);
    assertThat(sorted(result.rows())).isEqualTo(sorted(truth));
    double ratio = result.requests() / Math.ceil(truth.size() / (double) limit);
    System.out.printf("CappedReadTest: %d rows, limit %d, %d requests, ratio %.2f%n",
        truth.size(), limit, result.requests(), ratio);
    assertThat(ratio).isLessThanOrEqualTo(1.5);
    assertThat(result.splits()).isZero();
    assertThat(fathom.log).allMatch(x -> x.limit() == limit && x.sortBy().apiValue().equals("timestamp:asc"));
  }

  private static List<Rec> oneBusyDay(int paths, boolean withNulls) {
    Random r = new Random(3);
    List<Rec> records = new ArrayList<>();
    for (int i = 0; i < paths; i++) {
      records.add(rec(T0.plusDays(1).plusMinutes(i), "/page/" + i, "h", "DE", r));
    }
    if (withNulls) {
      records.add(rec(T0.plusDays(1).plusHours(5), null, "h", "DE", r));
      records.add(rec(T0.plusDays(1).plusHours(6), null, "h", "DE", r));
    }
    records.add(rec(T0.plusMinutes(3), "/first", "h", "DE", r));
    records.add(rec(T0.plusDays(2).plusMinutes(3), "/after", "h", "DE", r));
    return records;
  }

  @Test
  void aBucketOverTheCapIsSplitByValueNullsIncludedAndChecked() {
    FakeFathom fathom = new FakeFathom(oneBusyDay(200, true));
    AggregationQuery q = query(DateGrouping.DAY, Field.PATHNAME).build();
    CappedRead.Result result = CappedRead.read(q, settings(10, false), fathom);
    assertThat(sorted(result.rows())).isEqualTo(sorted(fathom.answer(q)));
    assertThat(result.rows()).anyMatch(row -> row.fields()[0] == null);
    assertThat(result.splits()).isEqualTo(1);
    // The split relied on not matching keeping null: one ungrouped request checked it.
    assertThat(fathom.log).filteredOn(x -> x.fieldGrouping().isEmpty()).hasSize(1);
  }

  @Test
  void anUndatedReadOverTheCapIsSplit() {
    FakeFathom fathom = new FakeFathom(oneBusyDay(300, true));
    AggregationQuery q = query(null, Field.PATHNAME, Field.COUNTRY_CODE).aggregates(Aggregate.VISITS).build();
    CappedRead.Result result = CappedRead.read(q, settings(25, false), fathom);
    assertThat(sorted(result.rows())).isEqualTo(sorted(fathom.answer(q)));
    assertThat(result.rows()).allMatch(row -> row.metrics().length == 1);
    System.out.printf("CappedReadTest: undated split of %d rows at limit 25: %d requests%n",
        result.rows().size(), result.requests());
  }

  @Test
  void aCategoricalGroupingSplitsByAFilterOnlyPropertyAndSumsAcrossParts() {
    Random r = new Random(5);
    List<Rec> records = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      records.add(rec(T0.plusMinutes(i), i % 40 == 0 ? null : "/p/" + r.nextInt(60), "h", "C" + r.nextInt(30), r));
    }
    FakeFathom fathom = new FakeFathom(records);
    AggregationQuery q = query(null, Field.COUNTRY_CODE).aggregates(Aggregate.PAGEVIEWS, Aggregate.VISITS).build();
    CappedRead.Result result = CappedRead.read(q, settings(12, false), fathom);
    assertThat(sorted(result.rows())).isEqualTo(sorted(fathom.answer(q)));
    assertThat(fathom.log).anyMatch(x -> x.filters().stream().anyMatch(f -> f.property() == Field.PATHNAME));
  }

  @Test
  void aReadThatCannotBeSplitFailsNamingTheCapAndWhatWouldHelp() {
    Random r = new Random(5);
    List<Rec> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(rec(T0.plusMinutes(i), "/", "h", "C" + i, r));
    }
    FakeFathom fathom = new FakeFathom(records);
    AggregationQuery q = query(null, Field.COUNTRY_CODE).aggregates(Aggregate.AVG_DURATION)
        .dateTo(T0.plusDays(1).minusSeconds(1)).build();
    assertThatThrownBy(() -> CappedRead.read(q, settings(10, false), fathom))
        .isInstanceOf(RowCapException.class)
        .hasMessage("the answer for 2024-03-01 00:00:00 to 2024-03-01 23:59:59 reaches the row cap of 10"
            + " rows (request.row_limit) and cannot be split exactly: no grouped property accepts"
            + " matching, and avg_duration and bounce_rate cannot be summed across parts. A narrower"
            + " date range, a finer date_grouping, fewer grouped fields or a filter would help");
  }

  @Test
  void aServiceWhoseNotMatchingDropsNullsFailsTheSelfCheck() {
    FakeFathom fathom = new FakeFathom(oneBusyDay(200, true), Quirk.NOT_MATCHING_DROPS_NULLS);
    AggregationQuery q = query(DateGrouping.DAY, Field.PATHNAME).build();
    assertThatThrownBy(() -> CappedRead.read(q, settings(10, false), fathom))
        .isInstanceOf(RowCapException.class)
        .hasMessageContaining("does not add up: its parts hold 200 pageviews, one ungrouped request says 202");
  }

  @Test
  void aServiceWhoseMatchingIgnoresCaseIsCaught() {
    Random r = new Random(9);
    List<Rec> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(rec(T0.plusMinutes(i), (i % 2 == 0 ? "/a" : "/A") + i, "h", "DE", r));
    }
    FakeFathom fathom = new FakeFathom(records, Quirk.MATCHING_IGNORES_CASE);
    AggregationQuery q = query(DateGrouping.DAY, Field.PATHNAME).build();
    assertThatThrownBy(() -> CappedRead.read(q, settings(10, false), fathom))
        .isInstanceOf(RowCapException.class)
        .hasMessageContaining("so its matching semantics differ from the documented ones");
  }

  @Test
  void aServiceThatIgnoresTheSortCannotBeContinued() {
    FakeFathom fathom = new FakeFathom(randomRecords(new Random(2), 300, 9, 40), Quirk.IGNORES_SORT);
    AggregationQuery q = query(DateGrouping.DAY, Field.PATHNAME).build();
    assertThatThrownBy(() -> CappedRead.read(q, settings(10, false), fathom))
        .isInstanceOf(RowCapException.class)
        .hasMessageContaining("did not sort the answer for 2024-03-01 00:00:00 to 2024-03-10 23:59:59 by timestamp:asc");
  }

  @Test
  void alwaysCheckChecksASplitThatDoesNotRelyOnNulls() {
    FakeFathom fathom = new FakeFathom(oneBusyDay(60, false));
    AggregationQuery q = query(DateGrouping.DAY, Field.PATHNAME)
        .filters(List.of(new Filter(Field.PATHNAME, dev.sparkfathom.api.FilterOperator.MATCHING, "^/page"))).build();
    CappedRead.read(q, settings(10, true), fathom);
    assertThat(fathom.log).filteredOn(x -> x.fieldGrouping().isEmpty()).hasSize(1);
  }

  @Test
  void aQueryWithItsOwnLimitOrNoGroupingIsOneRequest() {
    FakeFathom fathom = new FakeFathom(oneBusyDay(200, true));
    CappedRead.Result top = CappedRead.read(query(DateGrouping.DAY, Field.PATHNAME).limit(5).build(), settings(10, false), fathom);
    assertThat(top.rows()).hasSize(5);
    CappedRead.Result totals = CappedRead.read(query(DateGrouping.DAY).build(), settings(1, false), fathom);
    assertThat(totals.rows()).hasSize(3);
    assertThat(fathom.log).hasSize(2);
    assertThat(fathom.log.get(1).limit()).isNull();
  }
}
