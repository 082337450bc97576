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
    Field f = byFilterProperty(raw == null ? null : raw.trim());
    if (f == null) {
      throw new IllegalArgumentException(
          "filter property must be one of " + filterPropertyNames() + "; got: " + Names.quote(raw));
    }
    return f;
  }

  /** The filterable field a property names exactly, {@code country} included; null when none. */
  public static Field byFilterProperty(String name) {
    if ("country".equals(name)) {
      return COUNTRY_CODE;
    }
    Field f = byName(name);
    return f != null && f.filterable ? f : null;
  }

  /** What a filter property may be, for messages: the filterable fields, then the alias. */
  public static String filterPropertyNames() {
    StringBuilder accepted = new StringBuilder();
    for (Field each : values()) {
      if (each.filterable) {
        accepted.append(each.apiName).append(", ");
      }
    }
    return accepted.append("country").toString();
  }

  @Override
  public String toString() {
    return apiName;
  }
}
