package dev.sparkfathom.budget;

import dev.sparkfathom.client.RateLimiter.Bucket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coordinator's HTTP protocol, one home for both ends: paths, the secret's header, and
 * requests and answers as {@code application/x-www-form-urlencoded} text. Durations travel as
 * whole milliseconds, relative (never as instants: the two ends' clocks need not agree).
 */
final class Wire {
  static final String LEASE = "/budget/v1/lease";
  static final String RELEASE = "/budget/v1/release";
  static final String TALLY = "/budget/v1/tally";
  static final String SECRET_HEADER = "X-Fathom-Budget-Secret";
  static final int MAX_BODY = 16 * 1024;

  private Wire() {}

  static String form(Map<String, String> values) {
    StringBuilder s = new StringBuilder();
    values.forEach((k, v) -> {
      if (s.length() > 0) {
        s.append('&');
      }
      s.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    return s.toString();
  }

  static Map<String, String> parse(String form) {
    Map<String, String> out = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) {
      return out;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  static Map<String, String> leaseRequest(LeaseRequest r, Duration hold) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("key", r.key());
    m.put("bucket", r.bucket().name());
    m.put("limit", Integer.toString(r.limit()));
    m.put("in_flight", Integer.toString(r.maxInFlight()));
    m.put("ttl_ms", Long.toString(r.ttl().toMillis()));
    m.put("max_pause_ms", Long.toString(r.maxPause().toMillis()));
    m.put("tag", r.tag());
    m.put("attempt", Integer.toString(r.attempt()));
    m.put("hold_ms", Long.toString(hold.toMillis()));
    return m;
  }

  static LeaseRequest leaseRequest(Map<String, String> m) {
    return new LeaseRequest(text(m, "key"), bucket(m), integer(m, "limit"), integer(m, "in_flight"),
        millis(m, "ttl_ms"), millis(m, "max_pause_ms"), text(m, "tag"), integer(m, "attempt"));
  }

  static Map<String, String> answer(LeaseAnswer a) {
    Map<String, String> m = new LinkedHashMap<>();
    if (a instanceof LeaseAnswer.Granted g) {
      m.put("granted", Long.toString(g.lease()));
      m.put("paused_ms", Long.toString(g.paused().toMillis()));
    } else if (a instanceof LeaseAnswer.Wait w) {
      m.put("wait_ms", Long.toString(w.delay().toMillis()));
      m.put("reason", w.reason().name());
      m.put("paused_ms", Long.toString(w.paused().toMillis()));
    } else {
      m.put("paused_too_long_ms", Long.toString(((LeaseAnswer.PausedTooLong) a).pause().toMillis()));
    }
    return m;
  }

  static LeaseAnswer answer(Map<String, String> m) {
    if (m.containsKey("granted")) {
      return new LeaseAnswer.Granted(Long.parseLong(text(m, "granted")), millis(m, "paused_ms"));
    }
    if (m.containsKey("wait_ms")) {
      return new LeaseAnswer.Wait(millis(m, "wait_ms"), LeaseAnswer.Reason.valueOf(text(m, "reason")),
          millis(m, "paused_ms"));
    }
    return new LeaseAnswer.PausedTooLong(millis(m, "paused_too_long_ms"));
  }

  static Map<String, String> release(Lessor.Release r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("key", r.key());
    m.put("bucket", r.bucket().name());
    m.put("lease", Long.toString(r.lease()));
    m.put("rate_limited", Boolean.toString(r.rateLimited()));
    m.put("pause_ms", Long.toString(r.pause().toMillis()));
    m.put("tag", r.tag());
    m.put("waited_ms", Long.toString(r.waited().toMillis()));
    return m;
  }

  static Lessor.Release release(Map<String, String> m) {
    String limited = text(m, "rate_limited");
    if (!limited.equals("true") && !limited.equals("false")) {
      throw new IllegalArgumentException("'rate_limited' must be true or false; got: '" + limited + "'");
    }
    return new Lessor.Release(text(m, "key"), bucket(m), Long.parseLong(text(m, "lease")),
        limited.equals("true"), millis(m, "pause_ms"), text(m, "tag"), millis(m, "waited_ms"));
  }

  static Map<String, String> tally(Tally t) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("requests", Long.toString(t.requests()));
    m.put("retries", Long.toString(t.retries()));
    m.put("rate_limited", Long.toString(t.rateLimited()));
    m.put("wait_ms", Long.toString(t.waitMillis()));
    return m;
  }

  static Tally tally(Map<String, String> m) {
    return new Tally(Long.parseLong(text(m, "requests")), Long.parseLong(text(m, "retries")),
        Long.parseLong(text(m, "rate_limited")), Long.parseLong(text(m, "wait_ms")));
  }

  private static String text(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("'" + key + "' is missing");
    }
    return v;
  }

  private static int integer(Map<String, String> m, String key) {
    try {
      return Integer.parseInt(text(m, key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + key + "' must be an integer; got: '" + m.get(key) + "'");
    }
  }

  private static Duration millis(Map<String, String> m, String key) {
    try {
      long v = Long.parseLong(text(m, key));
      if (v < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + key + "' must be milliseconds, 0 or more; got: '"
          + m.get(key) + "'");
    }
  }

  private static Bucket bucket(Map<String, String> m) {
    String b = text(m, "bucket");
    try {
      return Bucket.valueOf(b);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'bucket' must be AGGREGATIONS or ENTITIES; got: '" + b + "'");
    }
  }
}
