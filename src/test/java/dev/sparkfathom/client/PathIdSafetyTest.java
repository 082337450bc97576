package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.client.model.EventCreate;
import dev.sparkfathom.client.model.EventCurrency;
import dev.sparkfathom.client.model.EventUpdate;
import dev.sparkfathom.client.model.MilestoneWrite;
import java.time.LocalDate;
import dev.sparkfathom.client.model.PageRequest;
import dev.sparkfathom.client.model.SiteUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client method that puts an id into a URL path refuses, before any request, an id that
 * could leave its segment: {@code deleteEvent(site, "..")} would otherwise delete the site.
 */
@SuppressWarnings("deprecation") // the endpoints today's API retired are tested as the legacy API serves them
class PathIdSafetyTest {
  private static final String ACCEPTED = "an id must not be empty, '.' or '..', nor hold '/',"
      + " '\\', '?', '#' or control characters";

  /** Each bad id with the reason its message gives. */
  private static final Map<String, String> BAD_IDS = new LinkedHashMap<>();

  static {
    BAD_IDS.put("", "it is empty");
    BAD_IDS.put("  ", "it is blank");
    BAD_IDS.put(".", "it would name a directory, not an object");
    BAD_IDS.put("..", "it would name a directory, not an object");
    BAD_IDS.put("AB/events", "it holds '/'");
    BAD_IDS.put("/", "it holds '/'");
    BAD_IDS.put("../AB", "it holds '/'");
    BAD_IDS.put("AB\\..", "it holds '\\'");
    BAD_IDS.put("AB?limit=1", "it holds '?'");
    BAD_IDS.put("AB#x", "it holds '#'");
    BAD_IDS.put("AB\ndata", "it holds the control character \\u000A");
    BAD_IDS.put("AB\r", "it holds the control character \\u000D");
    BAD_IDS.put("\u0000", "it holds the control character \\u0000");
    BAD_IDS.put("AB\u007f", "it holds the control character \\u007F");
    BAD_IDS.put("AB\u0085", "it holds the control character \\u0085");
  }

  private static final String MILESTONE = "ddc9cdff-ab83-41fa-96c6-dfb276a862e7";
  private static final MilestoneWrite LAUNCH = new MilestoneWrite("Launch", LocalDate.of(2024, 1, 15));

  /** Every endpoint with an id in its path (or the site id of current visitors), by its ids. */
  private static Map<String, BiConsumer<FathomClient, String>> endpoints() {
    Map<String, BiConsumer<FathomClient, String>> e = new LinkedHashMap<>();
    e.put("getSite", (c, id) -> c.getSite(id));
    e.put("updateSite", (c, id) -> c.updateSite(id, SiteUpdate.rename("x")));
    e.put("wipeSite", (c, id) -> c.wipeSite(id));
    e.put("deleteSite", (c, id) -> c.deleteSite(id));
    e.put("listEvents", (c, id) -> c.listEvents(id, PageRequest.FIRST));
    e.put("allEvents", (c, id) -> c.allEvents(id).iterator().hasNext());
    e.put("allEvents(first)", (c, id) -> c.allEvents(id, PageRequest.FIRST).iterator().hasNext());
    e.put("streamEvents", (c, id) -> c.streamEvents(id).count());
    e.put("createEvent", (c, id) -> c.createEvent(id, new EventCreate("x")));
    e.put("getEvent(site)", (c, id) -> c.getEvent(id, "signed-up"));
    e.put("getEvent(event)", (c, id) -> c.getEvent("CDBUGS", id));
    e.put("updateEvent(site)", (c, id) -> c.updateEvent(id, "signed-up", new EventUpdate("x")));
    e.put("updateEvent(event)", (c, id) -> c.updateEvent("CDBUGS", id, new EventUpdate("x")));
    e.put("wipeEvent(site)", (c, id) -> c.wipeEvent(id, "signed-up"));
    e.put("wipeEvent(event)", (c, id) -> c.wipeEvent("CDBUGS", id));
    e.put("deleteEvent(site)", (c, id) -> c.deleteEvent(id, "signed-up"));
    e.put("deleteEvent(event)", (c, id) -> c.deleteEvent("CDBUGS", id));
    e.put("currentVisitors", (c, id) -> c.currentVisitors(id, true));
    e.put("deleteEventByName", (c, id) -> c.deleteEventByName(id, "Signed up"));
    e.put("setEventCurrency", (c, id) -> c.setEventCurrency(id, "Signed up", EventCurrency.EURO));
    e.put("listMilestones", (c, id) -> c.listMilestones(id, PageRequest.FIRST));
    e.put("allMilestones", (c, id) -> c.allMilestones(id).iterator().hasNext());
    e.put("allMilestones(first)", (c, id) -> c.allMilestones(id, PageRequest.FIRST).iterator().hasNext());
    e.put("streamMilestones", (c, id) -> c.streamMilestones(id).count());
    e.put("createMilestone", (c, id) -> c.createMilestone(id, LAUNCH));
    e.put("getMilestone(site)", (c, id) -> c.getMilestone(id, MILESTONE));
    e.put("getMilestone(milestone)", (c, id) -> c.getMilestone("CDBUGS", id));
    e.put("updateMilestone(site)", (c, id) -> c.updateMilestone(id, MILESTONE, LAUNCH));
    e.put("updateMilestone(milestone)", (c, id) -> c.updateMilestone("CDBUGS", id, LAUNCH));
    e.put("deleteMilestone(site)", (c, id) -> c.deleteMilestone(id, MILESTONE));
    e.put("deleteMilestone(milestone)", (c, id) -> c.deleteMilestone("CDBUGS", id));
    return e;
  }

