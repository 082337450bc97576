package dev.sparkfathom.api;

import java.util.Arrays;
import java.util.List;

/**
 * A dimension of a pageview or conversion: what {@code field_grouping} groups by and what a
 * filter {@code property} tests, with the rules of each API revision in one place.
 *
 * <p>The docs page ({@link ApiVersion#LEGACY}) groups by the first sixteen fields and filters
 * all of them but {@code keyword}, {@code q} and {@code s}, each with the four legacy
 * operators. Today's API ({@link ApiVersion#CURRENT}) drops {@code q} and {@code s}, adds
 * {@code entry_page}, {@code exit_page} (session-level), {@code referrer_source}, {@code city},
 * {@code state}, {@code region}, {@code operating_system}, and {@code domain} as a property that
 * can be filtered but not grouped; {@code keyword} can be grouped but not filtered. Text
 * properties accept all six operators, categorical ones only {@code is} and {@code is not}.
 */
public enum Field {
  HOSTNAME("hostname", Groups.BOTH, Kind.TEXT),
  PATHNAME("pathname", Groups.BOTH, Kind.TEXT),
  REFERRER_HOSTNAME("referrer_hostname", Groups.BOTH, Kind.TEXT),
  REFERRER_PATHNAME("referrer_pathname", Groups.BOTH, Kind.TEXT),
  BROWSER("browser", Groups.BOTH, Kind.CATEGORICAL),
  COUNTRY_CODE("country_code", Groups.BOTH, Kind.CATEGORICAL),
  DEVICE_TYPE("device_type", Groups.BOTH, Kind.CATEGORICAL),
  UTM_CAMPAIGN("utm_campaign", Groups.BOTH, Kind.TEXT),
  UTM_CONTENT("utm_content", Groups.BOTH, Kind.TEXT),
  UTM_MEDIUM("utm_medium", Groups.BOTH, Kind.TEXT),
  UTM_SOURCE("utm_source", Groups.BOTH, Kind.TEXT),
  UTM_TERM("utm_term", Groups.BOTH, Kind.TEXT),
  KEYWORD("keyword", Groups.BOTH, Kind.NOT_FILTERABLE),
  Q("q", Groups.LEGACY_ONLY, Kind.NOT_FILTERABLE),
  REF("ref", Groups.BOTH, Kind.TEXT),
  S("s", Groups.LEGACY_ONLY, Kind.NOT_FILTERABLE),
  ENTRY_PAGE("entry_page", Groups.CURRENT_ONLY, Kind.TEXT),
  EXIT_PAGE("exit_page", Groups.CURRENT_ONLY, Kind.TEXT),
  REFERRER_SOURCE("referrer_source", Groups.CURRENT_ONLY, Kind.TEXT),
  CITY("city", Groups.CURRENT_ONLY, Kind.CATEGORICAL),
  STATE("state", Groups.CURRENT_ONLY, Kind.CATEGORICAL),
  REGION("region", Groups.CURRENT_ONLY, Kind.CATEGORICAL),
  OPERATING_SYSTEM("operating_system", Groups.CURRENT_ONLY, Kind.CATEGORICAL),
  /** Filter-only, today's API: the record's domain, else its hostname. Never grouped. */
  DOMAIN("domain", Groups.NEVER, Kind.TEXT);

  /** In which revisions a field exists as a grouping field (and as a property at all). */
  private enum Groups {
    BOTH,
    LEGACY_ONLY,
    CURRENT_ONLY,
    /** exists in today's API as a filter property only */
    NEVER
  }

  /** How today's API lets a property be filtered. */
  public enum Kind {
    /** all six operators */
    TEXT,
    /** {@code is} and {@code is not} only */
    CATEGORICAL,
    /** no filter at all */
    NOT_FILTERABLE
  }

  private static final List<FilterOperator> CATEGORICAL_OPERATORS =
      List.of(FilterOperator.IS, FilterOperator.IS_NOT);

  private final String apiName;
  private final Groups groups;
  private final Kind kind;

  Field(String apiName, Groups groups, Kind kind) {
    this.apiName = apiName;
    this.groups = groups;
    this.kind = kind;
  }

  public String apiName() {
    return apiName;
  }

  /** How today's API filters this property. */
  public Kind kind() {
    return kind;
  }

  /** True when {@code version} knows this field at all (as grouping field or property). */
  public boolean exists(ApiVersion version) {
    return switch (groups) {
      case BOTH -> true;
      case LEGACY_ONLY -> version == ApiVersion.LEGACY;
      case CURRENT_ONLY, NEVER -> version == ApiVersion.CURRENT;
    };
  }

  /** True when {@code field_grouping} may name this field in {@code version}. */
  public boolean groupable(ApiVersion version) {
    return groups != Groups.NEVER && exists(version);
  }

