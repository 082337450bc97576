package dev.sparkfathom.read.pushdown;

import java.io.Serializable;
import java.util.Objects;

/**
 * How one Spark filter (a conjunct of what the scan was offered) is handled, and why: the
 * translation for exact and widening filters, the obstacle for kept ones.
 */
public record FilterClassification(
    org.apache.spark.sql.sources.Filter filter, PushKind kind, String reason)
    implements Serializable {

  public FilterClassification {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  /** {@code EqualTo(pathname,/blog): exact (pathname is '/blog')}. */
  @Override
  public String toString() {
    return filter + ": " + kind + " (" + reason + ")";
  }
}
