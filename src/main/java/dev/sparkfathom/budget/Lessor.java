package dev.sparkfathom.budget;

import java.io.IOException;
import java.time.Duration;

/** A coordinator as its users see it: in this JVM ({@link Coordinator}) or over HTTP ({@link RemoteLessor}). */
interface Lessor {
  /** Grants the request, or holds it at most {@code hold} and says why it still waits. */
  LeaseAnswer lease(LeaseRequest request, Duration hold) throws IOException, InterruptedException;

  /**
   * Returns a lease. After a 429 ({@code rateLimited}), {@code pause} pauses the bucket for
   * everyone; {@code waited} is how long the request waited for its lease, for the scan's totals.
   */
  void release(Release release) throws IOException;

  /** What the scan {@code tag} has cost so far, as the coordinator counted it. */
  Tally tally(String tag) throws IOException;

  /** A returned lease: see {@link Lessor#release}. */
  record Release(String key, dev.sparkfathom.client.RateLimiter.Bucket bucket, long lease,
      boolean rateLimited, Duration pause, String tag, Duration waited) {}
}
