package dev.sparkfathom.client;

import dev.sparkfathom.api.ApiVersion;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Fathom: base URL, token, time-outs, retries and rate limits. Immutable and
 * serializable (the token redacts itself), so it can travel to executors.
 *
 * @param aggregationRequestsPerMinute budget of aggregations and current visitors, per token
 * @param entityRequestsPerHour budget of every other endpoint, per token
 * @param maxInFlight requests of one token in flight at once (Fathom also caps concurrency)
 * @param maxWait the longest one request waits, in all, for pauses after 429 answers before
 *     it fails; 429s do not count against {@code maxRetries}
 * @param apiVersion the revision of Fathom's API the client speaks: {@link ApiVersion#CURRENT}
 *     (the default, the service as it answers today) or {@link ApiVersion#LEGACY} (the docs
 *     page, for jobs and tests written against it and the emulator's {@code --api legacy});
 *     every {@link AggregationQuery} sent must be built for the same revision
 */
public record ClientConfig(
    String baseUrl,
    ApiToken token,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int maxRetries,
    int aggregationRequestsPerMinute,
    int entityRequestsPerHour,
    int maxInFlight,
    Duration maxWait,
    ApiVersion apiVersion) implements Serializable {

  public static final String DEFAULT_BASE_URL = "https://api.usefathom.com/v1";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Generous: the first run of a new query shape can take many seconds. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(300);
  public static final int DEFAULT_MAX_RETRIES = 5;
  public static final int DEFAULT_AGGREGATIONS_PER_MINUTE = 10;
  public static final int DEFAULT_ENTITY_REQUESTS_PER_HOUR = 2000;
  public static final int DEFAULT_MAX_IN_FLIGHT = 2;
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(10);

  public ClientConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(apiVersion, "apiVersion");
    baseUrl = checkBaseUrl(baseUrl);
    if (maxRetries < 0) {
      throw new IllegalArgumentException("max retries must be 0 or more; got: " + maxRetries);
    }
    if (aggregationRequestsPerMinute < 1) {
      throw new IllegalArgumentException(
          "aggregation requests per minute must be at least 1; got: " + aggregationRequestsPerMinute);
    }
    if (entityRequestsPerHour < 1) {
      throw new IllegalArgumentException(
          "entity requests per hour must be at least 1; got: " + entityRequestsPerHour);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("requests in flight must be at least 1; got: " + maxInFlight);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("max wait must not be negative; got: " + maxWait);
    }
  }

  /** The defaults of the real API, with this token. */
  public static ClientConfig defaults(ApiToken token) {
    return new ClientConfig(DEFAULT_BASE_URL, token, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
        DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_RETRIES, DEFAULT_AGGREGATIONS_PER_MINUTE,
        DEFAULT_ENTITY_REQUESTS_PER_HOUR, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_WAIT, ApiVersion.CURRENT);
  }

  public ClientConfig withBaseUrl(String url) {
    return new ClientConfig(url, token, connectTimeout, readTimeout, callTimeout, maxRetries,
        aggregationRequestsPerMinute, entityRequestsPerHour, maxInFlight, maxWait, apiVersion);
  }

  public ClientConfig withRateLimits(int perMinute, int perHour) {
    return new ClientConfig(baseUrl, token, connectTimeout, readTimeout, callTimeout, maxRetries,
        perMinute, perHour, maxInFlight, maxWait, apiVersion);
  }

  /** Requests in flight at once per token, and the longest wait for 429 pauses. */
  public ClientConfig withBudget(int inFlight, Duration wait) {
    return new ClientConfig(baseUrl, token, connectTimeout, readTimeout, callTimeout, maxRetries,
        aggregationRequestsPerMinute, entityRequestsPerHour, inFlight, wait, apiVersion);
  }

  public ClientConfig withRetries(int retries) {
    return new ClientConfig(baseUrl, token, connectTimeout, readTimeout, callTimeout, retries,
        aggregationRequestsPerMinute, entityRequestsPerHour, maxInFlight, maxWait, apiVersion);
  }

  public ClientConfig withTimeouts(Duration connect, Duration read, Duration call) {
    return new ClientConfig(baseUrl, token, connect, read, call, maxRetries,
        aggregationRequestsPerMinute, entityRequestsPerHour, maxInFlight, maxWait, apiVersion);
  }

  /** The same config speaking another revision of the API. */
  public ClientConfig withApiVersion(ApiVersion version) {
    return new ClientConfig(baseUrl, token, connectTimeout, readTimeout, callTimeout, maxRetries,
        aggregationRequestsPerMinute, entityRequestsPerHour, maxInFlight, maxWait, version);
  }

  /**
   * Accepts {@code https://} anywhere and {@code http://} only on a loopback host (the
   * emulator); strips a trailing slash.
   */
  static String checkBaseUrl(String raw) {
    if (raw.contains("@")) {
      // Checked before anything that echoes the URL: user info may hold a secret.
      throw new IllegalArgumentException("base_url must not hold credentials; pass the token instead");
    }
    URI uri;
    try {
      uri = URI.create(raw.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("base_url is not a URL: '" + raw + "'", e);
    }
    String scheme = uri.getScheme();
    String host = uri.getHost();
    if (host == null || scheme == null) {
      throw new IllegalArgumentException(
          "base_url must look like https://api.usefathom.com/v1; got: '" + raw + "'");
    }
    if (scheme.equals("http")) {
      if (!isLoopback(host)) {
        throw new IllegalArgumentException("base_url may use http:// only for a loopback host"
            + " (localhost, 127.0.0.1, ::1); use https:// for '" + host + "'");
      }
    } else if (!scheme.equals("https")) {
      throw new IllegalArgumentException("base_url must use https:// (or http:// on loopback); got: '"
          + raw + "'");
    }
    String s = uri.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127(\\.\\d{1,3}){3}");
  }

  /**
   * Names this config's token at this base URL without revealing it: keys per-token state
   * (limiter, schedule, site-creation cache). Holds the token's full {@link ApiToken#digest()},
   * so two tokens never share state by a collision of a short fingerprint.
   */
  public String budgetKey() {
    return baseUrl + "#" + token.digest();
  }

  @Override
  public String toString() {
    return "ClientConfig[baseUrl=" + baseUrl + ", token=" + token + ", connectTimeout="
        + connectTimeout + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout
        + ", maxRetries=" + maxRetries + ", aggregationRequestsPerMinute="
        + aggregationRequestsPerMinute + ", entityRequestsPerHour=" + entityRequestsPerHour
        + ", maxInFlight=" + maxInFlight + ", maxWait=" + maxWait + ", apiVersion=" + apiVersion + "]";
  }
}
