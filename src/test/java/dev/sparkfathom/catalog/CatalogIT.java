package dev.sparkfathom.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.FathomMetrics;
import dev.sparkfathom.FathomQueryListener;
import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.budget.Coordinator;
import dev.sparkfathom.budget.CoordinatorServer;
import dev.sparkfathom.client.ApiToken;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.RateLimiter.Bucket;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.MilestoneRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import dev.sparkfathom.emulator.engine.CurrentVisitors;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import dev.sparkfathom.read.ScanMetrics;
import dev.sparkfathom.read.TestAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog as a SQL user meets it: namespaces over many pages of sites, the tables of a
 * site, DESCRIBE with comments, entity tables over several pages, tokens limited to some sites
 * or to reading, missing sites and tables, the guarded {@code all} table, the typical report as
 * one request, and the same entity tables through {@code format("fathom").option("resource")}.
 */
class CatalogIT {
  private static final int SITES = 130;
  private static final int EVENTS = 230;
  private static final int MILESTONES = 120;

  private static TestAccount account;
  /** Many sites, events and milestones (entity tables and listings), in the read path's API. */
  private static FathomEmulator entities;
  /** The read path's API, the test account: report tables. */
  private static FathomEmulator reports;
  private static SparkSession spark;
  private static String busySite;
  private static final List<String> siteIds = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    account = TestAccount.shared();
    ColumnarDataStore store = new ColumnarDataStore();
    LocalDateTime t0 = LocalDateTime.of(2023, 1, 1, 0, 0);
    for (int i = 0; i < SITES; i++) {
      String id = "S" + (char) ('A' + i / 26 / 26 % 26) + (char) ('A' + i / 26 % 26) + (char) ('A' + i % 26) + "XY";
      store.putSite(new SiteRecord(id, "Site number " + i, "none", null, t0.plusMinutes(i))
          .withTimezone(ZoneId.of(i % 2 == 0 ? "Europe/Berlin" : "UTC")));
      siteIds.add(id);
    }
    busySite = siteIds.get(3);
    for (int e = 0; e < EVENTS; e++) {
      store.putEvent(new EventRecord("ev-" + e, busySite, "Event " + e, t0.plusHours(e)));
    }
    for (int m = 0; m < MILESTONES; m++) {
      store.putMilestone(new MilestoneRecord(String.format("00000000-0000-4000-8000-%012d", m), busySite,
          "Milestone " + m, LocalDate.of(2024, 1, 1).plusDays(m), t0.plusHours(m)));
    }
    RateLimits unlimited = new RateLimits(1_000_000, 1_000_000);
    entities = FathomEmulator.builder().api(CatalogSqlIT.READ_API).store(store).rateLimits(unlimited)
        .token("admin:admin-secret:admin").token("two:two-secret:site=" + siteIds.get(0) + "," + siteIds.get(1))
        .start();
    reports = FathomEmulator.builder().api(CatalogSqlIT.READ_API).store(account.store).rateLimits(unlimited)
        .token("admin:admin-secret:admin").token("ro:ro-secret:read").token("one:one-secret:site=" + account.site)
        .start();
    spark = SparkTestSession.get();
  }

  @AfterAll
  static void stop() {
    entities.close();
    reports.close();
  }

  @BeforeEach
  void clearLogs() {
    entities.clearRequestLog();
    reports.clearRequestLog();
  }

  /** A new catalog (Spark keeps each by name) over an emulator with the given token. */
  private static String catalog(FathomEmulator emulator, String token, Map<String, String> extra) {
    String name = "fathom_" + Long.toHexString(System.nanoTime());
    String p = "spark.sql.catalog." + name;
    spark.conf().set(p, FathomCatalog.class.getName());
    spark.conf().set(p + ".token", token);
    spark.conf().set(p + ".base_url", emulator.baseUrl());
    spark.conf().set(p + ".rate.aggregations_per_minute", "100000");
    extra.forEach((k, v) -> spark.conf().set(p + "." + k, v));
    return name;
  }

  private static List<RequestLogEntry> requests(FathomEmulator e, String path) {
    return e.requestLog().stream().filter(r -> r.path().equals(path)).toList();
  }

  private static List<String> column(Dataset<Row> rows, int i) {
    return rows.collectAsList().stream().map(r -> String.valueOf(r.get(i))).toList();
  }

  @Test
  void theMetricsOfAConversionsQuerySumItsEventReports() {
    String c = catalog(reports, "admin-secret", Map.of("date_from", "2024-03-01", "date_to", "2024-03-31"));
    Dataset<Row> query = spark.sql("SELECT event, SUM(conversions) FROM " + c + "." + account.site
        + ".conversions GROUP BY event");
    query.collectAsList();
    long sent = requests(reports, "/v1/aggregations").size();
    long lookups = requests(reports, "/v1/sites/" + account.site).size();
    assertThat(sent).as("one request per event").isEqualTo(account.store.events(account.site).size()).isGreaterThan(1);

    Map<String, Long> metrics = FathomMetrics.of(query);
    assertThat(metrics.get(ScanMetrics.REQUESTS)).isEqualTo(sent);
    assertThat(metrics.get(ScanMetrics.SITE_LOOKUPS)).isEqualTo(lookups);
    assertThat(FathomQueryListener.of(spark).awaitLast(Duration.ofSeconds(30)).metrics()
        .get(ScanMetrics.REQUESTS)).isEqualTo(sent);
  }

  @Test
  void namespacesAreEverySiteOverAllPagesCachedAndNamedInTheComment() {
    String c = catalog(entities, "admin-secret", Map.of());
    assertThat(column(spark.sql("SHOW NAMESPACES IN " + c), 0)).containsExactlyElementsOf(siteIds);
    List<RequestLogEntry> pages = requests(entities, "/v1/sites");
    assertThat(pages).hasSize(2);
    assertThat(pages.get(1).parameters()).containsEntry("starting_after", siteIds.get(99));
    // cached: no second listing, and a lower-case id finds the site
    List<Row> described = spark.sql("DESCRIBE NAMESPACE EXTENDED " + c + "." + busySite.toLowerCase()).collectAsList();
    assertThat(described.stream().map(r -> r.getString(0) + "=" + r.getString(1)).toList())
        .contains("Comment=Site number 3");
    assertThat(requests(entities, "/v1/sites")).hasSize(2);
    assertThat(spark.sql("SELECT count(*), count(DISTINCT id), min(name) FROM " + c + ".sites").first().toString())
        .isEqualTo("[" + SITES + "," + SITES + ",Site number 0]");
    assertThat(spark.sql("SELECT timezone FROM " + c + ".sites WHERE id = '" + siteIds.get(0) + "'").first().getString(0))
        .isEqualTo(CatalogSqlIT.READ_API == ApiVersion.CURRENT ? "Europe/Berlin" : null);
  }

  @Test
  void theSiteListIsKeptForTheCacheTimeThenAskedAgain() {
    ClientConfig config = ClientConfig.defaults(ApiToken.of("admin-secret")).withBaseUrl(entities.baseUrl())
        .withApiVersion(CatalogSqlIT.READ_API);
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SiteDirectory d = new SiteDirectory(() -> FathomClient.create(config), clock, Duration.ofMinutes(5));
    assertThat(d.sites()).hasSize(SITES);
    assertThat(d.find(busySite.toLowerCase())).isPresent();
    clock.now = clock.now.plus(Duration.ofMinutes(4));
    d.sites();
    assertThat(requests(entities, "/v1/sites")).hasSize(2);
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    d.sites();
    assertThat(requests(entities, "/v1/sites")).hasSize(4);
  }

  @Test
  void inTodaysApiASiteLimitedTokenFindsItsSitesThroughTokenMetadata() throws Exception {
    try (FathomEmulator today = FathomEmulator.builder().api(ApiVersion.CURRENT).store(entities.store())
        .token("two:two-secret:read:" + siteIds.get(1) + ",manage:" + siteIds.get(0)).token("all:all-secret:read").start()) {
      ClientConfig two = ClientConfig.defaults(ApiToken.of("two-secret")).withBaseUrl(today.baseUrl());
      SiteDirectory d = new SiteDirectory(() -> FathomClient.create(two), Clock.systemUTC(), Duration.ofMinutes(5));
      assertThat(d.sites().stream().map(s -> s.id() + " " + s.name() + " " + s.timezone()).toList())
          .containsExactly(siteIds.get(0) + " Site number 0 Europe/Berlin", siteIds.get(1) + " Site number 1 UTC");
      List<String> paths = today.requestLog().stream().map(RequestLogEntry::path).toList();
      assertThat(paths.get(0)).isEqualTo("/v1/token");
      assertThat(paths.subList(1, paths.size())).containsExactlyInAnyOrder(
          "/v1/sites/" + siteIds.get(1), "/v1/sites/" + siteIds.get(0));
      ClientConfig all = ClientConfig.defaults(ApiToken.of("all-secret")).withBaseUrl(today.baseUrl());
      assertThat(new SiteDirectory(() -> FathomClient.create(all), Clock.systemUTC(), Duration.ofMinutes(5)).sites())
          .hasSize(SITES);
    }
  }

  @Test
  void entityTablesReadEveryPage() {
    String c = catalog(entities, "admin-secret", Map.of());
    Dataset<Row> events = spark.sql("SELECT count(*), count(DISTINCT name), max(site_id) FROM " + c + "." + busySite + ".event_list");
    assertThat(events.first().toString()).isEqualTo("[" + EVENTS + "," + EVENTS + "," + busySite + "]");
    assertThat(requests(entities, "/v1/sites/" + busySite + "/events")).hasSize(3);
  }

  @Test
  void milestonesAreATableOfTodaysApi() {
    String c = catalog(entities, "admin-secret", Map.of());
    List<String> tables = column(spark.sql("SHOW TABLES IN " + c + "." + busySite), 1);
    if (CatalogSqlIT.READ_API != ApiVersion.CURRENT) {
      assertThat(tables).doesNotContain("milestones");
      assertThatThrownBy(() -> spark.read().format("fathom").option("resource", "milestones").option("site_id", busySite)
          .option("token", "admin-secret").option("base_url", entities.baseUrl()).load())
          .hasMessage("resource 'milestones' is not in the legacy API the connector speaks");
      return;
    }
    assertThat(tables).contains("milestones");
    String milestonesSql = "SELECT count(*), min(milestone_date), max(name) FROM " + c + "." + busySite + ".milestones";
    assertThat(spark.sql(milestonesSql).first().toString()).isEqualTo("[" + MILESTONES + ",2024-01-01,Milestone 99]");
    Dataset<Row> milestones = spark.read().format("fathom").option("resource", "milestones")
        .option("site_id", busySite).option("token", "admin-secret").option("base_url", entities.baseUrl()).load();
    assertThat(milestones.selectExpr("count(*)", "min(milestone_date)", "max(name)").first().toString())
        .isEqualTo("[" + MILESTONES + ",2024-01-01,Milestone 99]");
    assertThat(requests(entities, "/v1/sites/" + busySite + "/milestones")).hasSize(4);
    Dataset<Row> sites = spark.read().format("fathom").option("resource", "sites")
        .option("token", "admin-secret").option("base_url", entities.baseUrl()).load();
    assertThat(sites.count()).isEqualTo(SITES);
  }

  @Test
  void currentVisitorsTablesMatchTheRawRecordsOfTheLastMinutes() {
    Instant now = Instant.parse("2024-03-12T14:03:00Z");
    reports.clock().setFixed(now);
    try {
      String c = catalog(reports, "admin-secret", Map.of());
      CurrentVisitors expected = account.store.currentVisitors(account.site, now, true);
      Row total = spark.sql("SELECT total FROM " + c + "." + account.site + ".current_visitors").first();
      assertThat(total.getLong(0)).isEqualTo(expected.total()).isPositive();
      List<String> pages = spark.sql("SELECT hostname, pathname, total FROM " + c + "." + account.site + ".current_pages")
          .collectAsList().stream().map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)).sorted().toList();
      assertThat(pages).isEqualTo(expected.content().stream()
          .map(x -> x.hostname() + " " + x.pathname() + " " + x.total()).sorted().toList());
      List<String> referrers = spark.sql("SELECT referrer_hostname, referrer_pathname, total FROM " + c + "."
          + account.site + ".current_referrers").collectAsList().stream().map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))
          .sorted().toList();
      assertThat(referrers).isEqualTo(expected.referrers().stream()
          .map(x -> x.referrerHostname() + " " + x.referrerPathname() + " " + x.total()).sorted().toList());
    } finally {
      reports.clock().followSystem();
    }
  }

  @Test
  void showTablesAndDescribeMakeNoAggregationRequest() {
    String c = catalog(reports, "admin-secret", Map.of());
    String s = c + "." + account.site;
    List<String> tables = column(spark.sql("SHOW TABLES IN " + s), 1);
    assertThat(tables).containsExactlyElementsOf(expectedTables());
    List<Row> described = spark.sql("DESCRIBE TABLE EXTENDED " + s + ".pages").collectAsList();
    Map<String, String> comments = described.stream().filter(r -> r.getString(2) != null)
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(2), (a, b) -> a));
    assertThat(comments).containsEntry("pathname", "path of the page viewed, e.g. /pricing")
        .containsEntry("pageviews", "pageviews: every page load (summable)");
    assertThat(described.stream().map(r -> r.getString(0) + " " + r.getString(1)).toList())
        .anyMatch(l -> l.contains("fathom.field_grouping"));
    spark.sql("DESCRIBE TABLE " + s + ".conversions").collectAsList();
    spark.sql("DESCRIBE TABLE " + s + ".`all`").collectAsList();
    assertThat(requests(reports, "/v1/aggregations")).isEmpty();
    assertThat(requests(reports, "/v1/sites/" + account.site + "/events")).isEmpty();
  }

  @Test
  void theTypicalReportIsOneRequestWithSortAndLimit() {
    String c = catalog(reports, "admin-secret", Map.of());
    String sql = "SELECT pathname, SUM(pageviews) pv FROM " + c + "." + account.site + ".pages"
        + " WHERE date >= DATE'2024-03-01' AND date < DATE'2024-04-01' GROUP BY pathname ORDER BY pv DESC LIMIT 10";
    String plan = spark.sql("EXPLAIN " + sql).first().getString(0);
    System.out.println("EXPLAIN of the typical report:\n" + plan);
    assertThat(plan).contains("pushed aggregation=GROUP BY [pathname] SUM [pageviews]",
        "sort_by=pageviews:desc limit=10 (sent to Fathom)", "planned requests=1");
    assertThat(requests(reports, "/v1/aggregations")).isEmpty();
    List<Row> rows = spark.sql(sql).collectAsList();
    assertThat(rows).hasSize(10);
    List<RequestLogEntry> sent = requests(reports, "/v1/aggregations");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).parameters()).containsEntry("field_grouping", "pathname")
        .containsEntry("aggregates", "pageviews").containsEntry("sort_by", "pageviews:desc")
        .containsEntry("limit", "10").containsEntry("date_from", "2024-03-01 00:00:00")
        .containsEntry("date_to", "2024-03-31 23:59:59").doesNotContainKey("date_grouping");
  }

  @Test
  void theAllTableIsGuardedByExplainItsWarningAndMaxRequests() {
    String c = catalog(reports, "admin-secret", Map.of("date_from", "2024-01-01", "date_to", "2024-12-31",
        "max_requests", "1"));
    String t = c + "." + account.site + ".`all`";
    List<Row> described = spark.sql("DESCRIBE TABLE EXTENDED " + t).collectAsList();
    assertThat(described.stream().map(r -> r.getString(0) + " " + r.getString(1)).toList())
        .anyMatch(l -> l.contains("fathom.warning") && l.contains("max_requests"));
    assertThatThrownBy(() -> spark.sql("SELECT * FROM " + t).collectAsList())
        .hasStackTraceContaining("this read needs 2 requests, more than 'max_requests' (1)");
    String plan = spark.sql("EXPLAIN SELECT * FROM " + t + " WHERE date = '2024-03-05'").first().getString(0);
    assertThat(plan).contains("planned requests=1");
    assertThat(requests(reports, "/v1/aggregations")).isEmpty();
  }

  @Test
  void aSiteLimitedTokenSeesItsSitesAndReadingAnotherIsAClearError() {
    String c = catalog(entities, "two-secret", Map.of());
    assertThat(column(spark.sql("SHOW NAMESPACES IN " + c), 0)).containsExactly(siteIds.get(0), siteIds.get(1));
    assertThatThrownBy(() -> spark.sql("SELECT * FROM " + c + "." + busySite + ".event_list").collectAsList())
        .hasMessageContaining("no site '" + busySite + "' among the sites this token can read ("
            + siteIds.get(0) + ", " + siteIds.get(1) + ")");
    String one = catalog(reports, "one-secret", Map.of("date_from", "2024-03-01", "date_to", "2024-03-02"));
    assertThat(spark.sql("SELECT SUM(pageviews) FROM " + one + "." + account.site + ".totals").first().getLong(0)).isPositive();
  }

  @Test
  void aReadOnlyTokenReadsEverythingAndTheCatalogRefusesWrites() {
    String c = catalog(reports, "ro-secret", Map.of("date_from", "2024-03-01", "date_to", "2024-03-02"));
    String s = c + "." + account.site;
    assertThat(spark.sql("SELECT SUM(pageviews) FROM " + s + ".pages").first().getLong(0)).isPositive();
    assertThat(spark.sql("SELECT count(*) FROM " + s + ".event_list").first().getLong(0)).isPositive();
    assertThatThrownBy(() -> spark.sql("CREATE TABLE " + s + ".mine (i INT)"))
        .hasStackTraceContaining("the fathom catalog is read-only: CREATE TABLE");
    assertThatThrownBy(() -> spark.sql("DROP TABLE " + s + ".pages"))
        .hasStackTraceContaining("the fathom catalog is read-only: DROP TABLE");
    assertThatThrownBy(() -> spark.sql("CREATE NAMESPACE " + c + ".NEWSITE"))
        .hasStackTraceContaining("the fathom catalog is read-only: CREATE NAMESPACE");
    assertThatThrownBy(() -> spark.sql("INSERT INTO " + s + ".totals SELECT * FROM " + s + ".totals"))
        .hasMessageContaining("does not support append");
    assertThat(reports.requestLog()).allMatch(r -> r.method().equals("GET"));
  }

  @Test
  void aMissingSiteAndAMissingTableSayWhatExists() {
    String c = catalog(reports, "admin-secret", Map.of());
    assertThatThrownBy(() -> spark.sql("SELECT * FROM " + c + ".NOSUCH.pages"))
        .hasMessageContaining("no site 'NOSUCH' among the sites this token can read (" + account.site);
    assertThatThrownBy(() -> spark.sql("SELECT * FROM " + c + "." + account.site + ".pagez"))
        .hasMessageContaining("no table 'pagez' in " + c + "." + account.site
            + "; its tables are: " + String.join(", ", expectedTables()));
    assertThatThrownBy(() -> spark.sql("SHOW TABLES IN " + c + ".NOSUCH").collectAsList())
        .hasMessageContaining("NOSUCH");
    assertThatThrownBy(() -> spark.sql("SELECT * FROM " + c + ".pages"))
        .hasMessageContaining("no table 'pages' at the top of catalog " + c + "; it holds: sites");
    assertThat(requests(reports, "/v1/aggregations")).isEmpty();
  }

  @Test
  void badCatalogAndResourceOptionsAreRefusedNamingThem() {
    String c = catalog(reports, "admin-secret", Map.of("field_grouping", "pathname"));
    assertThatThrownBy(() -> spark.sql("SHOW NAMESPACES IN " + c).collectAsList())
        .hasStackTraceContaining("catalog option 'field_grouping' is not accepted: each table of the fathom catalog sets it");
    String d = catalog(reports, "admin-secret", Map.of("max_requests", "lots"));
    assertThatThrownBy(() -> spark.sql("SHOW NAMESPACES IN " + d).collectAsList())
        .hasStackTraceContaining("'max_requests' must be an integer from 1 to 1000000; got: 'lots'");
    assertThatThrownBy(() -> spark.read().format("fathom").option("resource", "goals").option("token", "x").load())
        .hasMessage("'resource' must be one of sites, events, milestones, current_visitors, current_pages,"
            + " current_referrers, current_visitors_detail; got: 'goals'");
    assertThatThrownBy(() -> spark.read().format("fathom").option("resource", "events").option("token", "x").load())
        .hasMessage("resource 'events' needs 'site_id': the site whose events to read");
    assertThatThrownBy(() -> spark.read().format("fathom").option("resource", "sites").option("token", "x")
        .option("date_grouping", "day").load())
        .hasMessageStartingWith("option 'date_grouping' does not apply to resource 'sites'");
  }

  /** A site's tables in the read path's API revision, in SHOW TABLES order. */
  private static List<String> expectedTables() {
    List<String> t = new ArrayList<>(List.of("pages"));
    if (CatalogSqlIT.READ_API == ApiVersion.CURRENT) {
      t.addAll(List.of("entry_pages", "exit_pages"));
    }
    t.addAll(List.of("referrers", "campaigns", "locations", "devices", "totals", "all", "conversions", "event_list"));
    if (CatalogSqlIT.READ_API == ApiVersion.CURRENT) {
      t.add("milestones");
    }
    t.addAll(List.of("current_visitors", "current_pages", "current_referrers"));
    return t;
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /**
   * The driver's own requests (the site list, a site's timezone for a report) and the entity
   * tables' requests lease from the budget coordinator as the reports' do: the coordinator
   * granted exactly one lease per request the API saw.
   */
  @Test
  void everyCatalogAndEntityRequestLeasesFromTheBudgetCoordinator() throws Exception {
    Coordinator coordinator = new Coordinator(Clock.systemUTC());
    try (CoordinatorServer server = new CoordinatorServer(coordinator, "127.0.0.1", 0, null)) {
      String address = "127.0.0.1:" + server.port();
      String c = catalog(entities, "admin-secret", Map.of("budget.coordinator", address));
      assertThat(column(spark.sql("SHOW NAMESPACES IN " + c), 0)).hasSize(SITES);
      assertThat(spark.sql("SELECT count(*) FROM " + c + ".sites").first().getLong(0)).isEqualTo(SITES);
      assertThat(spark.sql("SELECT count(*) FROM " + c + "." + busySite + ".event_list").first().getLong(0))
          .isEqualTo(EVENTS);
      Dataset<Row> sites = spark.read().format("fathom").option("resource", "sites")
          .option("token", "admin-secret").option("base_url", entities.baseUrl())
          .option("budget.coordinator", address).load();
      assertThat(sites.count()).isEqualTo(SITES);

      List<RequestLogEntry> log = entities.requestLog();
      long entityRequests = log.stream().filter(r -> !r.path().startsWith("/v1/aggregations")
          && !r.path().startsWith("/v1/current_visitors")).count();
      assertThat(entityRequests).as("entity requests the API saw").isGreaterThan(4);
      assertThat(coordinator.grants(Bucket.ENTITIES)).as("entity leases").isEqualTo(entityRequests);
      assertThat(coordinator.grants(Bucket.ENTITIES) + coordinator.grants(Bucket.AGGREGATIONS))
          .isEqualTo(log.size());

      // a report without option timezone: the site lookup on the driver leases too
      long before = coordinator.grants(Bucket.ENTITIES) + coordinator.grants(Bucket.AGGREGATIONS);
      Dataset<Row> report = spark.read().format("fathom").option("api", CatalogSqlIT.READ_API.apiName())
          .option("site_id", account.site).option("token", "ro-secret").option("base_url", reports.baseUrl())
          .option("aggregates", "pageviews").option("date_grouping", "day")
          .option("date_from", "2024-03-01").option("date_to", "2024-03-07").option("budget.coordinator", address)
          .option("rate.aggregations_per_minute", "100000").load();
      assertThat(report.collectAsList()).isNotEmpty();
      assertThat(reports.requestLog()).isNotEmpty();
      assertThat(coordinator.grants(Bucket.ENTITIES) + coordinator.grants(Bucket.AGGREGATIONS) - before)
          .as("leases for the report's requests, its site lookup included").isEqualTo(reports.requestLog().size());
    }
  }
}
