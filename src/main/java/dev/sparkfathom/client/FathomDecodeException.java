package dev.sparkfathom.client;

/** The answer arrived but is not what was asked for: not JSON, cut short, or of the wrong shape. {@link #status()} is the status of that answer. */
public class FathomDecodeException extends FathomException {
  private static final long serialVersionUID = 1L;

  public FathomDecodeException(String message, int status, String apiMessage, Throwable cause) {
    super(message, status, apiMessage, cause);
  }
}
