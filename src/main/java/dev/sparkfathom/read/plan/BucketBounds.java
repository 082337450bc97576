package dev.sparkfathom.read.plan;

import java.io.Serializable;
import java.time.LocalDateTime;

/**
 * The buckets that pushed {@code date} filters allow: local start times of the first and the last
 * allowed bucket, both inclusive. A {@code null} end is unbounded. Bucket starts are compared with
 * these bounds directly, so a bound that is not itself a bucket start still works as a plain
 * comparison; a {@code first} after {@code last} allows no bucket (the plan is then empty).
 */
public record BucketBounds(LocalDateTime first, LocalDateTime last) implements Serializable {

  /** Both ends unbounded: every bucket is allowed. */
  public static final BucketBounds ALL = new BucketBounds(null, null);

  /** Whether the bucket starting at local time {@code bucketStart} is allowed. */
  public boolean allows(LocalDateTime bucketStart) {
    return (first == null || !bucketStart.isBefore(first))
        && (last == null || !bucketStart.isAfter(last));
  }
}
