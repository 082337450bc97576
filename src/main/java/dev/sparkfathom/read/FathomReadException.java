package dev.sparkfathom.read;

import dev.sparkfathom.client.FathomException;

/**
 * A request of a scan failed for good (after the client's retries). Says which window it
 * was; the cause carries the HTTP status and Fathom's own message.
 */
public final class FathomReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FathomReadException(String window, FathomException cause) {
    super("Fathom request for " + window + " failed: " + cause.getMessage(), cause);
  }

  /** The HTTP status of the failed answer, 0 when none came. */
  public int status() {
    return ((FathomException) getCause()).status();
  }
}
