package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private final EmulatorClock clock = EmulatorClock.fixedAt(T0);
  private final RateLimiter limiter = new RateLimiter(new RateLimits(2, 3), clock);

  private Duration at(long millis) {
    clock.setFixed(T0.plusMillis(millis));
    return limiter.acquire("ci", RateLimiter.Bucket.AGGREGATIONS);
  }

  private Duration entityAt(long seconds) {
    clock.setFixed(T0.plusSeconds(seconds));
    return limiter.acquire("ci", RateLimiter.Bucket.ENTITY);
  }

  @Test
  void passesUpToTheLimitThenSaysHowLongToWait() {
    assertThat(at(0)).isZero();
    assertThat(at(1000)).isZero();
    assertThat(at(5000)).isEqualTo(Duration.ofSeconds(55));
    assertThat(at(60_000)).isZero(); // the request at 0 left the window (now - 60 s, now]
    assertThat(at(60_001)).isEqualTo(Duration.ofMillis(999));
  }

  @Test
  void refusalsAreNotCounted() {
    at(0);
    at(0);
    for (int i = 0; i < 5; i++) {
      assertThat(at(30_000)).isEqualTo(Duration.ofSeconds(30));
    }
    assertThat(at(60_000)).isZero();
  }

  @Test
  void loweringTheLimitWaitsForEnoughToExpire() {
    limiter.limits(new RateLimits(3, 3));
    at(0);
    at(10_000);
    at(20_000);
    limiter.limits(new RateLimits(1, 3));
    assertThat(at(30_000)).isEqualTo(Duration.ofSeconds(50)); // waits for the one at 20 s
  }

  @Test
  void entityBucketIsAnHour() {
    for (int i = 0; i < 3; i++) {
      assertThat(entityAt(0)).isZero();
    }
    assertThat(entityAt(600)).isEqualTo(Duration.ofSeconds(3000));
  }

  @Test
  void settingTheClockBackForgetsRequestsInTheFuture() {
    at(600_000);
    at(600_000);
    assertThat(at(0)).isZero(); // not a wait of 11 minutes for requests not yet made
    assertThat(at(1000)).isZero();
    assertThat(at(2000)).isEqualTo(Duration.ofSeconds(58)); // the oldest in the window is at 0
  }

  @Test
  void retryAfterRoundsUpToWholeSeconds() {
    assertThat(RateLimiter.retryAfterSeconds(Duration.ofSeconds(30))).isEqualTo(30);
    assertThat(RateLimiter.retryAfterSeconds(Duration.ofMillis(30_001))).isEqualTo(31);
    assertThat(RateLimiter.retryAfterSeconds(Duration.ofNanos(1))).isEqualTo(1);
  }
}
