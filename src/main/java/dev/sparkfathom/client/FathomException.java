package dev.sparkfathom.client;

/**
 * Base of every failure of a Fathom call. {@link #status()} is the HTTP status (0 when no
 * answer came back), {@link #apiMessage()} the text of Fathom's {@code error} key (null when
 * the answer had none). Messages name the method, path and query, never the token.
 *
 * <p>Statuses without a subclass of their own (a redirect, 403, 405, 422, ...) arrive as this
 * class itself.
 */
public class FathomException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String apiMessage;
  private RequestStats stats = RequestStats.NONE;

  protected FathomException(String message, int status, String apiMessage, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.apiMessage = apiMessage;
  }

  /** The HTTP status, or 0 when the failure happened before or outside an HTTP answer. */
  public int status() {
    return status;
  }

  /** Fathom's own {@code error} text, or null. */
  public String apiMessage() {
    return apiMessage;
  }

  /** What the failed call cost before it gave up (attempts, 429s, waits), for metrics. */
  public RequestStats stats() {
    return stats;
  }

  /** Set once by the client as the exception leaves it. */
  FathomException withStats(RequestStats value) {
    this.stats = value;
    return this;
  }
}
