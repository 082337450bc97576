package dev.sparkfathom.budget;

import java.time.Duration;

/** The coordinator's answer to a {@link LeaseRequest}. */
public sealed interface LeaseAnswer {
  /** Why a request has to wait. */
  enum Reason {
    /** A 429 paused the token; waits for {@code Retry-After}. */
    PAUSED,
    /** The token has its cap of requests in flight. */
    IN_FLIGHT,
    /** The rolling window holds the request's limit. */
    BUDGET
  }

  /**
   * Send now. {@code paused} is the part of the coordinator's hold spent in a 429 pause.
   */
  record Granted(long lease, Duration paused) implements LeaseAnswer {}

  /** Not yet: ask again (at once; the coordinator already held the request as long as it would). */
  record Wait(Duration delay, Reason reason, Duration paused) implements LeaseAnswer {}

  /** The token is paused after 429s for longer than the request may still wait. */
  record PausedTooLong(Duration pause) implements LeaseAnswer {}
}
