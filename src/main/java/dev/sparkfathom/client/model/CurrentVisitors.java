package dev.sparkfathom.client.model;

import java.util.List;
import java.util.Objects;

/** Current visitors of a site; {@code content} and {@code referrers} are empty unless detailed. */
public record CurrentVisitors(long total, List<CurrentContent> content, List<CurrentReferrer> referrers) {
  public CurrentVisitors {
    content = List.copyOf(Objects.requireNonNull(content, "content"));
    referrers = List.copyOf(Objects.requireNonNull(referrers, "referrers"));
  }
}
