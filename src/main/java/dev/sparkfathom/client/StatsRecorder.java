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

  RequestStats snapshot() {
    return new RequestStats(attempts, Math.max(0, attempts - 1), rateLimited, limiterWaitNanos,
        retryAfterWaitNanos, backoffWaitNanos, bytesRead);
  }
}
