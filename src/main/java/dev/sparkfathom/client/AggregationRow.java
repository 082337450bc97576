package dev.sparkfathom.client;

import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * One decoded row of an aggregation answer, laid out by the query that asked for it:
 * {@code bucket} is the local start of the row's date bucket in the query's timezone, read
 * from Fathom's {@code date} label (null without date grouping), {@code fields[i]} the
 * value of the query's i-th grouping field (null, "" or "un" as the API sent it), and
 * {@code metrics[i]} the i-th aggregate: a {@link Long} for integral aggregates, a
 * {@link Double} for ratios, null when the API left it out.
 */
public record AggregationRow(LocalDateTime bucket, String[] fields, Number[] metrics) {
  @Override
  public boolean equals(Object o) {
    return o instanceof AggregationRow r && java.util.Objects.equals(bucket, r.bucket)
        && Arrays.equals(fields, r.fields) && Arrays.equals(metrics, r.metrics);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * java.util.Objects.hashCode(bucket) + Arrays.hashCode(fields)) + Arrays.hashCode(metrics);
  }

  @Override
  public String toString() {
    return "AggregationRow[bucket=" + bucket + ", fields=" + Arrays.toString(fields)
        + ", metrics=" + Arrays.toString(metrics) + "]";
  }
}
