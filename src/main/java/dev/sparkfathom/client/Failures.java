package dev.sparkfathom.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;

/**
 * Turns a final failed attempt into the typed exception. Messages read
 * {@code HTTP 401 from GET /v1/account: Unauthenticated. (check that the API token is right
 * and allowed to use this endpoint and site)}; {@code where} is method, path and query, which
 * never hold the token.
 */
final class Failures {
  static final String HINT_401 =
      "check that the API token is right and allowed to use this endpoint and site";
  static final String HINT_404 = "check the site or event id";

  /** The 404 hint when the base URL is not under {@code /v1}: then no id can be the cause. */
  static String hintNoV1(String baseUrl) {
    return "check 'base_url': Fathom's API is under /v1, e.g. " + ClientConfig.DEFAULT_BASE_URL
        + "; got " + baseUrl;
  }

  private Failures() {}

  static final String RETIRED = "Fathom has retired this endpoint (410 Gone)";
  static final String NO_REPLACEMENT = "see Fathom's API reference for what replaces it";

  /**
   * @param replacedBy what replaces the endpoint when Fathom answers 410; null when the client
   *     did not know it was retired
   * @param hint404 what a 404 most likely means: {@link #HINT_404} or {@link #hintNoV1}
   */
  static FathomException of(AttemptFailed f, String where, int attempts, Clock clock,
      String replacedBy, String hint404) {
    String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
    if (f.outcome instanceof Outcome.Status s) {
      return ofStatus(s, f.apiMessage, where, tries, clock, replacedBy, hint404);
    }
    Outcome.FailureKind kind = ((Outcome.Failure) f.outcome).kind();
    String cause = f.getCause() == null ? "" : ": " + causeText(f.getCause());
    if (kind == Outcome.FailureKind.BAD_BODY) {
      return new FathomDecodeException(where + " answered HTTP " + f.status
          + " with a body that is cut short or not JSON" + tries + cause, f.status, null, f.getCause());
    }
    String what = switch (kind) {
      case CONNECT -> "could not connect";
      case TIMEOUT -> "timed out";
      default -> "lost its connection";
    };
    return new FathomTransportException(where + " " + what + tries + cause, f.getCause());
  }

  private static FathomException ofStatus(Outcome.Status s, String api, String where, String tries,
      Clock clock, String replacedBy, String hint404) {
    int code = s.code();
    String base = "HTTP " + code + " from " + where + tries + ": "
        + (api == null ? "no error message" : api);
    if (code == 400) {
      return new FathomBadRequestException(base, code, api, null);
    }
    if (code == 401) {
      return new FathomUnauthorizedException(base + " (" + HINT_401 + ")", code, api, null);
    }
    if (code == 410) {
      String instead = replacedBy != null ? replacedBy : NO_REPLACEMENT;
      return new FathomGoneException(base + " (" + RETIRED + "; " + instead + ")", code, api,
          instead);
    }
    if (code == 404) {
      return new FathomNotFoundException(base + " (" + hint404 + ")", code, api, null);
    }
    if (code == 429) {
      Duration retryAfter = RetryPolicy.parseRetryAfter(s.retryAfter(), clock);
      String ask = retryAfter == null ? "" : " (Fathom asked to wait " + retryAfter.toSeconds() + " s)";
      return new FathomRateLimitException(base + ask, api, retryAfter);
    }
    if (code >= 500 && code <= 599) {
      return new FathomServerException(base, code, api, null);
    }
    return new FathomException(base, code, api, null);
  }

  /** A 429 whose pause would take the request's waits for 429s past {@code maxWait}. */
  static FathomRateLimitException rateLimitedTooLong(AttemptFailed f, String where, int attempts,
      Clock clock, Duration maxWait) {
    FathomException e = of(f, where, attempts, clock, null, HINT_404);
    Duration asked = e instanceof FathomRateLimitException r ? r.retryAfter().orElse(null) : null;
    return new FathomRateLimitException(e.getMessage() + "; waiting would pass 'rate.max_wait' ("
        + maxWait.toSeconds() + " s)", f.apiMessage, asked);
  }

  /** The token was paused by 429s (anyone's) for longer than the request may still wait. */
  static FathomRateLimitException pausedTooLong(String where, int attempts, Duration pause,
      Duration maxWait) {
    String tries = attempts > 0 ? " after " + attempts + " attempt" + (attempts > 1 ? "s" : "") : "";
    return new FathomRateLimitException(where + " gave up" + tries + ": the token is paused for "
        + pause.toSeconds() + " s more after 429 answers, which would pass 'rate.max_wait' ("
        + maxWait.toSeconds() + " s)", null, pause);
  }

  /** Jackson's own words without its location suffix, which says nothing to a user. */
  private static String causeText(Throwable cause) {
    if (cause instanceof JsonProcessingException j) {
      return j.getOriginalMessage();
    }
    return cause.getMessage();
  }

  static FathomDecodeException shape(BodyShapeException e, String where, int status) {
    return new FathomDecodeException(where + " answered HTTP " + status
        + " with a body of the wrong shape: " + e.getMessage(), status, null, e);
  }

  static FathomInterruptedException interrupted(String where, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new FathomInterruptedException(where + " was interrupted", e);
  }
}
