package dev.sparkfathom.cache;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * What a partition needs to use the cache, decided on the driver at planning: where the
 * cache is, the entry's key, the planning time (the "now" of expiry and of the written stamp,
 * so every task of a scan decides alike), and the TTL. A partition carries one only when its
 * window closed before the settle time; open windows have none and are never cached.
 */
public record CachedRequest(String path, CacheKey key, long plannedMillis, Duration ttl) implements Serializable {
  public CachedRequest {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(key, "key");
  }
}
