package dev.sparkfathom.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One endpoint call before it becomes HTTP: method, path below the base URL (each segment
 * encoded on its own, so an id cannot add path parts), query and form parameters, the rate
 * budget it draws on, and, for an endpoint today's API has retired, what replaces it (said
 * when Fathom answers 410 Gone; null for the others).
 */
record ApiRequest(String method, List<String> path, Map<String, String> query,
    Map<String, String> form, RateLimiter.Bucket bucket, String replacedBy) {
  ApiRequest {
    path = List.copyOf(path);
    query = ordered(query);
    form = form == null ? null : ordered(form);
  }

  /** Keeps the caller's order, so the query string is stable and tests can read it. */
  private static Map<String, String> ordered(Map<String, String> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  static ApiRequest get(RateLimiter.Bucket bucket, Map<String, String> query, String... path) {
    return new ApiRequest("GET", List.of(path), query, null, bucket, null);
  }

  static ApiRequest post(Map<String, String> form, String... path) {
    return new ApiRequest("POST", List.of(path), Map.of(), form, RateLimiter.Bucket.ENTITIES, null);
  }

  static ApiRequest delete(String... path) {
    return delete(Map.of(), path);
  }

  static ApiRequest delete(Map<String, String> query, String... path) {
    return new ApiRequest("DELETE", List.of(path), query, null, RateLimiter.Bucket.ENTITIES, null);
  }

  /** The same call, for an endpoint today's API retired: a 410 then says to use {@code advice}. */
  ApiRequest retired(String advice) {
    return new ApiRequest(method, path, query, form, bucket, advice);
  }

  /** Only GETs: see {@link RetryPolicy} for why POST and DELETE are not repeated blindly. */
  boolean safeToRepeat() {
    return method.equals("GET");
  }
}
