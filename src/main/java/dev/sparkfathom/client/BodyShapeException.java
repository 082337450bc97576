package dev.sparkfathom.client;

/**
 * A 2xx body that is valid JSON but not of the expected shape. Checked, and distinct from
 * {@link java.io.IOException}, because it is final (retrying returns the same body) where a
 * damaged body is worth another attempt.
 */
final class BodyShapeException extends Exception {
  private static final long serialVersionUID = 1L;

  BodyShapeException(String message) {
    super(message);
  }

  BodyShapeException(String message, Throwable cause) {
    super(message, cause);
  }
}
