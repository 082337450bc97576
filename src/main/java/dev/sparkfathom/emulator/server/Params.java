package dev.sparkfathom.emulator.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of one request: those of the query string, then those of an {@code
 * application/x-www-form-urlencoded} body. When a name repeats, the last value wins, as in
 * PHP (the real service is a Laravel application). Unknown names are ignored, as the real
 * service does.
 */
public final class Params {
  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static Params of(Map<String, String> values) {
    return new Params(new LinkedHashMap<>(values));
  }

  /**
   * Parses a raw (still percent-encoded) query string and form body; either may be null.
   *
   * @throws ApiException 400 when an escape is malformed
   */
  public static Params parse(String rawQuery, String formBody) {
    Map<String, String> out = new LinkedHashMap<>();
    addAll(out, rawQuery);
    addAll(out, formBody);
    return new Params(out);
  }

  private static void addAll(Map<String, String> out, String raw) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.remove(name);
      out.put(name, value);
    }
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("malformed percent-encoding in the parameters: '" + raw + "'");
    }
  }

  /** These parameters, then {@code more} (which win on a clash). */
  public Params plus(Map<String, String> more) {
    Map<String, String> out = new LinkedHashMap<>(values);
    more.forEach((k, v) -> {
      out.remove(k);
      out.put(k, v);
    });
    return new Params(out);
  }

  /** The value, or null when absent or empty (an empty form field counts as not sent). */
  public String get(String name) {
    String v = values.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** True when the name was sent at all, even empty. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** @throws ApiException 400 {@code 'name' is required} */
  public String required(String name) {
    String v = get(name);
    if (v == null) {
      throw ApiException.badRequest("'" + name + "' is required");
    }
    return v;
  }

  /** All parameters in the order sent, for the request log. */
  public Map<String, String> asMap() {
    return values;
  }

  /**
   * An optional whole number from {@code min} to {@code max}.
   *
   * @throws ApiException 400 naming the parameter and the accepted range
   */
  public Integer intInRange(String name, int min, int max) {
    String raw = get(name);
    if (raw == null) {
      return null;
    }
    String accepted = max == Integer.MAX_VALUE
        ? "a whole number of at least " + min : "a whole number from " + min + " to " + max;
    if (!raw.matches("[0-9]{1,10}")) {
      throw ApiException.badRequest("'" + name + "' must be " + accepted + "; got: '" + raw + "'");
    }
    long v = Long.parseLong(raw);
    if (v < min || v > max) {
      throw ApiException.badRequest("'" + name + "' must be " + accepted + "; got: '" + raw + "'");
    }
    return (int) v;
  }

  /**
   * An optional boolean as Laravel's validator accepts it: true, false, 1 or 0.
   *
   * @throws ApiException 400 naming the parameter and the accepted values
   */
  public boolean bool(String name, boolean absent) {
    String raw = get(name);
    if (raw == null) {
      return absent;
    }
    return switch (raw) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiException.badRequest(
          "'" + name + "' must be one of true, false, 1, 0; got: '" + raw + "'");
    };
  }
}
