package dev.sparkfathom.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.emulator.server.EmulatorClock;
import dev.sparkfathom.emulator.server.FaultSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import dev.sparkfathom.emulator.server.ResponseStyle;
import dev.sparkfathom.emulator.server.SimpleDataStore;
import dev.sparkfathom.emulator.server.TestHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FathomEmulatorTest {
  private static final String SITE =
      "{\"type\":\"site\",\"id\":\"CDBUGS\",\"name\":\"Bugs\",\"sharing\":\"none\",\"created_at\":\"2020-07-27 12:01:01\"}\n";

  private static TestHttp http(FathomEmulator e, String token) {
    return new TestHttp(e.baseUrl().replaceFirst("/v1$", ""), token);
  }

  @Test
  void startsOnAFreePortWithAGeneratedAdminToken() throws IOException {
    try (FathomEmulator e = FathomEmulator.builder().store(new SimpleDataStore()).start()) {
      assertThat(e.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
      assertThat(e.controlUrl()).isEqualTo("http://127.0.0.1:" + e.port() + "/_emulator");
      assertThat(e.generatedAdminToken()).isTrue();
      assertThat(e.adminToken()).hasSize(43);
      e.loadJsonl(SITE, true);
      assertThat(http(e, e.adminToken()).get("/v1/sites").body()).contains("\"id\":\"CDBUGS\"");
      assertThat(e.requestLog()).extracting(RequestLogEntry::tokenName).containsExactly("admin");
      e.clearRequestLog();
      assertThat(e.requestLog()).isEmpty();
    }
  }

  @Test
  void builderSettingsReachTheServer() throws IOException {
    EmulatorClock clock = EmulatorClock.fixedAt(Instant.parse("2024-01-01T00:00:00Z"));
    try (FathomEmulator e = FathomEmulator.builder().store(new SimpleDataStore()).token("ci:s1:admin")
        .token("ro:s2:read").style(ResponseStyle.DOCUMENTED).rateLimits(new RateLimits(1, 2))
        .faults(FaultSettings.NONE).clock(clock).seed(5).start()) {
      e.loadJsonl(SITE, false);
      assertThat(e.adminToken()).isEqualTo("s1");
      assertThat(e.clock()).isSameAs(clock);
      TestHttp ro = http(e, "s2");
      String agg = "/v1/aggregations?entity=pageview&entity_id=CDBUGS&aggregates=pageviews";
      assertThat(ro.get(agg).body()).isEqualTo("{\"object\":\"list\",\"url\":\"/v1/aggregations\",\"has_more\":false,\"data\":[]}");
      assertThat(ro.get(agg).statusCode()).isEqualTo(429);
      e.resetRateLimits();
      e.faults(FaultSettings.NONE.withErrorRate(1));
      assertThat(ro.get(agg).statusCode()).isIn(500, 503);
      assertThat(http(e, "s1").post("/v1/sites", "name=New").statusCode()).isIn(500, 503);
      e.faults(FaultSettings.NONE);
      assertThat(http(e, "s1").post("/v1/sites", "name=New").body()).contains("\"created_at\":\"2024-01-01 00:00:00\"");
    }
  }

  @Test
  void withoutAStoreTheEmulatorStartsEmptyOnAColumnarStore() throws Exception {
    try (FathomEmulator e = FathomEmulator.builder().start()) {
      assertThat(e.store()).isInstanceOf(dev.sparkfathom.emulator.data.ColumnarDataStore.class);
      assertThat(e.store().sites()).isEmpty();
    }
  }

  @Test
  void adminTokenNeedsAnAdmin() {
    FathomEmulator e = FathomEmulator.builder().store(new SimpleDataStore()).token("ro:s:read").build();
    assertThatThrownBy(e::adminToken).hasMessage("no admin token was configured");
  }

  @Test
  void takenPortFailsToStart() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      FathomEmulator e = FathomEmulator.builder().store(new SimpleDataStore()).port(taken.getLocalPort()).build();
      assertThatThrownBy(e::start).isInstanceOf(java.net.BindException.class);
    }
  }
}
