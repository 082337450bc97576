package dev.sparkfathom.emulator.server;

import java.util.Locale;

/**
 * How aggregations and current visitors are rendered. Entity endpoints look the same in both.
 *
 * <ul>
 *   <li>{@link #OBSERVED} (default), what the live service sends: aggregations as a bare JSON
 *       array with metric values as strings ({@code "123"}; {@code avg_duration} and {@code
 *       bounce_rate} with exactly four decimals, {@code "59.5000"}); current visitors with every
 *       {@code total} as a string, since public clients see both and the string form is the one
 *       that breaks naive clients.
 *   <li>{@link #DOCUMENTED}, what the docs show: the list object {@code
 *       {"object":"list","url":"/v1/aggregations","has_more":false,"data":[..]}} with JSON
 *       numbers; current visitors with numbers.
 * </ul>
 */
public enum ResponseStyle {
  OBSERVED("observed"),
  DOCUMENTED("documented");

  private final String flag;

  ResponseStyle(String flag) {
    this.flag = flag;
  }

  public String flag() {
    return flag;
  }

  /** @throws IllegalArgumentException naming the accepted values */
  public static ResponseStyle parse(String raw) {
    if (raw != null) {
      for (ResponseStyle s : values()) {
        if (s.flag.equals(raw.trim().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "style must be one of observed, documented; got: " + (raw == null ? "nothing" : "'" + raw + "'"));
  }
}
