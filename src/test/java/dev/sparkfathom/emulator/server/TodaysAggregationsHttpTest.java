package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.emulator.FathomEmulator;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Aggregations of today's API over HTTP, against the real store: the site's timezone by
 * default and the {@code timezone} override, the row cap (default, explicit, over the maximum;
 * the request log's mark), hour ranges up to 7 days, events by site and name, the per-property
 * operators, regex, the derived fields, and what is gone ({@code q}, {@code s}, keyword
 * filters, domain grouping, goal codes). The same data under {@code --api legacy} answers as
 * the docs page says.
 */
class TodaysAggregationsHttpTest {
  /** New York: 2024-03-10 03:30Z is still the 9th there (EST, -05:00). */
  private static final String DATA = """
      {"type":"site","id":"NYSITE","name":"New York","created_at":"2024-01-01 00:00:00","timezone":"America/New_York"}
      {"type":"site","id":"UTCSIT","name":"Plain","created_at":"2024-01-01 00:00:00"}
      {"type":"event","id":"goal-1","site_id":"NYSITE","name":"Purchase","created_at":"2024-01-02 00:00:00"}
      {"type":"pageview","site_id":"NYSITE","timestamp":"2024-03-10T03:30:00Z","hostname":"https://a.example","pathname":"/a","session_id":"s1","device_type":"Desktop","operating_system":"Mac OS","city":"Berlin","keyword":"k","q":"qq","new_session":true}
      {"type":"pageview","site_id":"NYSITE","timestamp":"2024-03-10T05:30:00Z","hostname":"https://a.example","domain":"shop.example","pathname":"/b","session_id":"s1","device_type":"Phone","operating_system":"iOS"}
      {"type":"pageview","site_id":"NYSITE","timestamp":"2024-03-10T06:00:00Z","hostname":"https://b.example","pathname":"/blog/2024/03/x","device_type":"Desktop"}
      {"type":"conversion","site_id":"NYSITE","event_id":"goal-1","timestamp":"2024-03-10T04:00:00Z","unique":true,"value":500,"session_id":"s1"}
      """;

  private FathomEmulator emulator;
  private TestHttp http;

  @BeforeEach
  void start() throws IOException {
    start(ApiVersion.CURRENT);
  }

  private void start(ApiVersion api) throws IOException {
    if (emulator != null) {
      emulator.close();
    }
    emulator = FathomEmulator.builder().api(api).token("ci:ci-secret:admin")
        .clock(EmulatorClock.fixedAt(Instant.parse("2024-03-20T00:00:00Z")))
        .rateLimits(new RateLimits(100_000, 100_000)).start();
    emulator.loadJsonl(DATA, true);
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      many.append("{\"type\":\"pageview\",\"site_id\":\"UTCSIT\",\"timestamp\":\"2024-03-0")
          .append(i + 1).append("T12:00:00Z\",\"pathname\":\"/p").append(i).append("\"}\n");
    }
    emulator.loadJsonl(many.toString(), false);
    http = new TestHttp("http://127.0.0.1:" + emulator.port(), "ci-secret");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private String ok(String query) {
    HttpResponse<String> r = http.get("/v1/aggregations?" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private void error(String query, int status, String message) {
    HttpResponse<String> r = http.get("/v1/aggregations?" + query);
    assertThat(r.body()).isEqualTo("{\"error\":\"" + message.replace("\"", "\\\"") + "\"}");
    assertThat(r.statusCode()).isEqualTo(status);
  }

  @Test
  void withoutTimezoneTheSitesOwnTimezoneBucketsTheDays() {
    assertThat(ok("entity=pageview&entity_id=NYSITE&aggregates=pageviews&date_grouping=day"))
        .isEqualTo("[{\"date\":\"2024-03-09\",\"pageviews\":\"1\"},"
            + "{\"date\":\"2024-03-10\",\"pageviews\":\"2\"}]");
  }

  @Test
  void theTimezoneParameterStillOverridesTheSites() {
    assertThat(ok("entity=pageview&entity_id=NYSITE&aggregates=pageviews&date_grouping=day"
        + "&timezone=UTC")).isEqualTo("[{\"date\":\"2024-03-10\",\"pageviews\":\"3\"}]");
  }

  @Test
  void dateFromAndDateToAreLocalTimesOfTheSitesTimezone() {
    assertThat(ok("entity=pageview&entity_id=NYSITE&aggregates=pageviews&date_from="
        + enc("2024-03-10 00:00:00") + "&date_to=" + enc("2024-03-10 23:59:59")))
        .isEqualTo("[{\"pageviews\":\"2\"}]");
  }

  @Test
  void legacyApiReportsInUtcWithoutTheSitesTimezone() throws IOException {
    start(ApiVersion.LEGACY);
    assertThat(ok("entity=pageview&entity_id=NYSITE&aggregates=pageviews&date_grouping=day"))
        .isEqualTo("[{\"date\":\"2024-03-10\",\"pageviews\":\"3\"}]");
  }

  @Test
  void groupedWithoutLimitIsCutAtTheDefaultCapAndTheLogSaysSo() {
    emulator.rowLimits(new RowLimits(3, 5));
    assertThat(ok("entity=pageview&entity_id=UTCSIT&aggregates=pageviews&field_grouping=pathname"))
        .isEqualTo("[{\"pathname\":\"/p0\",\"pageviews\":\"1\"},{\"pathname\":\"/p1\","
            + "\"pageviews\":\"1\"},{\"pathname\":\"/p2\",\"pageviews\":\"1\"}]");
    assertThat(emulator.requestLog()).singleElement()
        .satisfies(e -> assertThat(e.cut()).isTrue())
        .satisfies(e -> assertThat(e.rows()).isEqualTo(3));
  }

  @Test
  void anExplicitLimitUpToTheMaximumIsHonouredAndCutsAreLogged() {
    emulator.rowLimits(new RowLimits(3, 5));
    String q = "entity=pageview&entity_id=UTCSIT&aggregates=pageviews&field_grouping=pathname";
    assertThat(ok(q + "&limit=5")).contains("/p4").doesNotContain("/p5");
    emulator.rowLimits(new RowLimits(3, 8));
    assertThat(ok(q + "&limit=8")).contains("/p7");
    assertThat(emulator.requestLog()).extracting(RequestLogEntry::cut)
        .containsExactly(true, false);
  }

  @Test
  void aLimitAboveTheMaximumIsA400NamingLimit() {
    emulator.rowLimits(new RowLimits(3, 5));
    error("entity=pageview&entity_id=UTCSIT&aggregates=pageviews&field_grouping=pathname&limit=6",
        400, "'limit' must be a whole number from 1 to 5; got: '6'");
  }

  @Test
  void theLiveFiguresAre500And1000() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      many.append("{\"type\":\"pageview\",\"site_id\":\"UTCSIT\",\"timestamp\":"
          + "\"2024-03-15T12:00:00Z\",\"pathname\":\"/q").append(i).append("\"}\n");
    }
    try {
      emulator.loadJsonl(many.toString(), false);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    String q = "entity=pageview&entity_id=UTCSIT&aggregates=pageviews&field_grouping=pathname";
    assertThat(ok(q).split("\\},\\{")).hasSize(500);
    assertThat(ok(q + "&limit=1000").split("\\},\\{")).hasSize(1000);
    error(q + "&limit=1001", 400, "'limit' must be a whole number from 1 to 1000; got: '1001'");
  }

  @Test
  void withoutFieldGroupingThereIsNoDefaultCap() {
    emulator.rowLimits(new RowLimits(3, 5));
    assertThat(ok("entity=pageview&entity_id=UTCSIT&aggregates=pageviews&date_grouping=day")
        .split("\\},\\{")).hasSize(8);
    assertThat(emulator.requestLog()).singleElement()
        .satisfies(e -> assertThat(e.cut()).isFalse());
  }

  @Test
  void rowLimitsAreSettableThroughTheControlApi() {
    HttpResponse<String> r = http.post("/_emulator/limits", "default_row_limit=2&max_row_limit=4");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(emulator.rowLimits()).isEqualTo(new RowLimits(2, 4));
    HttpResponse<String> bad = http.post("/_emulator/limits", "default_row_limit=9");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("max row limit must be at least the default row limit (9)");
    assertThat(emulator.rowLimits()).isEqualTo(new RowLimits(2, 4));
  }

  @Test
  void hourGroupingCoversAtMostSevenDays() {
    String q = "entity=pageview&entity_id=UTCSIT&aggregates=pageviews&date_grouping=hour";
    assertThat(ok(q + "&date_from=" + enc("2024-03-01 00:00:00") + "&date_to="
        + enc("2024-03-08 00:00:00"))).contains("2024-03-07 12:00:00");
    error(q + "&date_from=" + enc("2024-03-01 00:00:00") + "&date_to="
        + enc("2024-03-08 00:00:01"), 400, "'date_grouping' hour allows at most 7 days between "
        + "'date_from' and 'date_to'; got 2024-03-01 00:00:00 to 2024-03-08 00:00:01");
  }

  @Test
  void eventsAreReportedBySiteAndName() {
    assertThat(ok("entity=event&site_id=NYSITE&entity_name=Purchase&aggregates=conversions,value"
        + "&field_grouping=entry_page,exit_page"))
        .isEqualTo("[{\"entry_page\":\"/a\",\"exit_page\":\"/b\",\"conversions\":\"1\","
            + "\"value\":\"500\"}]");
  }

  @Test
  void goalCodesAreGone() {
    error("entity=event&entity_id=goal-1&aggregates=conversions", 400,
        "'entity_id' with entity=event is no longer accepted: goal codes are no longer "
            + "available; report an event with 'site_id' and 'entity_name' (the event's name)");
    error("entity=event&site_id=NYSITE&aggregates=conversions", 400, "'entity_name' is required");
    error("entity=event&site_id=NYSITE&entity_name=purchase&aggregates=conversions", 404,
        "No event named 'purchase' on site 'NYSITE'");
  }

  @Test
  void categoricalPropertiesRefuseLikeNamingWhatTheyAccept() {
    error("entity=pageview&entity_id=NYSITE&aggregates=pageviews&filters=" + enc(
        "[{\"property\":\"device_type\",\"operator\":\"is like\",\"value\":\"Desk\"}]"), 400,
        "'filters'[0]: filter property device_type does not accept operator 'is like'; "
            + "it accepts: is, is not");
  }

  @Test
  void matchingIsAJavaRegexFoundAnywhere() {
    String q = "entity=pageview&entity_id=NYSITE&aggregates=pageviews&field_grouping=pathname"
        + "&filters=";
    assertThat(ok(q + enc("[{\"property\":\"pathname\",\"operator\":\"matching\","
        + "\"value\":\"^/blog/\\\\d{4}/\\\\d{2}/\"}]")))
        .isEqualTo("[{\"pathname\":\"/blog/2024/03/x\",\"pageviews\":\"1\"}]");
    assertThat(ok(q + enc("[{\"property\":\"pathname\",\"operator\":\"not matching\","
        + "\"value\":\"b\"}]"))).isEqualTo("[{\"pathname\":\"/a\",\"pageviews\":\"1\"}]");
  }

  @Test
  void anInvalidRegexIsA400() {
    error("entity=pageview&entity_id=NYSITE&aggregates=pageviews&filters=" + enc(
        "[{\"property\":\"pathname\",\"operator\":\"matching\",\"value\":\"(\"}]"), 400,
        "'filters'[0].value: not a valid regular expression: Unclosed group near index 1; "
            + "got: '('");
  }

  @Test
  void isLikeTakesStarAsTheWildcard() {
    String q = "entity=pageview&entity_id=NYSITE&aggregates=pageviews&filters=";
    assertThat(ok(q + enc("[{\"property\":\"pathname\",\"operator\":\"is like\","
        + "\"value\":\"blog*x\"}]"))).isEqualTo("[{\"pageviews\":\"1\"}]");
    assertThat(ok(q + enc("[{\"property\":\"pathname\",\"operator\":\"is like\","
        + "\"value\":\"blog%x\"}]"))).isEqualTo("[]");
  }

  @Test
  void domainFiltersOnTheRecordsDomainElseItsHostname() {
    String q = "entity=pageview&entity_id=NYSITE&aggregates=pageviews&field_grouping=pathname"
        + "&filters=";
    assertThat(ok(q + enc("[{\"property\":\"domain\",\"operator\":\"is\","
        + "\"value\":\"https://a.example\"}]")))
        .isEqualTo("[{\"pathname\":\"/a\",\"pageviews\":\"1\"}]");
    assertThat(ok(q + enc("[{\"property\":\"domain\",\"operator\":\"is\","
        + "\"value\":\"shop.example\"}]")))
        .isEqualTo("[{\"pathname\":\"/b\",\"pageviews\":\"1\"}]");
  }

  @Test
  void entryPageFilterKeepsThePageviewsOfVisitsThatEnteredThere() {
    assertThat(ok("entity=pageview&entity_id=NYSITE&aggregates=pageviews"
        + "&field_grouping=pathname,city,operating_system&filters=" + enc(
        "[{\"property\":\"entry_page\",\"operator\":\"is\",\"value\":\"/a\"}]")))
        .isEqualTo("[{\"pathname\":\"/a\",\"city\":\"Berlin\",\"operating_system\":\"Mac OS\","
            + "\"pageviews\":\"1\"},{\"pathname\":\"/b\",\"city\":null,\"operating_system\":"
            + "\"iOS\",\"pageviews\":\"1\"}]");
  }

  @Test
  void whatTodaysApiNoLongerHasIsA400() {
    String pv = "entity=pageview&entity_id=NYSITE&aggregates=pageviews";
    error(pv + "&field_grouping=domain", 400, "'field_grouping' must be drawn from "
        + dev.sparkfathom.api.Field.groupingNames(ApiVersion.CURRENT)
        + "; got: 'domain' (domain can be filtered but not grouped)");
    error(pv + "&field_grouping=q", 400, "'field_grouping' must be drawn from "
        + dev.sparkfathom.api.Field.groupingNames(ApiVersion.CURRENT) + "; got: 'q'");
    error(pv + "&field_grouping=s", 400, "'field_grouping' must be drawn from "
        + dev.sparkfathom.api.Field.groupingNames(ApiVersion.CURRENT) + "; got: 's'");
    error(pv + "&filters=" + enc("[{\"property\":\"keyword\",\"operator\":\"is\",\"value\":\"k\"}]"),
        400, "'filters'[0].property keyword cannot be filtered; filterable properties: "
            + dev.sparkfathom.api.Field.filterPropertyNames(ApiVersion.CURRENT));
    error(pv + "&filters=" + enc("[{\"property\":\"q\",\"operator\":\"is\",\"value\":\"k\"}]"),
        400, "'filters'[0].property q cannot be filtered; filterable properties: "
            + dev.sparkfathom.api.Field.filterPropertyNames(ApiVersion.CURRENT));
  }

  @Test
  void keywordCanStillBeGrouped() {
    assertThat(ok("entity=pageview&entity_id=NYSITE&aggregates=pageviews&field_grouping=keyword"))
        .isEqualTo("[{\"keyword\":null,\"pageviews\":\"2\"},{\"keyword\":\"k\","
            + "\"pageviews\":\"1\"}]");
  }
}
