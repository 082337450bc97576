package dev.sparkfathom.client;

import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import java.util.concurrent.TimeUnit;

/** A client wired to a MockWebServer with a fake clock, a recording sleeper and no jitter. */
final class TestServer {
  static final String SECRET = "sk_test_SECRET_4242";
  static final ApiToken TOKEN = ApiToken.of(SECRET);

  final MockWebServer server;
  final FakeClock clock = new FakeClock(Instant.parse("2024-03-10T12:00:00Z"));
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  final FathomClient client;

  TestServer(MockWebServer server) {
    this(server, 3);
  }

  TestServer(MockWebServer server, int maxRetries) {
    this(server, maxRetries, dev.sparkfathom.api.ApiVersion.CURRENT);
  }

  TestServer(MockWebServer server, int maxRetries, dev.sparkfathom.api.ApiVersion version) {
    this.server = server;
    ClientConfig config = ClientConfig.defaults(TOKEN)
        .withApiVersion(version)
        .withBaseUrl(server.url("/v1").toString())
        .withRetries(maxRetries)
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
    this.client = FathomClient.builder(config)
        .clock(clock)
        .sleeper(sleeper)
        .random(new FixedRandom(0.0))
        .rateLimiter(new RateLimiter(1000, 100_000, Duration.ZERO, clock, sleeper))
        .build();
  }

  void json(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code)
        .setHeader("Content-Type", "application/json").body(body).build());
  }

  void json(String body) {
    json(200, body);
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request arrived");
    }
    return r;
  }

  /** Path and decoded query as the server saw them, e.g. {@code /v1/sites?limit=5}. */
  static String target(RecordedRequest r) {
    String q = r.getUrl().query();
    return r.getUrl().encodedPath() + (q == null ? "" : "?" + q);
  }
}
