package dev.sparkfathom.read.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ValueNodeTest {
  /** Characters that are special to regexes, classes and the like operator, and some that are not. */
  private static final String ALPHABET = "ab/.-^$[]\\()*+?{}|%_ \né€";
  private final FakeFathom fathom = new FakeFathom(List.of());

  private boolean selects(List<Filter> filters, String v) {
    return filters.stream().allMatch(f -> fathom.passes(f, v));
  }

  private static String randomValue(Random r) {
    if (r.nextInt(8) == 0) {
      return null;
    }
    int n = r.nextInt(5);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (r.nextInt(20) == 0) {
        b.appendCodePoint(0x1F600); // outside the BMP
      } else {
        b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
    }
    return b.toString();
  }

  @Test
  void recursiveSplitsAreDisjointCoverEveryValueAndTheirFiltersSelectExactlyThem() {
    Random r = new Random(7);
    for (int round = 0; round < 300; round++) {
      List<String> universe = new ArrayList<>();
      for (int i = 0; i < 1 + r.nextInt(60); i++) {
        universe.add(randomValue(r));
      }
      universe.add(null);
      universe.add("");
      descend(ValueNode.all(), universe, r, 0);
    }
  }

  private void descend(ValueNode node, List<String> universe, Random r, int depth) {
    List<String> inside = universe.stream().filter(node::contains).toList();
    for (String v : universe) {
      assertThat(selects(node.filters(Field.PATHNAME), v)).as("%s selects %s", node, v)
          .isEqualTo(node.contains(v));
    }
    if (inside.isEmpty() || node.single()) {
      assertThat(node.single() ? node.split(inside.isEmpty() ? List.of("x") : inside) : List.of()).isEmpty();
      return;
    }
    // A sample of what the node holds, as a cut answer would give: some of its values.
    List<String> sample = inside.stream().filter(v -> r.nextInt(3) > 0).collect(Collectors.toList());
    if (sample.isEmpty()) {
      sample.add(inside.get(0));
    }
    List<ValueNode> children = node.split(sample);
    assertThat(children).as("split of %s", node).hasSizeGreaterThanOrEqualTo(2);
    for (String v : universe) {
      long in = children.stream().filter(c -> c.contains(v)).count();
      assertThat(in).as("%s in children of %s: %s", v, node, children).isEqualTo(node.contains(v) ? 1 : 0);
    }
    assertThat(depth).as("splits always progress").isLessThan(60);
    for (ValueNode c : children) {
      descend(c, inside, r, depth + 1);
    }
  }

  @Test
  void theRootSplitsOffNullThroughNotMatching() {
    List<ValueNode> children = ValueNode.all().split(List.of("/a", "/b", "/c/d"));
    assertThat(children).hasSize(2);
    assertThat(children.get(0).filters(Field.PATHNAME))
        .containsExactly(new Filter(Field.PATHNAME, FilterOperator.MATCHING, "^/"));
    assertThat(children.get(1).filters(Field.PATHNAME))
        .containsExactly(new Filter(Field.PATHNAME, FilterOperator.NOT_MATCHING, "^/"));
    assertThat(children.get(1).contains(null)).isTrue();
    assertThat(children.get(1).reliesOnNullRule()).isTrue();
    assertThat(children.get(0).reliesOnNullRule()).isFalse();
  }

  @Test
  void continuationsBecomeClassesOfEscapedLiterals() {
    ValueNode slash = new ValueNode("/", new java.util.TreeSet<>(), true, true, false);
    List<ValueNode> children = slash.split(List.of("/a", "/b", "/]", "/^x", "/-"));
    assertThat(children.stream().map(c -> c.filters(Field.PATHNAME).toString()).toList())
        .containsExactly(
            "[pathname matching '^/[ab]']",
            "[pathname matching '^/(?:\\]|\\^x)']",
            "[pathname matching '^/-']",
            "[pathname matching '^/', pathname not matching '^/(?:-|\\]|\\^x|a|b)']");
  }

  @Test
  void aSingleValueCannotBeSplit() {
    assertThat(ValueNode.only("/a").split(List.of("/a"))).isEmpty();
    assertThat(ValueNode.onlyNull().split(java.util.Arrays.asList((String) null))).isEmpty();
    assertThat(ValueNode.only("/a").filters(Field.PATHNAME)).containsExactly(Filter.is(Field.PATHNAME, "/a"));
  }

  @Test
  void aSampleValueOutsideTheSetIsRefused() {
    ValueNode slash = new ValueNode("/", new java.util.TreeSet<>(), true, true, false);
    assertThatThrownBy(() -> slash.split(List.of("x"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sample value x is not in '/' (or itself)");
  }

  @Test
  void groupsAreContiguousAndBalanced() {
    assertThat(ValueNode.groups(List.of("a", "b", "c", "d", "e", "f"), List.of(10, 0, 0, 10, 0, 10), 3))
        .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"));
    assertThat(ValueNode.groups(List.of("a", "b"), List.of(1, 1), 3)).containsExactly(List.of("a"), List.of("b"));
  }
}
