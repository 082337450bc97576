package dev.sparkfathom.client;

import java.util.List;
import java.util.Objects;

/**
 * The decoded rows of one aggregation, in the order Fathom sent them, and what they cost.
 *
 * @param rowCap the number of rows at which Fathom cuts this answer without saying so ({@link
 *     AggregationQuery#rowCap()}: the {@code limit} sent, or today's default cap for a
 *     field-grouped query without one); null when nothing cuts it
 */
public record AggregationResult(List<AggregationRow> rows, RequestStats stats, Integer rowCap) {
  public AggregationResult {
    rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
    Objects.requireNonNull(stats, "stats");
    if (rowCap != null && rowCap < 1) {
      throw new IllegalArgumentException("rowCap must be at least 1; got: " + rowCap);
    }
  }

  /**
   * True when the answer holds as many rows as the cap: Fathom may have left rows out, and
   * neither pages nor flags it. A caller that needs every row should narrow the query (filters,
   * a shorter range) and ask again.
   */
  public boolean mayBeCut() {
    return rowCap != null && rows.size() >= rowCap;
  }
}
