package dev.sparkfathom.client.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The currencies Fathom's {@code POST /sites/{id}/events/currency} accepts for an event's
 * {@code value}; {@code integer} counts plain numbers, {@code none} turns values off.
 */
public enum EventCurrency {
  DOLLAR, POUND, EURO, YUAN, PESO, SHEKEL, YEN, WON, HRYVNIA, FRANC, RUPEE, INTEGER, NONE;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the accepted values */
  public static EventCurrency parse(String raw) {
    for (EventCurrency c : values()) {
      if (c.apiName().equals(raw)) {
        return c;
      }
    }
    throw new IllegalArgumentException("currency must be one of "
        + Arrays.stream(values()).map(EventCurrency::apiName).collect(Collectors.joining(", "))
        + "; got: " + (raw == null ? "nothing" : "'" + raw + "'"));
  }

  @Override
  public String toString() {
    return apiName();
  }
}
