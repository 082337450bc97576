package dev.sparkfathom.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to try a request again: a pure function of the attempt count, the outcome and whether
 * the request may be repeated.
 *
 * <ul>
 *   <li>429 is retried for every method, since Fathom refuses it before doing anything: after
 *       {@code Retry-After} (whole seconds or an HTTP date) when sent, else after back-off.
 *       A {@code Retry-After} longer than {@code maxRetryAfter} gives up at once rather than
 *       hang a task for an hour.</li>
 *   <li>5xx, time-outs, dropped connections and damaged 2xx bodies are retried only when the
 *       request is safe to repeat. The client marks only GETs so: a repeated POST could create
 *       a second site or event, and a repeated DELETE that had succeeded would report 404.</li>
 *   <li>A connection that could not be made at all is retried for every method: nothing was
 *       sent.</li>
 *   <li>Everything else (400, 401, 404, ...) is final.</li>
 * </ul>
 * Back-off is exponential with "equal jitter": attempt n waits between half and all of
 * {@code min(maxDelay, baseDelay * 2^(n-1))}, so concurrent tasks spread out but never retry
 * at once. At most {@code maxRetries} retries follow the first attempt.
 */
public final class RetryPolicy {
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(60);
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(15);

  private final int maxRetries;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration maxRetryAfter;

  public RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("max retries must be 0 or more; got: " + maxRetries);
    }
    this.maxRetries = maxRetries;
    this.baseDelay = positive(baseDelay, "base delay");
    this.maxDelay = positive(maxDelay, "max delay");
    this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
  }

  public static RetryPolicy of(ClientConfig config) {
    return new RetryPolicy(config.maxRetries(), DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY,
        DEFAULT_MAX_RETRY_AFTER);
  }

  public int maxRetries() {
    return maxRetries;
  }

  /**
   * @param attempts attempts made so far, the failed one included (1 after the first)
   * @param safeToRepeat true when repeating the request cannot change the result (GET)
   */
  public RetryDecision decide(int attempts, Outcome outcome, boolean safeToRepeat, Clock clock,
      RandomGenerator random) {
    if (attempts > maxRetries) {
      return RetryDecision.GIVE_UP;
    }
    if (outcome instanceof Outcome.Status s) {
      if (s.code() == 429 || (s.code() >= 500 && s.code() <= 599 && safeToRepeat)) {
        return afterAnswer(attempts, s.retryAfter(), clock, random);
      }
      return RetryDecision.GIVE_UP;
    }
    Outcome.Failure f = (Outcome.Failure) outcome;
    if (f.kind() == Outcome.FailureKind.CONNECT || safeToRepeat) {
      return new RetryDecision(RetryDecision.Kind.BACKOFF, backoff(attempts, random));
    }
    return RetryDecision.GIVE_UP;
  }

  private RetryDecision afterAnswer(int attempts, String header, Clock clock, RandomGenerator random) {
    Duration asked = parseRetryAfter(header, clock);
    if (asked == null) {
      return new RetryDecision(RetryDecision.Kind.BACKOFF, backoff(attempts, random));
    }
    if (asked.compareTo(maxRetryAfter) > 0) {
      return RetryDecision.GIVE_UP;
    }
    return new RetryDecision(RetryDecision.Kind.RETRY_AFTER, asked);
  }

  /**
   * How long a token pauses after a 429: the answer's {@code Retry-After} when it sent a
   * readable one, else back-off by the number of 429s this request met. The client hands the
   * pause to its {@link SendBudget}, which holds the token for everyone; whether the request
   * may wait that long is the client's {@code maxWait}, not {@code maxRetries}.
   */
  public Duration rateLimitPause(String retryAfter, int rateLimited, Clock clock, RandomGenerator random) {
    Duration asked = parseRetryAfter(retryAfter, clock);
    return asked != null ? asked : backoff(rateLimited, random);
  }

  /** {@code min(maxDelay, base * 2^(attempts-1))}, of which the second half is jittered. */
  Duration backoff(int attempts, RandomGenerator random) {
    int shift = Math.min(Math.max(attempts - 1, 0), 30);
    long capMillis = maxDelay.toMillis();
    long millis = Math.min(capMillis, baseDelay.toMillis() << shift);
    if (millis < 0) {
      millis = capMillis;
    }
    long half = millis / 2;
    long jitter = (long) (random.nextDouble() * (millis - half + 1));
    return Duration.ofMillis(half + Math.min(jitter, millis - half));
  }

  /**
   * Reads {@code Retry-After}: whole seconds, or an HTTP date (a date in the past means now).
   * Null when absent, negative or unreadable: the caller backs off instead.
   */
  public static Duration parseRetryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String v = header.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return null; // more digits than a long: not a usable wait
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null; // neither form: fall back to back-off
    }
  }

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive; got: " + d);
    }
    return d;
  }
}