  /** True when some revision accepts filters on this field. */
  public boolean filterable() {
    return kind != Kind.NOT_FILTERABLE;
  }

  /** True when {@code version} accepts filters on this property. */
  public boolean filterable(ApiVersion version) {
    return filterable() && exists(version);
  }

  /** The operators {@code version} accepts on this property; empty when not filterable. */
  public List<FilterOperator> operators(ApiVersion version) {
    if (!filterable(version)) {
      return List.of();
    }
    if (version == ApiVersion.LEGACY) {
      return FilterOperator.LEGACY_OPERATORS;
    }
    return kind == Kind.CATEGORICAL ? CATEGORICAL_OPERATORS : List.of(FilterOperator.values());
  }

  /** True when {@code version} accepts {@code operator} on this property. */
  public boolean accepts(FilterOperator operator, ApiVersion version) {
    return operators(version).contains(operator);
  }

  /**
   * @throws IllegalArgumentException naming the property, the operator and the operators the
   *     property accepts (or that it cannot be filtered)
   */
  public void checkOperator(FilterOperator operator, ApiVersion version) {
    if (!filterable(version)) {
      throw new IllegalArgumentException(
          "filter property " + apiName + " cannot be filtered"
              + (version == ApiVersion.CURRENT ? "" : " in the " + version + " API")
              + "; filterable properties: " + filterPropertyNames(version));
    }
    if (!accepts(operator, version)) {
      throw new IllegalArgumentException(
          "filter property " + apiName + " does not accept operator '" + operator.apiName()
              + "'; it accepts: " + FilterOperator.names(operators(version)));
    }
  }

  /** Parses a {@code field_grouping} name valid in some revision. */
  public static Field parse(String raw) {
    Field f = byName(raw == null ? null : raw.trim().toLowerCase(java.util.Locale.ROOT));
    if (f == null || f.groups == Groups.NEVER) {
      throw new IllegalArgumentException(
          "field_grouping field must be one of " + groupingNames(null) + "; got: "
              + Names.quote(raw));
    }
    return f;
  }

  /** Parses a {@code field_grouping} name valid in {@code version}. */
  public static Field parse(String raw, ApiVersion version) {
    Field f = byName(raw == null ? null : raw.trim().toLowerCase(java.util.Locale.ROOT));
    if (f == null || !f.groupable(version)) {
      String why = f == DOMAIN ? " (domain can be filtered but not grouped)" : "";
      throw new IllegalArgumentException(
          "field_grouping field must be one of " + groupingNames(version) + "; got: "
              + Names.quote(raw) + why);
    }
    return f;
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

  /** Parses a filter {@code property} of some revision; accepts {@code country} for country_code. */
  public static Field parseFilterProperty(String raw) {
    Field f = byFilterProperty(raw == null ? null : raw.trim());
    if (f == null) {
      throw new IllegalArgumentException(
          "filter property must be one of " + filterPropertyNames() + "; got: " + Names.quote(raw));
    }
    return f;
  }

  /** Parses a filter {@code property} valid in {@code version}; accepts {@code country}. */
  public static Field parseFilterProperty(String raw, ApiVersion version) {
    Field f = byFilterProperty(raw == null ? null : raw.trim());
    if (f == null || !f.filterable(version)) {
      throw new IllegalArgumentException(
          "filter property must be one of " + filterPropertyNames(version) + "; got: "
              + Names.quote(raw));
    }
    return f;
  }

  /** The filterable field a property names exactly, {@code country} included; null when none. */
  public static Field byFilterProperty(String name) {
    if ("country".equals(name)) {
      return COUNTRY_CODE;
    }
    Field f = byName(name);
    return f != null && f.filterable() ? f : null;
  }

  /** What a filter property may be in any revision, for messages; then the alias. */
  public static String filterPropertyNames() {
    return names(Arrays.stream(values()).filter(Field::filterable).toList()) + ", country";
  }

  /** What a filter property may be in {@code version}, for messages; then the alias. */
  public static String filterPropertyNames(ApiVersion version) {
    return names(Arrays.stream(values()).filter(f -> f.filterable(version)).toList())
        + ", country";
  }

  /** The grouping fields of {@code version} (of any revision when null), for messages. */
  public static String groupingNames(ApiVersion version) {
    return names(
        Arrays.stream(values())
            .filter(f -> version == null ? f.groups != Groups.NEVER : f.groupable(version))
            .toList());
  }

  /** The grouping fields of {@code version}, in enum order. */
  public static List<Field> groupingFields(ApiVersion version) {
    return Arrays.stream(values()).filter(f -> f.groupable(version)).toList();
  }

  private static String names(List<Field> fields) {
    return String.join(", ", fields.stream().map(Field::apiName).toList());
  }

  @Override
  public String toString() {
    return apiName;
  }
}
