package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.emulator.data.ConversionRecord;
import dev.sparkfathom.emulator.engine.EngineQuery;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AggregationsHttpTest {
  private static final String PV = "/v1/aggregations?entity=pageview&entity_id=AAAAAA";

  private ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  private void documented() {
    f.close();
    f = new ServerFixture(ResponseStyle.DOCUMENTED, RateLimits.FATHOM, FaultSettings.NONE, Sleeper.SYSTEM);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(String query) {
    f.server.resetRateLimits();
    return f.admin.get(query);
  }

  private void assertError(String query, String message) {
    HttpResponse<String> r = get(query);
    assertThat(r.body()).isEqualTo("{\"error\":\"" + message.replace("\"", "\\\"") + "\"}");
    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void observedStyleIsABareArrayOfStrings() {
    HttpResponse<String> r = get(PV + "&aggregates=pageviews,visits,avg_duration,bounce_rate"
        + "&date_grouping=day&field_grouping=pathname&date_from=" + enc("2024-03-01 00:00:00")
        + "&date_to=" + enc("2024-03-02 23:59:59"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("["
        + "{\"date\":\"2024-03-01\",\"pathname\":\"/\",\"pageviews\":\"1\",\"visits\":\"1\",\"avg_duration\":\"0.0000\",\"bounce_rate\":\"1.0000\"},"
        + "{\"date\":\"2024-03-01\",\"pathname\":\"/about\",\"pageviews\":\"1\",\"visits\":\"1\",\"avg_duration\":\"30.0000\",\"bounce_rate\":\"0.0000\"},"
        + "{\"date\":\"2024-03-02\",\"pathname\":\"/\",\"pageviews\":\"1\",\"visits\":\"0\",\"avg_duration\":\"89.0000\",\"bounce_rate\":\"0.0000\"}]");
  }

  @Test
  void documentedStyleIsTheListObjectWithNumbers() {
    documented();
    HttpResponse<String> r = get(PV + "&aggregates=pageviews,avg_duration&field_grouping=pathname");
    assertThat(r.body()).isEqualTo("{\"object\":\"list\",\"url\":\"/v1/aggregations\",\"has_more\":false,\"data\":["
        + "{\"pathname\":\"/\",\"pageviews\":3,\"avg_duration\":49.5},"
        + "{\"pathname\":\"/about\",\"pageviews\":1,\"avg_duration\":30.0}]}");
  }

  @Test
  void ratiosHaveExactlyFourDecimalsRoundedHalfUp() {
    assertThat(AggregationRenderer.observed(Aggregate.AVG_DURATION, 59.5)).isEqualTo("59.5000");
    assertThat(AggregationRenderer.observed(Aggregate.BOUNCE_RATE, 2.0 / 3)).isEqualTo("0.6667");
    assertThat(AggregationRenderer.observed(Aggregate.BOUNCE_RATE, 0.00005)).isEqualTo("0.0001");
    assertThat(AggregationRenderer.observed(Aggregate.PAGEVIEWS, 123L)).isEqualTo("123");
  }

  @Test
  void buildsTheEngineQueryFromEveryParameter() {
    get(PV + "&aggregates=pageviews,pageviews,uniques&date_grouping=month&field_grouping=browser,country_code"
        + "&timezone=Europe/Berlin&date_from=" + enc("2024-03-31 02:30:00") + "&date_to=" + enc("2024-04-01 00:00:00")
        + "&limit=5&filters=" + enc("[{\"property\":\"country\",\"operator\":\"is\",\"value\":\"DE\"}]")
        + "&unknown=ignored");
    EngineQuery q = f.store.queries.get(0);
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(q).isEqualTo(new EngineQuery(Entity.PAGEVIEW, "AAAAAA",
        List.of(Aggregate.PAGEVIEWS, Aggregate.UNIQUES), List.of(Field.BROWSER, Field.COUNTRY_CODE),
        DateGrouping.MONTH, berlin,
        Instant.parse("2024-03-31T01:30:00Z"), // 02:30 falls in the DST gap: ZonedDateTime.of moves it to 03:30 CEST
        Instant.parse("2024-03-31T22:00:00Z"),
        List.of(Filter.is(Field.COUNTRY_CODE, "DE")), null, 5));
  }

  @Test
  void dateToDefaultsToTheEmulatorClock() {
    get(PV + "&aggregates=pageviews");
    assertThat(f.store.queries.get(0).to()).isEqualTo(ServerFixture.NOW);
    assertThat(f.store.queries.get(0).from()).isNull();
  }

  @Test
  void eventEntityTakesAnEventIdOrSiteIdWithEntityName() {
    f.store.addConversions(List.of(new ConversionRecord("AAAAAA", "signed-up",
        Instant.parse("2024-03-01T10:00:00Z"), new String[Field.values().length], true, 1999)));
    String rows = "[{\"conversions\":\"1\",\"value\":\"1999\"}]";
    assertThat(get("/v1/aggregations?entity=event&entity_id=signed-up&aggregates=conversions,value").body())
        .isEqualTo(rows);
    assertThat(get("/v1/aggregations?entity=event&entity_id=AAAAAA&entity_name=Signed+up&aggregates=conversions,value").body())
        .isEqualTo(rows);
    HttpResponse<String> r = get("/v1/aggregations?entity=event&entity_id=AAAAAA&entity_name=Nope&aggregates=conversions");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"error\":\"No event named 'Nope' on site 'AAAAAA'\"}");
  }

  @Test
  void unknownEntityIdIsNotFound() {
    HttpResponse<String> r = get("/v1/aggregations?entity=pageview&entity_id=ZZZZZZ&aggregates=pageviews");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"error\":\"No site with id 'ZZZZZZ'\"}");
    r = get("/v1/aggregations?entity=event&entity_id=nope&aggregates=conversions");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"error\":\"No event with id 'nope'\"}");
  }

  @Test
  void rejectsBadParametersNamingThem() {
    assertError("/v1/aggregations?entity_id=AAAAAA&aggregates=pageviews",
        "'entity' is required; accepted: pageview, event");
    assertError("/v1/aggregations?entity=site&entity_id=AAAAAA", "'entity' must be one of pageview, event; got: 'site'");
    assertError("/v1/aggregations?entity=pageview", "'entity_id' is required");
    assertError(PV, "'aggregates' is required; accepted for entity pageview: pageviews, visits, uniques, avg_duration, bounce_rate");
    assertError(PV + "&aggregates=pageviews,conversions", "'aggregates' for entity pageview must be drawn from "
        + "pageviews, visits, uniques, avg_duration, bounce_rate; got: 'conversions'");
    assertError(PV + "&aggregates=pageviews&date_grouping=week", "'date_grouping' must be one of hour, day, month, year; got: 'week'");
    assertError(PV + "&aggregates=pageviews&field_grouping=city", "'field_grouping' must be drawn from hostname, pathname, "
        + "referrer_hostname, referrer_pathname, browser, country_code, device_type, utm_campaign, utm_content, "
        + "utm_medium, utm_source, utm_term, keyword, q, ref, s; got: 'city'");
    assertError(PV + "&aggregates=pageviews&sort_by=pageviews", "'sort_by' must look like field:asc or field:desc; got: 'pageviews'");
    assertError(PV + "&aggregates=pageviews&field_grouping=pathname&sort_by=visits:desc",
        "'sort_by' field must be a requested aggregate or grouped field (pageviews, pathname); got: 'visits'");
    assertError(PV + "&aggregates=pageviews&date_grouping=month&sort_by=visits:desc",
        "'sort_by' field must be a requested aggregate or grouped field or timestamp (pageviews, timestamp); got: 'visits'");
    assertError(PV + "&aggregates=pageviews&sort_by=timestamp:asc", "'sort_by' timestamp needs a 'date_grouping'");
    assertError(PV + "&aggregates=pageviews&timezone=Mars/Olympus",
        "'timezone' must be a TZ database name such as UTC or Europe/London; got: 'Mars/Olympus'");
    assertError(PV + "&aggregates=pageviews&date_from=2024-03-01",
        "'date_from' must be a local time YYYY-MM-DD HH:MM:SS; got: '2024-03-01'");
    assertError(PV + "&aggregates=pageviews&date_to=" + enc("2024-02-30 00:00:00"),
        "'date_to' must be a local time YYYY-MM-DD HH:MM:SS; got: '2024-02-30 00:00:00'");
    assertError(PV + "&aggregates=pageviews&date_from=" + enc("2024-03-02 00:00:00") + "&date_to=" + enc("2024-03-01 00:00:00"),
        "'date_from' (2024-03-02 00:00:00) must not be after 'date_to' (2024-03-01 00:00:00)");
    assertError(PV + "&aggregates=pageviews&limit=0", "'limit' must be a whole number of at least 1; got: '0'");
  }

  @Test
  void enforcesRangeLimitsInclusiveOfTheLimit() {
    String day = PV + "&aggregates=pageviews&date_grouping=day&date_from=" + enc("2023-09-10 15:00:00");
    assertThat(get(day + "&date_to=" + enc("2024-03-10 15:00:00")).statusCode()).isEqualTo(200);
    assertError(day + "&date_to=" + enc("2024-03-10 15:00:01"), "'date_grouping' day allows at most 6 months "
        + "between 'date_from' and 'date_to'; got 2023-09-10 15:00:00 to 2024-03-10 15:00:01");
    assertError(PV + "&aggregates=pageviews&date_grouping=hour&date_from=" + enc("2024-02-01 00:00:00"),
        "'date_grouping' hour allows at most 31 days between 'date_from' and 'date_to'; "
            + "got 2024-02-01 00:00:00 to 2024-03-10 15:00:00");
    assertError(PV + "&aggregates=pageviews&date_grouping=day",
        "'date_from' is required with 'date_grouping' day (a request may cover at most 6 months)");
    assertThat(get(PV + "&aggregates=pageviews&date_grouping=month").statusCode()).isEqualTo(200);
    f.server.rangeLimits(new RangeLimits(6, 40));
    assertThat(get(PV + "&aggregates=pageviews&date_grouping=hour&date_from=" + enc("2024-02-01 00:00:00"))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsBadFiltersNamingTheElement() {
    String base = PV + "&aggregates=pageviews&filters=";
    assertError(base + enc("{\"property\":\"pathname\"}"), "'filters' must be a JSON array of "
        + "{\"property\",\"operator\",\"value\"} objects; got: {\"property\":\"pathname\"}");
    assertError(base + enc("[oops"), "'filters' must be a JSON array of "
        + "{\"property\",\"operator\",\"value\"} objects; got invalid JSON: [oops");
    assertError(base + enc("[{\"property\":\"pathname\",\"operator\":\"is\",\"value\":\"/\"},\"x\"]"),
        "'filters'[1] must be an object with property, operator and value; got: \"x\"");
    assertError(base + enc("[{\"property\":\"keyword\",\"operator\":\"is\",\"value\":\"a\"}]"),
        "'filters'[0].property must be one of hostname, pathname, referrer_hostname, referrer_pathname, "
            + "browser, country_code, device_type, utm_campaign, utm_content, utm_medium, utm_source, "
            + "utm_term, ref, country; got: 'keyword'");
    assertError(base + enc("[{\"property\":\"pathname\",\"operator\":\"equals\",\"value\":\"/\"}]"),
        "'filters'[0].operator must be one of is, is not, is like, is not like; got: 'equals'");
    assertError(base + enc("[{\"property\":\"pathname\",\"operator\":\"is\"}]"), "'filters'[0] needs 'value'");
    assertError(base + enc("[{\"property\":\"pathname\",\"operator\":\"is\",\"value\":null}]"),
        "'filters'[0].value must be a string; got: null");
  }

  @Test
  void filtersAreApplied() {
    HttpResponse<String> r = get(PV + "&aggregates=pageviews&filters="
        + enc("[{\"property\":\"pathname\",\"operator\":\"is not\",\"value\":\"/\"}]"));
    assertThat(r.body()).isEqualTo("[{\"pageviews\":\"1\"}]");
  }

  @Test
  void currentVisitorsObservedUsesStringTotals() {
    assertThat(get("/v1/current_visitors?site_id=AAAAAA").body()).isEqualTo("{\"total\":\"1\"}");
    assertThat(get("/v1/current_visitors?site_id=AAAAAA&detailed=true").body()).isEqualTo(
        "{\"total\":\"1\",\"content\":[{\"pathname\":\"/\",\"hostname\":\"https://example.com\",\"total\":\"1\"}],"
            + "\"referrers\":[{\"referrer_hostname\":null,\"referrer_pathname\":null,\"total\":\"1\"}]}");
  }

  @Test
  void currentVisitorsFollowTheClock() {
    f.clock.advance(java.time.Duration.ofMinutes(10));
    assertThat(get("/v1/current_visitors?site_id=AAAAAA").body()).isEqualTo("{\"total\":\"0\"}");
  }

  @Test
  void currentVisitorsDocumentedUsesNumbers() {
    documented();
    assertThat(get("/v1/current_visitors?site_id=AAAAAA&detailed=1").body()).isEqualTo(
        "{\"total\":1,\"content\":[{\"pathname\":\"/\",\"hostname\":\"https://example.com\",\"total\":1}],"
            + "\"referrers\":[{\"referrer_hostname\":null,\"referrer_pathname\":null,\"total\":1}]}");
  }

  @Test
  void currentVisitorsValidate() {
    assertError("/v1/current_visitors", "'site_id' is required");
    assertError("/v1/current_visitors?site_id=AAAAAA&detailed=yes", "'detailed' must be one of true, false, 1, 0; got: 'yes'");
    HttpResponse<String> r = get("/v1/current_visitors?site_id=ZZZZZZ");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"error\":\"No site with id 'ZZZZZZ'\"}");
  }

  @Test
  void requestLogCountsRowsOfAggregations() {
    get(PV + "&aggregates=pageviews&field_grouping=pathname");
    RequestLogEntry e = f.server.requestLog().entries().get(0);
    assertThat(e.rows()).isEqualTo(2);
    assertThat(e.path()).isEqualTo("/v1/aggregations");
    assertThat(e.parameters()).containsExactly(
        java.util.Map.entry("entity", "pageview"), java.util.Map.entry("entity_id", "AAAAAA"),
        java.util.Map.entry("aggregates", "pageviews"), java.util.Map.entry("field_grouping", "pathname"));
    assertThat(e.time()).isEqualTo(ServerFixture.NOW);
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.fault()).isNull();
  }

  @Test
  void storeFailureAnswers500() {
    HttpResponse<String> r = get(PV + "&aggregates=pageviews&filters="
        + enc("[{\"property\":\"pathname\",\"operator\":\"is like\",\"value\":\"/\"}]"));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("{\"error\":\"Internal emulator error: java.lang.UnsupportedOperationException: "
        + "SimpleDataStore knows only is and is not\"}");
  }
}
