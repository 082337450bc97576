package dev.sparkfathom.client.model;

import java.util.Map;

/** A new name for an event, 1 to 255 characters (the only part Fathom lets change). */
public record EventUpdate(String name) {
  public EventUpdate {
    Checks.name("event", name);
  }

  public Map<String, String> toFormParameters() {
    return Map.of("name", name);
  }
}
