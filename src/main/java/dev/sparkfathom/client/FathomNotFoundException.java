package dev.sparkfathom.client;

/** HTTP 404: the site, event or endpoint does not exist. */
public class FathomNotFoundException extends FathomException {
  private static final long serialVersionUID = 1L;

  public FathomNotFoundException(String message, int status, String apiMessage, Throwable cause) {
    super(message, status, apiMessage, cause);
  }
}
