package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.client.RateLimiter.Bucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2024-03-10T12:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);

  @AfterEach
  void reset() {
    RateLimiter.resetSharedForTests();
  }

  @Test
  void theLimitPassesAtOnceAndTheNextWaitsForTheOldestToLeaveTheWindow() throws Exception {
    RateLimiter l = new RateLimiter(3, 100, Duration.ZERO, clock, sleeper);
    for (int i = 0; i < 3; i++) {
      assertThat(l.acquire(Bucket.AGGREGATIONS)).isZero();
      clock.advance(Duration.ofSeconds(10));
    }

    Duration waited = l.acquire(Bucket.AGGREGATIONS);

    // granted at 0 s, 10 s, 20 s; now 30 s: the slot of 0 s frees at 60 s
    assertThat(waited).isEqualTo(Duration.ofSeconds(30));
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void aRollingWindowNeverLetsMoreThanTheLimitIntoAnyMinute() throws Exception {
    RateLimiter l = new RateLimiter(10, 100, Duration.ZERO, clock, sleeper);
    List<Instant> grants = new ArrayList<>();
    for (int i = 0; i < 35; i++) {
      l.acquire(Bucket.AGGREGATIONS);
      grants.add(clock.instant());
      clock.advance(Duration.ofMillis(700));
    }

    for (int i = 10; i < grants.size(); i++) {
      assertThat(Duration.between(grants.get(i - 10), grants.get(i)))
          .as("grant %s", i).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }
  }

  @Test
  void theMarginWidensTheWindow() throws Exception {
    RateLimiter l = new RateLimiter(1, 100, Duration.ofSeconds(1), clock, sleeper);
    l.acquire(Bucket.AGGREGATIONS);

    assertThat(l.acquire(Bucket.AGGREGATIONS)).isEqualTo(Duration.ofSeconds(61));
  }

  @Test
  void theTwoBucketsAreSeparate() throws Exception {
    RateLimiter l = new RateLimiter(1, 2, Duration.ZERO, clock, sleeper);
    l.acquire(Bucket.AGGREGATIONS);
    l.acquire(Bucket.ENTITIES);
    l.acquire(Bucket.ENTITIES);

    assertThat(sleeper.waits()).isEmpty();
    assertThat(l.acquire(Bucket.ENTITIES)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void concurrentCallersNeverExceedTheBudget() throws Exception {
    RateLimiter l = new RateLimiter(5, 100, Duration.ZERO, clock, d -> {
      throw new InterruptedException("would wait " + d);
    });
    AtomicInteger granted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Thread th = new Thread(() -> {
        try {
          start.await();
          l.acquire(Bucket.AGGREGATIONS);
          granted.incrementAndGet();
        } catch (InterruptedException e) {
          refused.incrementAndGet();
        }
      });
      th.start();
      threads.add(th);
    }
    start.countDown();
    for (Thread th : threads) {
      th.join();
    }

    assertThat(granted).hasValue(5);
    assertThat(refused).hasValue(15);
  }

  @Test
  void theSharedBudgetIsOnePerBaseUrlAndToken() {
    ClientConfig a = ClientConfig.defaults(ApiToken.of("token-a"));
    ClientConfig b = ClientConfig.defaults(ApiToken.of("token-b"));

    assertThat(RateLimiter.shared(a).sharesBudgetWith(RateLimiter.shared(a.withRetries(1)))).isTrue();
    assertThat(RateLimiter.shared(a).sharesBudgetWith(RateLimiter.shared(a.withRateLimits(3, 50)))).isTrue();
    assertThat(RateLimiter.shared(a).sharesBudgetWith(RateLimiter.shared(b))).isFalse();
    assertThat(RateLimiter.shared(a).sharesBudgetWith(
        RateLimiter.shared(a.withBaseUrl("http://localhost:9/v1")))).isFalse();
  }

  @Test
  void limitersOfOneTokenCountEachOthersRequests() throws Exception {
    ClientConfig a = ClientConfig.defaults(ApiToken.of("token-a")).withRateLimits(2, 100);
    RateLimiter one = RateLimiter.shared(a, clock, sleeper);
    RateLimiter two = RateLimiter.shared(a.withRetries(0), clock, sleeper);

    one.acquire(Bucket.AGGREGATIONS);
    two.acquire(Bucket.AGGREGATIONS);

    assertThat(sleeper.waits()).isEmpty();
    assertThat(one.acquire(Bucket.AGGREGATIONS)).isEqualTo(Duration.ofSeconds(61));
  }

  @Test
  void aLaterReadsLimitsDoNotReplaceAnEarlierReadsOwn() throws Exception {
    ClientConfig base = ClientConfig.defaults(ApiToken.of("token-a"));
    RateLimiter first = RateLimiter.shared(base.withRateLimits(3, 50), clock, sleeper);

    RateLimiter second = RateLimiter.shared(base.withRateLimits(1, 7).withBudget(1, Duration.ofSeconds(5)),
        clock, sleeper);

    assertThat(first.aggregationsPerMinute()).isEqualTo(3);
    assertThat(first.entitiesPerHour()).isEqualTo(50);
    assertThat(first.toString()).isEqualTo("RateLimiter[3/min aggregations, 50/h entities, 2 in flight]");
    assertThat(second.toString()).isEqualTo("RateLimiter[1/min aggregations, 7/h entities, 1 in flight]");
    assertThat(first.maxInFlight()).isEqualTo(2);
    assertThat(first.sharesBudgetWith(second)).isTrue();
  }

  @Test
  void eachLimiterIsHeldToItsOwnLimitOverTheTokensRequests() throws Exception {
    ClientConfig base = ClientConfig.defaults(ApiToken.of("token-a"));
    RateLimiter generous = RateLimiter.shared(base.withRateLimits(3, 100), clock, sleeper);
    RateLimiter strict = RateLimiter.shared(base.withRateLimits(1, 100), clock, sleeper);

    assertThat(generous.acquire(Bucket.AGGREGATIONS)).isZero(); // t=0
    clock.advance(Duration.ofSeconds(10));
    // One request of the token lies in the window: the strict read waits for it to leave.
    assertThat(strict.acquire(Bucket.AGGREGATIONS)).isEqualTo(Duration.ofSeconds(51)); // t=61
    // The generous read keeps its 3: at 61 s only the strict read's request is in the window.
    assertThat(generous.acquire(Bucket.AGGREGATIONS)).isZero();
    assertThat(generous.acquire(Bucket.AGGREGATIONS)).isZero();
    assertThat(generous.acquire(Bucket.AGGREGATIONS)).isEqualTo(Duration.ofSeconds(61));
  }

  @Test
  void tokensWithTheSameShortFingerprintDoNotShareABudget() throws Exception {
    ApiToken[] pair = FingerprintCollision.find();
    ClientConfig a = ClientConfig.defaults(pair[0]).withRateLimits(1, 100);
    ClientConfig b = ClientConfig.defaults(pair[1]).withRateLimits(1, 100);

    RateLimiter.shared(a, clock, sleeper).acquire(Bucket.AGGREGATIONS);

    assertThat(RateLimiter.shared(b, clock, sleeper).acquire(Bucket.AGGREGATIONS)).isZero();
    assertThat(RateLimiter.shared(a).sharesBudgetWith(RateLimiter.shared(b))).isFalse();
  }

  @Test
  void resetForgetsSharedBudgets() throws Exception {
    ClientConfig a = ClientConfig.defaults(ApiToken.of("token-a"));
    RateLimiter first = RateLimiter.shared(a);

    RateLimiter.resetSharedForTests();

    assertThat(RateLimiter.shared(a).sharesBudgetWith(first)).isFalse();
  }

  @Test
  void limitsBelowOneAreRefused() {
    assertThatThrownBy(() -> new RateLimiter(0, 1, Duration.ZERO, clock, sleeper))
        .hasMessage("rate limits must be at least 1; got: 0 a minute, 1 an hour");
  }
}
