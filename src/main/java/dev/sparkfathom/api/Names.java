package dev.sparkfathom.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parsing of API spellings into enum constants, with messages that list what is accepted. */
final class Names {
  private Names() {}

  static <E extends Enum<E>> E parse(
      Class<E> type, Function<E, String> apiName, String what, String raw) {
    if (raw != null) {
      String wanted = raw.trim().toLowerCase(Locale.ROOT);
      for (E e : type.getEnumConstants()) {
        if (apiName.apply(e).equals(wanted)) {
          return e;
        }
      }
    }
    throw new IllegalArgumentException(
        what + " must be one of " + list(type, apiName) + "; got: " + quote(raw));
  }

  static <E extends Enum<E>> String list(Class<E> type, Function<E, String> apiName) {
    return Arrays.stream(type.getEnumConstants()).map(apiName).collect(Collectors.joining(", "));
  }

  static String quote(String raw) {
    return raw == null ? "nothing" : "'" + raw + "'";
  }
}
