package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Sort;
import java.util.List;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.SortDirection;
import org.apache.spark.sql.connector.expressions.SortOrder;

/**
 * Translates the order of a top-N ({@code ORDER BY ... LIMIT n}) into Fathom's {@code sort_by}.
 * Pushed only when Fathom's order is known to match Spark's where it matters: a single sort
 * key (Fathom sorts by one field, so a second key would break ties differently at the cut),
 * and that key an aggregate of the read (compared as numbers) or {@code date} (chronological,
 * Fathom's {@code timestamp}). Grouped string fields are not pushed: Fathom's collation and
 * null order are not published. Spark sorts and cuts again after the scan, so the pushed
 * order only has to bring the right rows, not put them in order.
 */
public final class TopNTranslator {
  private TopNTranslator() {}

  /**
   * @return the Fathom sort, or null when this order cannot be pushed
   */
  public static Sort translate(SortOrder[] orders, List<Aggregate> aggregates,
      DateGrouping dateGrouping, boolean assumeDocumentedSemantics) {
    if (!assumeDocumentedSemantics || orders.length != 1
        || !(orders[0].expression() instanceof NamedReference ref) || ref.fieldNames().length != 1) {
      return null;
    }
    String column = ref.fieldNames()[0];
    boolean descending = orders[0].direction() == SortDirection.DESCENDING;
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
