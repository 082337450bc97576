package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.client.model.Deleted;
import dev.sparkfathom.client.model.DeletedEvent;
import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.client.model.EventCurrency;
import dev.sparkfathom.client.model.Milestone;
import dev.sparkfathom.client.model.MilestoneWrite;
import dev.sparkfathom.client.model.MultiDomainOption;
import dev.sparkfathom.client.model.Page;
import dev.sparkfathom.client.model.PageRequest;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.client.model.SiteCreate;
import dev.sparkfathom.client.model.SiteUpdate;
import dev.sparkfathom.client.model.TokenInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoints and attributes today's API added, against a MockWebServer. */
class TodayEndpointsTest {
  private static final String M1 = "ddc9cdff-ab83-41fa-96c6-dfb276a862e7";
  private static final String M2 = "0b6b3bb4-6c55-4c1e-9b77-1f0fd1c3e0a1";
  private static final String MILESTONE = "{\"id\":\"" + M1 + "\",\"object\":\"milestone\","
      + "\"site_id\":\"CDBUGS\",\"name\":\"Redesign\",\"milestone_date\":\"2024-01-15\","
      + "\"created_at\":\"2024-01-16 09:00:00\"}";

  @StartStop
  final MockWebServer server = new MockWebServer();
  private TestServer t;

  @BeforeEach
  void setUp() {
    t = new TestServer(server);
  }

  private static String form(RecordedRequest r) {
    return URLDecoder.decode(r.getBody().utf8(), StandardCharsets.UTF_8);
  }

