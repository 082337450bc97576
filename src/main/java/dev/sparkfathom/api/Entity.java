package dev.sparkfathom.api;

import java.util.Arrays;
import java.util.List;

/** What an aggregation reports on: a site's pageviews or an event's conversions. */
public enum Entity {
  PAGEVIEW("pageview"),
  EVENT("event");

  private final String apiName;

  Entity(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  /** The aggregates this entity supports, in the order the docs list them. */
  public List<Aggregate> aggregates() {
    return Arrays.stream(Aggregate.values()).filter(a -> a.entity() == this).toList();
  }

  /** @throws IllegalArgumentException naming the accepted values */
  public static Entity parse(String raw) {
    return Names.parse(Entity.class, Entity::apiName, "entity", raw);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
