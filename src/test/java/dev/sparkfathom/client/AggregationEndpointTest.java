package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.Sort;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregationEndpointTest {
  @StartStop
  final MockWebServer server = new MockWebServer();
  private TestServer t;

  /** Grouped by browser then device type, by day; pageviews (long) then avg_duration (double). */
  static final AggregationQuery QUERY = AggregationQuery.builder(Entity.PAGEVIEW, "CDBUGS")
      .aggregates(Aggregate.PAGEVIEWS, Aggregate.AVG_DURATION)
      .fieldGrouping(Field.BROWSER, Field.DEVICE_TYPE)
      .dateGrouping(DateGrouping.DAY)
      .sortBy(Sort.parse("pageviews:desc"))
      .timezone("Europe/Berlin")
      .dateFrom(LocalDateTime.of(2024, 1, 1, 0, 0))
      .dateTo(LocalDateTime.of(2024, 1, 31, 23, 59, 59))
      .limit(50)
      .addFilter(Filter.is(Field.PATHNAME, "/pricing"))
      .build();

  @BeforeEach
  void setUp() {
    t = new TestServer(server);
  }

  @Test
  void sendsEveryQueryParameterOnAGet() throws Exception {
    t.json("[]");

    t.client.aggregate(QUERY);

    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/aggregations");
    assertThat(r.getUrl().query()).isEqualTo("entity=pageview&entity_id=CDBUGS"
        + "&aggregates=pageviews,avg_duration&date_grouping=day&field_grouping=browser,device_type"
        + "&sort_by=pageviews:desc&timezone=Europe/Berlin&date_from=2024-01-01 00:00:00"
        + "&date_to=2024-01-31 23:59:59&limit=50"
        + "&filters=[{\"property\":\"pathname\",\"operator\":\"is\",\"value\":\"/pricing\"}]");
    assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TestServer.SECRET);
  }

  @Test
  void decodesTheObservedStyleBareArrayWithNumericStrings() {
    t.json("[{\"date\":\"2024-01-02\",\"device_type\":\"Desktop\",\"browser\":\"Chrome\","
        + "\"pageviews\":\"123\",\"avg_duration\":\"59.5000\",\"visits\":\"9\"},"
        + "{\"browser\":null,\"device_type\":\"\",\"pageviews\":\"7.0000\",\"avg_duration\":\"0\","
        + "\"date\":\"2024-01-03\",\"unknown\":{\"x\":[1]}}]");

    AggregationResult result = t.client.aggregate(QUERY);

    assertThat(result.rows()).containsExactly(
        new AggregationRow(LocalDate.of(2024, 1, 2).atStartOfDay(), new String[] {"Chrome", "Desktop"}, new Number[] {123L, 59.5}),
        new AggregationRow(LocalDate.of(2024, 1, 3).atStartOfDay(), new String[] {null, ""}, new Number[] {7L, 0.0}));
  }

  @Test
  void decodesTheDocumentedStyleListObjectWithNumbers() {
    t.json("{\"object\":\"list\",\"url\":\"/v1/aggregations\",\"has_more\":false,\"data\":["
        + "{\"browser\":\"Firefox\",\"device_type\":\"Tablet\",\"pageviews\":5000,\"avg_duration\":12,"
        + "\"date\":\"2024-01-05\"}],\"trailing\":\"ignored\"}");

    AggregationResult result = t.client.aggregate(QUERY);

    assertThat(result.rows()).containsExactly(
        new AggregationRow(LocalDate.of(2024, 1, 5).atStartOfDay(), new String[] {"Firefox", "Tablet"}, new Number[] {5000L, 12.0}));
    assertThat(result.rows().get(0).metrics()[0]).isInstanceOf(Long.class);
    assertThat(result.rows().get(0).metrics()[1]).isInstanceOf(Double.class);
  }

  @Test
  void keepsUnknownCountryAndLeavesMissingMetricsNull() {
    AggregationQuery q = AggregationQuery.event("CDBUGS", "Signed up")
        .aggregates(Aggregate.CONVERSIONS, Aggregate.VALUE)
        .fieldGrouping(Field.COUNTRY_CODE)
        .build();
    t.json("[{\"country_code\":\"un\",\"conversions\":3},{\"country_code\":\"DE\",\"value\":1999,"
        + "\"conversions\":null,\"date\":\"ignored without date grouping\"}]");

    assertThat(t.client.aggregate(q).rows()).containsExactly(
        new AggregationRow(null, new String[] {"un"}, new Number[] {3L, null}),
        new AggregationRow(null, new String[] {"DE"}, new Number[] {null, 1999L}));
  }

  @Test
  void aNonNumericMetricIsADecodeErrorNamingTheKeyAndIsNotRetried() {
    t.json("[{\"date\":\"2024-01-02\",\"pageviews\":\"12\",\"avg_duration\":\"1\"},"
        + "{\"date\":\"2024-01-03\",\"pageviews\":\"lots\"}]");

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageStartingWith("GET /v1/aggregations?entity=pageview&entity_id=CDBUGS&")
        .hasMessageEndingWith(" answered HTTP 200 with a body of the wrong shape:"
            + " aggregation row 1 metric 'pageviews' is not a number; got: 'lots'");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aDateLabelThatDoesNotFitTheGroupingIsAFinalDecodeError() {
    t.json("[{\"date\":\"2024-01\",\"pageviews\":\"12\",\"avg_duration\":\"1\"}]");

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("aggregation row 0: date '2024-01' is not a day label such as 2024-01-31");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aDatedQueryRefusesARowWithoutADate() {
    t.json("[{\"pageviews\":\"12\",\"avg_duration\":\"1\"}]");

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("aggregation row 0 has no 'date' although the query groups by day");
  }

  @Test
  void hourLabelsBecomeLocalHourStarts() {
    AggregationQuery hourly = QUERY.toBuilder().dateGrouping(DateGrouping.HOUR)
        .dateTo(LocalDateTime.of(2024, 1, 8, 0, 0)).build();
    t.json("[{\"date\":\"2024-01-02 13:00:00\",\"pageviews\":\"1\",\"avg_duration\":\"1\"}]");

    assertThat(t.client.aggregate(hourly).rows().get(0).bucket()).isEqualTo(LocalDateTime.of(2024, 1, 2, 13, 0));
  }

  @Test
  void aFractionalCountIsRefusedRatherThanRounded() {
    t.json("[{\"pageviews\":\"12.5\"}]");

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("aggregation row 0 metric 'pageviews' must be a whole number; got: '12.5'");
  }

  @Test
  void anAnswerOfAnotherShapeIsADecodeError() {
    t.json("{\"object\":\"list\",\"has_more\":false}");

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("with a body of the wrong shape: aggregation answer has no 'data' array");
  }

  @Test
  void aListObjectThatHasMoreIsRefusedRatherThanReadAsTheWholeAnswer() {
    t.json("{\"object\":\"list\",\"has_more\":true,\"data\":[{\"pageviews\":1}]}");

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("wrong shape: aggregation answer says has_more is true, but aggregations"
            + " have no cursor to fetch the rest; narrow the query or set a limit");
  }

  @Test
  void statsCountOneAttemptAndTheBytesRead() {
    String body = "[{\"date\":\"2024-01-02\",\"pageviews\":1}]";
    t.json(body);

    RequestStats stats = t.client.aggregate(QUERY).stats();

    assertThat(stats).isEqualTo(new RequestStats(1, 0, 0, 0, 0, 0, body.length()));
  }

  @Test
  void currentVisitorsSendsDetailedOnlyWhenAskedAndAcceptsAStringTotal() throws Exception {
    t.json("{\"total\":\"144\",\"content\":[{\"pathname\":\"/spacejam\",\"hostname\":\"https://bugsbunny.com\","
        + "\"total\":100}],\"referrers\":[{\"referrer_hostname\":\"https://usefathom.com\","
        + "\"referrer_pathname\":\"/why\",\"total\":\"50\"}]}");
    t.json("{\"total\":3}");

    var detailed = t.client.currentVisitors("ABCDEFG", true);
    var plain = t.client.currentVisitors("ABCDEFG", false);

    assertThat(detailed.total()).isEqualTo(144);
    assertThat(detailed.content()).containsExactly(
        new dev.sparkfathom.client.model.CurrentContent("https://bugsbunny.com", "/spacejam", 100));
    assertThat(detailed.referrers()).containsExactly(
        new dev.sparkfathom.client.model.CurrentReferrer("https://usefathom.com", "/why", 50));
    assertThat(plain).isEqualTo(new dev.sparkfathom.client.model.CurrentVisitors(3, List.of(), List.of()));
    assertThat(TestServer.target(t.take())).isEqualTo("/v1/current_visitors?site_id=ABCDEFG&detailed=true");
    RecordedRequest second = t.take();
    assertThat(second.getMethod()).isEqualTo("GET");
    assertThat(TestServer.target(second)).isEqualTo("/v1/current_visitors?site_id=ABCDEFG");
  }
}
