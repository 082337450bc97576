package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.client.model.Account;
import dev.sparkfathom.client.model.Deleted;
import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.client.model.EventCreate;
import dev.sparkfathom.client.model.EventUpdate;
import dev.sparkfathom.client.model.Page;
import dev.sparkfathom.client.model.PageRequest;
import dev.sparkfathom.client.model.Sharing;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.client.model.SiteCreate;
import dev.sparkfathom.client.model.SiteUpdate;
import dev.sparkfathom.client.model.Wiped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("deprecation") // the endpoints today's API retired are tested as the legacy API serves them
class EntityEndpointsTest {
  private static final String SITE = "{\"id\":\"CDBUGS\",\"object\":\"site\",\"name\":\"Bugs Bunny Portfolio\","
      + "\"sharing\":\"none\",\"created_at\":\"2020-07-27 12:01:01\"}";
  private static final String EVENT = "{\"id\":\"signed-up\",\"object\":\"event\",\"name\":\"Signed up\","
      + "\"site_id\":\"CDBUGS\",\"created_at\":\"2020-08-21 15:24:00\"}";

  @StartStop
  final MockWebServer server = new MockWebServer();
  private TestServer t;

  @BeforeEach
  void setUp() {
    t = new TestServer(server);
  }

  @Test
  void accountSendsBearerTokenAndAcceptJson() throws Exception {
    t.json("{\"id\":500302232,\"object\":\"account\",\"name\":\"Homer Simpson\",\"email\":\"h@s.com\"}");

    Account a = t.client.account();

    assertThat(a).isEqualTo(new Account("500302232", "Homer Simpson", "h@s.com"));
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(TestServer.target(r)).isEqualTo("/v1/account");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TestServer.SECRET);
    assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
  }

  @Test
  void listSitesSendsLimitAndCursorAndDecodesPage() throws Exception {
    t.json("{\"object\":\"list\",\"url\":\"/v1/sites\",\"has_more\":true,\"data\":[" + SITE + "]}");

    Page<Site> page = t.client.listSites(PageRequest.ofLimit(5).withStartingAfter("ABCDEF"));

    assertThat(page).isEqualTo(new Page<>(
        java.util.List.of(new Site("CDBUGS", "Bugs Bunny Portfolio", "none", "2020-07-27 12:01:01")), true));
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites?limit=5&starting_after=ABCDEF");
  }

  @Test
  void listSitesWithDefaultsSendsNoParameters() throws Exception {
    t.json("{\"object\":\"list\",\"has_more\":false,\"data\":[]}");

    assertThat(t.client.listSites(PageRequest.FIRST).data()).isEmpty();
    assertThat(TestServer.target(t.take())).isEqualTo("/v1/sites");
  }

  @Test
  void getSiteEncodesTheIdAsOnePathSegment() throws Exception {
    t.json(SITE);

    Site s = t.client.getSite("CD BUGS%3F");

    assertThat(s.id()).isEqualTo("CDBUGS");
    assertThat(s.createdAtUtc()).isEqualTo(java.time.LocalDateTime.of(2020, 7, 27, 12, 1, 1));
    RecordedRequest r = t.take();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/sites/CD%20BUGS%253F");
    assertThat(r.getUrl().query()).isNull();
  }

  @Test
  void createSitePostsFormParameters() throws Exception {
    t.json("{\"id\":\"GCDFS\",\"object\":\"site\",\"name\":\"Acme Inc\",\"sharing\":\"private\","
        + "\"created_at\":\"2021-08-10 00:45:43\"}");

    Site s = t.client.createSite(new SiteCreate("Acme Inc", Sharing.PRIVATE, "pw & more"));

    assertThat(s).isEqualTo(new Site("GCDFS", "Acme Inc", "private", "2021-08-10 00:45:43"));
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(r)).containsExactly(Map.entry("name", "Acme Inc"), Map.entry("sharing", "private"),
        Map.entry("share_password", "pw & more"));
  }

  @Test
  void updateSitePostsOnlyTheChangedParts() throws Exception {
    t.json("{\"id\":\"GCDFS\",\"object\":\"site\",\"name\":\"Acme Holdings Inc\",\"sharing\":\"none\"}");

    Site s = t.client.updateSite("GCDFS", SiteUpdate.rename("Acme Holdings Inc"));

    assertThat(s.name()).isEqualTo("Acme Holdings Inc");
    assertThat(s.createdAt()).isNull();
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites/GCDFS");
    assertThat(form(r)).containsExactly(Map.entry("name", "Acme Holdings Inc"));
  }

  @Test
  void wipeSiteDeletesItsData() throws Exception {
    t.json("{\"id\":\"GCDFS\",\"object\":\"site\",\"wiped\":true}");

    assertThat(t.client.wipeSite("GCDFS")).isEqualTo(new Wiped("GCDFS", "site", true));
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites/GCDFS/data");
  }

  @Test
  void deleteSiteDeletesTheSite() throws Exception {
    t.json("{\"id\":\"GCDFS\",\"object\":\"site\",\"deleted\":true}");

    assertThat(t.client.deleteSite("GCDFS")).isEqualTo(new Deleted("GCDFS", "site", true));
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites/GCDFS");
  }

  @Test
  void listEventsSendsCursorBackwards() throws Exception {
    t.json("{\"object\":\"list\",\"url\":\"/v1/sites/CDBUGS/events\",\"has_more\":false,\"data\":["
        + EVENT + "]}");

    Page<Event> page = t.client.listEvents("CDBUGS", new PageRequest(100, null, "purchase"));

    assertThat(page.data()).containsExactly(
        new Event("signed-up", "CDBUGS", "Signed up", "2020-08-21 15:24:00"));
    assertThat(page.hasMore()).isFalse();
    RecordedRequest r = t.take();
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites/CDBUGS/events?limit=100&ending_before=purchase");
  }

  @Test
  void getEventReadsOneEvent() throws Exception {
    t.json(EVENT);

    assertThat(t.client.getEvent("CDBUGS", "signed-up").name()).isEqualTo("Signed up");
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites/CDBUGS/events/signed-up");
  }

  @Test
  void createEventPostsNameAndFillsInTheSiteFathomLeavesOut() throws Exception {
    t.json("{\"id\":\"purchase-early-access\",\"object\":\"event\",\"name\":\"Purchase early access\","
        + "\"created_at\":\"2021-08-10 10:45:43\"}");

    Event e = t.client.createEvent("CDBUGS", new EventCreate("Purchase early access"));

    assertThat(e).isEqualTo(new Event("purchase-early-access", "CDBUGS", "Purchase early access",
        "2021-08-10 10:45:43"));
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites/CDBUGS/events");
    assertThat(form(r)).containsExactly(Map.entry("name", "Purchase early access"));
  }

  @Test
  void updateEventPostsToTheEvent() throws Exception {
    t.json("{\"id\":\"purchase-early-access\",\"object\":\"event\",\"name\":\"Renamed\"}");

    assertThat(t.client.updateEvent("CDBUGS", "purchase-early-access", new EventUpdate("Renamed")).name())
        .isEqualTo("Renamed");
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites/CDBUGS/events/purchase-early-access");
    assertThat(form(r)).containsExactly(Map.entry("name", "Renamed"));
  }

  @Test
  void wipeEventDeletesItsData() throws Exception {
    t.json("{\"id\":\"purchase-early-access\",\"object\":\"event\",\"wiped\":true}");

    assertThat(t.client.wipeEvent("GCDFS", "purchase-early-access"))
        .isEqualTo(new Wiped("purchase-early-access", "event", true));
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites/GCDFS/events/purchase-early-access/data");
  }

  @Test
  void deleteEventDeletesTheEvent() throws Exception {
    t.json("{\"id\":\"purchase-early-access\",\"object\":\"event\",\"deleted\":true}");

    assertThat(t.client.deleteEvent("GCDFS", "purchase-early-access"))
        .isEqualTo(new Deleted("purchase-early-access", "event", true));
    RecordedRequest r = t.take();
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(TestServer.target(r)).isEqualTo("/v1/sites/GCDFS/events/purchase-early-access");
  }

  @Test
  void unknownKeysAndNestedValuesAreIgnored() {
    t.json("{\"id\":\"CDBUGS\",\"object\":\"site\",\"extra\":{\"a\":[1,2,{\"b\":null}]},\"name\":\"N\",\"more\":[]}");

    assertThat(t.client.getSite("CDBUGS")).isEqualTo(new Site("CDBUGS", "N", null, null));
  }

  @Test
  void blankIdsAreRefusedBeforeAnythingIsSent() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.client.getEvent("CDBUGS", " "))
        .isInstanceOf(InvalidIdException.class).hasMessage("event id ' ' is not a valid id: it is blank;"
            + " an id must not be empty, '.' or '..', nor hold '/', '\\', '?', '#' or control characters");
    assertThat(server.getRequestCount()).isZero();
  }

  private static Map<String, String> form(RecordedRequest r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : r.getBody().utf8().split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }
}
