package dev.sparkfathom.client;

import java.util.List;
import java.util.Objects;

/** The decoded rows of one aggregation, in the order Fathom sent them, and what they cost. */
public record AggregationResult(List<AggregationRow> rows, RequestStats stats) {
  public AggregationResult {
    rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
    Objects.requireNonNull(stats, "stats");
  }
}
