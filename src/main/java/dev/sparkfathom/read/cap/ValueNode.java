package dev.sparkfathom.read.cap;

import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A set of values of one property, described so that Fathom's {@code matching},
 * {@code not matching} and {@code is} select it exactly:
 * <ul>
 *   <li>positive ({@code !negated}): the values {@code prefix + s} where {@code s} starts with
 *       one of {@code next} (never the prefix itself, never null; an empty {@code next} with
 *       {@code end} is the single value {@code prefix}, with {@code nulls} only null);
 *   <li>negated: the values {@code prefix + s}, {@code s} not empty and starting with none of
 *       {@code next}, plus {@code prefix} itself when {@code end}, plus null when
 *       {@code nulls}.
 * </ul>
 * {@code next} is prefix-free. The root {@link #all()} holds every value, null included.
 *
 * <p>{@link #split} cuts a set into disjoint children that together hold exactly its values,
 * guided by a sample of the values it holds; a single value (or only null) cannot be split.
 * Where null lands rests on the null rule of {@code not matching} (documented for the
 * emulator, unpublished for the live service): {@link #reliesOnNullRule()} says which sets
 * depend on it.
 */
public record ValueNode(String prefix, SortedSet<String> next, boolean negated, boolean end,
    boolean nulls) {
  /** At most this many classes of continuations per split (plus the remainder). */
  static final int CLASSES = 3;

  public ValueNode {
    Objects.requireNonNull(prefix, "prefix");
    next = new TreeSet<>(next);
    if (nulls && !prefix.isEmpty()) {
      throw new IllegalArgumentException("null cannot start with a prefix");
    }
    if (!negated && !next.isEmpty() && (end || nulls)) {
      throw new IllegalArgumentException("a positive set of continuations holds neither the prefix nor null");
    }
  }

  /** Every value, null included. */
  public static ValueNode all() {
    return new ValueNode("", new TreeSet<>(), true, true, true);
  }

  static ValueNode only(String value) {
    return new ValueNode(value, new TreeSet<>(), false, true, false);
  }

  static ValueNode onlyNull() {
    return new ValueNode("", new TreeSet<>(), false, false, true);
  }

  /** The values {@code prefix + w + ...}, {@code w} in {@code ws}; one w becomes a longer prefix. */
  static ValueNode startingWith(String prefix, List<String> ws) {
    if (ws.size() == 1) {
      return new ValueNode(prefix + ws.get(0), new TreeSet<>(), true, true, false);
    }
    return new ValueNode(prefix, new TreeSet<>(ws), false, false, false);
  }

  public boolean contains(String value) {
    if (value == null) {
      return nulls;
    }
    if (!value.startsWith(prefix)) {
      return false;
    }
    String s = value.substring(prefix.length());
    if (s.isEmpty()) {
      return end;
    }
    return next.stream().anyMatch(s::startsWith) != negated;
  }

  /** True when the set holds one value or only null: nothing left to split. */
  public boolean single() {
    return !negated && next.isEmpty() && end != nulls;
  }

  /** The Fathom filters (ANDed) that select exactly this set on {@code property}. */
  public List<Filter> filters(Field property) {
    String p = "^" + Regex.literal(prefix);
    List<Filter> out = new ArrayList<>();
    if (!negated) {
      if (!next.isEmpty()) {
        out.add(new Filter(property, FilterOperator.MATCHING, p + alternatives(next)));
      } else if (end && !nulls) {
        out.add(Filter.is(property, prefix));
      } else if (nulls && !end) {
        out.add(new Filter(property, FilterOperator.NOT_MATCHING, "^"));
      } else {
        throw new IllegalStateException("no filter selects exactly " + this);
      }
      return out;
    }
    if (nulls && !end) {
      throw new IllegalStateException("no filter selects exactly " + this);
    }
    if (!nulls) {
      out.add(new Filter(property, FilterOperator.MATCHING, end ? p : p + "[\\s\\S]"));
    }
    if (!next.isEmpty()) {
      out.add(new Filter(property, FilterOperator.NOT_MATCHING, p + alternatives(next)));
    }
    return out;
  }

  private static String alternatives(SortedSet<String> ws) {
    if (ws.stream().allMatch(w -> w.codePointCount(0, w.length()) == 1)) {
      return ws.size() == 1 ? Regex.literal(ws.first())
          : Regex.charClass(ws.stream().map(w -> w.codePointAt(0)).toList(), false);
    }
    List<String> parts = ws.stream().map(Regex::literal).toList();
    return parts.size() == 1 ? parts.get(0) : "(?:" + String.join("|", parts) + ")";
  }

  /** True when whether null lands in this set rests on the null rule of {@code not matching}. */
  public boolean reliesOnNullRule() {
    return nulls && !(negated && next.isEmpty());
  }

  /**
   * Disjoint children that together hold exactly this set's values; empty when it is a single
   * value. {@code sample} holds values of this set (from a cut answer) and guides the cuts.
   *
   * @throws IllegalArgumentException when a sample value is not in this set, or there is none
   */
  public List<ValueNode> split(List<String> sample) {
    if (single()) {
      return List.of();
    }
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("no sample to split " + this + " by");
    }
    // The rest of each longer sample value after the prefix, grouped by its first character.
    Map<Integer, List<String>> byFirst = new LinkedHashMap<>();
    for (String v : sample) {
      if (!contains(v)) {
        throw new IllegalArgumentException("sample value " + v + " is not in " + this);
      }
      if (v != null && v.length() > prefix.length()) {
        String s = v.substring(prefix.length());
        byFirst.computeIfAbsent(s.codePointAt(0), k -> new ArrayList<>()).add(s);
      }
    }
    List<ValueNode> out = new ArrayList<>();
    if (!negated) {
      // A positive set of continuations (two or more): cut it into groups by sample weight.
      List<String> ws = new ArrayList<>(next);
      List<Integer> weights = ws.stream().map(w -> weight(w, byFirst)).toList();
      for (List<String> g : groups(ws, weights, Math.min(CLASSES, ws.size()))) {
        out.add(startingWith(prefix, g));
      }
      return out;
    }
    if (byFirst.isEmpty()) {
      // Only the prefix itself and/or null were seen: take them apart from the longer values.
      if (nulls) {
        out.add(onlyNull());
      }
      if (end) {
        out.add(only(prefix));
      }
      out.add(new ValueNode(prefix, next, true, false, false));
      return out;
    }
    List<String> free = new ArrayList<>();
    List<Integer> freeWeights = new ArrayList<>();
    TreeSet<String> excluded = new TreeSet<>();
    for (List<String> rests : byFirst.values()) {
      String w = commonPrefix(rests);
      excluded.add(w);
      List<String> inside = new ArrayList<>();
      for (String x : next) {
        if (x.startsWith(w)) {
          inside.add(x.substring(w.length()));
        }
      }
      if (inside.isEmpty()) {
        free.add(w);
        freeWeights.add(rests.size());
      } else {
        // w starts some excluded continuations: its child keeps excluding what lies past w.
        out.add(new ValueNode(prefix + w, new TreeSet<>(inside), true, true, false));
      }
    }
    for (List<String> g : groups(free, freeWeights, CLASSES)) {
      out.add(startingWith(prefix, g));
    }
    for (String x : next) {
      if (excluded.stream().noneMatch(x::startsWith)) {
        excluded.add(x);
      }
    }
    out.add(new ValueNode(prefix, excluded, true, end, nulls));
    return out;
  }

  private static int weight(String w, Map<Integer, List<String>> byFirst) {
    return (int) byFirst.getOrDefault(w.codePointAt(0), List.of()).stream().filter(s -> s.startsWith(w)).count();
  }

  /** The longest common prefix, whole code points only. */
  static String commonPrefix(List<String> values) {
    String first = values.get(0);
    int n = first.length();
    for (String v : values) {
      int i = 0;
      while (i < n && i < v.length() && v.charAt(i) == first.charAt(i)) {
        i++;
      }
      n = i;
    }
    if (n > 0 && n < first.length() && Character.isHighSurrogate(first.charAt(n - 1))) {
      n--;
    }
    return first.substring(0, n);
  }

  /** Cuts the items, in order, into at most {@code k} runs of about equal weight. */
  static <T> List<List<T>> groups(List<T> items, List<Integer> weights, int k) {
    List<List<T>> out = new ArrayList<>();
    if (items.size() <= k) {
      items.forEach(c -> out.add(List.of(c)));
      return out;
    }
    long total = 0;
    for (int w : weights) {
      total += 4L * w + 1;
    }
    List<T> current = new ArrayList<>();
    long acc = 0;
    for (int i = 0; i < items.size(); i++) {
      current.add(items.get(i));
      // Unseen items still weigh a little, so they spread over the groups.
      acc += 4L * weights.get(i) + 1;
      int left = items.size() - i - 1;
      int groupsLeft = k - out.size() - 1;
      boolean full = acc * k >= total * (out.size() + 1);
      if (groupsLeft > 0 && left >= groupsLeft && (full || left == groupsLeft)) {
        out.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  @Override
  public String toString() {
    if (single()) {
      return nulls ? "null" : "'" + prefix + "'";
    }
    StringBuilder s = new StringBuilder("'").append(prefix).append("'");
    s.append(negated ? (next.isEmpty() ? "" : " then none of " + next) : " then one of " + next);
    s.append(end ? " (or itself)" : "");
    return s.append(nulls ? " or null" : "").toString();
  }
}
