package dev.sparkfathom.client;

/** HTTP 5xx: Fathom failed; reads are retried before this is thrown. */
public class FathomServerException extends FathomException {
  private static final long serialVersionUID = 1L;

  public FathomServerException(String message, int status, String apiMessage, Throwable cause) {
    super(message, status, apiMessage, cause);
  }
}
