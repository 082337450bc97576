package dev.sparkfathom.client;

import java.time.Duration;
import java.util.Objects;

/** Give up, or retry after {@link #delay()}; {@link #kind()} says why, for the statistics. */
public record RetryDecision(Kind kind, Duration delay) {
  public enum Kind {
    GIVE_UP,
    /** Wait what the server's {@code Retry-After} asked for. */
    RETRY_AFTER,
    /** Exponential back-off with jitter. */
    BACKOFF
  }

  public static final RetryDecision GIVE_UP = new RetryDecision(Kind.GIVE_UP, Duration.ZERO);

  public RetryDecision {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative; got: " + delay);
    }
  }

  public boolean retry() {
    return kind != Kind.GIVE_UP;
  }
}
