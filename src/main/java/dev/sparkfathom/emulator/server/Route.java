package dev.sparkfathom.emulator.server;

import dev.sparkfathom.api.ApiVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code /v1} endpoints, matched on path shape and method. Matching happens before
 * authentication, as in the real (Laravel) service: an unknown path is 404 and a known path
 * with another method is 405 whatever the token.
 */
enum Route {
  ACCOUNT("GET", "account"),
  TOKEN("GET", "token", ApiVersion.CURRENT),
  LIST_SITES("GET", "sites"),
  CREATE_SITE("POST", "sites"),
  GET_SITE("GET", "sites/{site}"),
  UPDATE_SITE("POST", "sites/{site}"),
  DELETE_SITE("DELETE", "sites/{site}"),
  WIPE_SITE("DELETE", "sites/{site}/data"),
  LIST_EVENTS("GET", "sites/{site}/events"),
  CREATE_EVENT("POST", "sites/{site}/events"),
  DELETE_EVENTS_BY_NAME("DELETE", "sites/{site}/events", ApiVersion.CURRENT),
  // before UPDATE_EVENT, whose pattern it also fits
  EVENT_CURRENCY("POST", "sites/{site}/events/currency", ApiVersion.CURRENT),
  GET_EVENT("GET", "sites/{site}/events/{event}"),
  UPDATE_EVENT("POST", "sites/{site}/events/{event}"),
  DELETE_EVENT("DELETE", "sites/{site}/events/{event}"),
  WIPE_EVENT("DELETE", "sites/{site}/events/{event}/data"),
  LIST_MILESTONES("GET", "sites/{site}/milestones", ApiVersion.CURRENT),
  CREATE_MILESTONE("POST", "sites/{site}/milestones", ApiVersion.CURRENT),
  GET_MILESTONE("GET", "sites/{site}/milestones/{milestone}", ApiVersion.CURRENT),
  UPDATE_MILESTONE("POST", "sites/{site}/milestones/{milestone}", ApiVersion.CURRENT),
  DELETE_MILESTONE("DELETE", "sites/{site}/milestones/{milestone}", ApiVersion.CURRENT),
  AGGREGATIONS("GET", "aggregations"),
  CURRENT_VISITORS("GET", "current_visitors");

  final String method;
  private final String[] pattern;
  /** The only revision that has this endpoint; null for both. */
  private final ApiVersion only;

  Route(String method, String pattern) {
    this(method, pattern, null);
  }

  Route(String method, String pattern, ApiVersion only) {
    this.method = method;
    this.pattern = pattern.split("/");
    this.only = only;
  }

  RateLimiter.Bucket bucket() {
    return this == AGGREGATIONS || this == CURRENT_VISITORS
        ? RateLimiter.Bucket.AGGREGATIONS : RateLimiter.Bucket.ENTITY;
  }

  /** A matched route with its path variables ({@code site}, {@code event}). */
  record Match(Route route, Map<String, String> vars) {
    String site() {
      return vars.get("site");
    }

    String event() {
      return vars.get("event");
    }

    String milestone() {
      return vars.get("milestone");
    }
  }

  /** The outcome of matching: a route, or an error answer (404, 405). */
  sealed interface Outcome permits Found, Failed {}

  record Found(Match match) implements Outcome {}

  record Failed(ApiException error, String allow) implements Outcome {}

  /**
   * Matches a path below {@code /v1/} (already split on '/', empty segments dropped, so a
   * trailing slash is tolerated) and a method, among the endpoints of {@code api}.
   */
  static Outcome match(String method, List<String> segments, String fullPath, ApiVersion api) {
    List<String> allowed = new ArrayList<>();
    for (Route r : values()) {
      if (r.only != null && r.only != api) {
        continue;
      }
      Map<String, String> vars = r.bind(segments);
      if (vars == null) {
        continue;
      }
      if (r.method.equals(method)) {
        return new Found(new Match(r, vars));
      }
      if (!allowed.contains(r.method)) {
        allowed.add(r.method);
      }
    }
    if (allowed.isEmpty()) {
      return new Failed(new ApiException(404, "Unknown endpoint: " + method + " " + fullPath), null);
    }
    String allow = String.join(", ", allowed);
    return new Failed(new ApiException(405, "Method " + method + " is not allowed on " + fullPath
        + "; allowed: " + allow), allow);
  }

  private Map<String, String> bind(List<String> segments) {
    if (segments.size() != pattern.length) {
      return null;
    }
    Map<String, String> vars = new java.util.HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{")) {
        vars.put(p.substring(1, p.length() - 1), segments.get(i));
      } else if (!p.equals(segments.get(i))) {
        return null;
      }
    }
    return vars;
  }
}
