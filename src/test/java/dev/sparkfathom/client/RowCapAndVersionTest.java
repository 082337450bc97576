package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.client.model.EventCurrency;
import dev.sparkfathom.client.model.MilestoneWrite;
import dev.sparkfathom.client.model.PageRequest;
import dev.sparkfathom.client.model.SiteCreate;
import dev.sparkfathom.client.model.SiteUpdate;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whether an answer may have been cut at the row cap, and the client's API revision: queries of
 * another revision and today's endpoints in legacy mode are refused before any request.
 */
class RowCapAndVersionTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private static String rows(int n) {
    return IntStream.range(0, n).mapToObj(i -> "{\"pathname\":\"/p" + i + "\",\"pageviews\":\"1\"}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static AggregationQuery.Builder byPath() {
    return AggregationQuery.pageviews("CDBUGS").aggregates(Aggregate.PAGEVIEWS)
        .fieldGrouping(Field.PATHNAME);
  }

  @Test
  void fiveHundredRowsOfAGroupedQueryWithoutLimitMayBeCut() {
    TestServer t = new TestServer(server);
    t.json(rows(500));
    t.json(rows(499));

    AggregationResult full = t.client.aggregate(byPath().build());
    AggregationResult under = t.client.aggregate(byPath().build());

    assertThat(full.rows()).hasSize(500);
    assertThat(full.rowCap()).isEqualTo(500);
    assertThat(full.mayBeCut()).isTrue();
    assertThat(under.mayBeCut()).isFalse();
  }

  @Test
  void asManyRowsAsTheLimitSentMayBeCut() throws Exception {
    TestServer t = new TestServer(server);
    t.json(rows(3));
    t.json(rows(2));

    AggregationResult atLimit = t.client.aggregate(byPath().limit(3).build());
    AggregationResult below = t.client.aggregate(byPath().limit(3).build());

    assertThat(atLimit.mayBeCut()).isTrue();
    assertThat(below.mayBeCut()).isFalse();
    assertThat(t.take().getUrl().queryParameter("limit")).isEqualTo("3");
  }

  @Test
  void dateGroupingAloneIsNeverCut() {
    TestServer t = new TestServer(server);
    String days = IntStream.range(0, 500)
        .mapToObj(i -> "{\"date\":\"" + LocalDate.of(2020, 1, 1).plusDays(i) + "\",\"pageviews\":\"1\"}")
        .collect(Collectors.joining(",", "[", "]"));
    t.json(days);

    AggregationResult r = t.client.aggregate(AggregationQuery.pageviews("CDBUGS")
        .aggregates(Aggregate.PAGEVIEWS).dateGrouping(DateGrouping.DAY).build());

    assertThat(r.rows()).hasSize(500);
    assertThat(r.rowCap()).isNull();
    assertThat(r.mayBeCut()).isFalse();
  }

  @Test
  void theLegacyApiHasNoDefaultCap() {
    TestServer t = new TestServer(server, 3, ApiVersion.LEGACY);
    t.json(rows(500));

    AggregationResult r = t.client.aggregate(byPath().apiVersion(ApiVersion.LEGACY).build());

    assertThat(r.mayBeCut()).isFalse();
  }

  @Test
  void aResultKnowsNothingOfTheCapWithoutOne() {
    assertThat(new AggregationResult(java.util.List.of(), RequestStats.NONE, null).mayBeCut()).isFalse();
    assertThatThrownBy(() -> new AggregationResult(java.util.List.of(), RequestStats.NONE, 0))
        .hasMessage("rowCap must be at least 1; got: 0");
  }

