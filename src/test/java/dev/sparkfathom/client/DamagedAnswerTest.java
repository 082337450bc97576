package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.client.model.SiteCreate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A body cut short, dropped or not JSON is an error or a retry, never a shorter result. */
class DamagedAnswerTest {
  private static final AggregationQuery QUERY = AggregationQuery.builder(Entity.PAGEVIEW, "CDBUGS")
      .aggregates(Aggregate.PAGEVIEWS).fieldGrouping(Field.PATHNAME).build();
  private static final String FULL = "[{\"pathname\":\"/a\",\"pageviews\":\"1\"},"
      + "{\"pathname\":\"/b\",\"pageviews\":\"2\"}]";
  private static final List<AggregationRow> ROWS = List.of(
      new AggregationRow(null, new String[] {"/a"}, new Number[] {1L}),
      new AggregationRow(null, new String[] {"/b"}, new Number[] {2L}));

  @StartStop
  final MockWebServer server = new MockWebServer();
  private TestServer t;

  @BeforeEach
  void setUp() {
    t = new TestServer(server);
  }

  @Test
  void aJsonBodyCutShortIsRetriedAndTheRowsComeOnce() {
    t.json(FULL.substring(0, FULL.indexOf("{\"pathname\":\"/b\"") + 10));
    t.json(FULL);

    AggregationResult result = t.client.aggregate(QUERY);

    assertThat(result.rows()).isEqualTo(ROWS);
    assertThat(result.stats().attempts()).isEqualTo(2);
    assertThat(result.stats().retries()).isEqualTo(1);
    assertThat(t.sleeper.waits()).containsExactly(Duration.ofMillis(500));
    assertThat(result.stats().backoffWaitNanos()).isEqualTo(Duration.ofMillis(500).toNanos());
  }

  @Test
  void aBodyCutShortEveryTimeIsADecodeErrorNotAShorterResult() {
    String cut = FULL.substring(0, FULL.length() - 1); // all rows, but no closing bracket
    for (int i = 0; i < 4; i++) {
      t.json(cut);
    }

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageStartingWith("GET /v1/aggregations?entity=pageview&entity_id=CDBUGS"
            + "&aggregates=pageviews&field_grouping=pathname answered HTTP 200"
            + " with a body that is cut short or not JSON after 4 attempts: Unexpected end-of-input");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void anEmptyBodyIsCutShort() {
    t = new TestServer(server, 0);
    t.json("");

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("answered HTTP 200 with a body that is cut short or not JSON: the body is empty");
  }

  @Test
  void aConnectionDroppedMidBodyIsRetriedAndTheRowsComeOnce() {
    server.enqueue(new MockResponse.Builder().code(200).body(bigBody(2000))
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    t.json(FULL);

    AggregationResult result = t.client.aggregate(QUERY);

    assertThat(result.rows()).isEqualTo(ROWS);
    assertThat(result.stats().attempts()).isEqualTo(2);
    assertThat(result.stats().bytesRead()).isGreaterThan(FULL.length());
  }

  @Test
  void aConnectionDroppedEveryTimeIsATransportError() {
    t = new TestServer(server, 1);
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder().code(200).body(bigBody(2000))
          .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    }

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomTransportException.class)
        .hasMessageContaining("GET /v1/aggregations?entity=pageview")
        .hasMessageContaining(" lost its connection after 2 attempts: ")
        .satisfies(e -> assertThat(((FathomException) e).status()).isZero());
  }

  @Test
  void aBodyThatIsNotJsonIsADecodeError() {
    t = new TestServer(server, 0);
    server.enqueue(new MockResponse.Builder().code(200).body("<html>Bad gateway</html>").build());

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageContaining("answered HTTP 200 with a body that is cut short or not JSON: Unexpected character ('<'");
  }

  @Test
  void textAfterTheAnswerIsADecodeError() {
    t.json(FULL + " []");

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageEndingWith("wrong shape: there is more after the end of the JSON answer");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCreateWhoseAnswerIsCutShortIsNotRepeated() {
    t.json("{\"id\":\"GCDFS\",\"name\":");

    assertThatThrownBy(() -> t.client.createSite(SiteCreate.named("Acme")))
        .isInstanceOf(FathomDecodeException.class)
        .hasMessageStartingWith("POST /v1/sites answered HTTP 200 with a body that is cut short or not JSON:");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aReadTimeOutIsATransportErrorWithItsCause() {
    ClientConfig config = ClientConfig.defaults(TestServer.TOKEN)
        .withBaseUrl(server.url("/v1").toString()).withRetries(0)
        .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(5));
    FathomClient client = FathomClient.builder(config).sleeper(t.sleeper).clock(t.clock)
        .rateLimiter(new RateLimiter(100, 100, Duration.ZERO, t.clock, t.sleeper)).build();
    server.enqueue(new MockResponse.Builder().code(200).body("[]")
        .onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertThatThrownBy(client::account)
        .isInstanceOf(FathomTransportException.class)
        // The tail is OkHttp's own wording, which depends on where the stall is noticed
        // ("timeout" or "Read timed out"); ours is the part before it.
        .hasMessageStartingWith("GET /v1/account timed out: ")
        .hasCauseInstanceOf(java.net.SocketTimeoutException.class);
  }

  @Test
  void aLargeAnswerIsDecodedCompletely() {
    int n = 50_000;
    t.json(bigBody(n));

    long start = System.nanoTime();
    AggregationResult result = t.client.aggregate(QUERY);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(result.rows()).hasSize(n);
    assertThat(result.rows().get(n - 1))
        .isEqualTo(new AggregationRow(null, new String[] {"/page/" + (n - 1)}, new Number[] {(long) n - 1}));
    System.out.println("decoded " + n + " rows, " + result.stats().bytesRead() + " bytes in " + millis + " ms");
  }

  private static String bigBody(int rows) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      parts.add("{\"pathname\":\"/page/" + i + "\",\"pageviews\":\"" + i + "\",\"visits\":\"3\"}");
    }
    return "[" + String.join(",", parts) + "]";
  }
}
