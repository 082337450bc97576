package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.EventRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Today's entity endpoints over HTTP: the token endpoint, permissions by ability, site
 * attributes, retired endpoints (410 naming the replacement), events by name (list with
 * currency null, delete, currency), and milestones (cursor paging, 201, get, update, delete,
 * stored in the JSONL data).
 */
class TodaysEntityEndpointsHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA = """
      {"type":"site","id":"AAAAAA","name":"Alpha","created_at":"2024-01-01 00:00:00","timezone":"Europe/Berlin"}
      {"type":"site","id":"BBBBBB","name":"Beta","created_at":"2024-01-02 00:00:00"}
      {"type":"event","id":"signup","site_id":"AAAAAA","name":"Signup","created_at":"2024-01-03 00:00:00"}
      {"type":"event","id":"signup-2","site_id":"AAAAAA","name":"Signup","created_at":"2024-01-04 00:00:00"}
      {"type":"event","id":"buy","site_id":"AAAAAA","name":"Buy","created_at":"2024-01-05 00:00:00","currency":"euro"}
      {"type":"conversion","site_id":"AAAAAA","event_id":"signup","timestamp":"2024-03-01T10:00:00Z"}
      """;

  private FathomEmulator emulator;
  private TestHttp all;
  private TestHttp readOnly;
  private TestHttp readerOfA;
  private TestHttp managerOfA;

  @BeforeEach
  void start() throws IOException {
    emulator = FathomEmulator.builder().store(new ColumnarDataStore())
        .token("all:all-secret:*").token("ro:ro-secret:all-sites-readonly")
        .token("reader:reader-secret:read:AAAAAA").token("mgr:mgr-secret:manage:AAAAAA")
        .clock(EmulatorClock.fixedAt(Instant.parse("2024-06-01T12:00:00Z"))).seed(3).start();
    emulator.loadJsonl(DATA, true);
    String root = "http://127.0.0.1:" + emulator.port();
    all = new TestHttp(root, "all-secret");
    readOnly = new TestHttp(root, "ro-secret");
    readerOfA = new TestHttp(root, "reader-secret");
    managerOfA = new TestHttp(root, "mgr-secret");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(r.body(), e);
    }
  }

  private static void status(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
  }

  @Test
  void tokenEndpointNamesTheCallingTokenAndItsAbilitiesNeverItsSecret() {
    HttpResponse<String> r = managerOfA.get("/v1/token");
    status(r, 200);
    assertThat(r.body()).isEqualTo("{\"object\":\"token\",\"name\":\"mgr\",\"abilities\":"
        + "[\"manage:AAAAAA\"],\"version\":2,\"created_at\":\"2024-06-01 12:00:00\","
        + "\"last_used_at\":\"2024-06-01 12:00:00\"}");
    assertThat(all.get("/v1/token").body()).contains("\"abilities\":[\"*\"]")
        .doesNotContain("all-secret");
  }

  @Test
  void permissionsFollowTodaysAbilities() {
    status(all.get("/v1/account"), 200);
    status(readOnly.get("/v1/account"), 401);
    status(readOnly.get("/v1/sites"), 200);
    status(readerOfA.get("/v1/sites"), 401);
    status(readerOfA.get("/v1/sites/AAAAAA"), 200);
    status(readerOfA.get("/v1/sites/BBBBBB"), 401);
    status(managerOfA.get("/v1/sites/AAAAAA/events"), 200);
    status(readerOfA.post("/v1/sites/AAAAAA", "name=Renamed"), 401);
    status(readOnly.post("/v1/sites/AAAAAA", "name=Renamed"), 401);
    status(managerOfA.post("/v1/sites/BBBBBB", "name=Renamed"), 401);
    status(managerOfA.post("/v1/sites/AAAAAA", "name=Renamed"), 200);
    status(managerOfA.post("/v1/sites", "name=New"), 401);
    status(managerOfA.delete("/v1/sites/AAAAAA"), 401);
    status(all.post("/v1/sites", "name=New"), 200);
    status(readerOfA.get("/v1/aggregations?entity=pageview&entity_id=AAAAAA&aggregates=visits"), 200);
    status(readerOfA.get("/v1/aggregations?entity=pageview&entity_id=BBBBBB&aggregates=visits"), 401);
    status(readerOfA.post("/v1/sites/AAAAAA/milestones", "name=x&milestone_date=2024-01-01"), 401);
    status(readerOfA.get("/v1/sites/AAAAAA/milestones"), 200);
  }

  @Test
  void sitesCarryTimezoneAndMultiDomainAttributes() {
    assertThat(all.get("/v1/sites/AAAAAA").body()).isEqualTo("{\"id\":\"AAAAAA\",\"object\":"
        + "\"site\",\"name\":\"Alpha\",\"sharing\":\"none\",\"timezone\":\"Europe/Berlin\","
        + "\"multi_domain\":false,\"multi_domain_option\":\"combined\",\"created_at\":"
        + "\"2024-01-01 00:00:00\"}");
    JsonNode created = json(all.post("/v1/sites", "name=Shop&timezone=Asia/Tokyo"));
    assertThat(created.get("timezone").asText()).isEqualTo("Asia/Tokyo");
    JsonNode updated = json(managerOfA.post("/v1/sites/AAAAAA",
        "multi_domain=true&multi_domain_option=separate"));
    assertThat(updated.get("multi_domain").asBoolean()).isTrue();
    assertThat(updated.get("multi_domain_option").asText()).isEqualTo("separate");
    assertThat(updated.get("timezone").asText()).isEqualTo("Europe/Berlin");
    HttpResponse<String> bad = all.post("/v1/sites/AAAAAA", "timezone=Mars/Base");
    status(bad, 400);
    assertThat(bad.body()).isEqualTo("{\"error\":\"'timezone' must be a TZ database name such "
        + "as UTC or Europe/London; got: 'Mars/Base'\"}");
    status(all.post("/v1/sites/AAAAAA", "multi_domain_option=both"), 400);
  }

  @Test
  void retiredEndpointsAnswer410NamingTheReplacement() {
    HttpResponse<String> wipe = all.delete("/v1/sites/AAAAAA/data");
    status(wipe, 410);
    assertThat(wipe.body()).isEqualTo("{\"error\":\"Wiping a site's data is no longer "
        + "available; to remove the data, delete the site with DELETE /v1/sites/AAAAAA\"}");
    assertThat(all.post("/v1/sites/AAAAAA/events", "name=New").body())
        .contains("Creating events is no longer available");
    HttpResponse<String> get = all.get("/v1/sites/AAAAAA/events/signup");
    status(get, 410);
    assertThat(get.body()).contains("GET /v1/sites/AAAAAA/events");
    assertThat(all.post("/v1/sites/AAAAAA/events/signup", "name=x").body())
        .contains("POST /v1/sites/AAAAAA/events/currency");
    HttpResponse<String> delete = all.delete("/v1/sites/AAAAAA/events/signup");
    status(delete, 410);
    assertThat(delete.body()).contains("DELETE /v1/sites/AAAAAA/events?name=NAME");
    status(all.delete("/v1/sites/AAAAAA/events/signup/data"), 410);
    assertThat(emulator.store().events("AAAAAA")).hasSize(3);
  }

  @Test
  void eventListsShowCurrencyNull() {
    JsonNode list = json(all.get("/v1/sites/AAAAAA/events"));
    assertThat(list.get("data")).hasSize(3);
    list.get("data").forEach(e -> assertThat(e.get("currency").isNull()).isTrue());
    assertThat(list.get("data").get(2).get("name").asText()).isEqualTo("Buy");
  }

  @Test
  void currencyIsSetByName() {
    HttpResponse<String> r = managerOfA.post("/v1/sites/AAAAAA/events/currency",
        "name=Signup&currency=yen");
    status(r, 200);
    assertThat(json(r).get("currency").asText()).isEqualTo("yen");
    assertThat(emulator.store().events("AAAAAA")).extracting(EventRecord::currency)
        .containsExactly("yen", "yen", "euro");
    HttpResponse<String> bad = managerOfA.post("/v1/sites/AAAAAA/events/currency",
        "name=Signup&currency=bitcoin");
    status(bad, 400);
    assertThat(bad.body()).isEqualTo("{\"error\":\"'currency' must be one of dollar, pound, "
        + "euro, yuan, peso, shekel, yen, won, hryvnia, franc, rupee, integer, none; got: "
        + "'bitcoin'\"}");
    status(managerOfA.post("/v1/sites/AAAAAA/events/currency", "name=Nope&currency=yen"), 404);
    status(readerOfA.post("/v1/sites/AAAAAA/events/currency", "name=Signup&currency=yen"), 401);
  }

  @Test
  void deleteByNameRemovesEveryEventOfThatNameWithItsCompletions() {
    HttpResponse<String> r = managerOfA.delete("/v1/sites/AAAAAA/events?name=Signup");
    status(r, 200);
    assertThat(r.body()).isEqualTo(
        "{\"object\":\"event\",\"name\":\"Signup\",\"deleted\":true,\"count\":2}");
    assertThat(emulator.store().events("AAAAAA")).extracting(EventRecord::name)
        .containsExactly("Buy");
    assertThat(emulator.store().recordCount()).isZero();
    status(managerOfA.delete("/v1/sites/AAAAAA/events?name=Signup"), 404);
    HttpResponse<String> noName = managerOfA.delete("/v1/sites/AAAAAA/events");
    status(noName, 400);
    assertThat(noName.body()).isEqualTo("{\"error\":\"'name' is required\"}");
  }

  @Test
  void milestonesAreCreatedListedWithCursorsUpdatedAndDeleted() throws IOException {
    HttpResponse<String> first = managerOfA.post("/v1/sites/AAAAAA/milestones",
        "name=Launch&milestone_date=2024-05-01");
    status(first, 201);
    JsonNode launch = json(first);
    String id = launch.get("id").asText();
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(first.body()).isEqualTo("{\"id\":\"" + id + "\",\"object\":\"milestone\","
        + "\"site_id\":\"AAAAAA\",\"name\":\"Launch\",\"milestone_date\":\"2024-05-01\","
        + "\"created_at\":\"2024-06-01 12:00:00\"}");
    emulator.clock().setFixed(Instant.parse("2024-06-02T12:00:00Z"));
    String second = json(managerOfA.post("/v1/sites/AAAAAA/milestones",
        "name=Sale&milestone_date=2024-05-20")).get("id").asText();

    JsonNode page = json(readerOfA.get("/v1/sites/AAAAAA/milestones?limit=1"));
    assertThat(page.get("has_more").asBoolean()).isTrue();
    assertThat(page.get("data").get(0).get("id").asText()).isEqualTo(id);
    JsonNode next = json(readerOfA.get("/v1/sites/AAAAAA/milestones?limit=1&starting_after=" + id));
    assertThat(next.get("has_more").asBoolean()).isFalse();
    assertThat(next.get("data").get(0).get("id").asText()).isEqualTo(second);

    status(readerOfA.get("/v1/sites/AAAAAA/milestones/" + id), 200);
    status(readOnly.get("/v1/sites/BBBBBB/milestones/" + id), 404);
    HttpResponse<String> half = managerOfA.post("/v1/sites/AAAAAA/milestones/" + id, "name=Go");
    status(half, 400);
    assertThat(half.body()).isEqualTo("{\"error\":\"'milestone_date' is required\"}");
    JsonNode updated = json(managerOfA.post("/v1/sites/AAAAAA/milestones/" + id,
        "name=Go&milestone_date=2024-05-02"));
    assertThat(updated.get("name").asText()).isEqualTo("Go");
    assertThat(updated.get("created_at").asText()).isEqualTo("2024-06-01 12:00:00");

    StringWriter out = new StringWriter();
    emulator.store().export(out);
    assertThat(out.toString()).contains("{\"type\":\"milestone\",\"id\":\"" + id
        + "\",\"site_id\":\"AAAAAA\",\"name\":\"Go\",\"milestone_date\":\"2024-05-02\","
        + "\"created_at\":\"2024-06-01 12:00:00\"}");

    HttpResponse<String> deleted = managerOfA.delete("/v1/sites/AAAAAA/milestones/" + id);
    assertThat(deleted.body()).isEqualTo(
        "{\"id\":\"" + id + "\",\"object\":\"milestone\",\"deleted\":true}");
    status(readerOfA.get("/v1/sites/AAAAAA/milestones/" + id), 404);
  }

  @Test
  void milestoneInputIsChecked() {
    HttpResponse<String> longName = managerOfA.post("/v1/sites/AAAAAA/milestones",
        "name=" + "x".repeat(31) + "&milestone_date=2024-05-01");
    status(longName, 400);
    assertThat(longName.body()).isEqualTo(
        "{\"error\":\"'name' must be at most 30 characters; got 31\"}");
    HttpResponse<String> badDate = managerOfA.post("/v1/sites/AAAAAA/milestones",
        "name=x&milestone_date=2024-13-01");
    status(badDate, 400);
    assertThat(badDate.body()).isEqualTo(
        "{\"error\":\"'milestone_date' must be a date YYYY-MM-DD; got: '2024-13-01'\"}");
  }

  @Test
  void legacyApiHasNoneOfTheNewEndpoints() throws IOException {
    try (FathomEmulator legacy = FathomEmulator.builder().api(ApiVersion.LEGACY)
        .token("ci:ci-secret:admin").start()) {
      legacy.loadJsonl(DATA, true);
      TestHttp http = new TestHttp("http://127.0.0.1:" + legacy.port(), "ci-secret");
      status(http.get("/v1/token"), 404);
      status(http.get("/v1/sites/AAAAAA/milestones"), 404);
      status(http.get("/v1/sites/AAAAAA/events/signup"), 200);
      status(http.delete("/v1/sites/AAAAAA/data"), 200);
      assertThat(http.get("/v1/sites/AAAAAA").body()).doesNotContain("timezone");
    }
  }
}
