package dev.sparkfathom.emulator.server;

/** The fixed error messages of the real service, and the emulator's not-found messages. */
final class EndpointErrors {
  static final String UNAUTHENTICATED = "Unauthenticated.";
  static final String FORBIDDEN = "This token doesn't have permission to access this endpoint";
  static final String TOO_MANY = "Too Many Attempts.";
  /** Our wording: the live service's concurrency-cap message is not published. */
  static final String TOO_MANY_AT_ONCE =
      "Too many concurrent requests: wait for this token's other aggregations to finish.";

  private EndpointErrors() {}

  static ApiException forbidden() {
    return new ApiException(401, FORBIDDEN);
  }

  static ApiException noSite(String id) {
    return ApiException.notFound("No site with id '" + id + "'");
  }

  static ApiException noEvent(String siteId, String eventId) {
    return ApiException.notFound("No event with id '" + eventId + "' on site '" + siteId + "'");
  }
}
