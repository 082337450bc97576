package dev.sparkfathom.client.model;

import java.util.Locale;

/** Who may see a site's dashboard; {@code private} needs a share password. */
public enum Sharing {
  NONE, PRIVATE, PUBLIC;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Sharing parse(String raw) {
    for (Sharing s : values()) {
      if (s.apiName().equals(raw)) {
        return s;
      }
    }
    throw new IllegalArgumentException("sharing must be one of none, private, public; got: "
        + (raw == null ? "nothing" : "'" + raw + "'"));
  }

  @Override
  public String toString() {
    return apiName();
  }
}
