package dev.sparkfathom.api;

/**
 * Which revision of Fathom's API a rule belongs to. {@link #CURRENT} is the service as it
 * answers today ({@code fathom-api-current.md}): row cap, site timezones, events by name, six
 * filter operators with per-property sets. {@link #LEGACY} is the docs page the project
 * started from, kept so jobs written against it (and the emulator's {@code --api legacy}) keep
 * a reference.
 */
public enum ApiVersion {
  CURRENT("current"),
  LEGACY("legacy");

  private final String apiName;

  ApiVersion(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  /** The filter operators this revision knows, in documentation order. */
  public java.util.List<FilterOperator> operators() {
    return this == LEGACY
        ? FilterOperator.LEGACY_OPERATORS
        : java.util.List.of(FilterOperator.values());
  }

  /** @throws IllegalArgumentException naming the accepted values */
  public static ApiVersion parse(String raw) {
    return Names.parse(ApiVersion.class, ApiVersion::apiName, "api version", raw);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
