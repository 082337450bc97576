package dev.sparkfathom.client;

/**
 * The thread was interrupted while it waited for rate budget or for a retry. The interrupt
 * flag is set again before this is thrown, so callers up the stack still see it.
 */
public class FathomInterruptedException extends FathomException {
  private static final long serialVersionUID = 1L;

  public FathomInterruptedException(String message, InterruptedException cause) {
    super(message, 0, null, cause);
  }
}
