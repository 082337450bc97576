package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Sort;
import java.util.Comparator;
import java.util.List;

/**
 * The order of an aggregation answer. Without {@code sort_by}: date, then the grouped fields
 * in query order, all ascending, null first. With it: by the named key (an aggregate of the
 * query, a grouped field, or {@code timestamp} meaning the date), ascending or descending,
 * ties in the default order. Strings compare by {@link String#compareTo} (UTF-16 code units,
 * case-sensitive); date labels compare as strings, which is time order. Descending puts nulls
 * last.
 */
final class ResultSorter {
  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private ResultSorter() {}

  static Comparator<ResultRow> comparator(
      Sort sort, List<Aggregate> aggregates, List<Field> grouped) {
    Comparator<ResultRow> byDefault = defaultOrder(grouped.size());
    if (sort == null) {
      return byDefault;
    }
    Comparator<ResultRow> key = key(sort.field(), aggregates, grouped);
    return (sort.descending() ? key.reversed() : key).thenComparing(byDefault);
  }

  private static Comparator<ResultRow> defaultOrder(int fieldCount) {
    Comparator<ResultRow> order = Comparator.comparing(ResultRow::date, NULLS_FIRST);
    for (int i = 0; i < fieldCount; i++) {
      int index = i;
      order = order.thenComparing(row -> row.fields()[index], NULLS_FIRST);
    }
    return order;
  }

  private static Comparator<ResultRow> key(
      String name, List<Aggregate> aggregates, List<Field> grouped) {
    if (Sort.TIMESTAMP.equals(name)) {
      return Comparator.comparing(ResultRow::date, NULLS_FIRST);
    }
    for (int i = 0; i < aggregates.size(); i++) {
      if (aggregates.get(i).apiName().equals(name)) {
        int index = i;
        return (a, b) -> compareNumbers(a.metrics()[index], b.metrics()[index]);
      }
    }
    Field field = "country".equals(name) ? Field.COUNTRY_CODE : Field.byName(name);
    int index = field == null ? -1 : grouped.indexOf(field);
    if (index < 0) {
      throw new IllegalArgumentException(
          "sort_by must name a requested aggregate, a grouped field or timestamp; got: '"
              + name + "'");
    }
    return Comparator.comparing(row -> row.fields()[index], NULLS_FIRST);
  }

  private static int compareNumbers(Number a, Number b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    return Double.compare(a.doubleValue(), b.doubleValue());
  }
}
