package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import dev.sparkfathom.emulator.server.ResponseStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The read path end to end: for a matrix of reads (options x filters x projections x
 * timezones x partition counts), the connector's answer equals (a) the same query with
 * {@code pushdown=false} and (b) the same query over the relation computed independently
 * from the raw records. The emulator's request log shows that each read made exactly the
 * requests it planned, and the scan's metrics count them.
 */
class ReadMatrixIT {
  private static TestAccount account;
  private static FathomEmulator observed;
  private static FathomEmulator documented;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    account = TestAccount.shared();
    RateLimits unlimited = new RateLimits(1_000_000, 1_000_000);
    observed = FathomEmulator.builder().api(ApiVersion.LEGACY).store(account.store).rateLimits(unlimited).start();
    documented = FathomEmulator.builder().api(ApiVersion.LEGACY).store(account.store).rateLimits(unlimited)
        .style(ResponseStyle.DOCUMENTED).start();
    spark = SparkTestSession.get();
  }

  @AfterAll
  static void stop() {
    observed.close();
    documented.close();
  }

  /** One read: its options (site/event ids as SITE and EVENT) and a query over table {t}. */
  record Case(String name, Map<String, String> options, String sql, boolean documentedStyle) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String MARCH = "date_from=2024-03-01|date_to=2024-04-14";
  private static final String DAY_PATH = "site_id=SITE|date_grouping=day|field_grouping=pathname|" + MARCH;
  private static final String DAY_BERLIN = "site_id=SITE|date_grouping=day|field_grouping=pathname,country_code"
      + "|timezone=Europe/Berlin|partitions=3|aggregates=pageviews,visits,bounce_rate|" + MARCH;
  private static final String HOUR_BERLIN = "site_id=SITE|date_grouping=hour|hour_type=timestamp|field_grouping=browser"
      + "|timezone=Europe/Berlin|partitions=2|date_from=2024-03-30|date_to=2024-04-01|aggregates=pageviews,avg_duration";
  private static final String HOUR_NY_FALL = "site_id=SITE|date_grouping=hour|hour_type=timestamp|timezone=America/New_York"
      + "|partitions=4|window.hour_days=1|date_from=2024-11-02|date_to=2024-11-04";
  private static final String HOUR_LORD_HOWE = "site_id=SITE|date_grouping=hour|hour_type=timestamp|field_grouping=device_type"
      + "|timezone=Australia/Lord_Howe|partitions=3|date_from=2024-04-06|date_to=2024-04-08 12:30:00|aggregates=visits,uniques";
  private static final String HOUR_KOLKATA = "site_id=SITE|date_grouping=hour|hour_type=timestamp|field_grouping=hostname"
      + "|timezone=Asia/Kolkata|date_from=2024-03-10 05:17:00|date_to=2024-03-12|aggregates=pageviews";
  private static final String MONTH = "site_id=SITE|date_grouping=month|field_grouping=device_type"
      + "|partitions=2|date_from=2024-03-01|date_to=2024-12-07|aggregates=pageviews,uniques,avg_duration";
  private static final String YEAR_NY = "site_id=SITE|date_grouping=year|timezone=America/New_York"
      + "|date_from=2024-03-01|date_to=2024-12-07";
  private static final String TOTALS = "site_id=SITE|field_grouping=referrer_hostname,utm_source|" + MARCH;
  private static final String EVENTS = "entity=event|event_id=EVENT|date_grouping=day|field_grouping=pathname|" + MARCH;
  // Single-request reads whose request a DST edge widens into a bucket it does not own: a pushed
  // LIMIT or top-N must then stay with Spark.
  private static final String HOUR_BERLIN_FALL = "site_id=SITE|date_grouping=hour|hour_type=timestamp|timezone=Europe/Berlin"
      + "|date_from=2024-10-27 00:00:00|date_to=2024-10-27 05:59:59|aggregates=pageviews,visits";
  private static final String HOUR_BERLIN_SPRING = "site_id=SITE|date_grouping=hour|hour_type=timestamp|timezone=Europe/Berlin"
      + "|date_from=2024-03-31 00:00:00|date_to=2024-03-31 05:59:59|aggregates=pageviews";
  private static final String HOUR_NY_FALL_ONE = "site_id=SITE|date_grouping=hour|hour_type=timestamp|timezone=America/New_York"
      + "|date_from=2024-11-03 00:00:00|date_to=2024-11-03 04:59:59|aggregates=visits";
  private static final String HOUR_LORD_HOWE_FALL = "site_id=SITE|date_grouping=hour|hour_type=timestamp|timezone=Australia/Lord_Howe"
      + "|date_from=2024-04-07 00:00:00|date_to=2024-04-07 05:00:00|aggregates=visits";
  private static final String DAY_SANTIAGO_FALL = "site_id=SITE|date_grouping=day|timezone=America/Santiago"
      + "|date_from=2024-04-01|date_to=2024-04-10|aggregates=pageviews";
  // The default hourly date: the local hour as Fathom labels it (TIMESTAMP_NTZ), filtered with local times.
  private static final String LOCAL_BERLIN_FALL = "site_id=SITE|date_grouping=hour|timezone=Europe/Berlin"
      + "|date_from=2024-10-27 00:00:00|date_to=2024-10-27 05:59:59|aggregates=pageviews,visits";
  private static final String LOCAL_BERLIN_SPRING = "site_id=SITE|date_grouping=hour|field_grouping=browser"
      + "|timezone=Europe/Berlin|partitions=2|date_from=2024-03-30|date_to=2024-04-01|aggregates=pageviews";
  private static final String LOCAL_NY_FALL = "site_id=SITE|date_grouping=hour|timezone=America/New_York"
      + "|partitions=4|window.hour_days=1|date_from=2024-11-02|date_to=2024-11-04";
  private static final String LOCAL_LORD_HOWE = "site_id=SITE|date_grouping=hour|timezone=Australia/Lord_Howe"
      + "|date_from=2024-04-07 00:00:00|date_to=2024-04-07 05:00:00|aggregates=visits";
  private static final String WORST_CASE = DAY_PATH + "|pushdown.assume_documented_semantics=false";

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    add(c, "day: everything", DAY_PATH, "SELECT * FROM {t}");
    add(c, "day: pathname =", DAY_PATH, "SELECT * FROM {t} WHERE pathname = '/pricing'");
    add(c, "day: pathname <>", DAY_PATH, "SELECT date, pathname, visits FROM {t} WHERE pathname <> '/'");
    add(c, "day: pathname IS NULL", DAY_PATH, "SELECT * FROM {t} WHERE pathname IS NULL");
    add(c, "day: contains", DAY_PATH, "SELECT * FROM {t} WHERE pathname LIKE '%blog%'");
    add(c, "day: startswith (widening)", DAY_PATH, "SELECT date, pathname, uniques FROM {t} WHERE pathname LIKE '/docs%'");
    add(c, "day: endswith (widening)", DAY_PATH, "SELECT * FROM {t} WHERE pathname LIKE '%off'");
    add(c, "day: contains with % (widening)", DAY_PATH, "SELECT * FROM {t} WHERE contains(pathname, '50%-off')");
    add(c, "day: NOT contains", DAY_PATH, "SELECT date, pathname, pageviews FROM {t} WHERE NOT contains(pathname, 'o')");
    add(c, "day: IN of three (kept)", DAY_PATH, "SELECT * FROM {t} WHERE pathname IN ('/', '/pricing', '/blog')");
    add(c, "day: IN of one", DAY_PATH, "SELECT * FROM {t} WHERE pathname IN ('/pricing')");
    add(c, "day: NOT IN", DAY_PATH, "SELECT * FROM {t} WHERE pathname NOT IN ('/', '/pricing')");
    add(c, "day: date range", DAY_PATH, "SELECT * FROM {t} WHERE date >= '2024-03-10' AND date < '2024-03-20'");
    add(c, "day: date = DST day", DAY_PATH, "SELECT * FROM {t} WHERE date = '2024-03-31'");
    add(c, "day: BETWEEN and pathname", DAY_PATH,
        "SELECT * FROM {t} WHERE date BETWEEN '2024-03-05' AND '2024-03-06' AND pathname = '/'");
    add(c, "day: OR across columns (kept)", DAY_PATH, "SELECT * FROM {t} WHERE pathname = '/' OR pageviews > 30");
    add(c, "day: metric filter (kept)", DAY_PATH, "SELECT * FROM {t} WHERE pageviews > 20");
    add(c, "day: GROUP BY date (pushed, partial)", DAY_PATH, "SELECT date, sum(pageviews) AS pv FROM {t} GROUP BY date");
    add(c, "day: top 5 pages", DAY_PATH,
        "SELECT pathname, sum(visits) AS v FROM {t} GROUP BY pathname ORDER BY v DESC, pathname LIMIT 5");
    add(c, "day: count", DAY_PATH, "SELECT count(*) FROM {t}");
    add(c, "day: 4 partitions and startswith", DAY_PATH + "|partitions=4",
        "SELECT * FROM {t} WHERE pathname LIKE '/blog/%'");
    add(c, "berlin day: everything", DAY_BERLIN, "SELECT * FROM {t}");
    add(c, "berlin day: country IS NULL", DAY_BERLIN, "SELECT * FROM {t} WHERE country_code IS NULL");
    add(c, "berlin day: country not US", DAY_BERLIN,
        "SELECT * FROM {t} WHERE country_code IS NOT NULL AND country_code <> 'US'");
    add(c, "berlin day: country un", DAY_BERLIN, "SELECT * FROM {t} WHERE country_code = 'un'");
    add(c, "berlin day: across DST", DAY_BERLIN, "SELECT * FROM {t} WHERE date > '2024-03-30' AND date <= '2024-04-02'");
    add(c, "berlin day: lower-case value", DAY_BERLIN, "SELECT * FROM {t} WHERE country_code = 'us'");
    add(c, "berlin hour: everything", HOUR_BERLIN, "SELECT * FROM {t}");
    add(c, "berlin hour: spring-forward morning", HOUR_BERLIN,
        "SELECT * FROM {t} WHERE date >= timestamp'2024-03-31 00:00:00' AND date < timestamp'2024-03-31 06:00:00'");
    add(c, "berlin hour: one bucket and browser", HOUR_BERLIN,
        "SELECT * FROM {t} WHERE browser = 'Chrome' AND date = timestamp'2024-03-31 01:00:00'");
    add(c, "berlin hour: instant inside a bucket", HOUR_BERLIN,
        "SELECT * FROM {t} WHERE date = timestamp'2024-03-31 01:30:00'");
    add(c, "berlin hour: browser IS NULL", HOUR_BERLIN, "SELECT * FROM {t} WHERE browser IS NULL");
    add(c, "new york hour: fall-back", HOUR_NY_FALL, "SELECT * FROM {t}");
    add(c, "new york hour: fall-back range", HOUR_NY_FALL,
        "SELECT * FROM {t} WHERE date >= timestamp'2024-11-03 05:00:00' AND date <= timestamp'2024-11-03 08:00:00'");
    add(c, "lord howe hour: half-hour fall-back", HOUR_LORD_HOWE, "SELECT * FROM {t}");
    add(c, "lord howe hour: before a bucket", HOUR_LORD_HOWE,
        "SELECT * FROM {t} WHERE date < timestamp'2024-04-06 16:00:00'");
    add(c, "kolkata hour: mid-hour start", HOUR_KOLKATA,
        "SELECT * FROM {t} WHERE date >= timestamp'2024-03-10 18:30:00'");
    add(c, "berlin fall-back hour: latest before the edge", HOUR_BERLIN_FALL,
        "SELECT * FROM {t} WHERE date < timestamp'2024-10-27 02:00:00' ORDER BY date DESC LIMIT 1");
    add(c, "berlin fall-back hour: most pageviews before the edge", HOUR_BERLIN_FALL,
        "SELECT pageviews FROM {t} WHERE date < timestamp'2024-10-27 02:00:00' ORDER BY pageviews DESC LIMIT 1");
    add(c, "berlin fall-back hour: earliest two from the edge", HOUR_BERLIN_FALL,
        "SELECT * FROM {t} WHERE date >= timestamp'2024-10-27 00:00:00' ORDER BY date LIMIT 2");
    add(c, "berlin fall-back hour: latest two up to the repeated hour", HOUR_BERLIN_FALL,
        "SELECT * FROM {t} WHERE date <= timestamp'2024-10-27 01:30:00' ORDER BY date DESC LIMIT 2");
    add(c, "berlin fall-back hour: latest of a range ending inside the repeated hour",
        HOUR_BERLIN_FALL.replace("05:59:59", "02:30:00"), "SELECT * FROM {t} ORDER BY date DESC LIMIT 1");
    add(c, "berlin spring-forward hour: latest before the gap", HOUR_BERLIN_SPRING,
        "SELECT * FROM {t} WHERE date < timestamp'2024-03-31 01:00:00' ORDER BY date DESC LIMIT 1");
    add(c, "berlin spring-forward hour: earliest after the gap", HOUR_BERLIN_SPRING,
        "SELECT * FROM {t} WHERE date >= timestamp'2024-03-31 01:00:00' ORDER BY date LIMIT 1");
    add(c, "new york fall-back hour: latest up to the repeated hour", HOUR_NY_FALL_ONE,
        "SELECT * FROM {t} WHERE date <= timestamp'2024-11-03 05:00:00' ORDER BY date DESC LIMIT 1");
    add(c, "new york fall-back hour: most visits up to the repeated hour", HOUR_NY_FALL_ONE,
        "SELECT visits FROM {t} WHERE date <= timestamp'2024-11-03 05:00:00' ORDER BY visits DESC LIMIT 1");
    add(c, "lord howe fall-back hour: latest up to the half-hour overlap", HOUR_LORD_HOWE_FALL,
        "SELECT * FROM {t} WHERE date < timestamp'2024-04-06 15:00:00' ORDER BY date DESC LIMIT 1");
    add(c, "santiago fall-back day: latest up to the repeated day", DAY_SANTIAGO_FALL,
        "SELECT * FROM {t} WHERE date <= '2024-04-06' ORDER BY date DESC LIMIT 1");
    add(c, "santiago fall-back day: most pageviews up to the repeated day", DAY_SANTIAGO_FALL,
        "SELECT pageviews FROM {t} WHERE date <= '2024-04-06' ORDER BY pageviews DESC LIMIT 1");
    add(c, "local hours: berlin fall-back everything", LOCAL_BERLIN_FALL, "SELECT * FROM {t}");
    add(c, "local hours: berlin merged fall-back hour", LOCAL_BERLIN_FALL,
        "SELECT * FROM {t} WHERE date = timestamp_ntz'2024-10-27 02:00:00'");
    add(c, "local hours: berlin latest before 03:00 (widened request)", LOCAL_BERLIN_FALL,
        "SELECT * FROM {t} WHERE date < timestamp_ntz'2024-10-27 03:00:00' ORDER BY date DESC LIMIT 1");
    add(c, "local hours: berlin most pageviews before 03:00 (widened request)", LOCAL_BERLIN_FALL,
        "SELECT pageviews FROM {t} WHERE date < '2024-10-27 03:00:00' ORDER BY pageviews DESC LIMIT 1");
    add(c, "local hours: berlin spring-forward morning", LOCAL_BERLIN_SPRING,
        "SELECT * FROM {t} WHERE date >= timestamp_ntz'2024-03-31 01:00:00' AND date < timestamp_ntz'2024-03-31 04:00:00'");
    add(c, "local hours: berlin skipped hour", LOCAL_BERLIN_SPRING,
        "SELECT * FROM {t} WHERE date = timestamp_ntz'2024-03-31 02:00:00'");
    add(c, "local hours: berlin from inside the gap", LOCAL_BERLIN_SPRING,
        "SELECT * FROM {t} WHERE date > '2024-03-31 02:30:00' AND browser = 'Chrome'");
    add(c, "local hours: new york everything", LOCAL_NY_FALL, "SELECT * FROM {t}");
    add(c, "local hours: new york fall-back range", LOCAL_NY_FALL,
        "SELECT * FROM {t} WHERE date >= '2024-11-03 00:00:00' AND date <= '2024-11-03 03:00:00'");
    add(c, "local hours: new york sums by date", LOCAL_NY_FALL,
        "SELECT date, sum(visits) FROM {t} WHERE date >= '2024-11-03 00:00:00' GROUP BY date");
    add(c, "local hours: lord howe latest before 02:00 (widened request)", LOCAL_LORD_HOWE,
        "SELECT * FROM {t} WHERE date < timestamp_ntz'2024-04-07 02:00:00' ORDER BY date DESC LIMIT 1");
    add(c, "month: everything", MONTH, "SELECT * FROM {t}");
    add(c, "month: date after mid-month", MONTH, "SELECT * FROM {t} WHERE date >= '2024-03-15'");
    add(c, "month: one month and device", MONTH, "SELECT * FROM {t} WHERE date = '2024-04-01' AND device_type = 'Phone'");
    add(c, "month: date not a bucket", MONTH, "SELECT * FROM {t} WHERE date = '2024-04-02'");
    add(c, "year: new york", YEAR_NY, "SELECT * FROM {t} WHERE date = '2024-01-01'");
    add(c, "totals: everything", TOTALS, "SELECT * FROM {t}");
    add(c, "totals: underscore value", TOTALS, "SELECT * FROM {t} WHERE utm_source = 'partner_site'");
    add(c, "totals: contains with _ (widening)", TOTALS, "SELECT * FROM {t} WHERE contains(utm_source, 'partner_')");
    add(c, "totals: referrer IS NULL", TOTALS, "SELECT * FROM {t} WHERE referrer_hostname IS NULL");
    add(c, "totals: option filters and <>",
        TOTALS + "|filters=[{\"property\":\"device_type\",\"operator\":\"is\",\"value\":\"Phone\"}]",
        "SELECT * FROM {t} WHERE referrer_hostname <> 'https://t.co'");
    add(c, "events: everything", EVENTS, "SELECT * FROM {t}");
    add(c, "events: value and pathname", EVENTS, "SELECT * FROM {t} WHERE value > 0 AND pathname = '/pricing'");
    add(c, "worst-case semantics", WORST_CASE,
        "SELECT * FROM {t} WHERE pathname = '/pricing' AND pathname <> '/x' AND pathname LIKE '%p%'");
    add(c, "worst-case semantics: IS NULL", WORST_CASE, "SELECT * FROM {t} WHERE pathname IS NOT NULL AND date = '2024-03-03'");
    add(c, "aggregate: pathname sums over 3 partitions", DAY_PATH + "|partitions=3",
        "SELECT pathname, sum(pageviews), sum(uniques) FROM {t} GROUP BY pathname");
    add(c, "aggregate: berlin pathname sums", DAY_BERLIN, "SELECT pathname, sum(pageviews) FROM {t} GROUP BY pathname");
    add(c, "aggregate: berlin by date", DAY_BERLIN, "SELECT date, sum(visits) FROM {t} GROUP BY date");
    add(c, "aggregate: berlin by country after a date", DAY_BERLIN,
        "SELECT country_code, sum(visits) FROM {t} WHERE date >= '2024-03-10' GROUP BY country_code");
    add(c, "aggregate: berlin by country and date across DST", DAY_BERLIN,
        "SELECT country_code, date, sum(pageviews) FROM {t} WHERE date > '2024-03-30' AND date <= '2024-04-02'"
            + " GROUP BY country_code, date");
    add(c, "aggregate: berlin pathname = and country", DAY_BERLIN,
        "SELECT country_code, sum(visits) AS v FROM {t} WHERE pathname = '/pricing' GROUP BY country_code");
    add(c, "aggregate: hour spring-forward morning by browser", HOUR_BERLIN,
        "SELECT browser, sum(pageviews) FROM {t} WHERE date >= timestamp'2024-03-31 00:00:00'"
            + " AND date < timestamp'2024-03-31 06:00:00' GROUP BY browser");
    add(c, "aggregate: new york fall-back range total by hour bucket", HOUR_NY_FALL,
        "SELECT sum(visits) FROM {t} WHERE date >= timestamp'2024-11-03 05:00:00' AND date <= timestamp'2024-11-03 08:00:00'");
    add(c, "aggregate: lord howe by device before a bucket", HOUR_LORD_HOWE,
        "SELECT device_type, sum(visits), sum(uniques) FROM {t} WHERE date < timestamp'2024-04-06 16:00:00' GROUP BY device_type");
    add(c, "aggregate: month by device", MONTH, "SELECT device_type, sum(uniques) FROM {t} WHERE date >= '2024-03-15' GROUP BY device_type");
    add(c, "aggregate: totals by utm_source", TOTALS, "SELECT utm_source, sum(visits) FROM {t} GROUP BY utm_source");
    add(c, "aggregate: event value", EVENTS, "SELECT pathname, sum(value), sum(conversions) FROM {t} GROUP BY pathname");
    add(c, "aggregate: top pages by summed pageviews", DAY_PATH,
        "SELECT pathname, sum(pageviews) AS pv FROM {t} GROUP BY pathname ORDER BY pv DESC, pathname LIMIT 3");
    // Ratios come rounded per row from the observed style: compare them rounded after Spark's work.
    add(c, "aggregate: avg of bounce_rate (not pushed)", DAY_BERLIN,
        "SELECT pathname, round(avg(bounce_rate), 2) FROM {t} GROUP BY pathname");
    add(c, "aggregate: sum next to max of bounce_rate (not pushed)", DAY_BERLIN,
        "SELECT pathname, sum(pageviews), max(bounce_rate) FROM {t} GROUP BY pathname");
    add(c, "aggregate: count by pathname (not pushed)", DAY_PATH, "SELECT pathname, count(*) FROM {t} GROUP BY pathname");
    add(c, "aggregate: global sum (not pushed)", DAY_PATH, "SELECT sum(visits) FROM {t}");
    add(c, "aggregate: sum after a kept filter (not offered)", DAY_PATH,
        "SELECT pathname, sum(visits) FROM {t} WHERE pageviews > 20 GROUP BY pathname");
    add(c, "keyword is not filterable", "site_id=SITE|field_grouping=keyword|" + MARCH,
        "SELECT * FROM {t} WHERE keyword = 'gdpr analytics'");
    // The documented style: list objects and JSON numbers.
    List<Case> documentedCases = new ArrayList<>();
    for (Case each : c) {
      if (each.name.endsWith("everything") || each.name.contains("NOT IN") || each.name.contains("fall-back range")) {
        documentedCases.add(new Case("documented style, " + each.name, each.options, each.sql, true));
      }
    }
    c.addAll(documentedCases);
    return c.stream();
  }

  private static void add(List<Case> c, String name, String options, String sql) {
    Map<String, String> m = new HashMap<>();
    for (String kv : options.split("\\|")) {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    c.add(new Case(name, m, sql, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readEqualsPushdownOffAndTheIndependentAnswer(Case c) {
    FathomEmulator emulator = c.documentedStyle ? documented : observed;
    Map<String, String> options = new HashMap<>();
    c.options.forEach((k, v) -> options.put(k, v.replace("SITE", account.site).replace("EVENT", account.event)));
    options.put("base_url", emulator.baseUrl());
    options.put("token", emulator.adminToken());
    options.put("rate.aggregations_per_minute", "100000");

    emulator.clearRequestLog();
    Dataset<Row> pushed = run(spark.read().format("fathom").options(options).load(), c.sql);
    List<String> pushedRows = normalise(pushed.collectAsList());
    List<RequestLogEntry> requests = aggregations(emulator);
    List<FathomScan> scans = ScanInspector.scans(pushed);
    assertThat(scans).hasSize(1);
    int planned = scans.get(0).plan().requests().size();
    assertThat(requests).as("requests sent").hasSize(planned).allMatch(r -> r.status() == 200);
    assertThat(ScanInspector.metric(pushed, ScanMetrics.REQUESTS)).isEqualTo(planned);
    for (int i = 0; i < requests.size(); i++) {
      assertThat(scans.get(0).plan().requests().stream().map(p -> p.query().toParameters()))
          .as("each request sent was planned").contains(requests.get(i).parameters());
    }

    Map<String, String> off = new HashMap<>(options);
    off.put("pushdown", "false");
    emulator.clearRequestLog();
    List<String> unpushedRows = normalise(run(spark.read().format("fathom").options(off).load(), c.sql).collectAsList());
    assertThat(aggregations(emulator)).allMatch(r -> !r.parameters().containsKey("filters")
        || r.parameters().get("filters").equals(options.containsKey("filters")
            ? dev.sparkfathom.client.FilterJson.write(dev.sparkfathom.client.FilterJson.parse(options.get("filters"))) : ""));

    ReadSpec spec = ReadSpec.parse(options, Map.of());
    List<String> expected = normalise(run(ExpectedRelation.of(spark, spec, account), c.sql).collectAsList());

    assertThat(pushedRows).as("pushdown on vs the independent answer").isEqualTo(expected);
    assertThat(unpushedRows).as("pushdown off vs the independent answer").isEqualTo(expected);
  }

  private static Dataset<Row> run(Dataset<Row> relation, String sql) {
    String view = "t_" + Long.toHexString(System.nanoTime());
    relation.createOrReplaceTempView(view);
    return spark.sql(sql.replace("{t}", view));
  }

  private static List<RequestLogEntry> aggregations(FathomEmulator emulator) {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).toList();
  }

  /** Rows as sorted text; doubles to the 4 decimals the observed style sends. */
  static List<String> normalise(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < r.length(); i++) {
        Object v = r.get(i);
        s.append(v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(v)).append(" | ");
      }
      out.add(s.toString());
    }
    out.sort(null);
    return out;
  }
}
