package dev.sparkfathom.read;

import dev.sparkfathom.api.Sort;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.pushdown.AggregateTranslator;
import dev.sparkfathom.read.pushdown.FilterTranslation;
import dev.sparkfathom.read.pushdown.FilterTranslator;
import dev.sparkfathom.read.pushdown.GroupedSums;
import dev.sparkfathom.read.pushdown.PushdownContext;
import dev.sparkfathom.read.pushdown.TopNTranslator;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.read.SupportsPushDownAggregates;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownTopN;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects what Spark offers to push and hands it to the pure translators; holds no logic of
 * its own.
 */
public final class FathomScanBuilder implements ScanBuilder, SupportsPushDownFilters,
    SupportsPushDownRequiredColumns, SupportsPushDownLimit, SupportsPushDownTopN,
    SupportsPushDownAggregates {
  private final ReadSpec spec;
  private StructType readSchema;
  private FilterTranslation translation = FilterTranslation.NONE;
  private Integer limit;
  private Sort sort;
  private GroupedSums grouped;
  private FathomScan.Range range;
  /** Site lookups planning sent (for the site's timezone or the range); the scan adds its own. */
  private final AtomicLong siteLookups = new AtomicLong();

  /**
   * Today a read without option {@code timezone} is in its site's timezone: asked here, on the
   * driver while planning, since filters on {@code date} and the windows are computed in it.
   * The same cached site answer gives the site's creation for the range, so a read costs at
   * most one site lookup, counted in the scan's {@link ScanMetrics#SITE_LOOKUPS}.
   */
  FathomScanBuilder(ReadSpec spec, StructType schema) {
    DriverBudget.remember(spec);
    this.spec = spec.timezone() != null ? spec
        : spec.withSiteTimezone(SiteCreation.zone(spec.client(), spec.siteId(), siteLookups::incrementAndGet));
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
        spec.fieldGrouping(), spec.dateGrouping(), spec.timezone(), spec.assumeDocumentedSemantics(),
        spec.hourAsTimestamp(), spec.api()));
    return translation.postScan().toArray(new Filter[0]);
  }

  @Override
  public Filter[] pushedFilters() {
    return translation.pushed().toArray(new Filter[0]);
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    // After a pushed aggregation the read schema is the aggregation's (Spark does not prune then).
    if (spec.pushdown() && grouped == null) {
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
        spec.assumeDocumentedSemantics(), grouped);
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

  /**
   * Complete (Spark does not aggregate again) only when the scan is sure to be at most one
   * request whose rows are the final groups: {@code date} not grouped, and either no
   * {@code date} filter (the request covers the read's own range, which local time always says
   * exactly) or date filters whose buckets one request can cover exactly
   * ({@link ReadPlanner#spansOneRequest}; at a DST edge it cannot, and the scan falls back to
   * per-bucket rows). The range is resolved here once and the scan plans with the same one, so
   * the decision and the plan cannot disagree. With {@code date} grouped there may be several
   * windows; then Spark sums the partial sums, which is exact either way. A complete push is
   * also what lets Spark offer a top-N over the aggregate ({@link #pushTopN}).
   */
  @Override
  public boolean supportCompletePushDown(Aggregation aggregation) {
    GroupedSums g = translate(aggregation);
    if (g == null || g.byDate()) {
      return false;
    }
    if (translation.dateRange().isAll()) {
      return true;
    }
    FathomScan.Range r = range(g);
    return ReadPlanner.spansOneRequest(spec, translation, r.from(), r.to());
  }

  /** The read's range, resolved once (the default start may cost one cached site request). */
  private FathomScan.Range range(GroupedSums g) {
    if (range == null) {
      range = FathomScan.Range.resolve(spec, translation, g, spec.schedule().clock(), SiteCreation::utc,
          siteLookups::incrementAndGet);
    }
    return range;
  }

  /**
   * Pushes a {@code GROUP BY} that {@link AggregateTranslator} can say as a coarser request
   * (Spark offers it only when every filter was pushed exactly). The scan then returns what
   * Spark expects of a pushed aggregation (as the JDBC source does): the group-by columns, then
   * one {@code LongType} column per aggregate, matched by position.
   */
  @Override
  public boolean pushAggregation(Aggregation aggregation) {
    GroupedSums g = translate(aggregation);
    if (g == null) {
      return false;
    }
    List<StructField> out = new ArrayList<>();
    for (String column : g.groupColumns()) {
      StructField f = fieldNamed(column);
      if (f == null) {
        return false;
      }
      out.add(f);
    }
    for (int i = 0; i < g.sums().size(); i++) {
      out.add(DataTypes.createStructField("agg_func_" + i, DataTypes.LongType, true));
    }
    grouped = g;
    readSchema = new StructType(out.toArray(new StructField[0]));
    return true;
  }

  private GroupedSums translate(Aggregation aggregation) {
    if (!spec.pushdown()) {
      return null;
    }
    return AggregateTranslator.translate(aggregation, spec.fieldGrouping(), spec.dateGrouping(), spec.aggregates());
  }

  private StructField fieldNamed(String column) {
    for (StructField f : readSchema.fields()) {
      if (f.name().equalsIgnoreCase(column)) {
        return f;
      }
    }
    return null;
  }

  @Override
  public Scan build() {
    return new FathomScan(spec, readSchema, translation, new FathomScan.Cut(sort, limit), grouped,
        spec.schedule().clock(), SiteCreation::utc, range, siteLookups);
  }
}
