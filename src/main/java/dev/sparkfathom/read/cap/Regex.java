package dev.sparkfathom.read.cap;

import java.util.Collection;

/**
 * Regular expressions of escaped literals, in the subset every common flavour (Java, PCRE,
 * RE2, ICU) reads the same way: metacharacters are escaped with a backslash, nothing else is.
 */
public final class Regex {
  private static final String META = "\\^$.|?*+()[]{}";
  private static final String CLASS_META = "\\]^-[";

  private Regex() {}

  /** {@code s} as a regex that matches exactly the text {@code s}. */
  public static String literal(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(cp -> {
      if (cp < 128 && META.indexOf(cp) >= 0) {
        b.append('\\');
      }
      b.appendCodePoint(cp);
    });
    return b.toString();
  }

  /** A character class of the code points, e.g. {@code [a\-z]}; negated with {@code [^...]}. */
  public static String charClass(Collection<Integer> codePoints, boolean negated) {
    if (codePoints.isEmpty()) {
      throw new IllegalArgumentException("a character class needs at least one character");
    }
    StringBuilder b = new StringBuilder(negated ? "[^" : "[");
    for (int cp : codePoints) {
      if (cp < 128 && CLASS_META.indexOf(cp) >= 0) {
        b.append('\\');
      }
      b.appendCodePoint(cp);
    }
    return b.append(']').toString();
  }
}
