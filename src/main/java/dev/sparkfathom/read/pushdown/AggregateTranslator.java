package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.expressions.aggregate.Sum;

/**
 * Translates a {@code GROUP BY} Spark offers into a coarser Fathom request. Pushed only when
 * the result is the same as Spark summing the relation's rows:
 *
 * <ul>
 *   <li>every group-by expression is a grouped field of the read, or {@code date} when the
 *       read has a date grouping (Fathom groups by whole fields and buckets, as Spark does);
 *   <li>at least one group-by column: a global {@code SUM} over no rows is one null row in
 *       Spark, and an ungrouped Fathom request may answer with zeros instead;
 *   <li>every aggregate is a plain (not {@code DISTINCT}) {@code SUM} of a summable aggregate
 *       of the read ({@code pageviews}, {@code visits}, {@code uniques}, {@code conversions},
 *       {@code unique_conversions}, {@code value}): a coarser group's value is the sum of its
 *       finer groups' values. {@code avg_duration} and {@code bounce_rate} cannot be
 *       re-aggregated; {@code COUNT}, {@code MIN}, {@code MAX} and {@code AVG} are not what
 *       Fathom computes.
 * </ul>
 */
public final class AggregateTranslator {
  private AggregateTranslator() {}

  /**
   * @param fieldGrouping the read's grouped fields
   * @param dateGrouping the read's date grouping, or null
   * @param aggregates the read's aggregates
   * @return the pushed aggregation, or null when it cannot be pushed
   */
  public static GroupedSums translate(Aggregation aggregation, List<Field> fieldGrouping,
      DateGrouping dateGrouping, List<Aggregate> aggregates) {
    Expression[] groupBy = aggregation.groupByExpressions();
    if (groupBy.length == 0) {
      return null;
    }
    List<String> columns = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    boolean byDate = false;
    for (Expression e : groupBy) {
      String name = column(e);
      if (name == null) {
        return null;
      }
      if (dateGrouping != null && name.equalsIgnoreCase(PushdownContext.DATE_COLUMN)) {
        if (byDate) {
          return null;
        }
        byDate = true;
        columns.add(PushdownContext.DATE_COLUMN);
        continue;
      }
      Field f = fieldNamed(fieldGrouping, name);
      if (f == null || fields.contains(f)) {
        return null;
      }
      fields.add(f);
      columns.add(f.apiName());
    }
    List<Aggregate> sums = new ArrayList<>();
    for (AggregateFunc func : aggregation.aggregateExpressions()) {
      if (!(func instanceof Sum sum) || sum.isDistinct()) {
        return null;
      }
      String name = column(sum.column());
      Aggregate a = name == null ? null : aggregateNamed(aggregates, name);
      if (a == null || !a.summable()) {
        return null;
      }
      sums.add(a);
    }
    if (sums.isEmpty()) {
      return null;
    }
    return new GroupedSums(columns, fields, byDate, sums);
  }

  private static String column(Expression e) {
    return e instanceof NamedReference ref && ref.fieldNames().length == 1 ? ref.fieldNames()[0] : null;
  }

  private static Field fieldNamed(List<Field> fields, String name) {
    for (Field f : fields) {
      if (f.apiName().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  private static Aggregate aggregateNamed(List<Aggregate> aggregates, String name) {
    for (Aggregate a : aggregates) {
      if (a.apiName().equalsIgnoreCase(name)) {
        return a;
      }
    }
    return null;
  }
}
