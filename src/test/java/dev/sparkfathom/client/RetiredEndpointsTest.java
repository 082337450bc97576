package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.client.model.EventCreate;
import dev.sparkfathom.client.model.EventUpdate;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Endpoints today's API retired: Fathom's 410 becomes a FathomGoneException naming the replacement. */
@SuppressWarnings("deprecation")
class RetiredEndpointsTest {
  private static final String GONE = "{\"error\":\"This endpoint is no longer available.\"}";

  @StartStop
  final MockWebServer server = new MockWebServer();
  private TestServer t;

  @BeforeEach
  void setUp() {
    t = new TestServer(server);
  }

  static Stream<Arguments> retired() {
    return Stream.of(
        Arguments.of("wipeSite", (Consumer<FathomClient>) c -> c.wipeSite("CDBUGS"),
            "DELETE /v1/sites/CDBUGS/data",
            "wiping data is no longer possible through the API; delete the site or the event by name instead"),
        Arguments.of("wipeEvent", (Consumer<FathomClient>) c -> c.wipeEvent("CDBUGS", "signed-up"),
            "DELETE /v1/sites/CDBUGS/events/signed-up/data",
            "wiping data is no longer possible through the API; delete the site or the event by name instead"),
        Arguments.of("createEvent", (Consumer<FathomClient>) c -> c.createEvent("CDBUGS", new EventCreate("Signed up")),
            "POST /v1/sites/CDBUGS/events",
            "events now come into being when the site tracks them; use listEvents, and"
                + " setEventCurrency(siteId, name, currency) for a currency"),
        Arguments.of("getEvent", (Consumer<FathomClient>) c -> c.getEvent("CDBUGS", "signed-up"),
            "GET /v1/sites/CDBUGS/events/signed-up",
            "events are identified by name: use listEvents"),
        Arguments.of("updateEvent", (Consumer<FathomClient>) c -> c.updateEvent("CDBUGS", "signed-up",
                new EventUpdate("Registered")),
            "POST /v1/sites/CDBUGS/events/signed-up",
            "use setEventCurrency(siteId, name, currency) to change an event's currency"),
        Arguments.of("deleteEvent", (Consumer<FathomClient>) c -> c.deleteEvent("CDBUGS", "signed-up"),
            "DELETE /v1/sites/CDBUGS/events/signed-up",
            "use deleteEventByName(siteId, name)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retired")
  void aRetiredEndpointIsAGoneExceptionThatSaysWhatReplacesIt(String name,
      Consumer<FathomClient> call, String where, String replacement) {
    t.json(410, GONE);

    assertThatThrownBy(() -> call.accept(t.client))
        .isInstanceOf(FathomGoneException.class)
        .hasMessage("HTTP 410 from " + where + ": This endpoint is no longer available. (Fathom has"
            + " retired this endpoint (410 Gone); " + replacement + ")")
        .satisfies(e -> {
          FathomGoneException g = (FathomGoneException) e;
          assertThat(g.status()).isEqualTo(410);
          assertThat(g.apiMessage()).isEqualTo("This endpoint is no longer available.");
          assertThat(g.replacement()).isEqualTo(replacement);
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void a410FromAnEndpointNotKnownAsRetiredStillSaysItIsRetired() {
    t.json(410, "{}");

    assertThatThrownBy(() -> t.client.getSite("CDBUGS"))
        .isInstanceOf(FathomGoneException.class)
        .hasMessage("HTTP 410 from GET /v1/sites/CDBUGS: no error message (Fathom has retired this"
            + " endpoint (410 Gone); check fathom-api-current.md for what replaces it)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRetiredEndpointStillWorksWhereItIsServedAsBefore() {
    // The legacy emulator, or a service that has not retired it yet: the answer is decoded.
    t.json("{\"id\":\"CDBUGS\",\"object\":\"site\",\"wiped\":true}");

    assertThat(t.client.wipeSite("CDBUGS").wiped()).isTrue();
  }
}
