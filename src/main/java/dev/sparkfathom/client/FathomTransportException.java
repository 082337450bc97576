package dev.sparkfathom.client;

/**
 * No complete answer: the connection failed or dropped, or a time-out struck. {@link #status()}
 * is 0. Reads are retried before this is thrown; writes only when nothing was sent.
 */
public class FathomTransportException extends FathomException {
  private static final long serialVersionUID = 1L;

  public FathomTransportException(String message, Throwable cause) {
    super(message, 0, null, cause);
  }
}
