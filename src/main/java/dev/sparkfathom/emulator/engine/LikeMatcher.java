package dev.sparkfathom.emulator.engine;

/**
 * The {@code is like} test: the value contains the pattern. In the docs page's flavour
 * ({@link #contains(String, String)}) {@code %} in the pattern matches any run of characters
 * (also none) and {@code _} exactly one; in today's ({@link #containsStar(String, String)})
 * {@code *} matches any run and {@code %} and {@code _} are plain characters. Case-sensitive; a
 * character is a Unicode code point, so {@code _} matches an emoji too. There is no escape:
 * a literal wildcard cannot be asked for (the API documents none).
 */
final class LikeMatcher {
  private static final int ANY_RUN = '%';
  private static final int ANY_ONE = '_';
  /** Today's wildcard; it becomes -1 in the matched code points, which no code point equals. */
  private static final int STAR = '*';

  private LikeMatcher() {}

  /** True when {@code value} contains {@code pattern} in the sense above. */
  static boolean contains(String value, String pattern) {
    if (pattern.indexOf(ANY_RUN) < 0 && pattern.indexOf(ANY_ONE) < 0) {
      return value.contains(pattern);
    }
    int[] s = value.codePoints().toArray();
    int[] p = ("%" + pattern + "%").codePoints().toArray();
    return matches(s, p);
  }

  /** Today's {@code is like}: contains, {@code *} any run; {@code %} and {@code _} plain. */
  static boolean containsStar(String value, String pattern) {
    if (pattern.indexOf(STAR) < 0) {
      return value.contains(pattern);
    }
    int[] s = value.codePoints().toArray();
    int[] plain = ("*" + pattern + "*").codePoints().toArray();
    // -1 marks a run wildcard, every other entry is a plain code point
    int[] p = new int[plain.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = plain[i] == STAR ? -1 : plain[i];
    }
    return matches(s, p, -1, -2);
  }

  private static boolean matches(int[] s, int[] p) {
    return matches(s, p, ANY_RUN, ANY_ONE);
  }

  /**
   * Whole-string wildcard match, greedy with backtracking to the last {@code %}: linear for
   * the usual patterns, at worst the product of the lengths.
   */
  private static boolean matches(int[] s, int[] p, int anyRun, int anyOne) {
    int si = 0;
    int pi = 0;
    int star = -1;
    int mark = 0;
    while (si < s.length) {
      if (pi < p.length && p[pi] == anyRun) {
        star = pi++;
        mark = si;
      } else if (pi < p.length && (p[pi] == anyOne || p[pi] == s[si])) {
        si++;
        pi++;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == anyRun) {
      pi++;
    }
    return pi == p.length;
  }
}
