package dev.sparkfathom.client.model;

import java.util.Map;

/** A new event: its name, 1 to 255 characters. Fathom derives the id from it. */
public record EventCreate(String name) {
  public EventCreate {
    Checks.name("event", name);
  }

  public Map<String, String> toFormParameters() {
    return Map.of("name", name);
  }
}
