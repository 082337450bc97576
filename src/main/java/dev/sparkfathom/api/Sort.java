package dev.sparkfathom.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * A {@code sort_by} value: an aggregate, a grouped field or {@code timestamp}, ascending or
 * descending.
 */
public record Sort(String field, boolean descending) implements Serializable {
  public static final String TIMESTAMP = "timestamp";

  public Sort {
    Objects.requireNonNull(field, "field");
  }

  /** Parses {@code field:asc} or {@code field:desc} (the direction defaults to asc). */
  public static Sort parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("sort_by must look like field:asc or field:desc; got: "
          + Names.quote(raw));
    }
    String[] parts = raw.trim().split(":", -1);
    if (parts.length > 2 || parts[0].isEmpty()) {
      throw new IllegalArgumentException(
          "sort_by must look like field:asc or field:desc; got: '" + raw + "'");
    }
    boolean desc = false;
    if (parts.length == 2) {
      switch (parts[1]) {
        case "asc" -> desc = false;
        case "desc" -> desc = true;
        default -> throw new IllegalArgumentException(
            "sort_by direction must be asc or desc; got: '" + raw + "'");
      }
    }
    return new Sort(parts[0], desc);
  }

  public String apiValue() {
    return field + (descending ? ":desc" : ":asc");
  }

  @Override
  public String toString() {
    return apiValue();
  }
}
