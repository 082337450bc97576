package dev.sparkfathom.read;

import dev.sparkfathom.api.Sort;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.pushdown.FilterTranslation;
import dev.sparkfathom.read.pushdown.FilterTranslator;
import dev.sparkfathom.read.pushdown.PushdownContext;
import dev.sparkfathom.read.pushdown.TopNTranslator;
import java.time.Clock;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownTopN;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/**
 * Collects what Spark offers to push and hands it to the pure translators; holds no logic of
 * its own.
 */
public final class FathomScanBuilder implements ScanBuilder, SupportsPushDownFilters,
    SupportsPushDownRequiredColumns, SupportsPushDownLimit, SupportsPushDownTopN {
  private final ReadSpec spec;
  private StructType readSchema;
  private FilterTranslation translation = FilterTranslation.NONE;
  private Integer limit;
  private Sort sort;

  FathomScanBuilder(ReadSpec spec, StructType schema) {
    this.spec = spec;
    this.readSchema = schema;
  }

  /**
   * Sorts Spark's filters into the three kinds of {@link dev.sparkfathom.read.pushdown}:
   * exact (pushed, not returned), widening (pushed and returned for Spark to re-check) and
   * kept (returned only). With {@code pushdown=false} every filter is kept.
   */
  @Override
  public Filter[] pushFilters(Filter[] filters) {
    if (!spec.pushdown()) {
      return filters;
    }
    translation = FilterTranslator.translate(filters, new PushdownContext(
        spec.fieldGrouping(), spec.dateGrouping(), spec.timezone(), spec.assumeDocumentedSemantics()));
    return translation.postScan().toArray(new Filter[0]);
  }

  @Override
  public Filter[] pushedFilters() {
    return translation.pushed().toArray(new Filter[0]);
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    if (spec.pushdown()) {
      readSchema = requiredSchema;
    }
  }

  /**
   * Spark offers a bare {@code LIMIT n} (also {@code show()}'s) only when every filter was
   * pushed exactly. The scan sends it as Fathom's {@code limit} when the read is one request;
   * Spark applies the limit again in any case ({@link #isPartiallyPushed()} stays true), so a
   * read of several windows stays exact by ignoring it.
   */
  @Override
  public boolean pushLimit(int n) {
    if (!spec.pushdown()) {
      return false;
    }
    limit = n;
    return true;
  }

  /**
   * {@code ORDER BY x LIMIT n}, offered like a bare limit only when every filter is exact;
   * pushed when {@link TopNTranslator} can say it as Fathom's {@code sort_by}. Spark sorts and
   * cuts again after the scan ({@link #isPartiallyPushed()} stays true).
   */
  @Override
  public boolean pushTopN(SortOrder[] orders, int n) {
    if (!spec.pushdown()) {
      return false;
    }
    Sort s = TopNTranslator.translate(orders, spec.aggregates(), spec.dateGrouping(),
        spec.assumeDocumentedSemantics());
    if (s == null) {
      return false;
    }
    sort = s;
    limit = n;
    return true;
  }

  /** Spark always cuts again: a pushed limit or top-N only saves rows. */
  @Override
  public boolean isPartiallyPushed() {
    return true;
  }

  @Override
  public Scan build() {
    return new FathomScan(spec, readSchema, translation, new FathomScan.Cut(sort, limit), Clock.systemUTC());
  }
}
