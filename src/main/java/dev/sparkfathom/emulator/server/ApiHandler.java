package dev.sparkfathom.emulator.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sparkfathom.api.ApiVersion;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers {@code /v1}. The order of checks follows the real (Laravel) service: injected
 * fault, then route (404, 405), authentication (401 {@code Unauthenticated.}), the rate
 * limit of the endpoint's budget (429), then the endpoint itself, which checks permission
 * (401), parameters (400) and existence (404). So permission and validation failures count
 * against the budget, and a 429 or an injected 500/503 does not. Every request is logged.
 * In today's API an aggregation also takes one of its token's concurrency slots between
 * authentication and the rate limit, held until its answer is ready to send (over the cap: 429).
 *
 * <p>The body is read at once (the connection needs it drained), but a body or escape that
 * cannot be parsed is only answered (400) after the token and rate-limit checks, so a request
 * without a token always learns 401 first. It comes before the endpoint's permission check,
 * as that check may need the parameters (the site of an aggregation).
 */
final class ApiHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

  private final ServerState state;
  private final EntityEndpoints entities;
  private final AnalyticsEndpoints analytics;

  ApiHandler(ServerState state) {
    this.state = state;
    ServerConfig c = state.config();
    this.entities = new EntityEndpoints(c.store(), c.account(), c.seed(), c.api(),
        c.clock().instant());
    this.analytics = new AnalyticsEndpoints(c.store(), c.api(), state::rangeLimits,
        state::rowLimits, c::style);
  }

  /** What is known of a request as it goes through the checks, for the log. */
  private static final class Trace {
    Params params = Params.of(Map.of());
    String tokenName;
    /** The injected fault that shaped the answer; null when none was applied. */
    String fault;
    /** The token holding a concurrency slot until the answer is ready; null when none. */
    String slotOf;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    Instant now = state.clock().instant();
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    // Routed on the raw path: a decoded one would turn an id's %2F into a separator.
    String path = ex.getRequestURI().getRawPath();
    FaultInjector.Plan plan = state.faults().next();
    Trace trace = new Trace();
    ApiResponse response;
    try {
      response = answer(ex, method, path, now, plan, trace);
    } catch (ApiException e) {
      response = ApiResponse.error(e.status(), e.getMessage());
    } catch (RuntimeException e) {
      // A bug in the emulator or its store: answer 500 rather than drop the connection.
      LOG.log(System.Logger.Level.WARNING, "emulator failed on " + method + " " + path, e);
      response = ApiResponse.error(500, "Internal emulator error: " + e);
    }
    FaultInjector.BodyFault bodyFault =
        plan.errorStatus() != 0 ? FaultInjector.BodyFault.NONE : plan.bodyFault();
    String fault = trace.fault != null ? trace.fault : bodyFault.logName();
    if (fault == null && plan.slow()) {
      fault = "slow";
    }
    // Logged before the answer goes out, so a client that has its answer finds it in the log.
    state.log().add(new RequestLogEntry(now, method, path, masked(trace.params),
        response.status(), trace.tokenName, response.status() == 200 ? response.rows() : null,
        fault, response.cut()));
    // The slot is given back once the answer is ready, before it is sent: a client that has its
    // answer may send the next request at once without meeting its own request's slot.
    if (trace.slotOf != null) {
      state.concurrency().exit(trace.slotOf);
      trace.slotOf = null;
    }
    boolean finish = true;
    try {
      ResponseSender.send(ex, response, bodyFault);
    } catch (ResponseSender.DeliberateDisconnect e) {
      // Closing the exchange would complete a chunked body; let the JDK server drop the
      // connection instead, which it does for an IOException out of the handler.
      finish = false;
      throw e;
    } finally {
      if (trace.slotOf != null) {
        state.concurrency().exit(trace.slotOf);
      }
      if (finish) {
        ex.close();
      }
    }
  }

  private ApiResponse answer(HttpExchange ex, String method, String path, Instant now,
      FaultInjector.Plan plan, Trace trace) throws IOException {
    ApiException unreadable = null;
    try {
      trace.params = Requests.params(ex);
    } catch (ApiException e) {
      unreadable = e;
    }
    if (!plan.delay().isZero()) {
      try {
        state.config().sleeper().sleep(plan.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(503, "Service Unavailable");
      }
    }
    if (plan.errorStatus() == 429) {
      trace.fault = plan.faultName();
      ApiResponse r = ApiResponse.error(429, EndpointErrors.TOO_MANY);
      return plan.retryAfterSeconds() > 0
          ? r.withHeader("Retry-After", Integer.toString(plan.retryAfterSeconds())) : r;
    }
    if (plan.errorStatus() != 0) {
      trace.fault = plan.faultName();
      return ApiResponse.error(plan.errorStatus(),
          plan.errorStatus() == 500 ? "Server Error" : "Service Unavailable");
    }
    if (!path.equals("/v1") && !path.startsWith("/v1/")) {
      return ApiResponse.error(404, "Unknown endpoint: " + method + " " + path);
    }
    Route.Outcome outcome = Route.match(method, segments(path), path, state.config().api());
    if (outcome instanceof Route.Failed f) {
      ApiResponse r = ApiResponse.error(f.error().status(), f.error().getMessage());
      return f.allow() == null ? r : r.withHeader("Allow", f.allow());
    }
    Route.Match match = ((Route.Found) outcome).match();
    TokenGrant token = state.authenticate(ex.getRequestHeaders().getFirst("Authorization"));
    if (token == null) {
      return ApiResponse.error(401, EndpointErrors.UNAUTHENTICATED);
    }
    trace.tokenName = token.name();
    if (match.route() == Route.AGGREGATIONS && state.config().api() == ApiVersion.CURRENT) {
      // Before the rate limit, so a request refused for concurrency does not count.
      if (!state.concurrency().tryEnter(token.name())) {
        return ApiResponse.error(429, EndpointErrors.TOO_MANY_AT_ONCE);
      }
      trace.slotOf = token.name();
    }
    Duration wait = state.limiter().acquire(token.name(), match.route().bucket());
    if (!wait.isZero()) {
      return ApiResponse.error(429, EndpointErrors.TOO_MANY)
          .withHeader("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(wait)));
    }
    if (unreadable != null) {
      throw unreadable;
    }
    Call call = new Call(match, trace.params, token, now);
    return switch (match.route()) {
      case AGGREGATIONS -> analytics.aggregations(call);
      case CURRENT_VISITORS -> analytics.currentVisitors(call);
      default -> entities.handle(call);
    };
  }

  /**
   * The non-empty segments below {@code /v1} of the raw (still encoded) path, each decoded on
   * its own after the split, so {@code sites/AB%2Fevents} is the one site id {@code AB/events}
   * and never the events route. A trailing slash is tolerated.
   */
  static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.substring(3).split("/")) {
      if (!s.isEmpty()) {
        out.add(decodeSegment(s));
      }
    }
    return out;
  }

  /** Percent-decoding of a path segment: unlike a form, a '+' stays a '+'. */
  private static String decodeSegment(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "The path segment '" + raw + "' holds a malformed %-escape.");
    }
  }

  /** The parameters for the log, with {@code share_password} masked. */
  static Map<String, String> masked(Params p) {
    Map<String, String> out = new LinkedHashMap<>(p.asMap());
    out.computeIfPresent("share_password", (k, v) -> "***");
    return out;
  }
}
