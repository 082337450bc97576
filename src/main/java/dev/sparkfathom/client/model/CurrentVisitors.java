package dev.sparkfathom.client.model;

import java.util.List;
import java.util.Objects;

/**
 * Current visitors of a site; {@code content} and {@code referrers} are empty unless detailed.
 * Serializable: a streamed answer travels to the executors in its partition.
 */
public record CurrentVisitors(long total, List<CurrentContent> content, List<CurrentReferrer> referrers)
    implements java.io.Serializable {
  public CurrentVisitors {
    content = List.copyOf(Objects.requireNonNull(content, "content"));
    referrers = List.copyOf(Objects.requireNonNull(referrers, "referrers"));
  }
}
