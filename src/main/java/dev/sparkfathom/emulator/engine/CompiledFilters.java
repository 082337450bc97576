package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import dev.sparkfathom.emulator.data.Dictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A query's filters compiled against the dictionaries: for each filtered field, one boolean
 * per dictionary code (code 0 being null) saying whether a record with that code passes all
 * the filters on the field. All filters are ANDed, several on one field too, so a record
 * passes when it passes every field's table.
 *
 * <p>Semantics: {@code is} equal (case-sensitive), {@code is not} not equal, {@code is like}
 * contains with wildcards ({@link LikeMatcher}: {@code %} and {@code _} in the legacy API,
 * {@code *} today), {@code is not like} its negation, {@code matching} a Java regular
 * expression found anywhere in the value ({@link java.util.regex.Matcher#find()},
 * case-sensitive; anchors {@code ^}/{@code $} as written), {@code not matching} its negation.
 * A null value is never equal, like or matching, so it passes exactly the operators that
 * {@link FilterOperator#keepsNulls() keep nulls}. Each pattern is compiled once per query and
 * tested once per dictionary value, not per record.
 *
 * @param fields the filtered fields
 * @param passes {@code passes[k][code]} for field {@code fields[k]}
 * @param passesNothing true when some field's table is all false: the answer is empty
 */
record CompiledFilters(Field[] fields, boolean[][] passes, boolean passesNothing) {
  /**
   * @throws IllegalArgumentException for a {@code matching} value that is not a valid regular
   *     expression (the HTTP layer checks first, with {@link FilterRegex})
   */
  static CompiledFilters compile(List<Filter> filters, Dictionary[] dictionaries,
      ApiVersion api) {
    Map<Field, boolean[]> byField = new LinkedHashMap<>();
    for (Filter filter : filters == null ? List.<Filter>of() : filters) {
      Predicate<String> test = test(filter, api);
      Dictionary dictionary = dictionaries[filter.property().ordinal()];
      boolean[] table = byField.computeIfAbsent(filter.property(), f -> {
        boolean[] all = new boolean[dictionary.size()];
        Arrays.fill(all, true);
        return all;
      });
      for (int code = 0; code < table.length; code++) {
        if (table[code] && !test.test(dictionary.value(code))) {
          table[code] = false;
        }
      }
    }
    List<Field> fields = new ArrayList<>(byField.keySet());
    boolean[][] passes = byField.values().toArray(new boolean[0][]);
    boolean nothing = false;
    for (boolean[] table : passes) {
      nothing |= !anyTrue(table);
    }
    return new CompiledFilters(fields.toArray(new Field[0]), passes, nothing);
  }

  /**
   * One filter as a test of a value (null when the record has none). The operators that keep
   * nulls are exactly the negations ({@code is not}, {@code is not like}, {@code not
   * matching}), so a null passes those and fails the rest.
   */
  static Predicate<String> test(Filter filter, ApiVersion api) {
    String v = filter.value();
    Predicate<String> positive = switch (filter.operator()) {
      case IS, IS_NOT -> v::equals;
      case IS_LIKE, IS_NOT_LIKE -> api == ApiVersion.LEGACY
          ? value -> LikeMatcher.contains(value, v)
          : value -> LikeMatcher.containsStar(value, v);
      case MATCHING, NOT_MATCHING -> {
        Pattern p = FilterRegex.compile(v);
        yield value -> p.matcher(value).find();
      }
    };
    boolean negated = filter.operator().keepsNulls();
    return value -> value == null ? negated : positive.test(value) != negated;
  }

  private static boolean anyTrue(boolean[] table) {
    for (boolean b : table) {
      if (b) {
        return true;
      }
    }
    return false;
  }
}
