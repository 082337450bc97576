package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Sort;
import dev.sparkfathom.emulator.data.Dictionary;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The order of an aggregation answer, as a comparator on group numbers. Without
 * {@code sort_by}: date, then the grouped fields in query order, all ascending, null first.
 * With it: by the named key (a requested aggregate, a grouped field, or {@code timestamp}
 * meaning the date), ascending or descending, ties in the default order. Strings compare by
 * {@link String#compareTo} (UTF-16 code units, case-sensitive); date labels compare as
 * strings, which is time order. Descending puts nulls last.
 *
 * <p>Values are compared through ranks computed once per query (a dictionary code's place
 * among the sorted values), so sorting a million groups compares ints.
 */
final class GroupOrder {
  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private GroupOrder() {}

  /**
   * The group numbers in answer order. The default order packs each group's ranks and
   * number into one long when they fit in 63 bits, and sorts those primitives; any other
   * order sorts group numbers with a comparator. A bad sort key fails even when there are no
   * groups, so it fails the same way always.
   */
  static int[] sorted(Sort sort, List<Aggregate> aggregates, List<Field> grouped,
      Groups groups, Bucketer bucketer, Dictionary[] dictionaries) {
    int[] dateRank = ranks(bucketer::label, bucketer.dateCount());
    int[][] fieldRanks = new int[grouped.size()][];
    int bits = bits(bucketer.dateCount()) + bits(groups.size());
    for (int k = 0; k < fieldRanks.length; k++) {
      Dictionary d = dictionaries[grouped.get(k).ordinal()];
      fieldRanks[k] = d.ranks();
      bits += bits(d.size());
    }
    IntSorter.IntComparator order =
        comparator(sort, aggregates, grouped, groups, dateRank, fieldRanks);
    int[] sorted = new int[groups.size()];
    if (sort == null && bits <= 63) {
      sortPacked(sorted, groups, dateRank, fieldRanks, dictionaries, grouped);
      return sorted;
    }
    for (int g = 0; g < sorted.length; g++) {
      sorted[g] = g;
    }
    IntSorter.sort(sorted, order);
    return sorted;
  }

  private static void sortPacked(int[] sorted, Groups groups, int[] dateRank,
      int[][] fieldRanks, Dictionary[] dictionaries, List<Field> grouped) {
    int[] fieldBits = new int[fieldRanks.length];
    for (int k = 0; k < fieldBits.length; k++) {
      fieldBits[k] = bits(dictionaries[grouped.get(k).ordinal()].size());
    }
    int groupBits = bits(groups.size());
    long[] keys = new long[sorted.length];
    for (int g = 0; g < keys.length; g++) {
      long key = dateRank[groups.date(g)];
      for (int k = 0; k < fieldBits.length; k++) {
        key = (key << fieldBits[k]) | fieldRanks[k][groups.code(g, k)];
      }
      keys[g] = (key << groupBits) | g;
    }
    Arrays.sort(keys);
    long mask = (1L << groupBits) - 1;
    for (int i = 0; i < keys.length; i++) {
      sorted[i] = (int) (keys[i] & mask);
    }
  }

  /** Bits to hold the numbers 0 to n - 1. */
  private static int bits(int n) {
    return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  private static IntSorter.IntComparator comparator(Sort sort, List<Aggregate> aggregates, List<Field> grouped,
      Groups groups, int[] dateRank, int[][] fieldRanks) {
    IntSorter.IntComparator byDefault = (a, b) -> {
      int c = Integer.compare(dateRank[groups.date(a)], dateRank[groups.date(b)]);
      for (int k = 0; c == 0 && k < fieldRanks.length; k++) {
        c = Integer.compare(fieldRanks[k][groups.code(a, k)], fieldRanks[k][groups.code(b, k)]);
      }
      return c;
    };
    if (sort == null) {
      return byDefault;
    }
    IntSorter.IntComparator key = key(sort.field(), aggregates, grouped, groups, dateRank,
        fieldRanks);
    return sort.descending()
        ? (a, b) -> {
          int c = key.compare(b, a);
          return c != 0 ? c : byDefault.compare(a, b);
        }
        : (a, b) -> {
          int c = key.compare(a, b);
          return c != 0 ? c : byDefault.compare(a, b);
        };
  }

  private static IntSorter.IntComparator key(String name, List<Aggregate> aggregates,
      List<Field> grouped, Groups groups, int[] dateRank, int[][] fieldRanks) {
    if (Sort.TIMESTAMP.equals(name)) {
      return (a, b) -> Integer.compare(dateRank[groups.date(a)], dateRank[groups.date(b)]);
    }
    for (Aggregate aggregate : aggregates) {
      if (aggregate.apiName().equals(name)) {
        return aggregate.integral()
            ? (a, b) -> Long.compare(groups.count(aggregate, a), groups.count(aggregate, b))
            : (a, b) -> Double.compare(groups.ratio(aggregate, a), groups.ratio(aggregate, b));
      }
    }
    Field field = "country".equals(name) ? Field.COUNTRY_CODE : Field.byName(name);
    int k = field == null ? -1 : grouped.indexOf(field);
    if (k < 0) {
      throw new IllegalArgumentException(
          "sort_by must name a requested aggregate, a grouped field or timestamp; got: '"
              + name + "'");
    }
    int[] rank = fieldRanks[k];
    return (a, b) -> Integer.compare(rank[groups.code(a, k)], rank[groups.code(b, k)]);
  }

  /** {@code rank[i]} = place of value(i) among all values, null first; equal values tie. */
  private static int[] ranks(IntFunction<String> value, int count) {
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> NULLS_FIRST.compare(value.apply(a), value.apply(b)));
    int[] rank = new int[count];
    for (int i = 1; i < count; i++) {
      boolean same = NULLS_FIRST.compare(value.apply(order[i]), value.apply(order[i - 1])) == 0;
      rank[order[i]] = same ? rank[order[i - 1]] : i;
    }
    return rank;
  }
}
