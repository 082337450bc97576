package dev.sparkfathom.emulator.server;

/** The fixed error messages of the real service, and the emulator's not-found messages. */
final class EndpointErrors {
  static final String UNAUTHENTICATED = "Unauthenticated.";
  static final String FORBIDDEN = "This token doesn't have permission to access this endpoint";
  static final String TOO_MANY = "Too Many Attempts.";

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
