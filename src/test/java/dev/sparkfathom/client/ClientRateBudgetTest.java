package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Entity;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests wait for the token's budget instead of collecting 429s. */
class ClientRateBudgetTest {
  private static final AggregationQuery QUERY = AggregationQuery.builder(Entity.PAGEVIEW, "CDBUGS")
      .aggregates(Aggregate.PAGEVIEWS).build();

  @StartStop
  final MockWebServer server = new MockWebServer();
  private final FakeClock clock = new FakeClock(Instant.parse("2024-03-10T12:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);

  @AfterEach
  void reset() {
    RateLimiter.resetSharedForTests();
  }

  private FathomClient client(RateLimiter limiter) {
    ClientConfig config = ClientConfig.defaults(TestServer.TOKEN).withBaseUrl(server.url("/v1").toString());
    return FathomClient.builder(config).clock(clock).sleeper(sleeper).rateLimiter(limiter).build();
  }

  private void ok(String body) {
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).body(body).build());
  }

  @Test
  void aggregationsAndCurrentVisitorsShareThePerMinuteBudget() {
    FathomClient client = client(new RateLimiter(2, 100, Duration.ZERO, clock, sleeper));
    ok("[]");
    ok("{\"total\":1}");
    ok("[]");

    client.aggregate(QUERY);
    client.currentVisitors("CDBUGS", false);
    RequestStats third = client.aggregate(QUERY).stats();

    assertThat(sleeper.waits()).containsExactly(Duration.ofMinutes(1));
    assertThat(third.limiterWaitNanos()).isEqualTo(Duration.ofMinutes(1).toNanos());
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void entityEndpointsDrawOnThePerHourBudget() {
    FathomClient client = client(new RateLimiter(1, 1, Duration.ZERO, clock, sleeper));
    ok("[]");
    ok("{\"id\":1,\"object\":\"account\"}");
    ok("{\"id\":1,\"object\":\"account\"}");

    client.aggregate(QUERY);
    client.account();
    assertThat(sleeper.waits()).isEmpty();
    client.account();

    assertThat(sleeper.waits()).containsExactly(Duration.ofHours(1));
  }

  @Test
  void clientsOfOneTokenShareTheJvmLimiter() {
    ClientConfig config = ClientConfig.defaults(TestServer.TOKEN).withBaseUrl(server.url("/v1").toString());
    FathomClient one = FathomClient.create(config);
    FathomClient two = FathomClient.create(config.withRetries(0));
    one.close();

    assertThat(RateLimiter.shared(config)).isSameAs(RateLimiter.shared(two.config()));
    ok("{\"id\":2,\"object\":\"account\",\"name\":\"still works\"}");
    assertThat(two.account().name()).isEqualTo("still works");
    org.assertj.core.api.Assertions.assertThatThrownBy(one::account)
        .isInstanceOf(IllegalStateException.class).hasMessage("this FathomClient is closed");
  }
}
