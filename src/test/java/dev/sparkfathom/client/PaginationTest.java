package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.client.model.PageRequest;
import dev.sparkfathom.client.model.Site;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaginationTest {
  @StartStop
  final MockWebServer server = new MockWebServer();
  private TestServer t;

  @BeforeEach
  void setUp() {
    t = new TestServer(server);
  }

  private void page(boolean hasMore, String... ids) {
    page("site", hasMore, ids);
  }

  private void page(String type, boolean hasMore, String... ids) {
    String data = Stream.of(ids).map(id -> "{\"id\":\"" + id + "\",\"object\":\"" + type + "\",\"name\":\"" + id + "\"}")
        .collect(Collectors.joining(","));
    t.json("{\"object\":\"list\",\"has_more\":" + hasMore + ",\"data\":[" + data + "]}");
  }

  @Test
  void allSitesWalksForwardKeepingTheLimitAndMovingOnlyTheCursor() throws Exception {
    page(true, "A", "B");
    page(true, "C", "D");
    page(false, "E");

    List<String> ids = t.client.streamSites().map(Site::id).toList();

    assertThat(ids).containsExactly("A", "B", "C", "D", "E");
    assertThat(TestServer.target(t.take())).isEqualTo("/v1/sites?limit=100");
    assertThat(TestServer.target(t.take())).isEqualTo("/v1/sites?limit=100&starting_after=B");
    assertThat(TestServer.target(t.take())).isEqualTo("/v1/sites?limit=100&starting_after=D");
  }

  @Test
  void walkingFetchesAPageOnlyWhenThePreviousIsUsedUp() {
    page(true, "A", "B");
    page(false, "C");

    Iterator<Site> it = t.client.allSites(PageRequest.ofLimit(2)).iterator();
    assertThat(server.getRequestCount()).isZero();
    assertThat(it.next().id()).isEqualTo("A");
    assertThat(it.next().id()).isEqualTo("B");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(it.next().id()).isEqualTo("C");
    assertThat(it.hasNext()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void endingBeforeWalksBackwardsFromTheOldestOfEachPage() throws Exception {
    page("event", true, "H", "G");
    page("event", false, "F");

    List<String> ids = new java.util.ArrayList<>();
    t.client.allEvents("CDBUGS", new PageRequest(2, null, "I")).forEach(e -> ids.add(e.id()));

    assertThat(ids).containsExactly("H", "G", "F");
    assertThat(TestServer.target(t.take())).isEqualTo("/v1/sites/CDBUGS/events?limit=2&ending_before=I");
    assertThat(TestServer.target(t.take())).isEqualTo("/v1/sites/CDBUGS/events?limit=2&ending_before=G");
  }

  @Test
  void allEventsStartsAtTheBeginning() throws Exception {
    page(false);

    assertThat(t.client.allEvents("CDBUGS")).isEmpty();
    assertThat(TestServer.target(t.take())).isEqualTo("/v1/sites/CDBUGS/events?limit=100");
  }

  @Test
  void aPageThatSaysMoreButIsEmptyIsAnErrorNotAnEndlessLoop() {
    page(true);

    assertThatThrownBy(() -> t.client.streamSites().toList())
        .isInstanceOf(FathomDecodeException.class)
        .hasMessage("pagination cannot advance: has_more is true but the page is empty"
            + " (request PageRequest[limit=100, startingAfter=null, endingBefore=null])");
  }

  @Test
  void aCursorThatDoesNotMoveIsAnError() {
    page(true, "A");
    page(true, "A");

    assertThatThrownBy(() -> t.client.streamSites().toList())
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageStartingWith("pagination cannot advance: the next cursor A is the one just used");
  }

  @Test
  void aListWithoutHasMoreIsADecodeErrorNotAnEarlyEnd() {
    t.json("{\"object\":\"list\",\"data\":[{\"id\":\"A\",\"object\":\"site\"}]}");

    assertThatThrownBy(() -> t.client.listSites(PageRequest.FIRST))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessage("GET /v1/sites answered HTTP 200 with a body of the wrong shape: site list has no 'has_more'");
  }
}
