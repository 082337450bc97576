package dev.sparkfathom.client;

import java.util.Objects;

/**
 * The packed rows of one aggregation ({@link FathomClient#aggregatePacked}) and what they
 * cost; {@code rowCap} as in {@link AggregationResult}.
 */
public record PackedResult(PackedRows rows, RequestStats stats, Integer rowCap) {
  public PackedResult {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(stats, "stats");
  }

  /** True when the answer holds as many rows as the cap (see {@link AggregationResult#mayBeCut}). */
  public boolean mayBeCut() {
    return rowCap != null && rows.size() >= rowCap;
  }
}
