package dev.sparkfathom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import dev.sparkfathom.read.ExpectedRelation;
import dev.sparkfathom.read.ReadMatrixIT;
import dev.sparkfathom.read.TestAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SQL over the catalog: each query's answer equals (a) the same query over a catalog with
 * {@code pushdown=false} and (b) the same query over the relations computed independently from
 * the raw records ({@link ExpectedRelation}: the oracle's answer to one unlimited request per
 * table or event). The emulator's request log shows the number of aggregation requests each
 * query shape costs; those numbers are the ones the README's catalog section states.
 */
class CatalogSqlIT {
  /** The revision the read path speaks (the emulator is started in it). */
  static final ApiVersion READ_API = ReadSpec.parseClient(Map.of("token", "any"), Map.of()).apiVersion();
  static final String FROM = "2024-01-01";
  static final String TO = "2024-12-31";
  private static final Pattern TABLE = Pattern.compile("\\{s\\}\\.(\\w+)");

  private static TestAccount account;
  private static FathomEmulator emulator;
  private static SparkSession spark;
  private static String on;
  private static String off;

  @BeforeAll
  static void start() throws Exception {
    account = TestAccount.shared();
    emulator = FathomEmulator.builder().api(READ_API).store(account.store).rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    spark = SparkTestSession.get();
    String suffix = Long.toHexString(System.nanoTime());
    on = "fathom_on_" + suffix;
    off = "fathom_off_" + suffix;
    register(on, Map.of());
    register(off, Map.of("pushdown", "false"));
    for (ReportTable t : ReportTable.values()) {
      if (t.exists(READ_API)) {
        expected(t).createOrReplaceTempView("exp_" + t.tableName());
      }
    }
    expectedConversions().createOrReplaceTempView("exp_conversions");
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  static void register(String catalog, Map<String, String> extra) {
    String p = "spark.sql.catalog." + catalog;
    spark.conf().set(p, FathomCatalog.class.getName());
    spark.conf().set(p + ".token", emulator.adminToken());
    spark.conf().set(p + ".base_url", emulator.baseUrl());
    spark.conf().set(p + ".date_from", FROM);
    spark.conf().set(p + ".date_to", TO);
    spark.conf().set(p + ".rate.aggregations_per_minute", "100000");
    extra.forEach((k, v) -> spark.conf().set(p + "." + k, v));
  }

  private static Map<String, String> base() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("token", emulator.adminToken());
    o.put("base_url", emulator.baseUrl());
    o.put("date_from", FROM);
    o.put("date_to", TO);
    o.put("date_grouping", "day");
    return o;
  }

  /** The table's relation from the raw records: the oracle's answer to its one unlimited request. */
  private static Dataset<Row> expected(ReportTable t) {
    Map<String, String> o = base();
    o.put("site_id", account.site);
    List<Field> fields = t.fields(READ_API);
    if (!fields.isEmpty()) {
      o.put("field_grouping", fields.stream().map(Field::apiName).collect(Collectors.joining(",")));
    }
    return ExpectedRelation.of(spark, ReadSpec.parse(o, Map.of()), account);
  }

  /** Every event of the site: each event's relation, with its name in front. */
  private static Dataset<Row> expectedConversions() {
    Dataset<Row> union = null;
    for (EventRecord e : account.store.events(account.site)) {
      Map<String, String> o = base();
      o.put("entity", "event");
      if (READ_API == ApiVersion.CURRENT) {
        o.put("site_id", account.site);
        o.put("event", e.name());
      } else {
        o.put("event_id", e.id());
      }
      Dataset<Row> one = ExpectedRelation.of(spark, ReadSpec.parse(o, Map.of()), account);
      List<org.apache.spark.sql.Column> cols = new ArrayList<>();
      cols.add(functions.lit(e.name()).as("event"));
      for (String c : one.columns()) {
        cols.add(one.col(c));
      }
      one = one.select(cols.toArray(new org.apache.spark.sql.Column[0]));
      union = union == null ? one : union.unionAll(one);
    }
    return union;
  }

