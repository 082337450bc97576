package dev.sparkfathom.budget;

import dev.sparkfathom.client.RateLimiter.Bucket;
import java.time.Duration;
import java.util.Objects;

/**
 * What one HTTP attempt asks the coordinator for: a place in {@code key}'s {@code bucket}, under
 * the asker's own {@code limit} (requests per the bucket's window) and {@code maxInFlight}, for
 * at most {@code ttl} (after which the lease expires, so a killed task cannot keep it), waiting
 * at most {@code maxPause} for a pause after 429s. {@code tag} names the scan that asks, for its
 * totals; {@code attempt} is 1 for a request's first attempt.
 */
public record LeaseRequest(String key, Bucket bucket, int limit, int maxInFlight, Duration ttl,
    Duration maxPause, String tag, int attempt) {
  public LeaseRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(maxPause, "maxPause");
    Objects.requireNonNull(tag, "tag");
    if (limit < 1 || maxInFlight < 1 || attempt < 1) {
      throw new IllegalArgumentException("limit, requests in flight and attempt must be at least 1;"
          + " got: " + limit + ", " + maxInFlight + ", " + attempt);
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease time-to-live must be positive; got: " + ttl);
    }
  }

  /** The same request with less pause left to wait. */
  LeaseRequest withMaxPause(Duration value) {
    return new LeaseRequest(key, bucket, limit, maxInFlight, ttl, value, tag, attempt);
  }
}
