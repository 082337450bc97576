package dev.sparkfathom.read;

import dev.sparkfathom.client.AggregationRow;
import java.util.List;

/** Lets the benchmarks (in the client's package) ask the cache's estimate of held bytes. */
public final class RowBytesProbe {
  private RowBytesProbe() {}

  /** The estimate per row of the list, as {@link PartitionResultCache} counts it. */
  public static long perRow(List<AggregationRow> rows) {
    return rows.isEmpty() ? 0 : RowBytes.of(rows, Long.MAX_VALUE) / rows.size();
  }
}
