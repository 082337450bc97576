package dev.sparkfathom.client;

/**
 * What one logical call cost: HTTP attempts, retries among them, 429 answers seen, time spent
 * waiting for rate budget, for {@code Retry-After} and for back-off, and body bytes read (all
 * attempts). These feed the connector's Spark UI metrics. Serializable because a
 * {@link FathomException} carries one, and Spark ships a failed task's exception to the driver.
 */
public record RequestStats(int attempts, int retries, int rateLimited, long limiterWaitNanos,
    long retryAfterWaitNanos, long backoffWaitNanos, long bytesRead) implements java.io.Serializable {
  public static final RequestStats NONE = new RequestStats(0, 0, 0, 0, 0, 0, 0);

  /** The sum of two calls' costs. */
  public RequestStats plus(RequestStats o) {
    return new RequestStats(attempts + o.attempts, retries + o.retries,
        rateLimited + o.rateLimited, limiterWaitNanos + o.limiterWaitNanos,
        retryAfterWaitNanos + o.retryAfterWaitNanos, backoffWaitNanos + o.backoffWaitNanos,
        bytesRead + o.bytesRead);
  }
}
