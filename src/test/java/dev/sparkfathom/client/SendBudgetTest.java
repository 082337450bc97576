package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Entity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * How the client uses its {@link SendBudget}: one permit per attempt, taken right before the
 * attempt and returned after it; a 429 pauses the budget for every client that shares it; the
 * long-wait log line. Fake clock and sleeper: nothing sleeps.
 */
class SendBudgetTest {
  private static final AggregationQuery QUERY = AggregationQuery.builder(Entity.PAGEVIEW, "CDBUGS")
      .aggregates(Aggregate.VISITS).build();

  @StartStop
  final MockWebServer server = new MockWebServer();
  private TestServer t;

  @org.junit.jupiter.api.BeforeEach
  void setUp() {
    t = new TestServer(server);
  }

  private FathomClient client(SendBudget budget) {
    ClientConfig config = ClientConfig.defaults(TestServer.TOKEN).withBaseUrl(server.url("/v1").toString());
    return FathomClient.builder(config).clock(t.clock).sleeper(t.sleeper).random(new FixedRandom(0.0))
        .budget(budget).build();
  }

  @Test
  void everyAttemptTakesItsOwnPermitAndReturnsIt() {
    List<String> events = new ArrayList<>();
    SendBudget recording = (bucket, attempt, maxPause) -> {
      events.add("acquire " + bucket + " attempt " + attempt);
      return new SendBudget.Permit() {
        @Override
        public Duration waited() {
          return Duration.ZERO;
        }

        @Override
        public Duration pausedFor() {
          return Duration.ZERO;
        }

        @Override
        public void rateLimited(Duration pause) {
          events.add("429, pause " + pause);
        }

        @Override
        public void close() {
          events.add("close");
        }
      };
    };
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());
    t.json(503, "");
    t.json("[]");

    client(recording).aggregate(QUERY);

    assertThat(events).containsExactly(
        "acquire AGGREGATIONS attempt 1", "429, pause PT7S", "close",
        "acquire AGGREGATIONS attempt 2", "close",
        "acquire AGGREGATIONS attempt 3", "close");
  }

  @Test
  void a429PausesTheSharedBudgetForTheOtherClientsOfTheToken() {
    RateLimiter shared = new RateLimiter(100, 100, 2, Duration.ZERO, t.clock, t.sleeper);
    FathomClient one = client(shared);
    FathomClient other = client(shared);
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "20").build());
    t.json("[]");
    t.json("[]");

    one.aggregate(QUERY);
    t.clock.advance(Duration.ofSeconds(-25)); // back to before the pause ran out
    RequestStats stats = other.aggregate(QUERY).stats();

    assertThat(stats.retryAfterWaitNanos()).as("the other client waited out the pause")
        .isEqualTo(Duration.ofSeconds(25).toNanos());
    assertThat(stats.rateLimited()).isZero();
  }

  @Test
  void aPauseLongerThanMaxWaitFailsAtOnceNamingTheOption() {
    RateLimiter shared = new RateLimiter(100, 100, 2, Duration.ZERO, t.clock, t.sleeper);
    shared.pause(RateLimiter.Bucket.AGGREGATIONS, Duration.ofMinutes(11));

    assertThatThrownBy(() -> client(shared).aggregate(QUERY))
        .isInstanceOf(FathomRateLimitException.class)
        .hasMessage("GET /v1/aggregations?entity=pageview&entity_id=CDBUGS&aggregates=visits"
            + " gave up: the token is paused for 660 s more after 429 answers, which would pass"
            + " 'rate.max_wait' (600 s)");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theLongWaitLineNamesTheWaitAndTheRequestNeverTheToken() {
    SendBudget.Permit p = new SendBudget.Permit() {
      @Override
      public Duration waited() {
        return Duration.ofMillis(61_250);
      }

      @Override
      public Duration pausedFor() {
        return Duration.ofSeconds(12);
      }

      @Override
      public void rateLimited(Duration pause) {}

      @Override
      public void close() {}
    };

    assertThat(HttpExecutor.waitLine("GET /v1/aggregations?date_from=2024-03-01 00:00:00", p))
        .isEqualTo("waited 61.3 s for rate budget (12.0 s of it paused after 429 answers) before"
            + " GET /v1/aggregations?date_from=2024-03-01 00:00:00");
  }
}
