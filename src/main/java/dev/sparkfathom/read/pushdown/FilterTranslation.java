package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.Filter;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the scan does with the filters Spark offered it.
 *
 * @param fathomFilters ANDed into every request, next to the option's raw filters
 * @param dateRange the buckets the date filters allow; {@link BucketRange#ALL} when unconstrained
 * @param alwaysFalse no row can pass: the scan makes no request at all and returns no row
 *     (then {@code fathomFilters} is empty, {@code dateRange} is ALL, and every filter is
 *     pushed and none handed back)
 * @param pushed what {@code pushedFilters()} reports: the exact and the widening filters
 * @param postScan what {@code pushFilters()} returns for Spark to evaluate after the scan: the
 *     widening and the kept filters. Each is one of the offered filters or a conjunct of one,
 *     so Spark can rebuild its expression.
 * @param classifications each offered filter (split at its ANDs) with its kind and the reason
 */
public record FilterTranslation(
    List<Filter> fathomFilters,
    BucketRange dateRange,
    boolean alwaysFalse,
    List<org.apache.spark.sql.sources.Filter> pushed,
    List<org.apache.spark.sql.sources.Filter> postScan,
    List<FilterClassification> classifications)
    implements Serializable {

  /** Nothing offered, nothing pushed. */
  public static final FilterTranslation NONE =
      new FilterTranslation(List.of(), BucketRange.ALL, false, List.of(), List.of(), List.of());

  public FilterTranslation {
    fathomFilters = List.copyOf(fathomFilters);
    Objects.requireNonNull(dateRange, "dateRange");
    pushed = List.copyOf(pushed);
    postScan = List.copyOf(postScan);
    classifications = List.copyOf(classifications);
  }

  /**
   * The same, with classifications derived from {@code pushed} and {@code postScan} and no
   * reason: for code that builds a translation by hand (in tests, say).
   */
  public FilterTranslation(
      List<Filter> fathomFilters,
      BucketRange dateRange,
      boolean alwaysFalse,
      List<org.apache.spark.sql.sources.Filter> pushed,
      List<org.apache.spark.sql.sources.Filter> postScan) {
    this(fathomFilters, dateRange, alwaysFalse, pushed, postScan, derive(pushed, postScan));
  }

  /** True when Spark need not re-check anything: aggregates and top-N can then be pushed. */
  public boolean fullyExact() {
    return postScan.isEmpty();
  }

  /**
   * One line for EXPLAIN, e.g. {@code Fathom filters: [pathname is '/blog'], date buckets:
   * 2024-03-01T00:00 .. *, re-checked in Spark: [..], kept in Spark: [..]}.
   */
  public String describe() {
    if (alwaysFalse) {
      String why = classifications.stream()
          .filter(c -> c.reason().startsWith(FilterTranslator.NEVER_PREFIX))
          .map(c -> c.filter() + ": " + c.reason().substring(FilterTranslator.NEVER_PREFIX.length()))
          .collect(Collectors.joining("; "));
      return "no request: the filters can never be true ("
          + (why.isEmpty() ? "together they allow no date bucket" : why) + ")";
    }
    return "Fathom filters: " + fathomFilters
        + ", date buckets: " + dateRange
        + ", re-checked in Spark: " + of(PushKind.WIDENING)
        + ", kept in Spark: " + of(PushKind.KEPT);
  }

  private String of(PushKind kind) {
    return classifications.stream()
        .filter(c -> c.kind() == kind)
        .map(c -> c.filter() + " (" + c.reason() + ")")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public String toString() {
    return describe();
  }

  private static List<FilterClassification> derive(
      List<org.apache.spark.sql.sources.Filter> pushed,
      List<org.apache.spark.sql.sources.Filter> postScan) {
    java.util.ArrayList<FilterClassification> out = new java.util.ArrayList<>();
    for (org.apache.spark.sql.sources.Filter f : pushed) {
      out.add(new FilterClassification(f, postScan.contains(f) ? PushKind.WIDENING : PushKind.EXACT, ""));
    }
    for (org.apache.spark.sql.sources.Filter f : postScan) {
      if (!pushed.contains(f)) {
        out.add(new FilterClassification(f, PushKind.KEPT, ""));
      }
    }
    return out;
  }
}
