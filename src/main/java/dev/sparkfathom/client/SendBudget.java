package dev.sparkfathom.client;

import java.time.Duration;

/**
 * Where each HTTP request gets its moment to be sent. The client asks once per attempt, right
 * before sending, so planned requests, follow-up requests, retries and entity requests all take
 * budget the same way. Implementations: {@link RateLimiter} (one JVM's limiter) and the
 * cluster-wide coordinator of {@code dev.sparkfathom.budget}.
 */
public interface SendBudget {
  /**
   * Blocks until the request may be sent and returns the permit to hold while it is in flight.
   *
   * @param attempt 1 for a request's first attempt, more for its retries
   * @param maxPause the longest this request may still wait for pauses caused by 429 answers
   * @throws PausedTooLong when the token is paused for longer than {@code maxPause}
   */
  Permit acquire(RateLimiter.Bucket bucket, int attempt, Duration maxPause)
      throws InterruptedException, PausedTooLong;

  /** One request's permission, held while it is in flight. */
  interface Permit extends AutoCloseable {
    /** How long {@link #acquire} waited in all, {@link #pausedFor()} included. */
    Duration waited();

    /** The part of {@link #waited()} spent in a pause after a 429 (anyone's). */
    Duration pausedFor();

    /** The request was answered 429: the token's bucket pauses for {@code pause}, for everyone. */
    void rateLimited(Duration pause);

    /** The request is over (answered or failed); frees its place among those in flight. */
    @Override
    void close();
  }

  /** The token is paused by 429s for longer than the request may still wait. */
  final class PausedTooLong extends Exception {
    private static final long serialVersionUID = 1L;
    private final Duration pause;

    public PausedTooLong(Duration pause) {
      super("the token is paused for " + pause.toSeconds() + " s after 429 answers", null, false, false);
      this.pause = pause;
    }

    /** How much longer the pause would last. */
    public Duration pause() {
      return pause;
    }
  }
}