  @Test
  void aSiteCarriesItsTimezoneAndMultiDomainSettings() throws Exception {
    t.json("{\"id\":\"CDBUGS\",\"object\":\"site\",\"name\":\"Bugs\",\"sharing\":\"none\","
        + "\"timezone\":\"Europe/Berlin\",\"multi_domain\":true,\"multi_domain_option\":\"separate\","
        + "\"created_at\":\"2020-07-27 12:01:01\"}");

    Site s = t.client.getSite("CDBUGS");

    assertThat(s).isEqualTo(new Site("CDBUGS", "Bugs", "none", "2020-07-27 12:01:01",
        "Europe/Berlin", true, "separate"));
    assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void aLegacySiteHasNoTimezone() throws Exception {
    t.json("{\"id\":\"CDBUGS\",\"object\":\"site\",\"name\":\"Bugs\",\"sharing\":\"none\"}");

    Site s = t.client.getSite("CDBUGS");

    assertThat(s.timezone()).isNull();
    assertThat(s.zone()).isNull();
    assertThat(s.multiDomain()).isNull();
  }

  @Test
  void aMultiDomainFlagThatIsNotABooleanIsADecodeError() {
    t.json("{\"id\":\"CDBUGS\",\"object\":\"site\",\"multi_domain\":\"sometimes\"}");

    assertThatThrownBy(() -> t.client.getSite("CDBUGS"))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("site 'multi_domain' must be true or false; got: 'sometimes'");
  }

  @Test
  void createAndUpdateSendTheNewSiteAttributes() throws Exception {
    t.json("{\"id\":\"NEWSIT\",\"object\":\"site\",\"name\":\"Shop\",\"timezone\":\"Asia/Tokyo\"}");
    t.json("{\"id\":\"NEWSIT\",\"object\":\"site\",\"name\":\"Shop\",\"timezone\":\"UTC\"}");

    t.client.createSite(SiteCreate.named("Shop").withTimezone("Asia/Tokyo")
        .withMultiDomain(true, MultiDomainOption.COMBINED));
    t.client.updateSite("NEWSIT", SiteUpdate.timezone("UTC"));

    RecordedRequest create = t.take();
    assertThat(form(create)).isEqualTo(
        "name=Shop&timezone=Asia/Tokyo&multi_domain=true&multi_domain_option=combined");
    RecordedRequest update = t.take();
    assertThat(TestServer.target(update)).isEqualTo("/v1/sites/NEWSIT");
    assertThat(form(update)).isEqualTo("timezone=UTC");
  }

  @Test
  void aSiteTimezoneMustBeATzName() {
    assertThatThrownBy(() -> SiteCreate.named("Shop").withTimezone("CEST"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timezone must be a TZ database name such as UTC or Europe/Berlin; got: 'CEST'");
    assertThatThrownBy(() -> SiteUpdate.timezone("+01:00"))
        .hasMessage("timezone must be a TZ database name such as UTC or Europe/Berlin; got: '+01:00'");
    assertThatThrownBy(() -> MultiDomainOption.parse("merged"))
        .hasMessage("multi_domain_option must be one of combined, separate; got: 'merged'");
  }

  @Test
  void eventsAreListedWithoutIdAndWithANullCurrency() throws Exception {
    t.json("{\"object\":\"list\",\"has_more\":false,\"data\":["
        + "{\"id\":\"ABCDEFGH\",\"object\":\"event\",\"name\":\"Purchase\",\"currency\":null,"
        + "\"created_at\":\"2024-01-01 00:00:00\"},"
        + "{\"object\":\"event\",\"name\":\"Signup\",\"site_id\":\"CDBUGS\"}]}");

    Page<Event> page = t.client.listEvents("CDBUGS", PageRequest.ofLimit(2));

    assertThat(page.data()).containsExactly(
        new Event("ABCDEFGH", "CDBUGS", "Purchase", "2024-01-01 00:00:00", null),
        new Event(null, "CDBUGS", "Signup", null, null));
    assertThat(TestServer.target(t.take())).isEqualTo("/v1/sites/CDBUGS/events?limit=2");
  }

  @Test
  void anEventWithoutANameIsADecodeErrorToday() {
    t.json("{\"object\":\"list\",\"has_more\":false,\"data\":[{\"id\":\"ABC\",\"object\":\"event\"}]}");

    assertThatThrownBy(() -> t.client.listEvents("CDBUGS", PageRequest.FIRST))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("event has no 'name'");
  }

  @Test
  void aWalkOverEventsWithoutIdsStopsWithAnErrorNotEarly() {
    t.json("{\"object\":\"list\",\"has_more\":true,\"data\":[{\"object\":\"event\",\"name\":\"A\"}]}");

    assertThatThrownBy(() -> t.client.streamEvents("CDBUGS").toList())
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageStartingWith("pagination cannot advance: has_more is true but the page's last"
            + " object has no id to continue from");
  }

  @Test
  void deleteByNameSendsTheNameAsAQueryParameter() throws Exception {
    t.json("{\"object\":\"event\",\"name\":\"Purchase early access\",\"deleted\":true}");

    DeletedEvent d = t.client.deleteEventByName("CDBUGS", "Purchase early access");

    assertThat(d).isEqualTo(new DeletedEvent("CDBUGS", "Purchase early access", true));
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/sites/CDBUGS/events");
    assertThat(r.getUrl().queryParameter("name")).isEqualTo("Purchase early access");
  }

  @Test
  void aDeleteByNameIsNotRepeatedAfterAServerError() {
    t.json(503, "{\"error\":\"busy\"}");

    assertThatThrownBy(() -> t.client.deleteEventByName("CDBUGS", "Purchase"))
        .isInstanceOf(FathomServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void setCurrencySendsNameAndCurrency() throws Exception {
    t.json("{\"object\":\"event\",\"name\":\"Purchase\",\"currency\":\"euro\"}");

    Event e = t.client.setEventCurrency("CDBUGS", "Purchase", EventCurrency.EURO);

    assertThat(e).isEqualTo(new Event(null, "CDBUGS", "Purchase", null, "euro"));
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites/CDBUGS/events/currency");
    assertThat(form(r)).isEqualTo("name=Purchase&currency=euro");
  }

  @Test
  void anEventNameIsCheckedBeforeAnyRequest() {
    assertThatThrownBy(() -> t.client.deleteEventByName("CDBUGS", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("event name is required");
    assertThatThrownBy(() -> t.client.setEventCurrency("CDBUGS", "x".repeat(256), EventCurrency.YEN))
        .hasMessage("event name must be at most 255 characters; got: 256");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void currenciesAreTheThirteenFathomAccepts() {
    assertThat(EventCurrency.values()).extracting(EventCurrency::apiName).containsExactly("dollar",
        "pound", "euro", "yuan", "peso", "shekel", "yen", "won", "hryvnia", "franc", "rupee",
        "integer", "none");
    assertThatThrownBy(() -> EventCurrency.parse("bitcoin"))
        .hasMessage("currency must be one of dollar, pound, euro, yuan, peso, shekel, yen, won,"
            + " hryvnia, franc, rupee, integer, none; got: 'bitcoin'");
  }

  @Test
  void milestonesAreListedPageByPageWithTheCursorMoving() throws Exception {
    t.json("{\"object\":\"list\",\"has_more\":true,\"data\":[" + MILESTONE + "]}");
    t.json("{\"object\":\"list\",\"has_more\":false,\"data\":[{\"id\":\"" + M2 + "\","
        + "\"object\":\"milestone\",\"name\":\"Launch\",\"milestone_date\":\"2024-03-01\"}]}");

    List<Milestone> all = t.client.streamMilestones("CDBUGS").toList();

    assertThat(all).containsExactly(
        new Milestone(M1, "CDBUGS", "Redesign", LocalDate.of(2024, 1, 15), "2024-01-16 09:00:00"),
        new Milestone(M2, "CDBUGS", "Launch", LocalDate.of(2024, 3, 1), null));
    assertThat(TestServer.target(t.take())).isEqualTo("/v1/sites/CDBUGS/milestones?limit=100");
    assertThat(TestServer.target(t.take()))
        .isEqualTo("/v1/sites/CDBUGS/milestones?limit=100&starting_after=" + M1);
  }

  @Test
  void aMilestoneIsCreatedReadUpdatedAndDeleted() throws Exception {
    t.json(201, MILESTONE);
    t.json(MILESTONE);
    t.json(MILESTONE.replace("Redesign", "Redesign v2").replace("2024-01-15", "2024-01-20"));
    t.json("{\"id\":\"" + M1 + "\",\"object\":\"milestone\",\"deleted\":true}");

    Milestone created = t.client.createMilestone("CDBUGS",
        new MilestoneWrite("Redesign", LocalDate.of(2024, 1, 15)));
    Milestone read = t.client.getMilestone("CDBUGS", M1);
    Milestone updated = t.client.updateMilestone("CDBUGS", M1,
        new MilestoneWrite("Redesign v2", LocalDate.of(2024, 1, 20)));
    Deleted deleted = t.client.deleteMilestone("CDBUGS", M1);

    assertThat(created).isEqualTo(read);
    assertThat(updated.name()).isEqualTo("Redesign v2");
    assertThat(updated.milestoneDate()).isEqualTo(LocalDate.of(2024, 1, 20));
    assertThat(deleted).isEqualTo(new Deleted(M1, "milestone", true));
    RecordedRequest create = t.take();
    assertThat(create.getMethod() + " " + TestServer.target(create))
        .isEqualTo("POST /v1/sites/CDBUGS/milestones");
    assertThat(form(create)).isEqualTo("name=Redesign&milestone_date=2024-01-15");
    RecordedRequest get = t.take();
    assertThat(get.getMethod() + " " + TestServer.target(get))
        .isEqualTo("GET /v1/sites/CDBUGS/milestones/" + M1);
    RecordedRequest update = t.take();
    assertThat(update.getMethod() + " " + TestServer.target(update))
        .isEqualTo("POST /v1/sites/CDBUGS/milestones/" + M1);
    assertThat(form(update)).isEqualTo("name=Redesign v2&milestone_date=2024-01-20");
    RecordedRequest delete = t.take();
    assertThat(delete.getMethod() + " " + TestServer.target(delete))
        .isEqualTo("DELETE /v1/sites/CDBUGS/milestones/" + M1);
  }

  @Test
  void aMilestoneDateThatIsNotADayIsADecodeError() {
    t.json(MILESTONE.replace("2024-01-15", "15/01/2024"));

    assertThatThrownBy(() -> t.client.getMilestone("CDBUGS", M1))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("milestone 'milestone_date' must be YYYY-MM-DD; got: '15/01/2024'");
  }

  @Test
  void aMilestoneNameIsThirtyCharactersAtMost() {
    assertThatThrownBy(() -> new MilestoneWrite("x".repeat(31), LocalDate.of(2024, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("milestone name must be at most 30 characters; got: 31");
    assertThatThrownBy(() -> new MilestoneWrite("", LocalDate.of(2024, 1, 1)))
        .hasMessage("milestone name is required");
    assertThatThrownBy(() -> new MilestoneWrite("Launch", null))
        .hasMessage("milestone_date is required");
  }

  @Test
  void tokenMetadataHoldsNameAndPermissionsNeverTheSecret() throws Exception {
    t.json("{\"object\":\"token\",\"name\":\"Reporting\",\"permissions\":[\"read:CDBUGS\","
        + "\"manage:SHOPPY\"],\"version\":\"2\",\"created_at\":\"2024-01-01 00:00:00\","
        + "\"last_used_at\":null}");

    TokenInfo token = t.client.token();

    assertThat(token).isEqualTo(new TokenInfo("Reporting", List.of("read:CDBUGS", "manage:SHOPPY"),
        "2", "2024-01-01 00:00:00", null));
    assertThat(token.canRead("CDBUGS")).isTrue();
    assertThat(token.canManage("CDBUGS")).isFalse();
    assertThat(token.canRead("SHOPPY")).isTrue();
    assertThat(token.canManage("SHOPPY")).isTrue();
    assertThat(token.canRead("OTHERS")).isFalse();
    assertThat(token.canReadAllSites()).isFalse();
    assertThat(token.toString()).doesNotContain(TestServer.SECRET);
    assertThat(TestServer.target(t.take())).isEqualTo("/v1/token");
  }

  @Test
  void readOnlyAndFullAccessTokens() throws Exception {
    t.json("{\"object\":\"token\",\"name\":\"RO\",\"abilities\":[\"all-sites-readonly\"]}");
    t.json("{\"object\":\"token\",\"name\":\"Admin\",\"permissions\":[\"*\"]}");

    TokenInfo ro = t.client.token();
    TokenInfo admin = t.client.token();

    assertThat(ro.canReadAllSites()).isTrue();
    assertThat(ro.canRead("ANYONE")).isTrue();
    assertThat(ro.canManage("ANYONE")).isFalse();
    assertThat(ro.fullAccess()).isFalse();
    assertThat(admin.fullAccess()).isTrue();
    assertThat(admin.canManage("ANYONE")).isTrue();
  }

  @Test
  void aTokenAnswerWithoutPermissionsOrOfAnotherTypeIsRefused() {
    t.json("{\"object\":\"token\",\"name\":\"RO\"}");
    t.json("{\"object\":\"account\",\"name\":\"RO\",\"permissions\":[]}");
    t.json("{\"object\":\"token\",\"permissions\":[\"*\",7]}");

    assertThatThrownBy(() -> t.client.token()).isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("token has no 'permissions' array");
    assertThatThrownBy(() -> t.client.token()).isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("token is of the wrong type: 'object' must be 'token'; got: 'account'");
    assertThatThrownBy(() -> t.client.token()).isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("token 'permissions' item 1 must be a string");
  }
}