  /**
   * @param requests aggregation requests the query costs with pushdown on
   * @param cut for a top-N on one key: the query without its LIMIT and the limit, to check that
   *     the data has no tie at the cut (else two right answers could differ)
   */
  record Case(String name, String sql, int requests, String uncut, int limit) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    // totals and date ranges
    add(c, "totals: everything (two 6-month windows)", "SELECT * FROM {s}.totals", 2);
    add(c, "totals: a date range", "SELECT date, pageviews FROM {s}.totals WHERE date >= DATE'2024-03-10' AND date < DATE'2024-03-20'", 1);
    add(c, "totals: global sums over March (not pushed)",
        "SELECT SUM(pageviews), SUM(visits) FROM {s}.totals WHERE date BETWEEN '2024-03-01' AND '2024-03-31'", 1);
    add(c, "totals: before the range, no request", "SELECT * FROM {s}.totals WHERE date = DATE'2023-06-01'", 0);
    topN(c, "totals: top days after September (top-N pushed)",
        "SELECT date, pageviews FROM {s}.totals WHERE date >= '2024-09-01' ORDER BY pageviews DESC", 5, 1);
    add(c, "totals: latest days over two windows (top-N left to Spark)",
        "SELECT date, pageviews FROM {s}.totals ORDER BY date DESC LIMIT 3", 2);
    add(c, "totals: month rollup by expression (not pushed)",
        "SELECT date_trunc('month', date) m, SUM(pageviews) FROM {s}.totals GROUP BY date_trunc('month', date)", 2);
    // pages: the typical report and GROUP BY subsets
    topN(c, "pages: top 10 pathnames of March (one request)",
        "SELECT pathname, SUM(pageviews) pv FROM {s}.pages WHERE date >= DATE'2024-03-01' AND date < DATE'2024-04-01'"
            + " GROUP BY pathname ORDER BY pv DESC", 10, 1);
    add(c, "pages: GROUP BY hostname, pathname", "SELECT hostname, pathname, SUM(visits) FROM {s}.pages GROUP BY hostname, pathname", 1);
    add(c, "pages: GROUP BY hostname", "SELECT hostname, SUM(pageviews), SUM(uniques) FROM {s}.pages GROUP BY hostname", 1);
    add(c, "pages: GROUP BY pathname with pathname =",
        "SELECT pathname, SUM(pageviews) FROM {s}.pages WHERE pathname = '/pricing' GROUP BY pathname", 1);
    add(c, "pages: GROUP BY date with contains (partial, per window)",
        "SELECT date, SUM(pageviews) FROM {s}.pages WHERE pathname LIKE '%blog%' GROUP BY date", 2);
    add(c, "pages: IS NULL", "SELECT * FROM {s}.pages WHERE pathname IS NULL", 2);
    add(c, "pages: <> on one day", "SELECT date, pathname, visits FROM {s}.pages WHERE pathname <> '/' AND date = DATE'2024-03-15'", 1);
    add(c, "pages: IN of two (kept) in ten days",
        "SELECT * FROM {s}.pages WHERE pathname IN ('/', '/pricing') AND date >= '2024-04-01' AND date <= '2024-04-10'", 1);
    add(c, "pages: NOT IN on one day", "SELECT * FROM {s}.pages WHERE pathname NOT IN ('/', '/pricing') AND date = '2024-03-05'", 1);
    add(c, "pages: startswith is an exact regex today, so GROUP BY is pushed",
        "SELECT pathname, SUM(pageviews) FROM {s}.pages WHERE pathname LIKE '/docs%' GROUP BY pathname", 1);
    add(c, "pages: metric filter (kept) in a week", "SELECT * FROM {s}.pages WHERE pageviews > 20 AND date < DATE'2024-03-08'", 1);
    add(c, "pages: OR across columns (kept): 2 windows and 8 follow-ups past the row cap",
        "SELECT * FROM {s}.pages WHERE pathname = '/' OR pageviews > 30", 10);
    add(c, "pages: pushable and non-pushable filters, GROUP BY not pushed",
        "SELECT pathname, SUM(visits) FROM {s}.pages WHERE pathname <> '/' AND length(pathname) > 5"
            + " AND date >= '2024-03-01' AND date < '2024-03-10' GROUP BY pathname", 1);
    add(c, "pages: COUNT DISTINCT (1 window, 3 follow-ups past the row cap)",
        "SELECT COUNT(DISTINCT pathname) FROM {s}.pages WHERE date >= '2024-11-01'", 4);
    add(c, "pages: LIMIT on one request", "SELECT COUNT(*) FROM (SELECT * FROM {s}.pages WHERE date = '2024-03-02' LIMIT 5)", 1);
    add(c, "pages: window function RANK per day",
        "SELECT date, pathname, pageviews, RANK() OVER (PARTITION BY date ORDER BY pageviews DESC) r"
            + " FROM {s}.pages WHERE date BETWEEN '2024-03-01' AND '2024-03-03'", 1);
    // devices, locations, campaigns, referrers
    add(c, "devices: GROUP BY device_type", "SELECT device_type, SUM(pageviews) FROM {s}.devices GROUP BY device_type", 1);
    topN(c, "devices: top browsers on phones (IS NOT NULL on a categorical stays in Spark: nothing more pushed)",
        "SELECT browser, device_type, SUM(uniques) u FROM {s}.devices WHERE device_type = 'Phone'"
            + " GROUP BY browser, device_type ORDER BY u DESC", 3, 2);
    topN(c, "devices: top operating systems (top-N over the aggregate)",
        "SELECT operating_system, SUM(visits) v FROM {s}.devices GROUP BY operating_system ORDER BY v DESC", 2, 1);
    add(c, "devices: always false, no request",
        "SELECT * FROM {s}.devices WHERE device_type = 'Phone' AND device_type = 'Desktop'", 0);
    add(c, "devices: ROLLUP (not pushed) over March",
        "SELECT device_type, browser, SUM(pageviews) FROM {s}.devices WHERE date >= '2024-03-01' AND date < '2024-04-01'"
            + " GROUP BY ROLLUP(device_type, browser)", 1);
    add(c, "devices: IN subquery",
        "SELECT * FROM {s}.devices WHERE browser IN (SELECT browser FROM {s}.devices WHERE device_type = 'Tablet'"
            + " AND date = '2024-03-03') AND date = '2024-03-03'", 2);
    add(c, "locations: IS NOT NULL on a categorical (kept), 2 windows and 6 follow-ups",
        "SELECT country_code, SUM(visits) v FROM {s}.locations WHERE country_code IS NOT NULL GROUP BY country_code", 8);
    add(c, "locations: GROUP BY country_code, region",
        "SELECT country_code, region, SUM(visits) v FROM {s}.locations GROUP BY country_code, region", 1);
    add(c, "locations: MAX of a ratio (not pushed), 2 windows and 6 follow-ups",
        "SELECT country_code, MAX(avg_duration) FROM {s}.locations GROUP BY country_code", 8);
    add(c, "locations: OR on one column (kept), 2 windows and 6 follow-ups",
        "SELECT * FROM {s}.locations WHERE country_code = 'un' OR country_code IS NULL", 8);
    add(c, "campaigns: GROUP BY two of five",
        "SELECT utm_source, utm_medium, SUM(visits) FROM {s}.campaigns WHERE utm_source IS NOT NULL GROUP BY utm_source, utm_medium", 1);
    add(c, "campaigns: contains", "SELECT * FROM {s}.campaigns WHERE utm_source LIKE '%partner%'", 2);
    topN(c, "referrers: top referrers since October",
        "SELECT referrer_hostname, SUM(pageviews) pv FROM {s}.referrers WHERE date >= '2024-10-01'"
            + " GROUP BY referrer_hostname ORDER BY pv DESC", 5, 1);
    add(c, "referrers: COUNT(*) by hostname (not pushed), 2 windows and 4 follow-ups",
        "SELECT referrer_hostname, COUNT(*) FROM {s}.referrers GROUP BY referrer_hostname", 6);
    add(c, "entry_pages: top entry pages of a month",
        "SELECT entry_page, SUM(visits) v FROM {s}.entry_pages WHERE date >= '2024-03-01' AND date < '2024-04-01'"
            + " GROUP BY entry_page", 1);
    add(c, "exit_pages: one exit page by day",
        "SELECT date, visits FROM {s}.exit_pages WHERE exit_page = '/pricing' AND date < '2024-04-01'", 1);
    // conversions: one read per chosen event
    add(c, "conversions: every event", "SELECT event, SUM(conversions), SUM(value) FROM {s}.conversions GROUP BY event", 4);
    add(c, "conversions: one event", "SELECT * FROM {s}.conversions WHERE event = 'Purchase'", 2);
    add(c, "conversions: one event in March",
        "SELECT date, value FROM {s}.conversions WHERE event = 'Signed up' AND date BETWEEN '2024-03-01' AND '2024-03-31'", 1);
    add(c, "conversions: IN with an unknown name, metric filter",
        "SELECT * FROM {s}.conversions WHERE event IN ('Purchase', 'Nope') AND value > 0", 2);
    add(c, "conversions: LIKE on the name since October",
        "SELECT * FROM {s}.conversions WHERE event LIKE 'Sign%' AND date >= '2024-10-01'", 1);
    add(c, "conversions: no such event, no request", "SELECT * FROM {s}.conversions WHERE event = 'No such event'", 0);
    add(c, "conversions: OR across event and a metric (kept)",
        "SELECT * FROM {s}.conversions WHERE event = 'Purchase' OR conversions > 3", 4);
    // joins, subqueries, CTEs, windows
    add(c, "join: pages with conversions by day",
        "SELECT p.date, p.pv, c.conv FROM (SELECT date, SUM(pageviews) pv FROM {s}.pages WHERE date >= '2024-03-01'"
            + " AND date < '2024-03-15' GROUP BY date) p JOIN (SELECT date, SUM(conversions) conv FROM {s}.conversions"
            + " WHERE date >= '2024-03-01' AND date < '2024-03-15' GROUP BY date) c ON p.date = c.date", 3);
    add(c, "join: totals with one event's conversions",
        "SELECT t.date, t.visits, c.conversions FROM {s}.totals t JOIN {s}.conversions c ON t.date = c.date"
            + " WHERE c.event = 'Purchase' AND t.date >= '2024-03-01' AND t.date < '2024-04-01'", 2);
    add(c, "subquery: pages above the day's average",
        "SELECT pathname, SUM(pageviews) FROM {s}.pages WHERE date = '2024-03-05' GROUP BY pathname"
            + " HAVING SUM(pageviews) > (SELECT AVG(pageviews) / 20 FROM {s}.totals WHERE date = '2024-03-05')", 2);
    add(c, "CTE with LAG over days",
        "WITH daily AS (SELECT date, SUM(pageviews) pv FROM {s}.pages WHERE date < '2024-03-20' GROUP BY date)"
            + " SELECT date, pv, pv - LAG(pv) OVER (ORDER BY date) d FROM daily", 1);
    add(c, "window: running total of visits",
        "SELECT date, visits, SUM(visits) OVER (ORDER BY date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) run"
            + " FROM {s}.totals WHERE date >= '2024-10-01'", 1);
    add(c, "UNION ALL of two tables",
        "SELECT 'pages' k, SUM(pageviews) FROM {s}.pages WHERE date = '2024-03-05'"
            + " UNION ALL SELECT 'totals', SUM(pageviews) FROM {s}.totals WHERE date = '2024-03-05'", 2);
    add(c, "all: GROUP BY pathname on one day (one coarser request)",
        "SELECT pathname, SUM(pageviews) FROM {s}.all WHERE date = '2024-03-05' GROUP BY pathname", 1);
    return c.stream();
  }

  private static void add(List<Case> c, String name, String sql, int requests) {
    c.add(new Case(name, sql, requests, null, 0));
  }

  private static void topN(List<Case> c, String name, String uncut, int limit, int requests) {
    c.add(new Case(name, uncut + " LIMIT " + limit, requests, uncut, limit));
  }

  /** The query over one catalog, or over the expected views when {@code catalog} is null. */
  private static String over(String sql, String catalog) {
    Matcher m = TABLE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String t = m.group(1);
      String replacement = catalog == null ? "exp_" + t : catalog + "." + account.site + ".`" + t + "`";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<RequestLogEntry> aggregations() {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sqlEqualsPushdownOffAndTheIndependentAnswerAtTheStatedCost(Case c) {
    if (c.uncut() != null) {
      List<Row> all = spark.sql(over(c.uncut(), null)).collectAsList();
      assertThat(all.size()).as("rows beyond the cut").isGreaterThan(c.limit());
      Object last = all.get(c.limit() - 1).get(all.get(0).length() - 1);
      Object next = all.get(c.limit()).get(all.get(0).length() - 1);
      assertThat(next).as("no tie at the cut of " + c.name()).isNotEqualTo(last);
    }
    emulator.clearRequestLog();
    List<String> pushed = ReadMatrixIT.normalise(spark.sql(over(c.sql(), on)).collectAsList());
    List<RequestLogEntry> requests = aggregations();
    assertThat(requests).as("aggregation requests of: " + c.sql() + " -> " + requests).hasSize(c.requests());
    assertThat(requests).allMatch(r -> r.status() == 200);
    List<String> unpushed = ReadMatrixIT.normalise(spark.sql(over(c.sql(), off)).collectAsList());
    List<String> expected = ReadMatrixIT.normalise(spark.sql(over(c.sql(), null)).collectAsList());
    assertThat(pushed).as("pushdown on vs the independent answer").isEqualTo(expected);
    assertThat(unpushed).as("pushdown off vs the independent answer").isEqualTo(expected);
  }
}
