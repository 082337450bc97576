package dev.sparkfathom.client.model;

import java.util.List;
import java.util.Objects;

/** One page of a list endpoint: the objects in the order Fathom sent them, and {@code has_more}. */
public record Page<T>(List<T> data, boolean hasMore) {
  public Page {
    data = List.copyOf(Objects.requireNonNull(data, "data"));
  }
}
