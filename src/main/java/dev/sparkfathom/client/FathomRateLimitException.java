package dev.sparkfathom.client;

import java.time.Duration;
import java.util.Optional;

/** HTTP 429 after the retries ran out, or with a {@code Retry-After} longer than the client waits. */
public class FathomRateLimitException extends FathomException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  public FathomRateLimitException(String message, String apiMessage, Duration retryAfter) {
    super(message, 429, apiMessage, null);
    this.retryAfter = retryAfter;
  }

  /** What the last answer's {@code Retry-After} asked for, when it sent one that could be read. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