  static Stream<Arguments> everyEndpointWithEveryBadId() {
    List<Arguments> out = new ArrayList<>();
    endpoints().forEach((name, call) -> {
      String what = name.endsWith("(event)") ? "event id"
          : name.endsWith("(milestone)") ? "milestone id" : "site id";
      BAD_IDS.forEach((id, reason) -> out.add(Arguments.of(name, call, id,
          what + " '" + PathIds.printable(id) + "' is not a valid id: " + reason + "; " + ACCEPTED)));
      out.add(Arguments.of(name, call, null, what + " null is not a valid id: it is empty; " + ACCEPTED));
    });
    return out.stream();
  }

  @StartStop
  final MockWebServer server = new MockWebServer();
  private TestServer t;

  @BeforeEach
  void setUp() {
    t = new TestServer(server);
  }

  @ParameterizedTest(name = "{0}({2})")
  @MethodSource
  void everyEndpointWithEveryBadId(String endpoint, BiConsumer<FathomClient, String> call, String id,
      String message) {
    assertThatThrownBy(() -> call.accept(t.client, id))
        .isInstanceOf(InvalidIdException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((InvalidIdException) e).id()).isEqualTo(id));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void everyEndpointWithAnIdInItsPathIsCovered() {
    // FathomClient's public methods that take a String id; a new one must join endpoints().
    java.util.Set<String> withIds = java.util.Arrays.stream(FathomClient.class.getDeclaredMethods())
        .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
        .filter(m -> m.getParameterCount() > 0 && m.getParameterTypes()[0] == String.class)
        .map(java.lang.reflect.Method::getName)
        .collect(java.util.stream.Collectors.toSet());
    java.util.Set<String> covered = endpoints().keySet().stream().map(n -> n.replaceAll("\\(.*\\)", ""))
        .collect(java.util.stream.Collectors.toSet());
    assertThat(covered).isEqualTo(withIds);
  }

  @Test
  void anIdWithOtherCharactersStaysOneEncodedSegment() throws Exception {
    t.json("{\"id\":\"purchase\",\"object\":\"event\",\"name\":\"P\"}");

    t.client.getEvent("CD BUGS%2F..", "a+b%.;x");

    RecordedRequest r = t.take();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/sites/CD%20BUGS%252F../events/a+b%25.;x");
    assertThat(r.getUrl().pathSegments()).containsExactly("v1", "sites", "CD BUGS%2F..", "events", "a+b%.;x");
  }

  @Test
  void anAnswerOfAnotherTypeIsRefused() {
    // What GET /sites/X/events/.. used to return: the site, decoded as an event.
    t.json("{\"id\":\"CDBUGS\",\"object\":\"site\",\"name\":\"Bugs\",\"sharing\":\"none\"}");

    assertThatThrownBy(() -> t.client.getEvent("CDBUGS", "signed-up"))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessage("GET /v1/sites/CDBUGS/events/signed-up answered HTTP 200 with a body of the"
            + " wrong shape: event is of the wrong type: 'object' must be 'event'; got: 'site'");
  }

  @Test
  void aDeleteAnswerForTheSiteIsRefusedWhenAnEventWasDeleted() {
    t.json("{\"id\":\"CDBUGS\",\"object\":\"site\",\"deleted\":true}");

    assertThatThrownBy(() -> t.client.deleteEvent("CDBUGS", "signed-up"))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("delete answer is of the wrong type: 'object' must be 'event'; got: 'site'");
  }

  @Test
  void anAnswerWithoutObjectIsRefused() {
    t.json("{\"id\":\"CDBUGS\",\"name\":\"Bugs\"}");

    assertThatThrownBy(() -> t.client.getSite("CDBUGS"))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("site has no 'object'; expected 'site'");
  }

  @Test
  void aListOfAnotherTypeIsRefused() {
    t.json("{\"object\":\"list\",\"has_more\":false,\"data\":[{\"id\":\"CDBUGS\",\"object\":\"site\"}]}");

    assertThatThrownBy(() -> t.client.listEvents("CDBUGS", PageRequest.FIRST))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("event list item 0 is of the wrong type: 'object' must be 'event'; got: 'site'");
  }

  @Test
  void aSingleObjectWhereAListWasAskedForIsRefused() {
    // GET /sites/. answered by the list of sites would be the mirror case: a list for an object.
    t.json("{\"object\":\"site\",\"has_more\":false,\"data\":[]}");

    assertThatThrownBy(() -> t.client.listSites(PageRequest.FIRST))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("site list is of the wrong type: 'object' must be 'list'; got: 'site'");
  }

  @Test
  void aListWhereAnObjectWasAskedForIsRefused() {
    t.json("{\"object\":\"list\",\"has_more\":false,\"data\":[]}");

    assertThatThrownBy(() -> t.client.getSite("CDBUGS"))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("site is of the wrong type: 'object' must be 'site'; got: 'list'");
  }
}
