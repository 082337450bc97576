package dev.sparkfathom.budget;

/**
 * What one scan cost, counted by the coordinator as leases were granted and returned: every
 * HTTP attempt (those of task attempts that failed included, which Spark's task metrics drop),
 * the retries among them, the 429 answers, and the time spent waiting for a lease.
 */
public record Tally(long requests, long retries, long rateLimited, long waitMillis) {
  public static final Tally NONE = new Tally(0, 0, 0, 0);

  /** What this tally counted beyond {@code earlier}. */
  public Tally minus(Tally earlier) {
    return new Tally(requests - earlier.requests, retries - earlier.retries,
        rateLimited - earlier.rateLimited, waitMillis - earlier.waitMillis);
  }
}
