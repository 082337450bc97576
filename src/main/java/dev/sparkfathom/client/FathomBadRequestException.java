package dev.sparkfathom.client;

/** HTTP 400: Fathom refused the request as malformed or invalid. */
public class FathomBadRequestException extends FathomException {
  private static final long serialVersionUID = 1L;

  public FathomBadRequestException(String message, int status, String apiMessage, Throwable cause) {
    super(message, status, apiMessage, cause);
  }
}
