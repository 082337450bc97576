package dev.sparkfathom.client;

/** HTTP 401: the token is unknown, or not permitted to use this endpoint or site. */
public class FathomUnauthorizedException extends FathomException {
  private static final long serialVersionUID = 1L;

  public FathomUnauthorizedException(String message, int status, String apiMessage, Throwable cause) {
    super(message, status, apiMessage, cause);
  }
}
