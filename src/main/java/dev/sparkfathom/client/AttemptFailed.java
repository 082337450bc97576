package dev.sparkfathom.client;

/** One attempt gave no usable answer; carries what the retry decision and the final exception need. */
final class AttemptFailed extends Exception {
  private static final long serialVersionUID = 1L;
  final transient Outcome outcome;
  final int status;
  final String apiMessage;

  AttemptFailed(Outcome outcome, int status, String apiMessage, Throwable cause) {
    super(null, cause, false, false);
    this.outcome = outcome;
    this.status = status;
    this.apiMessage = apiMessage;
  }
}
