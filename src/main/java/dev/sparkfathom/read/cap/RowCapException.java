package dev.sparkfathom.read.cap;

/**
 * A read past the row cap could not be made exact: nothing could split an answer over the cap,
 * or a value split failed its self-check. Thrown before any row of the read is returned.
 */
public final class RowCapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RowCapException(String message) {
    super(message);
  }
}
