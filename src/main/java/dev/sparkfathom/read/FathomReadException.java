package dev.sparkfathom.read;

import dev.sparkfathom.client.FathomException;
import dev.sparkfathom.read.cap.RowCapException;

/**
 * A request of a scan failed for good (after the client's retries). Says which window it
 * was; the cause carries the HTTP status and Fathom's own message.
 */
public final class FathomReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FathomReadException(String window, FathomException cause) {
    super("Fathom request for " + window + " failed: " + cause.getMessage(), cause);
  }

  /** An answer over the row cap could not be read exactly; no row of the read was returned. */
  FathomReadException(String window, RowCapException cause) {
    super("Fathom read of " + window + " failed: " + cause.getMessage(), cause);
  }

  /** The HTTP status of the failed answer, 0 when none came (or the read failed on our side). */
  public int status() {
    return getCause() instanceof FathomException f ? f.status() : 0;
  }
}
