package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.emulator.data.Dictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query's filters compiled against the dictionaries: for each filtered field, one boolean
 * per dictionary code (code 0 being null) saying whether a record with that code passes all
 * the filters on the field. All filters are ANDed, several on one field too, so a record
 * passes when it passes every field's table.
 *
 * <p>Semantics: {@code is} equal (case-sensitive), {@code is not} not equal, {@code is like}
 * contains with wildcards ({@link LikeMatcher}), {@code is not like} its negation. A null value
 * is never equal and never like, so it passes {@code is not} and {@code is not like} and fails
 * the other two.
 *
 * @param fields the filtered fields
 * @param passes {@code passes[k][code]} for field {@code fields[k]}
 * @param passesNothing true when some field's table is all false: the answer is empty
 */
record CompiledFilters(Field[] fields, boolean[][] passes, boolean passesNothing) {
  static CompiledFilters compile(List<Filter> filters, Dictionary[] dictionaries) {
    Map<Field, boolean[]> byField = new LinkedHashMap<>();
    for (Filter filter : filters == null ? List.<Filter>of() : filters) {
      Dictionary dictionary = dictionaries[filter.property().ordinal()];
      boolean[] table = byField.computeIfAbsent(filter.property(), f -> {
        boolean[] all = new boolean[dictionary.size()];
        Arrays.fill(all, true);
        return all;
      });
      for (int code = 0; code < table.length; code++) {
        if (table[code] && !test(filter, dictionary.value(code))) {
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

  /** One filter on one value (null when the record has none). */
  static boolean test(Filter filter, String value) {
    return switch (filter.operator()) {
      case IS -> value != null && value.equals(filter.value());
      case IS_NOT -> value == null || !value.equals(filter.value());
      case IS_LIKE -> value != null && LikeMatcher.contains(value, filter.value());
      case IS_NOT_LIKE -> value == null || !LikeMatcher.contains(value, filter.value());
      case MATCHING -> value != null && java.util.regex.Pattern.compile(filter.value()).matcher(value).find();
      case NOT_MATCHING ->
          value == null || !java.util.regex.Pattern.compile(filter.value()).matcher(value).find();
    };
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
