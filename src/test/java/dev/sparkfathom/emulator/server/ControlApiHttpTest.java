package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlApiHttpTest {
  private final ServerFixture f = new ServerFixture();
  private final TestHttp control = new TestHttp(f.root() + "/_emulator", null);

  @AfterEach
  void stop() {
    f.close();
  }

  private static void assertAnswer(HttpResponse<String> r, int status, String body) {
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.statusCode()).isEqualTo(status);
  }

  private HttpResponse<String> postBody(String path, String body) {
    return control.send(HttpRequest.newBuilder(URI.create(f.root() + "/_emulator" + path))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void healthNeedsNoToken() {
    assertAnswer(control.get("/health"), 200,
        "{\"status\":\"ok\",\"sites\":2,\"records\":5,\"now\":\"2024-03-10T15:00:00Z\"}");
  }

  @Test
  void loadsAddsOrReplacesAndExports() {
    String jsonl = "{\"type\":\"site\",\"id\":\"CDBUGS\",\"name\":\"Bugs\",\"sharing\":\"none\",\"created_at\":\"2020-07-27 12:01:01\"}\n"
        + "{\"type\":\"pageview\",\"site_id\":\"CDBUGS\",\"timestamp\":\"2024-03-10T14:03:11Z\",\"pathname\":\"/\"}\n";
    assertAnswer(postBody("/data", jsonl), 200,
        "{\"status\":\"ok\",\"sites\":3,\"records\":6,\"now\":\"2024-03-10T15:00:00Z\"}");
    assertAnswer(postBody("/data?replace=true", jsonl), 200,
        "{\"status\":\"ok\",\"sites\":1,\"records\":1,\"now\":\"2024-03-10T15:00:00Z\"}");
    HttpResponse<String> export = control.get("/data");
    assertThat(export.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    assertThat(export.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    assertThat(export.body()).contains("\"id\":\"CDBUGS\"").contains("\"timestamp\":\"2024-03-10T14:03:11Z\"");
  }

  @Test
  void badDataAnswers400WithTheStoresMessage() {
    assertAnswer(postBody("/data", "{\"type\":\"visit\"}\n"), 400,
        "{\"error\":\"line 1: type must be one of site, event, pageview; got: 'visit'\"}");
  }

  @Test
  void invalidJsonAnswers400() {
    HttpResponse<String> r = postBody("/data", "{oops\n");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).startsWith("{\"error\":\"the JSONL body is not valid JSON: ");
  }

  @Test
  void requestLogReadsAndClears() {
    f.admin.get("/v1/sites?limit=1");
    assertAnswer(control.get("/requests"), 200, "[{\"time\":\"2024-03-10T15:00:00Z\",\"method\":\"GET\","
        + "\"path\":\"/v1/sites\",\"parameters\":{\"limit\":\"1\"},\"status\":200,\"token\":\"ci\",\"rows\":1,\"fault\":null,\"cut\":false}]");
    assertAnswer(control.delete("/requests"), 200, "{\"cleared\":true}");
    assertAnswer(control.get("/requests"), 200, "[]");
    assertThat(f.server.requestLog().entries()).isEmpty();
  }

  @Test
  void setsFaultsAndTheyApplyToV1() {
    assertAnswer(control.post("/faults", "error_rate=1&seed=5&delay_ms=0"), 200,
        "{\"error_rate\":1.0,\"delay_ms\":0,\"disconnect_rate\":0.0,\"truncate_rate\":0.0,\"garbage_rate\":0.0,\"seed\":5,"
            + "\"throttle_rate\":0.0,\"retry_after_seconds\":0,\"slow_rate\":0.0,\"slow_ms\":0,\"not_json_rate\":0.0}");
    assertThat(f.admin.get("/v1/account").statusCode()).isIn(500, 503);
    assertAnswer(control.post("/faults", "error_rate=1.5"), 400,
        "{\"error\":\"'error_rate' must be a number from 0 to 1; got: '1.5'\"}");
    control.post("/faults", "error_rate=0");
    assertThat(f.admin.get("/v1/account").statusCode()).isEqualTo(200);
  }

  @Test
  void setsLimits() {
    assertAnswer(control.post("/limits", "aggregations_per_minute=1&hour_range_days=7"), 200,
        "{\"aggregations_per_minute\":1,\"entity_per_hour\":2000,\"day_range_months\":6,\"hour_range_days\":7,"
            + "\"default_row_limit\":500,\"max_row_limit\":1000,\"concurrency_limit\":2,"
            + "\"api\":\"legacy\"}");
    String agg = "/v1/aggregations?entity=pageview&entity_id=AAAAAA&aggregates=pageviews";
    assertThat(f.admin.get(agg).statusCode()).isEqualTo(200);
    assertThat(f.admin.get(agg).statusCode()).isEqualTo(429);
    control.post("/limits", "reset_counters=true");
    assertThat(f.admin.get(agg).statusCode()).isEqualTo(200);
    assertAnswer(control.post("/limits", "entity_per_hour=0"), 400,
        "{\"error\":\"'entity_per_hour' must be a whole number of at least 1; got: '0'\"}");
  }

  @Test
  void setsAndAdvancesTheClock() {
    assertAnswer(control.post("/clock", "set=2024-05-01T00:00:00Z"), 200,
        "{\"now\":\"2024-05-01T00:00:00Z\",\"fixed\":true}");
    assertAnswer(control.post("/clock", "advance_seconds=90"), 200,
        "{\"now\":\"2024-05-01T00:01:30Z\",\"fixed\":true}");
    assertAnswer(control.post("/clock", "set=tomorrow"), 400,
        "{\"error\":\"'set' must be an ISO-8601 instant such as 2024-03-10T14:00:00Z; got: 'tomorrow'\"}");
    HttpResponse<String> system = control.post("/clock", "system=true");
    assertThat(system.body()).endsWith("\"fixed\":false}");
    assertThat(f.clock.instant()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
  }

  @Test
  void unknownControlEndpointIs404() {
    assertAnswer(control.get("/nothing"), 404, "{\"error\":\"Unknown control endpoint: GET /_emulator/nothing; "
        + "see health, data, requests, faults, limits, clock under /_emulator/\"}");
  }

  @Test
  void controlRequestsAreNotLogged() {
    control.get("/health");
    assertThat(f.server.requestLog().entries()).isEmpty();
  }

  @Test
  void onlyLoopbackClientsAreServed() throws UnknownHostException {
    assertThat(Requests.isLoopback(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1))).isTrue();
    assertThat(Requests.isLoopback(new InetSocketAddress(InetAddress.getByName("::1"), 1))).isTrue();
    assertThat(Requests.isLoopback(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 1))).isFalse();
    assertThat(Requests.isLoopback(null)).isFalse();
  }

  private String rawStatusAndBody(String host) throws java.io.IOException {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", f.server.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(("POST /_emulator/data?replace=true HTTP/1.1\r\nHost: " + host
          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String all = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return all.substring(0, all.indexOf("\r\n")) + " " + all.substring(all.indexOf("\r\n\r\n") + 4);
    }
  }

  @Test
  void requestFromAWebPageWithAnOriginIsRefused() {
    HttpResponse<String> r = control.send(HttpRequest.newBuilder(
        URI.create(f.root() + "/_emulator/data?replace=true")).header("Origin", "http://evil.example")
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("")));
    assertAnswer(r, 403, "{\"error\":\"The control API refuses requests with an Origin header "
        + "(sent by web browsers); got: 'http://evil.example'\"}");
    assertThat(f.store.sites()).hasSize(2);
  }

  @Test
  void rebindingWithAForeignHostIsRefused() throws java.io.IOException {
    assertThat(rawStatusAndBody("evil.example:" + f.server.port())).isEqualTo(
        "HTTP/1.1 403 Forbidden {\"error\":\"The control API answers only a loopback Host "
            + "(localhost, 127.x.x.x or [::1], any port); got: 'evil.example:" + f.server.port() + "'\"}");
    assertThat(f.store.sites()).hasSize(2);
  }

  @Test
  void loopbackHostsAreAccepted() throws java.io.IOException {
    assertThat(rawStatusAndBody("localhost:" + f.server.port())).startsWith("HTTP/1.1 200");
    assertThat(f.store.sites()).isEmpty();
  }

  @Test
  void loopbackHostNames() {
    assertThat(java.util.List.of("localhost", "LOCALHOST:80", "127.0.0.1", "127.1.2.255:65535", "[::1]",
        "[::1]:8080")).allMatch(Requests::isLoopbackHost);
    assertThat(java.util.List.of("localhost.evil.example", "127.0.0.1.evil.example", "128.0.0.1",
        "127.0.0.256", "[::2]", "[::1]x", "localhost:http", "evil.example", "")).noneMatch(Requests::isLoopbackHost);
  }
}
