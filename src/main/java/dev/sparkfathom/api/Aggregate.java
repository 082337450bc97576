package dev.sparkfathom.api;

/**
 * A metric Fathom computes per group. Counts and cents are integral; {@code avg_duration}
 * and {@code bounce_rate} are ratios, which cannot be re-aggregated from partial groups.
 */
public enum Aggregate {
  PAGEVIEWS("pageviews", Entity.PAGEVIEW, true),
  VISITS("visits", Entity.PAGEVIEW, true),
  UNIQUES("uniques", Entity.PAGEVIEW, true),
  AVG_DURATION("avg_duration", Entity.PAGEVIEW, false),
  BOUNCE_RATE("bounce_rate", Entity.PAGEVIEW, false),
  CONVERSIONS("conversions", Entity.EVENT, true),
  UNIQUE_CONVERSIONS("unique_conversions", Entity.EVENT, true),
  VALUE("value", Entity.EVENT, true);

  private final String apiName;
  private final Entity entity;
  private final boolean integral;

  Aggregate(String apiName, Entity entity, boolean integral) {
    this.apiName = apiName;
    this.entity = entity;
    this.integral = integral;
  }

  public String apiName() {
    return apiName;
  }

  public Entity entity() {
    return entity;
  }

  /** True for counts and cents (a long); false for the ratios (a double). */
  public boolean integral() {
    return integral;
  }

  /** True when the sum of this metric over sub-groups equals its value over their union. */
  public boolean summable() {
    return integral;
  }

  /** Parses an aggregate name valid for {@code entity}. */
  public static Aggregate parse(String raw, Entity entity) {
    for (Aggregate a : values()) {
      if (a.entity == entity && raw != null && a.apiName.equals(raw.trim().toLowerCase(java.util.Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "aggregate for entity " + entity.apiName() + " must be one of "
            + String.join(", ", entity.aggregates().stream().map(Aggregate::apiName).toList())
            + "; got: " + Names.quote(raw));
  }

  @Override
  public String toString() {
    return apiName;
  }
}
