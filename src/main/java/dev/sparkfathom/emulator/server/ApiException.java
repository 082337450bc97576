package dev.sparkfathom.emulator.server;

/**
 * A request the emulator answers with an error status and {@code {"error": message}}. Thrown
 * by parsing and endpoint code; the HTTP layer turns it into the response.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
