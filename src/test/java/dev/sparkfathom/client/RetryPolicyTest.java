package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.client.Outcome.FailureKind;
import dev.sparkfathom.client.RetryDecision.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2024-03-10T12:00:00Z"));
  private final RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8),
      Duration.ofMinutes(15));
  private final FixedRandom noJitter = new FixedRandom(0.0);
  private final FixedRandom fullJitter = new FixedRandom(0.999999);

  private RetryDecision decide(int attempts, Outcome o, boolean safe) {
    return policy.decide(attempts, o, safe, clock, noJitter);
  }

  private static Outcome status(int code) {
    return new Outcome.Status(code, null);
  }

  @Test
  void retryAfterInSecondsIsHonouredForEveryMethod() {
    assertThat(decide(1, new Outcome.Status(429, "12"), false))
        .isEqualTo(new RetryDecision(Kind.RETRY_AFTER, Duration.ofSeconds(12)));
  }

  @Test
  void retryAfterAsAnHttpDateWaitsUntilThatInstant() {
    assertThat(decide(1, new Outcome.Status(429, "Sun, 10 Mar 2024 12:01:00 GMT"), true))
        .isEqualTo(new RetryDecision(Kind.RETRY_AFTER, Duration.ofSeconds(60)));
  }

  @Test
  void retryAfterInThePastMeansNow() {
    assertThat(decide(1, new Outcome.Status(429, "Sun, 10 Mar 2024 11:00:00 GMT"), true))
        .isEqualTo(new RetryDecision(Kind.RETRY_AFTER, Duration.ZERO));
  }

  @Test
  void unreadableRetryAfterFallsBackToBackoff() {
    assertThat(decide(1, new Outcome.Status(429, "soon"), true))
        .isEqualTo(new RetryDecision(Kind.BACKOFF, Duration.ofMillis(500)));
    assertThat(decide(1, new Outcome.Status(429, "-5"), true).kind()).isEqualTo(Kind.BACKOFF);
    assertThat(RetryPolicy.parseRetryAfter("99999999999999999999999", clock)).isNull();
  }

  @Test
  void aRetryAfterLongerThanTheClientWaitsGivesUp() {
    assertThat(decide(1, new Outcome.Status(429, "3600"), true)).isEqualTo(RetryDecision.GIVE_UP);
  }

  @Test
  void backoffDoublesFromHalfToFullWithJitterAndIsCapped() {
    assertThat(policy.backoff(1, noJitter)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(1, fullJitter)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.backoff(2, noJitter)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.backoff(3, fullJitter)).isEqualTo(Duration.ofMillis(4000));
    assertThat(policy.backoff(4, noJitter)).isEqualTo(Duration.ofMillis(4000));
    assertThat(policy.backoff(40, fullJitter)).isEqualTo(Duration.ofMillis(8000));
    assertThat(policy.backoff(40, new FixedRandom(0.5))).isEqualTo(Duration.ofMillis(6000));
  }

  @Test
  void serverErrorsAreRetriedOnlyWhenSafeToRepeat() {
    assertThat(decide(1, status(500), true)).isEqualTo(new RetryDecision(Kind.BACKOFF, Duration.ofMillis(500)));
    assertThat(decide(2, status(503), true)).isEqualTo(new RetryDecision(Kind.BACKOFF, Duration.ofSeconds(1)));
    assertThat(decide(1, status(500), false)).isEqualTo(RetryDecision.GIVE_UP);
  }

  @Test
  void aServerErrorWithRetryAfterWaitsWhatItAsks() {
    assertThat(decide(1, new Outcome.Status(503, "3"), true))
        .isEqualTo(new RetryDecision(Kind.RETRY_AFTER, Duration.ofSeconds(3)));
  }

  @Test
  void clientErrorsAreFinal() {
    for (int code : new int[] {400, 401, 403, 404, 422}) {
      assertThat(decide(1, status(code), true)).as("status %s", code).isEqualTo(RetryDecision.GIVE_UP);
    }
  }

  @Test
  void timeoutsDropsAndDamagedBodiesAreRetriedOnlyWhenSafe() {
    for (FailureKind kind : new FailureKind[] {FailureKind.TIMEOUT, FailureKind.DROPPED, FailureKind.BAD_BODY}) {
      Outcome o = new Outcome.Failure(kind);
      assertThat(decide(1, o, true).kind()).as("%s on GET", kind).isEqualTo(Kind.BACKOFF);
      assertThat(decide(1, o, false)).as("%s on POST", kind).isEqualTo(RetryDecision.GIVE_UP);
    }
  }

  @Test
  void aConnectionThatWasNeverMadeIsRetriedEvenForCreates() {
    assertThat(decide(1, new Outcome.Failure(FailureKind.CONNECT), false).kind()).isEqualTo(Kind.BACKOFF);
  }

  @Test
  void retriesAreBoundedByMaxRetries() {
    assertThat(decide(3, status(429), true).retry()).isTrue();
    assertThat(decide(4, status(429), true)).isEqualTo(RetryDecision.GIVE_UP);
    RetryPolicy none = new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO);
    assertThat(none.decide(1, status(429), true, clock, noJitter)).isEqualTo(RetryDecision.GIVE_UP);
  }

  @Test
  void theDefaultsComeFromTheConfig() {
    RetryPolicy p = RetryPolicy.of(ClientConfig.defaults(ApiToken.of("t")).withRetries(7));
    assertThat(p.maxRetries()).isEqualTo(7);
  }

  @Test
  void transportFailuresAreClassified() {
    assertThat(HttpExecutor.kind(new ConnectException("refused"))).isEqualTo(FailureKind.CONNECT);
    assertThat(HttpExecutor.kind(new SocketTimeoutException("timeout"))).isEqualTo(FailureKind.TIMEOUT);
    assertThat(HttpExecutor.kind(new InterruptedIOException("timeout"))).isEqualTo(FailureKind.TIMEOUT);
    assertThat(HttpExecutor.kind(new IOException("unexpected end of stream"))).isEqualTo(FailureKind.DROPPED);
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO))
        .hasMessage("max retries must be 0 or more; got: -1");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
        .hasMessage("base delay must be positive; got: PT0S");
  }
}