  @Test
  void aQueryOfAnotherRevisionIsRefusedBeforeAnyRequest() {
    TestServer today = new TestServer(server);
    AggregationQuery old = byPath().apiVersion(ApiVersion.LEGACY).build();

    assertThatThrownBy(() -> today.client.aggregate(old))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the query was built for the legacy API but this client speaks the current API;"
            + " build it with apiVersion(ApiVersion.CURRENT) or configure the client with"
            + " withApiVersion(ApiVersion.LEGACY)");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aLegacyClientSendsAGoalCodeAndDecodesEventsById() throws Exception {
    TestServer t = new TestServer(server, 3, ApiVersion.LEGACY);
    t.json("[{\"conversions\":\"4\"}]");
    t.json("{\"object\":\"list\",\"has_more\":false,\"data\":[{\"object\":\"event\",\"name\":\"A\"}]}");

    t.client.aggregate(AggregationQuery.builder(Entity.EVENT, "signed-up")
        .apiVersion(ApiVersion.LEGACY).aggregates(Aggregate.CONVERSIONS).build());

    assertThat(t.take().getUrl().query())
        .isEqualTo("entity=event&entity_id=signed-up&aggregates=conversions&timezone=UTC");
    // The docs page identifies events by id: an event without one is a damaged answer there.
    assertThatThrownBy(() -> t.client.listEvents("CDBUGS", PageRequest.FIRST))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("event has no 'id'");
  }

  static Stream<Arguments> todayOnly() {
    MilestoneWrite m = new MilestoneWrite("Launch", LocalDate.of(2024, 1, 1));
    String id = "ddc9cdff-ab83-41fa-96c6-dfb276a862e7";
    String sites = "a site's timezone, multi_domain and multi_domain_option";
    return Stream.of(
        Arguments.of("token", (Consumer<FathomClient>) FathomClient::token, "token metadata"),
        Arguments.of("listMilestones", (Consumer<FathomClient>) c -> c.listMilestones("CDBUGS", PageRequest.FIRST), "milestones"),
        Arguments.of("allMilestones", (Consumer<FathomClient>) c -> c.allMilestones("CDBUGS"), "milestones"),
        Arguments.of("getMilestone", (Consumer<FathomClient>) c -> c.getMilestone("CDBUGS", id), "milestones"),
        Arguments.of("createMilestone", (Consumer<FathomClient>) c -> c.createMilestone("CDBUGS", m), "milestones"),
        Arguments.of("updateMilestone", (Consumer<FathomClient>) c -> c.updateMilestone("CDBUGS", id, m), "milestones"),
        Arguments.of("deleteMilestone", (Consumer<FathomClient>) c -> c.deleteMilestone("CDBUGS", id), "milestones"),
        Arguments.of("deleteEventByName", (Consumer<FathomClient>) c -> c.deleteEventByName("CDBUGS", "A"),
            "deleting an event by name"),
        Arguments.of("setEventCurrency", (Consumer<FathomClient>) c -> c.setEventCurrency("CDBUGS", "A",
            EventCurrency.EURO), "setting an event's currency by name"),
        Arguments.of("createSite", (Consumer<FathomClient>) c -> c.createSite(SiteCreate.named("A")
            .withTimezone("UTC")), sites),
        Arguments.of("updateSite", (Consumer<FathomClient>) c -> c.updateSite("CDBUGS",
            SiteUpdate.timezone("UTC")), sites));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("todayOnly")
  void todaysEndpointsAreRefusedInLegacyModeBeforeAnyRequest(String name, Consumer<FathomClient> call,
      String what) {
    TestServer t = new TestServer(server, 3, ApiVersion.LEGACY);

    assertThatThrownBy(() -> call.accept(t.client))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(what + " belongs to the current API, but this client speaks the legacy API"
            + " (ClientConfig.apiVersion); use withApiVersion(ApiVersion.CURRENT)");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aLegacySiteCreateWithoutTodaysAttributesIsSent() throws Exception {
    TestServer t = new TestServer(server, 3, ApiVersion.LEGACY);
    t.json("{\"id\":\"NEWSIT\",\"object\":\"site\",\"name\":\"A\"}");

    assertThat(t.client.createSite(SiteCreate.named("A")).id()).isEqualTo("NEWSIT");
    assertThat(t.take().getBody().utf8()).isEqualTo("name=A");
  }

  @Test
  void eventRecordsStayComparableAcrossRevisions() {
    assertThat(new Event("a", "S", "A", null)).isEqualTo(new Event("a", "S", "A", null, null));
  }
}
