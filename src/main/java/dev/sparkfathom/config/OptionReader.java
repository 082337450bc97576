package dev.sparkfathom.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Typed, strict access to raw option text. Every message names the option, the bad value
 * and what would be accepted; nothing is guessed ("yes" is not a boolean).
 */
final class OptionReader {
  /** Spark's prefix of session settings that it merges into every read's options. */
  static final String SESSION_PREFIX = "spark.datasource.fathom.";

  private final Map<String, String> values;
  private final Set<String> fromSession;

  /**
   * @param fromSession keys (any case) set in the session as {@code spark.datasource.fathom.<key>},
   *     so messages can say where a key came from
   */
  OptionReader(Map<String, String> raw, Set<String> fromSession) {
    this.values = new TreeMap<>();
    raw.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
    this.fromSession = fromSession.stream().map(k -> k.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Whether the key is (also) set in the session, not only as an option of this read. */
  boolean fromSession(String key) {
    return fromSession.contains(key);
  }

  /** How a message names the key: the session setting when it came from there. */
  String describe(String key) {
    return fromSession(key) ? "'" + key + "' (from the session setting " + SESSION_PREFIX + key + ")"
        : "'" + key + "'";
  }

  /**
   * Refuses keys no option has, so a typo is not silently ignored. That includes {@code path}
   * ({@code load("x")}): a report is named by its options, and Spark adds no path of its own
   * when none is given.
   */
  void refuseUnknown() {
    Set<String> known = FathomOptions.ALL.stream().map(FathomOptions.Info::key).collect(Collectors.toSet());
    List<String> unknown = new ArrayList<>();
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown option" + (unknown.size() > 1 ? "s " : " ")
          + unknown.stream().map(this::describe).collect(Collectors.joining(", "))
          + "; accepted: " + FathomOptions.ALL.stream().map(FathomOptions.Info::key)
              .collect(Collectors.joining(", ")));
    }
  }

  /** The trimmed value, or null when absent or blank. */
  String text(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  boolean has(String key) {
    return text(key) != null;
  }

  int integer(String key, int defaultValue, int min, int max) {
    String v = text(key);
    if (v == null) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw outOfRange(key, v, min, max);
    }
    if (parsed < min || parsed > max) {
      throw outOfRange(key, v, min, max);
    }
    return parsed;
  }

  /**
   * A number of bytes from 0 up, optionally followed by {@code k}, {@code m} or {@code g}
   * (KiB, MiB, GiB; either case); {@code defaultValue} when absent.
   */
  long bytes(String key, long defaultValue) {
    String v = text(key);
    if (v == null) {
      return defaultValue;
    }
    java.util.regex.Matcher m = BYTES.matcher(v);
    if (m.matches()) {
      int shift = m.group(2) == null ? 0 : switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "k" -> 10;
        case "m" -> 20;
        default -> 30;
      };
      try {
        long n = Long.parseLong(m.group(1));
        if (n <= (Long.MAX_VALUE >> shift)) {
          return n << shift;
        }
      } catch (NumberFormatException e) {
        // too many digits for a long: refused below like any other bad value
      }
    }
    throw new IllegalArgumentException("'" + key + "' must be a number of bytes from 0 to "
        + Long.MAX_VALUE + ", optionally followed by k, m or g (KiB, MiB, GiB), e.g. 64m; got: '" + v + "'");
  }

  private static final java.util.regex.Pattern BYTES = java.util.regex.Pattern.compile("(\\d+)\\s*([kKmMgG])?");

  boolean bool(String key, boolean defaultValue) {
    String v = text(key);
    if (v == null) {
      return defaultValue;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(
          "'" + key + "' must be true or false; got: '" + v + "'");
    };
  }

  /** Comma-separated names, trimmed; empty when absent. Refuses empty items. */
  List<String> list(String key) {
    String v = text(key);
    if (v == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String item : v.split(",", -1)) {
      String t = item.trim();
      if (t.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + key + "' must be a comma-separated list without empty items; got: '" + v + "'");
      }
      out.add(t);
    }
    return out;
  }

  private static IllegalArgumentException outOfRange(String key, String v, int min, int max) {
    return new IllegalArgumentException(
        "'" + key + "' must be an integer from " + min + " to " + max + "; got: '" + v + "'");
  }
}
