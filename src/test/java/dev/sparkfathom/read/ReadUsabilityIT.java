package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ExplainMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read as a user meets it: SQL views, session settings, user schemas, option and budget
 * errors before any request, EXPLAIN, the default start date, and what each query asks the
 * API for (the emulator's request log is the witness).
 */
class ReadUsabilityIT {
  private static final String SECRET_CONF = "spark.datasource.fathom.token";
  private static final String BASE_URL_CONF = "spark.datasource.fathom.base_url";

  private static TestAccount account;
  private static FathomEmulator emulator;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    account = TestAccount.shared();
    emulator = FathomEmulator.builder().api(ApiVersion.LEGACY).store(account.store)
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    spark = SparkTestSession.get();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void clearLog() {
    emulator.clearRequestLog();
  }

  /** A day-by-pathname read of ten March days, with every connection option given. */
  private static Map<String, String> dayByPath() {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("api", "legacy"); // this suite reads the docs page's API; today's is TodayReadMatrixIT
    o.put("token", emulator.adminToken());
    o.put("site_id", account.site);
    o.put("date_grouping", "day");
    o.put("field_grouping", "pathname");
    o.put("date_from", "2024-03-01");
    o.put("date_to", "2024-03-10");
    o.put("rate.aggregations_per_minute", "100000");
    return o;
  }

  private static Dataset<Row> read(Map<String, String> options) {
    return spark.read().format("fathom").options(options).load();
  }

  private static List<RequestLogEntry> aggregations() {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).toList();
  }

  /** The independent answer to {@code sql} (table {t}) over the relation {@code options} define. */
  private static List<String> expected(Map<String, String> options, String sql) {
    Dataset<Row> relation = ExpectedRelation.of(spark, ReadSpec.parse(options, Map.of()), account);
    relation.createOrReplaceTempView("expected_relation");
    return ReadMatrixIT.normalise(spark.sql(sql.replace("{t}", "expected_relation")).collectAsList());
  }

  private static List<String> rows(Dataset<Row> df) {
    return ReadMatrixIT.normalise(df.collectAsList());
  }

  @Test
  void temporaryViewUsingFathomAnswersSql() {
    Map<String, String> o = dayByPath();
    StringBuilder options = new StringBuilder();
    o.forEach((k, v) -> options.append(options.length() == 0 ? "" : ", ").append(k).append(" '").append(v).append('\''));
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW fathom_pages USING fathom OPTIONS (" + options + ")");
    String sql = "SELECT pathname, sum(visits) AS v FROM {t} WHERE date >= '2024-03-05' GROUP BY pathname";

    Dataset<Row> answer = spark.sql(sql.replace("{t}", "fathom_pages"));

    assertThat(rows(answer)).isNotEmpty().isEqualTo(expected(o, sql));
    assertThat(aggregations()).singleElement()
        .satisfies(r -> assertThat(r.parameters()).containsEntry("date_from", "2024-03-05 00:00:00")
            .containsEntry("date_to", "2024-03-10 23:59:59").containsEntry("aggregates", "visits")
            .doesNotContainKey("date_grouping")); // the GROUP BY is pushed: one total per page
  }

  @Test
  void tokenAndBaseUrlComeFromTheSessionConf() {
    assumeTrue(System.getenv("FATHOM_API_TOKEN") == null, "the environment would supply a token");
    Map<String, String> o = dayByPath();
    o.remove("token");
    o.remove("base_url");
    try {
      spark.conf().set(SECRET_CONF, emulator.adminToken());
      spark.conf().set(BASE_URL_CONF, emulator.baseUrl());

      List<String> got = rows(read(o).where("pathname = '/'"));

      Map<String, String> full = dayByPath();
      assertThat(got).isNotEmpty().isEqualTo(expected(full, "SELECT * FROM {t} WHERE pathname = '/'"));
      assertThat(aggregations()).hasSize(1);
    } finally {
      spark.conf().unset(SECRET_CONF);
      spark.conf().unset(BASE_URL_CONF);
    }
    assertThatThrownBy(() -> read(o))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No API token: set option 'token.file' or 'token' (or spark.datasource.fathom.token.file,"
            + " spark.datasource.fathom.token), or FATHOM_API_TOKEN");
  }

  @Test
  void userSchemaNamingASubsetReadsThoseColumns() {
    Dataset<Row> df = spark.read().format("fathom").options(dayByPath())
        .schema("pathname STRING, visits BIGINT").load();

    assertThat(df.schema().simpleString()).isEqualTo("struct<pathname:string,visits:bigint>");
    assertThat(rows(df)).isNotEmpty().isEqualTo(expected(dayByPath(), "SELECT pathname, visits FROM {t}"));
    assertThat(aggregations()).singleElement()
        .satisfies(r -> assertThat(r.parameters()).containsEntry("aggregates", "visits")
            .containsEntry("field_grouping", "pathname").containsEntry("date_grouping", "day"));
  }

  @Test
  void wrongUserSchemaFailsAtLoadShowingTheInferredSchema() {
    assertThatThrownBy(() -> spark.read().format("fathom").options(dayByPath())
        .schema("pathname STRING, visits INT, browser STRING").load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the given schema does not fit the report: column 'visits' is bigint, not int; "
            + "column 'browser' is not in the report. The options give: struct<pathname:string,date:date,"
            + "pageviews:bigint,visits:bigint,uniques:bigint,avg_duration:double,bounce_rate:double>");
    assertThat(emulator.requestLog()).isEmpty();
  }

  @Test
  void badOptionFailsAtLoadBeforeAnyRequest() {
    Map<String, String> o = dayByPath();
    o.put("date_grouping", "weekly");

    assertThatThrownBy(() -> read(o))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'date_grouping' must be one of hour, day, month, year; got: 'weekly'");
    assertThat(emulator.requestLog()).isEmpty();
  }

  @Test
  void maxRequestsRefusesAtPlanningBeforeAnyAggregationRequest() {
    Map<String, String> o = dayByPath();
    o.put("date_to", "2024-04-14");
    o.put("partitions", "5");
    o.put("max_requests", "2");
    o.put("rate.aggregations_per_minute", "2");
    Dataset<Row> df = read(o);

    assertThatThrownBy(df::collectAsList)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("this read needs 5 requests, more than 'max_requests' (2); at 2 a minute it would take"
            + " at least 2 min 0 s. Narrow the date range, use a coarser date_grouping, or raise 'max_requests'");
    assertThat(emulator.requestLog()).isEmpty();
  }

  @Test
  void explainShowsWhatIsPushedWhatStaysRangeWindowsAndCostButNoToken() {
    Map<String, String> o = dayByPath();
    o.put("partitions", "2");
    Dataset<Row> df = read(o).where("pathname = '/pricing' AND pageviews > 20 AND date >= '2024-03-05'")
        .select("date", "pathname", "pageviews");

    String explain = df.queryExecution().explainString(ExplainMode.fromString("extended"));

    assertThat(explain)
        .contains("FathomScan[pageview " + account.site + ", aggregates=[pageviews], field_grouping=[pathname], "
            + "date_grouping=day, timezone=UTC, api=legacy, range=2024-03-01 00:00:00 to 2024-03-10 23:59:59, "
            + "Fathom filters: [pathname is '/pricing']")
        .contains("date buckets: 2024-03-05T00:00 .. *")
        .contains("re-checked in Spark: [], kept in Spark: [IsNotNull(pageviews) (not a grouped field or date), "
            + "GreaterThan(pageviews,20) (not a grouped field or date)]")
        .contains("windows=2 (2024-03-05 00:00:00..2024-03-07 23:59:59, 2024-03-08 00:00:00..2024-03-10 23:59:59)")
        .contains("planned requests=2, least time at 100000/min=0 s]")
        .doesNotContain(emulator.adminToken());
    assertThat(aggregations()).as("EXPLAIN spends no request").isEmpty();
    rows(df);
    String executed = df.queryExecution().explainString(ExplainMode.fromString("formatted"));
    assertThat(executed).contains("planned requests=2").doesNotContain(emulator.adminToken());
  }

  @Test
  void withoutDateFromAPageviewReadStartsAtTheSitesCreation() {
    Map<String, String> o = dayByPath();
    o.remove("date_from");
    o.put("date_grouping", "month");
    o.put("timezone", "Europe/Berlin");
    o.put("date_to", "2024-03-31");
    LocalDateTime createdUtc = account.store.sites().stream().filter(s -> s.id().equals(account.site))
        .findFirst().orElseThrow().createdAt();
    LocalDateTime createdBerlin = createdUtc.atOffset(ZoneOffset.UTC)
        .atZoneSameInstant(ZoneId.of("Europe/Berlin")).toLocalDateTime();

    List<String> got = rows(read(o));

    // The creation is asked once per site, token and JVM: an earlier read of this JVM (one of
    // several requests, clipped to the creation) may have asked already.
    List<RequestLogEntry> log = emulator.requestLog();
    assertThat(log).hasSizeBetween(1, 2);
    if (log.size() == 2) {
      assertThat(log.get(0).method() + " " + log.get(0).path()).isEqualTo("GET /v1/sites/" + account.site);
    }
    // The relation is that of one request from created_at: a partial first month is what it says.
    String from = createdBerlin.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters()).containsEntry("date_from", from));
    Map<String, String> withFrom = new HashMap<>(o);
    withFrom.put("date_from", from);
    assertThat(got).isNotEmpty().isEqualTo(expected(withFrom, "SELECT * FROM {t}"));
  }

  @Test
  void alwaysFalseDateFilterMakesNoRequestAndNoRows() {
    Map<String, String> o = dayByPath();
    o.put("date_grouping", "month");
    o.put("date_to", "2024-04-14");
    Dataset<Row> df = read(o).where("date = '2024-04-02'");

    assertThat(df.collectAsList()).isEmpty();
    assertThat(aggregations()).isEmpty();
    assertThat(ScanInspector.scans(df)).singleElement().satisfies(s -> assertThat(s.description())
        .contains("no request: the filters can never be true (EqualTo(date,2024-04-02): "));
    assertThat(ScanInspector.metric(df, ScanMetrics.REQUESTS)).isZero();
  }

  @Test
  void contradictoryFiltersMakeNoRequestAndNoRows() {
    // Spark folds pathname = 'a' AND pathname = 'b' itself; this pair reaches the scan.
    Dataset<Row> df = read(dayByPath()).where("pathname IS NULL AND pathname LIKE '%blog%'");

    assertThat(df.collectAsList()).isEmpty();
    assertThat(aggregations()).isEmpty();
    assertThat(ScanInspector.scans(df)).singleElement()
        .satisfies(s -> assertThat(s.description()).contains("no request: "));
  }

  @Test
  void pushdownOffSendsNoPushedFiltersAndEveryAggregate() {
    Map<String, String> o = dayByPath();
    o.put("pushdown", "false");
    String sql = "SELECT date, visits FROM {t} WHERE pathname = '/pricing' AND date >= '2024-03-05'";
    read(o).createOrReplaceTempView("unpushed");

    List<String> got = rows(spark.sql(sql.replace("{t}", "unpushed")));

    assertThat(got).isNotEmpty().isEqualTo(expected(o, sql));
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .doesNotContainKey("filters")
        .containsEntry("aggregates", "pageviews,visits,uniques,avg_duration,bounce_rate")
        .containsEntry("date_from", "2024-03-01 00:00:00")
        .containsEntry("date_to", "2024-03-10 23:59:59"));
  }

  @Test
  void columnPruningRequestsOnlyTheReadAggregatesAndKeepsTheGrouping() {
    Dataset<Row> df = read(dayByPath()).select("date", "visits");

    List<String> got = rows(df);

    assertThat(got).isNotEmpty().isEqualTo(expected(dayByPath(), "SELECT date, visits FROM {t}"));
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .containsEntry("aggregates", "visits")
        .containsEntry("field_grouping", "pathname")
        .containsEntry("date_grouping", "day"));
  }

  @Test
  void aGroupByWithoutDateIsOneCoarserRequestOfOnlyTheSummedAggregatesAndSparkDoesNotAggregateAgain() {
    Map<String, String> o = dayByPath();
    o.put("field_grouping", "pathname,country_code");
    o.put("partitions", "3");
    String sql = "SELECT country_code, sum(visits) AS v, sum(pageviews) AS p FROM {t} GROUP BY country_code";
    read(o).createOrReplaceTempView("fathom_by_country");

    Dataset<Row> df = spark.sql(sql.replace("{t}", "fathom_by_country"));

    assertThat(rows(df)).isNotEmpty().isEqualTo(expected(o, sql));
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .containsEntry("field_grouping", "country_code")
        .containsEntry("aggregates", "pageviews,visits")
        .doesNotContainKey("date_grouping")
        .containsEntry("date_from", "2024-03-01 00:00:00")
        .containsEntry("date_to", "2024-03-10 23:59:59"));
    assertThat(df.queryExecution().executedPlan().toString()).doesNotContain("Aggregate");
  }

  @Test
  void aGroupByWithDateKeepsTheWindowsAndSparkSumsThePartialSums() {
    Map<String, String> o = dayByPath();
    o.put("field_grouping", "pathname,country_code");
    o.put("partitions", "3");
    String sql = "SELECT date, country_code, sum(uniques) AS u FROM {t} GROUP BY country_code, date";
    read(o).createOrReplaceTempView("fathom_by_day_country");

    Dataset<Row> df = spark.sql(sql.replace("{t}", "fathom_by_day_country"));

    assertThat(rows(df)).isNotEmpty().isEqualTo(expected(o, sql));
    assertThat(aggregations()).hasSize(3).allSatisfy(r -> assertThat(r.parameters())
        .containsEntry("field_grouping", "country_code")
        .containsEntry("aggregates", "uniques")
        .containsEntry("date_grouping", "day"));
    assertThat(df.queryExecution().executedPlan().toString()).contains("HashAggregate");
  }

  @Test
  void countRequestsOneAggregate() {
    long count = read(dayByPath()).count();

    assertThat(count).isEqualTo(expected(dayByPath(), "SELECT * FROM {t}").size());
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .containsEntry("aggregates", "pageviews")
        .containsEntry("field_grouping", "pathname"));
  }

  @Test
  void aBareLimitOnASingleRequestReadIsSentToFathom() {
    Map<String, String> o = dayByPath();
    o.put("filters", "[{\"property\":\"device_type\",\"operator\":\"is\",\"value\":\"Phone\"}]");
    List<String> all = expected(o, "SELECT * FROM {t}");

    List<String> five = rows(read(o).where("pathname = '/'").limit(5));

    assertThat(five).hasSize(5);
    assertThat(expected(o, "SELECT * FROM {t} WHERE pathname = '/'")).containsAll(five);
    assertThat(all).hasSizeGreaterThan(5);
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .containsEntry("limit", "5"));
  }

  @Test
  void aLimitOnAReadOfSeveralWindowsStaysWithSpark() {
    Map<String, String> o = dayByPath();
    o.put("partitions", "2");

    List<String> three = rows(read(o).limit(3));

    assertThat(three).hasSize(3);
    assertThat(expected(o, "SELECT * FROM {t}")).containsAll(three);
    // Spark's own limit may stop after the first partition: one or two requests, none limited.
    assertThat(aggregations()).hasSizeBetween(1, 2)
        .allSatisfy(r -> assertThat(r.parameters()).doesNotContainKey("limit"));
  }

  @Test
  void orderByWithLimitIsNotMistakenForABareLimit() {
    String sql = "SELECT * FROM {t} ORDER BY pageviews DESC, date, pathname LIMIT 4";
    Map<String, String> o = dayByPath();
    read(o).createOrReplaceTempView("fathom_top");

    List<String> top = rows(spark.sql(sql.replace("{t}", "fathom_top")));

    assertThat(top).isEqualTo(expected(o, sql));
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters()).doesNotContainKey("limit"));
  }

  @Test
  void topNByAnAggregateOnASingleRequestReadIsSentAsSortByAndLimit() {
    Map<String, String> o = dayByPath();
    o.remove("date_grouping");
    read(o).createOrReplaceTempView("fathom_totals");
    String sql = "SELECT pathname, pageviews FROM {t} ORDER BY pageviews DESC LIMIT 5";

    List<Row> top = spark.sql(sql.replace("{t}", "fathom_totals")).collectAsList();

    // Ties at the cut may pick other pages; the pageviews themselves are certain.
    List<String> expectedCounts = expected(o, "SELECT pageviews FROM {t} ORDER BY pageviews DESC LIMIT 5");
    assertThat(ReadMatrixIT.normalise(top.stream().map(r -> org.apache.spark.sql.RowFactory.create(r.get(1))).toList()))
        .isEqualTo(expectedCounts);
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .containsEntry("sort_by", "pageviews:desc").containsEntry("limit", "5"));
  }

  @Test
  void topNByDateAsksFathomForTheLatestBuckets() {
    Map<String, String> o = dayByPath();
    o.put("field_grouping", "");
    o.put("aggregates", "visits");
    read(o).createOrReplaceTempView("fathom_daily");
    String sql = "SELECT * FROM {t} ORDER BY date DESC LIMIT 3";

    assertThat(rows(spark.sql(sql.replace("{t}", "fathom_daily")))).isEqualTo(expected(o, sql));
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .containsEntry("sort_by", "timestamp:desc").containsEntry("limit", "3"));
  }

  @Test
  void topNByAGroupedStringStaysWithSpark() {
    Map<String, String> o = dayByPath();
    read(o).createOrReplaceTempView("fathom_by_path");
    String sql = "SELECT * FROM {t} ORDER BY pathname LIMIT 3";

    rows(spark.sql(sql.replace("{t}", "fathom_by_path")));

    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .doesNotContainKey("sort_by").doesNotContainKey("limit"));
  }
}
