package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Sort;
import java.util.List;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.SortDirection;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.expressions.aggregate.Sum;

/**
 * Translates the order of a top-N ({@code ORDER BY ... LIMIT n}) into Fathom's {@code sort_by}.
 * Pushed only when Fathom's order is known to match Spark's where it matters: a single sort
 * key (Fathom sorts by one field, so a second key would break ties differently at the cut),
 * and that key an aggregate of the read (compared as numbers) or {@code date} (chronological,
 * Fathom's {@code timestamp}). Grouped string fields are not pushed: Fathom's collation and
 * null order are not published. Spark sorts and cuts again after the scan, so the pushed
 * order only has to bring the right rows, not put them in order.
 *
 * <p>Over a pushed aggregation Spark 4.2 offers a top-N only when the aggregation was pushed
 * completely (the scan's rows are the final groups), and names the key by the aggregate
 * itself: {@code ORDER BY SUM(pageviews) DESC} arrives as a {@link Sum} of {@code pageviews}.
 * The request then sums exactly that aggregate, so Fathom's {@code sort_by=pageviews:desc}
 * orders the final groups as Spark would.
 */
public final class TopNTranslator {
  private TopNTranslator() {}

  /**
   * @return the Fathom sort, or null when this order cannot be pushed
   */
  public static Sort translate(SortOrder[] orders, List<Aggregate> aggregates,
      DateGrouping dateGrouping, boolean assumeDocumentedSemantics) {
    return translate(orders, aggregates, dateGrouping, assumeDocumentedSemantics, null);
  }

  /**
   * @param grouped the aggregation pushed before the top-N, or null: then the key must be a
   *     {@code SUM} it pushed (a grouped string or {@code date} key is not pushed: the first
   *     for collation, the second because a complete push never groups by date)
   * @return the Fathom sort, or null when this order cannot be pushed
   */
  public static Sort translate(SortOrder[] orders, List<Aggregate> aggregates,
      DateGrouping dateGrouping, boolean assumeDocumentedSemantics, GroupedSums grouped) {
    if (!assumeDocumentedSemantics || orders.length != 1) {
      return null;
    }
    boolean descending = orders[0].direction() == SortDirection.DESCENDING;
    if (grouped != null) {
      if (!(orders[0].expression() instanceof Sum sum) || sum.isDistinct()
          || !(sum.column() instanceof NamedReference summed) || summed.fieldNames().length != 1) {
        return null;
      }
      for (Aggregate a : grouped.sums()) {
        if (a.apiName().equalsIgnoreCase(summed.fieldNames()[0])) {
          return new Sort(a.apiName(), descending);
        }
      }
      return null;
    }
    if (!(orders[0].expression() instanceof NamedReference ref) || ref.fieldNames().length != 1) {
      return null;
    }
    String column = ref.fieldNames()[0];
    if (dateGrouping != null && column.equalsIgnoreCase(PushdownContext.DATE_COLUMN)) {
      return new Sort(Sort.TIMESTAMP, descending);
    }
    for (Aggregate a : aggregates) {
      if (a.apiName().equalsIgnoreCase(column)) {
        return new Sort(a.apiName(), descending);
      }
    }
    return null;
  }
}
