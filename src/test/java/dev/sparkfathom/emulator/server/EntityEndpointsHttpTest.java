package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EntityEndpointsHttpTest {
  private final ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  private static void assertAnswer(HttpResponse<String> r, int status, String body) {
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.statusCode()).isEqualTo(status);
  }

  @Test
  void accountAnswersTheAccountObject() {
    assertAnswer(f.admin.get("/v1/account"), 200,
        "{\"id\":1,\"object\":\"account\",\"name\":\"Fathom Emulator\",\"email\":\"emulator@localhost\"}");
  }

  @Test
  void listSitesAnswersTheListObjectInCreatedOrder() {
    HttpResponse<String> r = f.admin.get("/v1/sites");
    assertAnswer(r, 200, "{\"object\":\"list\",\"url\":\"/v1/sites\",\"has_more\":false,\"data\":["
        + "{\"id\":\"AAAAAA\",\"object\":\"site\",\"name\":\"Alpha\",\"sharing\":\"none\",\"created_at\":\"2024-01-01 10:00:00\"},"
        + "{\"id\":\"BBBBBB\",\"object\":\"site\",\"name\":\"Beta\",\"sharing\":\"public\",\"created_at\":\"2024-01-02 10:00:00\"}]}");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void createSiteGivesSixUpperCaseLettersAndTheClockAsCreatedAt() {
    HttpResponse<String> r = f.admin.post("/v1/sites", "name=Acme+Inc");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).matches("\\{\"id\":\"[A-Z]{6}\",\"object\":\"site\",\"name\":\"Acme Inc\","
        + "\"sharing\":\"none\",\"created_at\":\"2024-03-10 15:00:00\"}");
    assertThat(f.store.sites()).hasSize(3);
  }

  @Test
  void createSiteAcceptsParametersInTheQueryString() {
    HttpResponse<String> r = f.admin.post("/v1/sites?name=Query&sharing=public", "");
    assertThat(r.body()).contains("\"name\":\"Query\",\"sharing\":\"public\"");
  }

  @Test
  void createSiteValidatesItsInput() {
    assertAnswer(f.admin.post("/v1/sites", ""), 400, "{\"error\":\"'name' is required\"}");
    assertAnswer(f.admin.post("/v1/sites", "name=" + "x".repeat(256)), 400,
        "{\"error\":\"'name' must be at most 255 characters; got 256\"}");
    assertAnswer(f.admin.post("/v1/sites", "name=A&sharing=friends"), 400,
        "{\"error\":\"'sharing' must be one of none, private, public; got: 'friends'\"}");
    assertAnswer(f.admin.post("/v1/sites", "name=A&sharing=private"), 400,
        "{\"error\":\"'share_password' is required when 'sharing' is private\"}");
    assertThat(f.admin.post("/v1/sites", "name=" + "x".repeat(255)).statusCode()).isEqualTo(200);
  }

  @Test
  void updateSiteChangesOnlyWhatIsSent() {
    assertAnswer(f.admin.post("/v1/sites/AAAAAA", "sharing=private&share_password=pw"), 200,
        "{\"id\":\"AAAAAA\",\"object\":\"site\",\"name\":\"Alpha\",\"sharing\":\"private\",\"created_at\":\"2024-01-01 10:00:00\"}");
    assertThat(f.store.site("AAAAAA").orElseThrow().sharePassword()).isEqualTo("pw");
    assertAnswer(f.admin.post("/v1/sites/AAAAAA", "name=Alpha+2"), 200,
        "{\"id\":\"AAAAAA\",\"object\":\"site\",\"name\":\"Alpha 2\",\"sharing\":\"private\",\"created_at\":\"2024-01-01 10:00:00\"}");
    assertAnswer(f.admin.post("/v1/sites/AAAAAA", "name="), 400, "{\"error\":\"'name' must not be empty\"}");
  }

  @Test
  void wipeAndDeleteSite() {
    assertAnswer(f.admin.delete("/v1/sites/AAAAAA/data"), 200,
        "{\"id\":\"AAAAAA\",\"object\":\"site\",\"wiped\":true}");
    assertThat(f.store.recordCount()).isEqualTo(1);
    assertAnswer(f.admin.delete("/v1/sites/AAAAAA"), 200,
        "{\"id\":\"AAAAAA\",\"object\":\"site\",\"deleted\":true}");
    assertAnswer(f.admin.get("/v1/sites/AAAAAA"), 404, "{\"error\":\"No site with id 'AAAAAA'\"}");
    assertAnswer(f.admin.delete("/v1/sites/AAAAAA"), 404, "{\"error\":\"No site with id 'AAAAAA'\"}");
  }

  @Test
  void eventsLifecycle() {
    assertAnswer(f.admin.post("/v1/sites/AAAAAA/events", "name=Purchase+early+access"), 200,
        "{\"id\":\"purchase-early-access\",\"object\":\"event\",\"name\":\"Purchase early access\","
            + "\"site_id\":\"AAAAAA\",\"created_at\":\"2024-03-10 15:00:00\"}");
    assertAnswer(f.admin.post("/v1/sites/BBBBBB/events", "name=Purchase+Early+Access%21"), 200,
        "{\"id\":\"purchase-early-access-2\",\"object\":\"event\",\"name\":\"Purchase Early Access!\","
            + "\"site_id\":\"BBBBBB\",\"created_at\":\"2024-03-10 15:00:00\"}");
    assertAnswer(f.admin.post("/v1/sites/AAAAAA/events/purchase-early-access", "name=Renamed"), 200,
        "{\"id\":\"purchase-early-access\",\"object\":\"event\",\"name\":\"Renamed\","
            + "\"site_id\":\"AAAAAA\",\"created_at\":\"2024-03-10 15:00:00\"}");
    assertAnswer(f.admin.get("/v1/sites/AAAAAA/events/signed-up"), 200,
        "{\"id\":\"signed-up\",\"object\":\"event\",\"name\":\"Signed up\",\"site_id\":\"AAAAAA\","
            + "\"created_at\":\"2024-01-03 10:00:00\"}");
    assertAnswer(f.admin.delete("/v1/sites/AAAAAA/events/signed-up/data"), 200,
        "{\"id\":\"signed-up\",\"object\":\"event\",\"wiped\":true}");
    assertAnswer(f.admin.delete("/v1/sites/AAAAAA/events/signed-up"), 200,
        "{\"id\":\"signed-up\",\"object\":\"event\",\"deleted\":true}");
    assertAnswer(f.admin.get("/v1/sites/AAAAAA/events/signed-up"), 404,
        "{\"error\":\"No event with id 'signed-up' on site 'AAAAAA'\"}");
  }

  @Test
  void eventOfAnotherSiteIsNotFound() {
    assertAnswer(f.admin.get("/v1/sites/BBBBBB/events/signed-up"), 404,
        "{\"error\":\"No event with id 'signed-up' on site 'BBBBBB'\"}");
    assertAnswer(f.admin.get("/v1/sites/ZZZZZZ/events"), 404, "{\"error\":\"No site with id 'ZZZZZZ'\"}");
  }

  @Test
  void createEventNeedsAName() {
    assertAnswer(f.admin.post("/v1/sites/AAAAAA/events", ""), 400, "{\"error\":\"'name' is required\"}");
    assertAnswer(f.admin.post("/v1/sites/AAAAAA/events/signed-up", ""), 400, "{\"error\":\"'name' is required\"}");
  }

  @Test
  void paginatesForwardAndBackwardWithHasMore() {
    IntStream.range(0, 4).forEach(i -> {
      f.clock.advance(java.time.Duration.ofSeconds(1));
      f.admin.post("/v1/sites/AAAAAA/events", "name=e" + i);
    });
    // signed-up, e0, e1, e2, e3 in created order
    assertThat(ids(f.admin.get("/v1/sites/AAAAAA/events?limit=2"))).isEqualTo("signed-up,e0 more=true");
    assertThat(ids(f.admin.get("/v1/sites/AAAAAA/events?limit=2&starting_after=e0"))).isEqualTo("e1,e2 more=true");
    assertThat(ids(f.admin.get("/v1/sites/AAAAAA/events?limit=2&starting_after=e2"))).isEqualTo("e3 more=false");
    assertThat(ids(f.admin.get("/v1/sites/AAAAAA/events?limit=2&ending_before=e3"))).isEqualTo("e2,e1 more=true");
    assertThat(ids(f.admin.get("/v1/sites/AAAAAA/events?limit=2&ending_before=e1"))).isEqualTo("e0,signed-up more=false");
    assertThat(ids(f.admin.get("/v1/sites/AAAAAA/events"))).isEqualTo("signed-up,e0,e1,e2,e3 more=false");
  }

  private static String ids(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(200);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"").matcher(r.body());
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      b.append(b.length() == 0 ? "" : ",").append(m.group(1));
    }
    return b + " more=" + r.body().contains("\"has_more\":true");
  }

  @Test
  void paginationRejectsBadParameters() {
    assertAnswer(f.admin.get("/v1/sites?limit=0"), 400,
        "{\"error\":\"'limit' must be a whole number from 1 to 100; got: '0'\"}");
    assertAnswer(f.admin.get("/v1/sites?limit=101"), 400,
        "{\"error\":\"'limit' must be a whole number from 1 to 100; got: '101'\"}");
    assertAnswer(f.admin.get("/v1/sites?limit=ten"), 400,
        "{\"error\":\"'limit' must be a whole number from 1 to 100; got: 'ten'\"}");
    assertAnswer(f.admin.get("/v1/sites?starting_after=NOPE"), 400,
        "{\"error\":\"'starting_after' must be the id of an object in this list; got: 'NOPE'\"}");
    assertAnswer(f.admin.get("/v1/sites?starting_after=AAAAAA&ending_before=BBBBBB"), 400,
        "{\"error\":\"send either 'starting_after' or 'ending_before', not both\"}");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405WithAllow() {
    assertAnswer(f.admin.get("/v1/nothing"), 404, "{\"error\":\"Unknown endpoint: GET /v1/nothing\"}");
    assertAnswer(f.admin.get("/elsewhere"), 404, "{\"error\":\"Unknown endpoint: GET /elsewhere\"}");
    HttpResponse<String> r = f.admin.method("PUT", "/v1/sites/AAAAAA");
    assertAnswer(r, 405, "{\"error\":\"Method PUT is not allowed on /v1/sites/AAAAAA; allowed: GET, POST, DELETE\"}");
    assertThat(r.headers().firstValue("Allow")).hasValue("GET, POST, DELETE");
    HttpResponse<String> head = f.admin.method("HEAD", "/v1/sites");
    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.headers().firstValue("Allow")).hasValue("GET, POST");
    assertAnswer(f.admin.delete("/v1/aggregations"), 405,
        "{\"error\":\"Method DELETE is not allowed on /v1/aggregations; allowed: GET\"}");
  }

  @Test
  void routingComesBeforeAuthentication() {
    assertThat(f.as(null).get("/v1/nothing").statusCode()).isEqualTo(404);
    assertThat(f.as(null).delete("/v1/account").statusCode()).isEqualTo(405);
  }

  @Test
  void anEncodedSlashStaysInsideItsIdAndIsNeverASeparator() {
    // Routed on the decoded path, this was the events list of AAAAAA.
    assertAnswer(f.admin.get("/v1/sites/AAAAAA%2Fevents"), 404, "{\"error\":\"No site with id 'AAAAAA/events'\"}");
    assertAnswer(f.admin.delete("/v1/sites/AAAAAA%2Fdata"), 404, "{\"error\":\"No site with id 'AAAAAA/data'\"}");
    assertAnswer(f.admin.get("/v1/sites/AAAAAA/events/signed-up%2F..%2F.."), 404,
        "{\"error\":\"No event with id 'signed-up/../..' on site 'AAAAAA'\"}");
    assertAnswer(f.admin.get("/v1%2Fsites"), 404, "{\"error\":\"Unknown endpoint: GET /v1%2Fsites\"}");
    assertThat(f.store.site("AAAAAA")).isPresent();
    assertThat(f.server.requestLog().entries()).extracting(RequestLogEntry::path)
        .contains("/v1/sites/AAAAAA%2Fevents", "/v1%2Fsites");
  }

  @Test
  void otherEscapesInAnIdAreDecodedAfterTheSplit() {
    assertAnswer(f.admin.get("/v1/sites/%41AAAAA/events/signed%2Dup"), 200,
        "{\"id\":\"signed-up\",\"object\":\"event\",\"name\":\"Signed up\",\"site_id\":\"AAAAAA\","
            + "\"created_at\":\"2024-01-03 10:00:00\"}");
    assertAnswer(f.admin.get("/v1/sites/A+B"), 404, "{\"error\":\"No site with id 'A+B'\"}");
  }

  @Test
  void trailingSlashIsTolerated() {
    assertThat(f.admin.get("/v1/sites/").statusCode()).isEqualTo(200);
  }

  @Test
  void concurrentCreatesGetDistinctIds() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        answers.add(pool.submit(() -> f.admin.post("/v1/sites/AAAAAA/events", "name=Same")));
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (var a : answers) {
        HttpResponse<String> r = a.get();
        assertThat(r.statusCode()).isEqualTo(200);
        ids.add(r.body().replaceAll("^\\{\"id\":\"([^\"]+)\".*$", "$1"));
      }
      assertThat(ids).hasSize(24).contains("same", "same-2", "same-24");
      assertThat(f.server.requestLog().entries()).hasSize(24);
    } finally {
      pool.shutdownNow();
    }
  }
}
