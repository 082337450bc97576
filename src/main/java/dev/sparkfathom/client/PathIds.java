package dev.sparkfathom.client;

/**
 * The one rule for ids the client puts into a URL path ({@code /sites/{site}/events/{event}}):
 * an id must stay inside its own segment. OkHttp's {@code addPathSegment} encodes {@code /}
 * and {@code ?} but treats {@code .} and {@code ..} as navigation, and servers differ on
 * {@code %2F} and {@code \}; so such ids are refused before a request is built instead of
 * relying on encoding.
 */
public final class PathIds {
  static final String ACCEPTED = "an id must not be empty, '.' or '..', nor hold '/', '\\', '?',"
      + " '#' or control characters";

  private PathIds() {}

  /**
   * The id itself when it is safe as one path segment.
   *
   * @param what how messages name the id, e.g. {@code site id}
   * @throws InvalidIdException naming the id and what is accepted
   */
  public static String check(String what, String id) {
    if (id == null || id.isEmpty()) {
      throw new InvalidIdException(what, id, "it is empty");
    }
    if (id.isBlank()) {
      throw new InvalidIdException(what, id, "it is blank");
    }
    if (id.equals(".") || id.equals("..")) {
      throw new InvalidIdException(what, id, "it would name a directory, not an object");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '/' || c == '\\' || c == '?' || c == '#') {
        throw new InvalidIdException(what, id, "it holds '" + c + "'");
      }
      if (Character.isISOControl(c)) {
        throw new InvalidIdException(what, id, "it holds the control character "
            + escaped(c));
      }
    }
    return id;
  }

  /** The id with control characters written as {@code \}{@code uXXXX}, for messages. */
  static String printable(String id) {
    StringBuilder b = new StringBuilder(id.length());
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      b.append(Character.isISOControl(c) ? escaped(c) : String.valueOf(c));
    }
    return b.toString();
  }

  private static String escaped(char c) {
    return String.format("\\u%04X", (int) c);
  }
}
