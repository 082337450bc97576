package dev.sparkfathom.emulator.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct values of one dimension, each with a dense int code. Code 0 is null, so a
 * record's dimension is an int and a filter is a table lookup. Append-only: codes never
 * change while the dictionary lives (a replacing load starts a new one). Not thread-safe; the
 * store guards it with its lock.
 */
public final class Dictionary {
  /** The code of null. */
  public static final int NULL = 0;

  private final Map<String, Integer> codes = new HashMap<>();
  private String[] values = new String[16];
  private int size = 1;
  /** The last ranks computed, for the size they were computed at; queries share them. */
  private volatile Ranks ranks;

  private record Ranks(int size, int[] ranks) {}

  /** The code of {@code value}, adding it when new. */
  public int encode(String value) {
    if (value == null) {
      return NULL;
    }
    Integer code = codes.get(value);
    if (code != null) {
      return code;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size] = value;
    codes.put(value, size);
    return size++;
  }

  /** The value of {@code code}; null for {@link #NULL}. */
  public String value(int code) {
    return values[code];
  }

  /**
   * {@code ranks()[code]} is the place of the code's value among all values in
   * {@link String#compareTo} order, null (code 0) first; no two codes tie, since values are
   * distinct. Computed once per dictionary size, so sorting by a field compares ints. Safe to
   * call from concurrent readers: at worst two compute the same array.
   */
  public int[] ranks() {
    Ranks known = ranks;
    int n = size;
    if (known != null && known.size() == n) {
      return known.ranks();
    }
    Integer[] order = new Integer[n - 1];
    for (int code = 1; code < n; code++) {
      order[code - 1] = code;
    }
    String[] snapshot = values;
    Arrays.sort(order, (a, b) -> snapshot[a].compareTo(snapshot[b]));
    int[] rank = new int[n];
    for (int i = 0; i < order.length; i++) {
      rank[order[i]] = i + 1;
    }
    ranks = new Ranks(n, rank);
    return rank;
  }

  /** Number of codes in use, counting the null code: codes run from 0 to size() - 1. */
  public int size() {
    return size;
  }
}
