package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultsHttpTest {
  private final List<Duration> slept = new ArrayList<>();
  private final ServerFixture f = new ServerFixture(
      ResponseStyle.OBSERVED, new RateLimits(1000, 1000), FaultSettings.NONE, slept::add);

  @AfterEach
  void stop() {
    f.close();
  }

  /** A raw HTTP/1.1 exchange: everything the server sent until it closed the connection. */
  private String raw(String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", f.server.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + ServerFixture.ADMIN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        all.write(buf, 0, n);
      }
      return all.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static String header(String response, String name) {
    for (String line : response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return null;
  }

  @Test
  void truncatedBodyIsShorterThanItsContentLengthAndTheConnectionCloses() throws IOException {
    f.server.faults(FaultSettings.NONE.withTruncateRate(1));
    String response = raw("/v1/sites");
    int length = Integer.parseInt(header(response, "Content-Length"));
    String body = response.substring(response.indexOf("\r\n\r\n") + 4);
    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(body.length()).isEqualTo(length / 2);
    assertThat(f.admin.failureOf("/v1/sites")).isNotNull();
    assertThat(f.server.requestLog().entries()).extracting(RequestLogEntry::fault)
        .containsExactly("truncate", "truncate");
  }

  @Test
  void disconnectClosesAChunkedBodyBeforeItsLastChunk() throws IOException {
    f.server.faults(FaultSettings.NONE.withDisconnectRate(1));
    String response = raw("/v1/sites");
    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(header(response, "Transfer-Encoding")).isEqualTo("chunked");
    assertThat(response).contains("{\"object\":\"list\"").doesNotEndWith("0\r\n\r\n");
    assertThat(f.admin.failureOf("/v1/sites")).isInstanceOf(IOException.class);
  }

  @Test
  void garbageIsAnHtmlPageWithTheRealStatus() {
    f.server.faults(FaultSettings.NONE.withGarbageRate(1));
    HttpResponse<String> r = f.admin.get("/v1/sites");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(r.body()).isEqualTo(ResponseSender.GARBAGE);
  }

  @Test
  void errorsAre500Or503FromTheSeedAndReplay() {
    f.server.faults(FaultSettings.NONE.withErrorRate(0.5).withSeed(1234));
    List<Integer> first = statuses(30);
    f.server.faults(FaultSettings.NONE.withErrorRate(0.5).withSeed(1234));
    List<Integer> second = statuses(30);
    assertThat(second).isEqualTo(first);
    assertThat(first).contains(200, 500, 503).containsOnly(200, 500, 503);
    f.server.faults(FaultSettings.NONE.withErrorRate(0.5).withSeed(99));
    assertThat(statuses(30)).isNotEqualTo(first);
  }

  private List<Integer> statuses(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(f.admin.get("/v1/account").statusCode());
    }
    return out;
  }

  @Test
  void injectedErrorHasAnErrorBodyAndDoesNotRunTheEndpointOrCount() {
    f.server.rateLimits(new RateLimits(1, 1));
    f.server.faults(FaultSettings.NONE.withErrorRate(1));
    HttpResponse<String> r = f.admin.post("/v1/sites", "name=Never");
    assertThat(r.statusCode()).isIn(500, 503);
    assertThat(r.body()).isIn("{\"error\":\"Server Error\"}", "{\"error\":\"Service Unavailable\"}");
    assertThat(f.store.sites()).hasSize(2);
    f.server.faults(FaultSettings.NONE);
    assertThat(f.admin.post("/v1/sites", "name=Once").statusCode()).isEqualTo(200);
  }

  @Test
  void delayWaitsBeforeEveryAnswer() {
    f.server.faults(FaultSettings.NONE.withDelay(Duration.ofMillis(250)));
    f.admin.get("/v1/account");
    f.admin.get("/v1/sites");
    assertThat(slept).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
  }

  @Test
  void faultsStayOffTheControlApi() {
    f.server.faults(FaultSettings.NONE.withErrorRate(1).withGarbageRate(1));
    HttpResponse<String> r = f.as(null).get("/_emulator/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"status\":\"ok\"");
  }

  @Test
  void injectedErrorComesBeforeAnUnparsableRequestAndIsLoggedOnlyWhenApplied() {
    f.server.faults(FaultSettings.NONE.withErrorRate(1));
    HttpResponse<String> r = f.admin.post("/v1/sites", "name=%zz");
    assertThat(r.statusCode()).isIn(500, 503);
    RequestLogEntry e = f.server.requestLog().entries().get(0);
    assertThat(e.status()).isEqualTo(r.statusCode());
    assertThat(e.fault()).isEqualTo("error");
  }

  @Test
  void throttleAnswers429WithRetryAfterWhenAskedAndWithoutRunningTheEndpoint() {
    f.server.faults(FaultSettings.NONE.withThrottleRate(1).withRetryAfterSeconds(7));
    HttpResponse<String> r = f.admin.post("/v1/sites", "name=Never");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(r.body()).isEqualTo("{\"error\":\"Too Many Attempts.\"}");
    assertThat(f.store.sites()).hasSize(2);
    assertThat(f.server.requestLog().entries()).extracting(RequestLogEntry::fault)
        .containsExactly("throttle");

    f.server.faults(FaultSettings.NONE.withThrottleRate(1));
    HttpResponse<String> bare = f.admin.get("/v1/account");
    assertThat(bare.statusCode()).isEqualTo(429);
    assertThat(bare.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void throttleStormsReplayFromTheSeedAndLeaveTheFirstFiveFaultsAsTheyWere() {
    FaultSettings errors = FaultSettings.NONE.withErrorRate(0.3).withSeed(55);
    f.server.faults(errors);
    List<Integer> before = statuses(40);
    f.server.faults(errors.withThrottleRate(0.3));
    List<Integer> with = statuses(40);
    f.server.faults(errors.withThrottleRate(0.3));
    assertThat(statuses(40)).isEqualTo(with);
    assertThat(with).contains(200, 429);
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i) != 200) {
        assertThat(with.get(i)).as("request %s", i).isEqualTo(before.get(i));
      } else {
        assertThat(with.get(i)).as("request %s", i).isIn(200, 429);
      }
    }
  }

  @Test
  void notJsonIsAPlainTextBodyUnderTheJsonContentTypeWithTheRealStatus() {
    f.server.faults(FaultSettings.NONE.withNotJsonRate(1));
    HttpResponse<String> r = f.admin.get("/v1/sites");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo(ResponseSender.NOT_JSON);
    assertThat(f.server.requestLog().entries()).extracting(RequestLogEntry::fault)
        .containsExactly("not_json");
  }

  @Test
  void slowAnswersWaitTheirDelayOnlyForTheirShare() {
    f.server.faults(FaultSettings.NONE.withSlowRate(1).withSlowDelay(Duration.ofMillis(1500)));
    f.admin.get("/v1/account");
    f.server.faults(FaultSettings.NONE.withSlowRate(0.5).withSlowDelay(Duration.ofMillis(900)).withSeed(4));
    statuses(40);
    assertThat(slept.get(0)).isEqualTo(Duration.ofMillis(1500));
    assertThat(slept.subList(1, slept.size())).isNotEmpty().hasSizeLessThan(40)
        .containsOnly(Duration.ofMillis(900));
  }

  @Test
  void newFaultSettingsAreCheckedWithTheirNames() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaultSettings.NONE.withThrottleRate(2))
        .hasMessage("throttle rate must be from 0 to 1; got: 2.0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaultSettings.NONE.withRetryAfterSeconds(-1))
        .hasMessage("Retry-After seconds must be 0 (no header) or more; got: -1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaultSettings.NONE.withSlowDelay(Duration.ofMillis(-1)))
        .hasMessage("slow delay must not be negative; got: PT-0.001S");
  }
}
