package dev.sparkfathom.emulator.engine;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular expressions of {@code matching} / {@code not matching}: Java's flavour,
 * case-sensitive, no flags. The live service publishes only examples ({@code ^/(a|b)$},
 * {@code \d}, classes, groups), which Java's flavour reads the same way.
 */
public final class FilterRegex {
  private FilterRegex() {}

  /**
   * @throws IllegalArgumentException with the regex engine's description of the error
   */
  public static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("not a valid regular expression: "
          + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""), e);
    }
  }
}
