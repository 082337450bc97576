package dev.sparkfathom.emulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LikeMatcherTest {
  private static final String[] ALPHABET = {"a", "b", "%", "_", "\uD83D\uDE00"};

  @Test
  void agreesWithARegexOnEveryShortValueAndPattern() {
    List<String> strings = all(4);
    List<String> patterns = all(3);
    int matches = 0;
    for (String p : patterns) {
      for (String s : strings) {
        boolean expected = Oracle.likeRegex(p).matcher(s).matches();
        assertThat(LikeMatcher.contains(s, p)).as("'%s' like '%s'", s, p).isEqualTo(expected);
        matches += expected ? 1 : 0;
      }
    }
    assertThat(matches).isBetween(1, strings.size() * patterns.size() - 1);
  }

  @Test
  void underscoreMatchesOneCodePointEvenOutsideTheBasicPlane() {
    assertThat(LikeMatcher.contains("x\uD83D\uDE00y", "x_y")).isTrue();
    assertThat(LikeMatcher.contains("x\uD83D\uDE00y", "x__y")).isFalse();
  }

  private static List<String> all(int maxLength) {
    List<String> out = new ArrayList<>(List.of(""));
    List<String> level = List.of("");
    for (int n = 1; n <= maxLength; n++) {
      List<String> next = new ArrayList<>();
      for (String prefix : level) {
        for (String c : ALPHABET) {
          next.add(prefix + c);
        }
      }
      out.addAll(next);
      level = next;
    }
    return out;
  }
}
