package dev.sparkfathom.emulator.server;

/**
 * The endpoints today's API has retired, each answered 410 Gone with a message that says what
 * to use instead. The live service answers the site wipe and the event wipe with 410 and the
 * other goal-code endpoints with "an error saying the endpoint is no longer available"; the
 * emulator uses 410 for all of them, so a client meets one status for "retired".
 */
final class Retired {
  static final int GONE = 410;

  private Retired() {}

  /** The 410 answer of a retired route; null when the route is not retired. */
  static ApiResponse answer(Route.Match m) {
    String site = "/v1/sites/" + m.site();
    String message = switch (m.route()) {
      case WIPE_SITE -> "Wiping a site's data is no longer available; to remove the data, "
          + "delete the site with DELETE " + site;
      case CREATE_EVENT -> "Creating events is no longer available: an event comes into being "
          + "when the site tracks it by name; list them with GET " + site + "/events";
      case GET_EVENT -> "Getting an event by its id (goal code) is no longer available; list "
          + "the site's events with GET " + site + "/events and report on one with "
          + "entity=event&site_id=..&entity_name=..";
      case UPDATE_EVENT -> "Updating an event by its id (goal code) is no longer available; "
          + "set its currency by name with POST " + site + "/events/currency (name, currency)";
      case DELETE_EVENT -> "Deleting an event by its id (goal code) is no longer available; "
          + "delete it by name with DELETE " + site + "/events?name=NAME";
      case WIPE_EVENT -> "Wiping an event's data is no longer available; delete the event by "
          + "name with DELETE " + site + "/events?name=NAME";
      default -> null;
    };
    return message == null ? null : ApiResponse.error(GONE, message);
  }
}
