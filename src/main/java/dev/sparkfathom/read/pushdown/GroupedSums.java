package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Field;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A pushed {@code GROUP BY ... SUM(...)}: what the scan requests and how its rows line up
 * with the columns Spark expects (the group-by columns in GROUP BY order, then one column per
 * aggregate in the aggregation's order).
 *
 * @param groupColumns the group-by columns in GROUP BY order: grouped fields' API names and
 *     possibly {@code date}
 * @param fields the grouped fields among them, in GROUP BY order: the request's coarser
 *     {@code field_grouping}
 * @param byDate whether {@code date} is grouped: the request then keeps its date grouping
 * @param sums the summed aggregate of each aggregate column, in the aggregation's order (an
 *     aggregate may repeat)
 */
public record GroupedSums(List<String> groupColumns, List<Field> fields, boolean byDate,
    List<Aggregate> sums) implements Serializable {

  public GroupedSums {
    groupColumns = List.copyOf(groupColumns);
    fields = List.copyOf(fields);
    sums = List.copyOf(sums);
    if (sums.isEmpty()) {
      throw new IllegalArgumentException("a pushed aggregation sums at least one aggregate");
    }
    Objects.requireNonNull(groupColumns, "groupColumns");
  }

  @Override
  public String toString() {
    return "GROUP BY " + groupColumns + " SUM " + sums.stream().map(Aggregate::apiName).toList();
  }
}
