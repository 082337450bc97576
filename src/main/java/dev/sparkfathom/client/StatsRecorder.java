package dev.sparkfathom.client;

import java.time.Duration;

/** Counts one call's costs as it goes; confined to the calling thread. */
final class StatsRecorder {
  int attempts;
  int rateLimited;
  long limiterWaitNanos;
  long retryAfterWaitNanos;
  long backoffWaitNanos;
  long bytesRead;

  void waited(RetryDecision d) {
    if (d.kind() == RetryDecision.Kind.RETRY_AFTER) {
      retryAfterWaitNanos += d.delay().toNanos();
    } else {
      backoffWaitNanos += d.delay().toNanos();
    }
  }

  void limiterWaited(Duration d) {
    limiterWaitNanos += d.toNanos();
  }

  /** A permit's wait: the pause after 429s counts as Retry-After wait, the rest as budget wait. */
  void budgetWaited(Duration waited, Duration paused) {
    limiterWaitNanos += waited.minus(paused).toNanos();
    retryAfterWaitNanos += paused.toNanos();
  }

  RequestStats snapshot() {
    return new RequestStats(attempts, Math.max(0, attempts - 1), rateLimited, limiterWaitNanos,
        retryAfterWaitNanos, backoffWaitNanos, bytesRead);
  }
}
