package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The read path end to end against today's API (the emulator's default mode): reads past the
 * row cap (continuation in time, value splits with nulls, a single bucket over the cap, an
 * undated read, a split by a property that is not grouped), reads in the site's own timezone,
 * events by name, every new field and the per-property operator rules. Each read equals the
 * same query with {@code pushdown=false} and the relation computed from the raw records; the
 * requests sent are the planned ones plus the follow-ups the scan counts. For reads over the
 * cap, requests / ceil(rows / limit) is printed, and must stay at or below 1.5 where the
 * buckets are small against the limit.
 */
class TodayReadMatrixIT {
  private static TestAccount account;
  private static FathomEmulator fathom;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    account = TestAccount.shared();
    fathom = FathomEmulator.builder().store(account.store)
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).concurrencyLimit(64).start();
    spark = SparkTestSession.get();
  }

  @AfterAll
  static void stop() {
    fathom.close();
  }

  /** One read; {@code smallBuckets}: its buckets are small against the row limit. */
  record Case(String name, Map<String, String> options, String sql, boolean smallBuckets) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String MARCH = "date_from=2024-03-01|date_to=2024-04-14";
  private static final String DAY_PATH = "site_id=SITE|date_grouping=day|field_grouping=pathname|" + MARCH;
  private static final String NEW_FIELDS = "site_id=SITE|field_grouping=entry_page,exit_page,referrer_source,"
      + "city,state,region,operating_system|aggregates=pageviews,visits|" + MARCH;

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    // Over the row cap.
    add(c, "cap: day by pathname, limit 200", DAY_PATH + "|request.row_limit=200", "SELECT * FROM {t}", true);
    add(c, "cap: day by pathname, limit 150, 3 partitions", DAY_PATH + "|request.row_limit=150|partitions=3",
        "SELECT * FROM {t} WHERE pathname LIKE '/blog%'", true);
    add(c, "cap: hour by pathname, limit 100", "site_id=SITE|date_grouping=hour|field_grouping=pathname"
        + "|request.row_limit=100|date_from=2024-03-09|date_to=2024-03-11", "SELECT * FROM {t}", true);
    add(c, "cap: month by pathname, one bucket over the cap", "site_id=SITE|date_grouping=month"
        + "|field_grouping=pathname|request.row_limit=25|" + MARCH, "SELECT * FROM {t}", false);
    add(c, "cap: day by referrer, nulls in the split property", "site_id=SITE|date_grouping=day"
        + "|field_grouping=referrer_hostname|request.row_limit=12|date_from=2024-03-01|date_to=2024-03-05",
        "SELECT * FROM {t}", false);
    add(c, "cap: undated, two text fields with nulls", "site_id=SITE|field_grouping=referrer_hostname,utm_source"
        + "|request.row_limit=40|" + MARCH, "SELECT * FROM {t}", false);
    add(c, "cap: undated pathname by country", "site_id=SITE|field_grouping=country_code,pathname"
        + "|aggregates=pageviews,bounce_rate|request.row_limit=40|" + MARCH, "SELECT * FROM {t}", false);
    add(c, "cap: categorical grouping split by a filter-only property", "site_id=SITE"
        + "|field_grouping=country_code,device_type|aggregates=pageviews,visits|request.row_limit=20"
        // an hour with 29 groups, at most 18 for one page and host: a split by page can bring each under
        + "|date_from=2024-03-05 10:00:00|date_to=2024-03-05 10:59:59",
        "SELECT * FROM {t}", false);
    add(c, "cap: worst-case semantics always check", DAY_PATH + "|request.row_limit=30"
        + "|pushdown.assume_documented_semantics=false|date_to=2024-03-04", "SELECT * FROM {t}", false);
    add(c, "cap: aggregate pushed over the cap", DAY_PATH + "|request.row_limit=20",
        "SELECT pathname, sum(pageviews) FROM {t} GROUP BY pathname", false);
    add(c, "cap: top 5 within the cap (no continuation)", "site_id=SITE|field_grouping=pathname|request.row_limit=20|"
        + MARCH, "SELECT pathname, pageviews FROM {t} ORDER BY pageviews DESC LIMIT 5", false);
    // The site's timezone (New York) by default; an option overrides it.
    add(c, "site timezone: day", "site_id=SITE|date_grouping=day|aggregates=pageviews|" + MARCH,
        "SELECT * FROM {t} WHERE date >= '2024-03-10' AND date < '2024-03-12'", false);
    add(c, "site timezone: hour over spring-forward", "site_id=SITE|date_grouping=hour|field_grouping=device_type"
        + "|partitions=2|date_from=2024-03-09|date_to=2024-03-11", "SELECT * FROM {t}", false);
    add(c, "timezone option overrides", "site_id=SITE|date_grouping=day|timezone=Europe/Berlin|" + MARCH,
        "SELECT * FROM {t}", false);
    // Events by name.
    add(c, "events by name", "entity=event|site_id=SITE|event=EVENTNAME|date_grouping=day|field_grouping=pathname|"
        + MARCH, "SELECT * FROM {t}", false);
    add(c, "events by name, over the cap", "entity=event|site_id=SITE|event=EVENTNAME|field_grouping=pathname"
        + "|request.row_limit=10|" + MARCH, "SELECT * FROM {t}", false);
    // Every new field, filtered with the operators each accepts.
    add(c, "new fields: everything", NEW_FIELDS, "SELECT * FROM {t}", false);
    add(c, "new fields: entry page startswith, city =", NEW_FIELDS,
        "SELECT * FROM {t} WHERE entry_page LIKE '/blog%' AND city IS NOT NULL", false);
    add(c, "new fields: exit page endswith, os <>", NEW_FIELDS,
        "SELECT * FROM {t} WHERE exit_page LIKE '%s' AND operating_system <> 'Windows'", false);
    add(c, "new fields: referrer_source IN, region IS NULL", NEW_FIELDS,
        "SELECT * FROM {t} WHERE referrer_source IN ('Google', 'Twitter', 'Hacker News') AND region IS NULL", false);
    add(c, "new fields: state = and domain option filter", NEW_FIELDS
        + "|filters=[{\"property\":\"domain\",\"operator\":\"matching\",\"value\":\"\\\\.\"}]",
        "SELECT * FROM {t} WHERE state = 'California'", false);
    // Operator rules on text and categorical properties.
    add(c, "ops: startswith (exact)", DAY_PATH, "SELECT * FROM {t} WHERE pathname LIKE '/docs%'", false);
    add(c, "ops: endswith (exact)", DAY_PATH, "SELECT * FROM {t} WHERE pathname LIKE '%off'", false);
    add(c, "ops: NOT startswith", DAY_PATH, "SELECT * FROM {t} WHERE NOT pathname LIKE '/blog%'", false);
    add(c, "ops: IN list", DAY_PATH, "SELECT * FROM {t} WHERE pathname IN ('/', '/pricing', '/blog')", false);
    add(c, "ops: NOT IN", DAY_PATH, "SELECT * FROM {t} WHERE pathname NOT IN ('/', '/pricing')", false);
    add(c, "ops: contains with % (regex)", DAY_PATH, "SELECT * FROM {t} WHERE contains(pathname, '50%-off')", false);
    add(c, "ops: contains", DAY_PATH, "SELECT * FROM {t} WHERE pathname LIKE '%blog%'", false);
    add(c, "ops: IS NULL on text", "site_id=SITE|date_grouping=day|field_grouping=referrer_hostname|" + MARCH,
        "SELECT * FROM {t} WHERE referrer_hostname IS NULL", false);
    add(c, "ops: categorical <> and IS NULL (re-checked)", "site_id=SITE|date_grouping=day|field_grouping=country_code|"
        + MARCH, "SELECT * FROM {t} WHERE country_code <> 'US' OR country_code IS NULL", false);
    add(c, "ops: categorical <>", "site_id=SITE|date_grouping=day|field_grouping=country_code,browser|" + MARCH,
        "SELECT * FROM {t} WHERE country_code <> 'US' AND browser = 'Chrome'", false);
    add(c, "ops: categorical IN of two (kept)", "site_id=SITE|field_grouping=device_type|" + MARCH,
        "SELECT * FROM {t} WHERE device_type IN ('Phone', 'Tablet')", false);
    add(c, "ops: keyword is never pushed", "site_id=SITE|field_grouping=keyword|" + MARCH,
        "SELECT * FROM {t} WHERE keyword = 'gdpr analytics'", false);
    add(c, "ops: worst case, IN list widening", DAY_PATH + "|pushdown.assume_documented_semantics=false",
        "SELECT * FROM {t} WHERE pathname IN ('/', '/pricing') AND pathname LIKE '/%'", false);
    return c.stream();
  }

  private static void add(List<Case> c, String name, String options, String sql, boolean smallBuckets) {
    Map<String, String> m = new HashMap<>();
    for (String kv : options.split("\\|")) {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    c.add(new Case(name, m, sql, smallBuckets));
  }

  private static Map<String, String> options(Map<String, String> raw) {
    Map<String, String> options = new HashMap<>();
    raw.forEach((k, v) -> options.put(k, v.replace("EVENTNAME", account.eventName).replace("SITE", account.site)));
    options.put("base_url", fathom.baseUrl());
    options.put("token", fathom.adminToken());
    options.put("rate.aggregations_per_minute", "100000");
    options.put("max_requests", "10000");
    return options;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readEqualsPushdownOffAndTheIndependentAnswer(Case c) {
    Map<String, String> options = options(c.options);
    fathom.clearRequestLog();
    Dataset<Row> pushed = run(spark.read().format("fathom").options(options).load(), c.sql);
    List<String> pushedRows = ReadMatrixIT.normalise(pushed.collectAsList());
    List<RequestLogEntry> requests = aggregations();
    List<FathomScan> scans = ScanInspector.scans(pushed);
    assertThat(scans).hasSize(1);
    int planned = scans.get(0).plan().requests().size();
    long followUps = ScanInspector.metric(pushed, ScanMetrics.FOLLOW_UPS);
    assertThat(requests).as("requests sent").hasSize((int) (planned + followUps)).allMatch(r -> r.status() == 200);
    assertThat(ScanInspector.metric(pushed, ScanMetrics.REQUESTS)).isEqualTo(planned + followUps);
    assertThat(requests).as("today a read in the site's timezone names none")
        .allMatch(r -> r.parameters().containsKey("timezone") == options.containsKey("timezone"));
    if (options.containsKey("request.row_limit")) {
      long rows = ScanInspector.metric(pushed, ScanMetrics.ROWS_RETURNED);
      int limit = Integer.parseInt(options.get("request.row_limit"));
      double ratio = requests.size() / Math.max(1.0, Math.ceil(rows / (double) limit));
      System.out.printf("TodayReadMatrixIT ratio [%s]: %d requests (%d planned, %d follow-ups), %d rows,"
          + " limit %d: requests / ceil(rows / limit) = %.2f%n", c.name, requests.size(), planned, followUps,
          rows, limit, ratio);
      if (c.smallBuckets) {
        assertThat(ratio).as("requests / ceil(rows / limit)").isLessThanOrEqualTo(1.5);
      }
    }

    Map<String, String> off = new HashMap<>(options);
    off.put("pushdown", "false");
    List<String> unpushedRows = ReadMatrixIT.normalise(run(spark.read().format("fathom").options(off).load(), c.sql).collectAsList());

    ReadSpec spec = ReadSpec.parse(options, Map.of());
    List<String> expected = ReadMatrixIT.normalise(run(ExpectedRelation.of(spark, spec, account), c.sql).collectAsList());
    assertThat(expected).as("the case reads some rows").isNotEmpty();
    assertThat(pushedRows).as("pushdown on vs the independent answer").isEqualTo(expected);
    assertThat(unpushedRows).as("pushdown off vs the independent answer").isEqualTo(expected);
  }

  @Test
  void aReadThatCannotBeSplitFailsNamingTheWindowTheCapAndWhatWouldHelp() {
    Map<String, String> options = options(Map.of("site_id", "SITE", "field_grouping", "country_code",
        "aggregates", "bounce_rate", "request.row_limit", "3", "date_from", "2024-03-01", "date_to", "2024-03-31"));
    assertThatThrownBy(() -> spark.read().format("fathom").options(options).load().collectAsList())
        .hasStackTraceContaining("Fathom read of window 1 (2024-03-01 00:00:00 to 2024-03-31 23:59:59) failed:"
            + " the answer for 2024-03-01 00:00:00 to 2024-03-31 23:59:59 reaches the row cap of 3 rows"
            + " (request.row_limit) and cannot be split exactly: no grouped property accepts matching, and"
            + " avg_duration and bounce_rate cannot be summed across parts. A narrower date range, a finer"
            + " date_grouping, fewer grouped fields or a filter would help");
  }

  @Test
  void explainSaysThePlannedCountIsALeastCount() {
    Map<String, String> options = options(Map.of("site_id", "SITE", "field_grouping", "pathname",
        "request.row_limit", "10", "date_from", "2024-03-01", "date_to", "2024-03-31"));
    fathom.clearRequestLog();
    String plan = spark.read().format("fathom").options(options).load().queryExecution().explainString(
        org.apache.spark.sql.execution.ExtendedMode$.MODULE$);
    assertThat(plan).contains("planned requests=1 (a least count: an answer that fills the row cap of 10 rows"
        + " is read on with follow-up requests)").contains("timezone=America/New_York (the site's)");
    assertThat(aggregations()).as("EXPLAIN makes no aggregation request").isEmpty();
  }

  private static Dataset<Row> run(Dataset<Row> relation, String sql) {
    String view = "t_" + Long.toHexString(System.nanoTime());
    relation.createOrReplaceTempView(view);
    return spark.sql(sql.replace("{t}", view));
  }

  private static List<RequestLogEntry> aggregations() {
    return fathom.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).toList();
  }
}
