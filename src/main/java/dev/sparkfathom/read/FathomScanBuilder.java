package dev.sparkfathom.read;

import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.pushdown.FilterTranslation;
import dev.sparkfathom.read.pushdown.FilterTranslator;
import dev.sparkfathom.read.pushdown.PushdownContext;
import java.time.Clock;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/**
 * Collects what Spark offers to push and hands it to the pure translators; holds no logic of
 * its own.
 */
public final class FathomScanBuilder implements ScanBuilder, SupportsPushDownFilters,
    SupportsPushDownRequiredColumns, SupportsPushDownLimit {
  private final ReadSpec spec;
  private StructType readSchema;
  private FilterTranslation translation = FilterTranslation.NONE;
  private Integer limit;

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

  @Override
  public Scan build() {
    return new FathomScan(spec, readSchema, translation, limit, Clock.systemUTC());
  }
}
