package dev.sparkfathom.client;

/**
 * An id given to a {@link FathomClient} method that cannot stand as one path segment: empty,
 * {@code .} or {@code ..} (which an HTTP stack reads as "this" and "parent" directory, so
 * {@code deleteEvent(site, "..")} would delete the site), or holding {@code /}, {@code \},
 * {@code ?}, {@code #} or a control character. Thrown before any request is built.
 */
public final class InvalidIdException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String what;
  private final String id;

  InvalidIdException(String what, String id, String reason) {
    super(what + " " + (id == null ? "null" : "'" + PathIds.printable(id) + "'")
        + " is not a valid id: " + reason + "; " + PathIds.ACCEPTED);
    this.what = what;
    this.id = id;
  }

  /** Which id it was, e.g. {@code site id}, {@code event id}. */
  public String what() {
    return what;
  }

  /** The id as given (may be null). */
  public String id() {
    return id;
  }
}
