package dev.sparkfathom.api;

/**
 * A dimension of a pageview or conversion: what {@code field_grouping} groups by and, for
 * most of them, what a filter can test. {@code keyword}, {@code q} and {@code s} can be
 * grouped but the docs list no filter on them.
 */
public enum Field {
  HOSTNAME("hostname", true),
  PATHNAME("pathname", true),
  REFERRER_HOSTNAME("referrer_hostname", true),
  REFERRER_PATHNAME("referrer_pathname", true),
  BROWSER("browser", true),
  COUNTRY_CODE("country_code", true),
  DEVICE_TYPE("device_type", true),
  UTM_CAMPAIGN("utm_campaign", true),
  UTM_CONTENT("utm_content", true),
  UTM_MEDIUM("utm_medium", true),
  UTM_SOURCE("utm_source", true),
  UTM_TERM("utm_term", true),
  KEYWORD("keyword", false),
  Q("q", false),
  REF("ref", true),
  S("s", false);

  private final String apiName;
  private final boolean filterable;

  Field(String apiName, boolean filterable) {
    this.apiName = apiName;
    this.filterable = filterable;
  }

  public String apiName() {
    return apiName;
  }

  /** True when the API accepts filters on this field. */
  public boolean filterable() {
    return filterable;
  }

  /** Parses a {@code field_grouping} name. */
  public static Field parse(String raw) {
    return Names.parse(Field.class, Field::apiName, "field_grouping field", raw);
  }

  /** Looks a field up by its API name; null when there is none. */
  public static Field byName(String raw) {
    for (Field f : values()) {
      if (f.apiName.equals(raw)) {
        return f;
      }
    }
    return null;
  }

  /** Parses a filter {@code property}; accepts {@code country} as the API's alias of country_code. */
  public static Field parseFilterProperty(String raw) {
    String name = raw == null ? null : raw.trim();
    if ("country".equals(name)) {
      return COUNTRY_CODE;
    }
    Field f = byName(name);
    if (f == null || !f.filterable) {
      StringBuilder accepted = new StringBuilder();
      for (Field each : values()) {
        if (each.filterable) {
          accepted.append(accepted.length() == 0 ? "" : ", ").append(each.apiName);
        }
      }
      throw new IllegalArgumentException(
          "filter property must be one of " + accepted + ", country; got: " + Names.quote(raw));
    }
    return f;
  }

  @Override
  public String toString() {
    return apiName;
  }
}
