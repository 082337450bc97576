package dev.sparkfathom.emulator.engine;

/**
 * The {@code is like} test: the value contains the pattern, where {@code %} in the pattern
 * matches any run of characters (also none) and {@code _} exactly one. Case-sensitive; a
 * character is a Unicode code point, so {@code _} matches an emoji too. There is no escape:
 * a literal {@code %} or {@code _} cannot be asked for (the API documents none).
 */
final class LikeMatcher {
  private static final int ANY_RUN = '%';
  private static final int ANY_ONE = '_';

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

  /**
   * Whole-string wildcard match, greedy with backtracking to the last {@code %}: linear for
   * the usual patterns, at worst the product of the lengths.
   */
  private static boolean matches(int[] s, int[] p) {
    int si = 0;
    int pi = 0;
    int star = -1;
    int mark = 0;
    while (si < s.length) {
      if (pi < p.length && p[pi] == ANY_RUN) {
        star = pi++;
        mark = si;
      } else if (pi < p.length && (p[pi] == ANY_ONE || p[pi] == s[si])) {
        si++;
        pi++;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == ANY_RUN) {
      pi++;
    }
    return pi == p.length;
  }
}
