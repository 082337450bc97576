package dev.sparkfathom.client;

/** What one attempt came to, as far as the retry decision needs to know. */
public sealed interface Outcome {
  /** An HTTP answer other than 2xx; {@code retryAfter} is the raw header, or null. */
  record Status(int code, String retryAfter) implements Outcome {}

  /** No usable answer. */
  record Failure(FailureKind kind) implements Outcome {}

  /** Why an attempt produced no usable answer. */
  enum FailureKind {
    /** The connection could not be made: nothing reached the server, so any request may be repeated. */
    CONNECT,
    /** A connect, read or call time-out after the request may have been sent. */
    TIMEOUT,
    /** The connection dropped mid-exchange (reset, closed early, body shorter than its length). */
    DROPPED,
    /** A 2xx body that ended before its JSON did, or that is not JSON at all. */
    BAD_BODY
  }
}
