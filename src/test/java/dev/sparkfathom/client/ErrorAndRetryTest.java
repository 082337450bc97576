package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.client.model.EventCreate;
import java.time.Duration;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("deprecation") // createEvent stands for any POST: it must not be repeated
class ErrorAndRetryTest {
  private static final AggregationQuery QUERY = AggregationQuery.builder(Entity.PAGEVIEW, "CDBUGS")
      .aggregates(Aggregate.VISITS).build();
  private static final String WHERE = "GET /v1/aggregations?entity=pageview&entity_id=CDBUGS"
      + "&aggregates=visits";

  @StartStop
  final MockWebServer server = new MockWebServer();
  private TestServer t;

  @BeforeEach
  void setUp() {
    t = new TestServer(server);
  }

  @Test
  void badRequestCarriesStatusAndFathomsMessageAndIsNotRetried() {
    t.json(400, "{\"error\":\"The aggregates field is invalid.\"}");

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomBadRequestException.class)
        .hasMessage("HTTP 400 from " + WHERE + ": The aggregates field is invalid.")
        .satisfies(e -> {
          FathomException f = (FathomException) e;
          assertThat(f.status()).isEqualTo(400);
          assertThat(f.apiMessage()).isEqualTo("The aggregates field is invalid.");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void unauthorizedHintsAtTheTokenAndIsNotRetried() {
    t.json(401, "{\"error\":\"This token doesn't have permission to access this endpoint\"}");

    assertThatThrownBy(() -> t.client.account())
        .isInstanceOf(FathomUnauthorizedException.class)
        .hasMessage("HTTP 401 from GET /v1/account: This token doesn't have permission to access"
            + " this endpoint (check that the API token is right and allowed to use this endpoint and site)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void notFoundNamesThePathAndHintsAtTheId() {
    t.json(404, "{\"error\":\"Site not found\"}");

    assertThatThrownBy(() -> t.client.getSite("NOPE"))
        .isInstanceOf(FathomNotFoundException.class)
        .hasMessage("HTTP 404 from GET /v1/sites/NOPE: Site not found (check the site or event id)");
  }

  @Test
  void notFoundUnderABaseUrlWithoutV1HintsAtTheBaseUrlNotTheId() {
    ClientConfig config = ClientConfig.defaults(TestServer.TOKEN).withBaseUrl(server.url("/").toString())
        .withRetries(0);
    FathomClient client = FathomClient.builder(config).clock(t.clock).sleeper(t.sleeper)
        .rateLimiter(new RateLimiter(100, 100, Duration.ZERO, t.clock, t.sleeper)).build();
    t.json(404, "{\"error\":\"Unknown endpoint: GET /aggregations\"}");

    assertThatThrownBy(() -> client.aggregate(QUERY))
        .isInstanceOf(FathomNotFoundException.class)
        .hasMessageEndingWith(": Unknown endpoint: GET /aggregations (check 'base_url': Fathom's API is"
            + " under /v1, e.g. https://api.usefathom.com/v1; got " + config.baseUrl() + ")")
        .hasMessageNotContaining("site or event id");
  }

  @Test
  void anErrorWithoutJsonStillCarriesTheStatus() {
    server.enqueue(new MockResponse.Builder().code(403).body("<h1>Forbidden</h1>").build());

    assertThatThrownBy(() -> t.client.account())
        .isExactlyInstanceOf(FathomException.class)
        .hasMessage("HTTP 403 from GET /v1/account: no error message")
        .satisfies(e -> assertThat(((FathomException) e).apiMessage()).isNull());
  }

  @Test
  void rateLimitedWaitsRetryAfterSecondsThenSucceeds() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7")
        .body("{\"error\":\"Too Many Attempts.\"}").build());
    t.json("[{\"visits\":\"4\"}]");

    AggregationResult result = t.client.aggregate(QUERY);

    assertThat(result.rows()).hasSize(1);
    assertThat(t.sleeper.waits()).containsExactly(Duration.ofSeconds(7));
    assertThat(result.stats()).isEqualTo(new RequestStats(2, 1, 1, 0, Duration.ofSeconds(7).toNanos(), 0,
        "[{\"visits\":\"4\"}]".length()));
  }

  @Test
  void rateLimitedWaitsUntilAnHttpDate() {
    server.enqueue(new MockResponse.Builder().code(429)
        .setHeader("Retry-After", "Sun, 10 Mar 2024 12:00:30 GMT").build());
    t.json("[]");

    t.client.aggregate(QUERY);

    assertThat(t.sleeper.waits()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void rateLimitedWithoutRetryAfterBacksOffExponentially() {
    server.enqueue(new MockResponse.Builder().code(429).build());
    server.enqueue(new MockResponse.Builder().code(429).build());
    server.enqueue(new MockResponse.Builder().code(429).build());
    t.json("[]");

    RequestStats stats = t.client.aggregate(QUERY).stats();

    // jitter draws 0: the token pauses half of 1 s, 2 s, 4 s; 429s are not counted as retries
    assertThat(t.sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2));
    assertThat(stats.rateLimited()).isEqualTo(3);
    assertThat(stats.retryAfterWaitNanos()).isEqualTo(Duration.ofMillis(3500).toNanos());
    assertThat(stats.backoffWaitNanos()).isZero();
  }

  /** A client whose requests may wait at most {@code maxWait} for 429 pauses. */
  private FathomClient waitingAtMost(Duration maxWait) {
    ClientConfig config = ClientConfig.defaults(TestServer.TOKEN).withBaseUrl(server.url("/v1").toString())
        .withRetries(3).withBudget(2, maxWait);
    return FathomClient.builder(config).clock(t.clock).sleeper(t.sleeper).random(new FixedRandom(0.0))
        .rateLimiter(new RateLimiter(1000, 100_000, Duration.ZERO, t.clock, t.sleeper)).build();
  }

  @Test
  void rateLimitedPast429sAreNotRetriesButWaitsUpToMaxWait() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "5")
          .body("{\"error\":\"Too Many Attempts.\"}").build());
    }
    t.json("[]");

    RequestStats stats = waitingAtMost(Duration.ofSeconds(30)).aggregate(QUERY).stats();

    assertThat(stats.attempts()).as("more than 1 + max_retries").isEqualTo(7);
    assertThat(stats.rateLimited()).isEqualTo(6);
    assertThat(t.sleeper.waits()).containsOnly(Duration.ofSeconds(5)).hasSize(6);
  }

  @Test
  void rateLimitedBeyondMaxWaitThrowsWithRetryAfter() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "5")
          .body("{\"error\":\"Too Many Attempts.\"}").build());
    }

    assertThatThrownBy(() -> waitingAtMost(Duration.ofSeconds(15)).aggregate(QUERY))
        .isInstanceOf(FathomRateLimitException.class)
        .hasMessage("HTTP 429 from " + WHERE + " after 4 attempts: Too Many Attempts."
            + " (Fathom asked to wait 5 s); waiting would pass 'rate.max_wait' (15 s)")
        .satisfies(e -> assertThat(((FathomRateLimitException) e).retryAfter())
            .isEqualTo(Optional.of(Duration.ofSeconds(5))));
    assertThat(t.sleeper.waits()).hasSize(3);
  }

  @Test
  void aFailedCallStillReportsWhatItCost() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "2").build());
    }

    FathomException e = (FathomException) org.assertj.core.api.Assertions.catchThrowable(
        () -> waitingAtMost(Duration.ofSeconds(6)).aggregate(QUERY));

    assertThat(e.stats()).isEqualTo(new RequestStats(4, 3, 4, 0, Duration.ofSeconds(6).toNanos(), 0, 0));
  }

  @Test
  void aCreateIsRetriedAfter429BecauseFathomRefusedItUnseen() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
    t.json("{\"id\":\"x\",\"object\":\"event\",\"name\":\"X\"}");

    assertThat(t.client.createEvent("CDBUGS", new EventCreate("X")).id()).isEqualTo("x");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void serverErrorsOnReadsAreRetriedThenThrown() {
    for (int i = 0; i < 4; i++) {
      t.json(500, "{\"error\":\"Server Error\"}");
    }

    assertThatThrownBy(() -> t.client.aggregate(QUERY))
        .isInstanceOf(FathomServerException.class)
        .hasMessage("HTTP 500 from " + WHERE + " after 4 attempts: Server Error");
    assertThat(t.sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2));
  }

  @Test
  void aServerErrorOnAReadThenSuccessReturnsTheAnswer() {
    t.json(503, "");
    t.json("{\"id\":1,\"object\":\"account\",\"name\":\"Homer\"}");

    assertThat(t.client.account().name()).isEqualTo("Homer");
  }

  @Test
  void serverErrorsOnCreatesAreNeverRetried() {
    t.json(502, "{\"error\":\"Bad Gateway\"}");

    assertThatThrownBy(() -> t.client.createEvent("CDBUGS", new EventCreate("X")))
        .isInstanceOf(FathomServerException.class)
        .hasMessage("HTTP 502 from POST /v1/sites/CDBUGS/events: Bad Gateway");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void serverErrorsOnDeletesAreNotRetried() {
    t.json(500, "{\"error\":\"Server Error\"}");

    assertThatThrownBy(() -> t.client.deleteSite("CDBUGS")).isInstanceOf(FathomServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anInterruptDuringAWaitStopsTheCallAndKeepsTheFlag() {
    FathomClient client = FathomClient.builder(ClientConfig.defaults(TestServer.TOKEN)
            .withBaseUrl(server.url("/v1").toString()))
        .sleeper(d -> {
          throw new InterruptedException("stop");
        })
        .rateLimiter(new RateLimiter(100, 100, Duration.ZERO, t.clock, t.sleeper)).build();
    t.json(500, "");

    try {
      assertThatThrownBy(client::account)
          .isInstanceOf(FathomInterruptedException.class)
          .hasMessage("GET /v1/account was interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aRefusedConnectionIsRetriedEvenForACreateBecauseNothingWasSent() {
    ClientConfig config = ClientConfig.defaults(TestServer.TOKEN).withBaseUrl("http://127.0.0.1:1/v1")
        .withRetries(2);
    FathomClient client = FathomClient.builder(config).clock(t.clock).sleeper(t.sleeper)
        .random(new FixedRandom(0.0))
        .rateLimiter(new RateLimiter(100, 100, Duration.ZERO, t.clock, t.sleeper)).build();

    assertThatThrownBy(() -> client.createEvent("CDBUGS", new EventCreate("X")))
        .isInstanceOf(FathomTransportException.class)
        .hasMessageStartingWith("POST /v1/sites/CDBUGS/events could not connect after 3 attempts: ");
    assertThat(t.sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void anInterruptedCallIsNotRetried() {
    t.json(500, "");
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> t.client.aggregate(QUERY))
          .isInstanceOf(FathomInterruptedException.class)
          .hasMessage(WHERE + " was interrupted");
      assertThat(t.sleeper.waits()).isEmpty();
    } finally {
      Thread.interrupted();
    }
  }
}
