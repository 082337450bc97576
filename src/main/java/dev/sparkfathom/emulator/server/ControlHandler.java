package dev.sparkfathom.emulator.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sparkfathom.emulator.data.DataStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The control API under {@code /_emulator/}: no token, loopback clients only (403 otherwise),
 * and not from web pages: a request with an {@code Origin} header or a {@code Host} that is
 * not a loopback name gets 403 (see {@link Requests#browserRefusal}),
 * never faulted, never rate limited, not in the request log. Settings are sent as form or
 * query parameters; only those sent change.
 *
 * <pre>
 * GET    /_emulator/health                  {"status":"ok","sites":N,"records":N,"now":".."}
 * GET    /_emulator/data                    everything as JSONL (application/x-ndjson)
 * POST   /_emulator/data[?replace=true]     load a JSONL body (adds, or replaces everything)
 * GET    /_emulator/requests                the request log as a JSON array (with "cut")
 * DELETE /_emulator/requests                clear it
 * GET|POST /_emulator/faults                error_rate, delay_ms, disconnect_rate, truncate_rate,
 *                                           garbage_rate, seed (setting restarts the sequence),
 *                                           throttle_rate, retry_after_seconds (0: no header),
 *                                           slow_rate, slow_ms, not_json_rate
 * GET|POST /_emulator/limits                aggregations_per_minute, entity_per_hour,
 *                                           day_range_months, hour_range_days,
 *                                           default_row_limit, max_row_limit,
 *                                           concurrency_limit, reset_counters
 * GET|POST /_emulator/clock                 set=ISO-8601 instant, advance_seconds=N, system=true
 * </pre>
 */
final class ControlHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(ControlHandler.class.getName());
  private final ServerState state;

  ControlHandler(ServerState state) {
    this.state = state;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    ApiResponse r;
    try {
      r = answer(ex);
    } catch (ApiException e) {
      r = ApiResponse.error(e.status(), e.getMessage());
    } catch (IllegalArgumentException e) {
      r = ApiResponse.error(400, e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "control request failed: " + ex.getRequestURI().getPath(), e);
      r = ApiResponse.error(500, "Internal emulator error: " + e);
    }
    try {
      ResponseSender.send(ex, r, FaultInjector.BodyFault.NONE);
    } finally {
      ex.close();
    }
  }

  private ApiResponse answer(HttpExchange ex) throws IOException {
    if (!Requests.isLoopback(ex.getRemoteAddress())) {
      return ApiResponse.error(403, "The control API answers only loopback clients");
    }
    String browser = Requests.browserRefusal(ex.getRequestHeaders());
    if (browser != null) {
      return ApiResponse.error(403, browser);
    }
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = ex.getRequestURI().getPath();
    String what = path.replaceFirst("^/_emulator/?", "").replaceAll("/+$", "");
    DataStore store = state.config().store();
    switch (what + " " + method) {
      case "health GET":
        return health();
      case "data GET":
        return ApiResponse.streamed(200, "application/x-ndjson", out -> {
          Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          store.export(w);
          w.flush();
        });
      case "data POST": {
        boolean replace = Params.parse(ex.getRequestURI().getRawQuery(), null).bool("replace", false);
        try (Reader in = new InputStreamReader(ex.getRequestBody(), StandardCharsets.UTF_8)) {
          store.load(in, replace);
        } catch (JsonProcessingException e) {
          throw ApiException.badRequest("the JSONL body is not valid JSON: " + e.getOriginalMessage());
        }
        return health();
      }
      case "requests GET":
        return requests();
      case "requests DELETE":
        state.log().clear();
        return ok("cleared", true);
      case "faults GET":
        return faults();
      case "faults POST":
        state.faults().settings(updatedFaults(Requests.params(ex), state.faults().settings()));
        return faults();
      case "limits GET":
        return limits();
      case "limits POST":
        updateLimits(Requests.params(ex));
        return limits();
      case "clock GET":
        return clock();
      case "clock POST":
        updateClock(Requests.params(ex));
        return clock();
      default:
        return ApiResponse.error(404, "Unknown control endpoint: " + method + " " + path
            + "; see health, data, requests, faults, limits, clock under /_emulator/");
    }
  }

  private ApiResponse ok(String field, boolean value) {
    return ApiResponse.json(200, g -> {
      g.writeStartObject();
      g.writeBooleanField(field, value);
      g.writeEndObject();
    });
  }

  private ApiResponse health() {
    DataStore store = state.config().store();
    int sites = store.sites().size();
    long records = store.recordCount();
    Instant now = state.clock().instant();
    return ApiResponse.json(200, g -> {
      g.writeStartObject();
      g.writeStringField("status", "ok");
      g.writeNumberField("sites", sites);
      g.writeNumberField("records", records);
      g.writeStringField("now", now.toString());
      g.writeEndObject();
    });
  }

  private ApiResponse requests() {
    var entries = state.log().entries();
    return ApiResponse.json(200, g -> {
      g.writeStartArray();
      for (RequestLogEntry e : entries) {
        g.writeStartObject();
        g.writeStringField("time", e.time().toString());
        g.writeStringField("method", e.method());
        g.writeStringField("path", e.path());
        g.writeObjectFieldStart("parameters");
        for (Map.Entry<String, String> p : e.parameters().entrySet()) {
          g.writeStringField(p.getKey(), p.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("status", e.status());
        g.writeStringField("token", e.tokenName());
        writeNullableInt(g, "rows", e.rows());
        g.writeStringField("fault", e.fault());
        g.writeBooleanField("cut", e.cut());
        g.writeEndObject();
      }
      g.writeEndArray();
    }, entries.size());
  }

  private static void writeNullableInt(JsonGenerator g, String name, Integer v) throws IOException {
    if (v == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, v);
    }
  }

  private ApiResponse faults() {
    FaultSettings f = state.faults().settings();
    return ApiResponse.json(200, g -> {
      g.writeStartObject();
      g.writeNumberField("error_rate", f.errorRate());
      g.writeNumberField("delay_ms", f.delay().toMillis());
      g.writeNumberField("disconnect_rate", f.disconnectRate());
      g.writeNumberField("truncate_rate", f.truncateRate());
      g.writeNumberField("garbage_rate", f.garbageRate());
      g.writeNumberField("seed", f.seed());
      g.writeNumberField("throttle_rate", f.throttleRate());
      g.writeNumberField("retry_after_seconds", f.retryAfterSeconds());
      g.writeNumberField("slow_rate", f.slowRate());
      g.writeNumberField("slow_ms", f.slowDelay().toMillis());
      g.writeNumberField("not_json_rate", f.notJsonRate());
      g.writeEndObject();
    });
  }

  static FaultSettings updatedFaults(Params p, FaultSettings f) {
    if (p.get("error_rate") != null) {
      f = f.withErrorRate(rate(p, "error_rate"));
    }
    if (p.get("delay_ms") != null) {
      f = f.withDelay(Duration.ofMillis(p.intInRange("delay_ms", 0, Integer.MAX_VALUE)));
    }
    if (p.get("disconnect_rate") != null) {
      f = f.withDisconnectRate(rate(p, "disconnect_rate"));
    }
    if (p.get("truncate_rate") != null) {
      f = f.withTruncateRate(rate(p, "truncate_rate"));
    }
    if (p.get("garbage_rate") != null) {
      f = f.withGarbageRate(rate(p, "garbage_rate"));
    }
    if (p.get("seed") != null) {
      f = f.withSeed(longValue(p, "seed"));
    }
    if (p.get("throttle_rate") != null) {
      f = f.withThrottleRate(rate(p, "throttle_rate"));
    }
    if (p.get("retry_after_seconds") != null) {
      f = f.withRetryAfterSeconds(p.intInRange("retry_after_seconds", 0, 86_400));
    }
    if (p.get("slow_rate") != null) {
      f = f.withSlowRate(rate(p, "slow_rate"));
    }
    if (p.get("slow_ms") != null) {
      f = f.withSlowDelay(Duration.ofMillis(p.intInRange("slow_ms", 0, Integer.MAX_VALUE)));
    }
    if (p.get("not_json_rate") != null) {
      f = f.withNotJsonRate(rate(p, "not_json_rate"));
    }
    return f;
  }

  static double rate(Params p, String name) {
    String raw = p.get(name);
    String msg = "'" + name + "' must be a number from 0 to 1; got: '" + raw + "'";
    if (!raw.matches("[0-9]*\\.?[0-9]+")) {
      throw ApiException.badRequest(msg);
    }
    double v = Double.parseDouble(raw);
    if (v > 1) {
      throw ApiException.badRequest(msg);
    }
    return v;
  }

  private static long longValue(Params p, String name) {
    String raw = p.get(name);
    if (!raw.matches("-?[0-9]{1,18}")) {
      throw ApiException.badRequest("'" + name + "' must be a whole number; got: '" + raw + "'");
    }
    return Long.parseLong(raw);
  }

  private ApiResponse limits() {
    RateLimits r = state.limiter().limits();
    RangeLimits range = state.rangeLimits();
    RowLimits rows = state.rowLimits();
    int concurrency = state.concurrency().limit();
    return ApiResponse.json(200, g -> {
      g.writeStartObject();
      g.writeNumberField("aggregations_per_minute", r.aggregationsPerMinute());
      g.writeNumberField("entity_per_hour", r.entityPerHour());
      g.writeNumberField("day_range_months", range.dayGroupingMonths());
      g.writeNumberField("hour_range_days", range.hourGroupingDays());
      g.writeNumberField("default_row_limit", rows.defaultLimit());
      g.writeNumberField("max_row_limit", rows.maxLimit());
      g.writeNumberField("concurrency_limit", concurrency);
      g.writeStringField("api", state.config().api().apiName());
      g.writeEndObject();
    });
  }

  private void updateLimits(Params p) {
    RateLimits r = state.limiter().limits();
    RangeLimits range = state.rangeLimits();
    Integer agg = p.intInRange("aggregations_per_minute", 1, Integer.MAX_VALUE);
    Integer ent = p.intInRange("entity_per_hour", 1, Integer.MAX_VALUE);
    Integer months = p.intInRange("day_range_months", 1, Integer.MAX_VALUE);
    Integer days = p.intInRange("hour_range_days", 1, Integer.MAX_VALUE);
    Integer defaultRows = p.intInRange("default_row_limit", 1, Integer.MAX_VALUE);
    Integer maxRows = p.intInRange("max_row_limit", 1, Integer.MAX_VALUE);
    Integer concurrency = p.intInRange("concurrency_limit", 1, Integer.MAX_VALUE);
    boolean reset = p.bool("reset_counters", false);
    RowLimits rows = state.rowLimits();
    RowLimits newRows;
    try {
      newRows = new RowLimits(defaultRows != null ? defaultRows : rows.defaultLimit(),
          maxRows != null ? maxRows : rows.maxLimit());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    state.rowLimits(newRows);
    if (concurrency != null) {
      state.concurrency().limit(concurrency);
    }
    state.limiter().limits(new RateLimits(
        agg != null ? agg : r.aggregationsPerMinute(), ent != null ? ent : r.entityPerHour()));
    state.rangeLimits(new RangeLimits(months != null ? months : range.dayGroupingMonths(),
        days != null ? days : range.hourGroupingDays()));
    if (reset) {
      state.limiter().reset();
    }
  }

  private ApiResponse clock() {
    EmulatorClock c = state.clock();
    Instant now = c.instant();
    boolean fixed = c.isFixed();
    return ApiResponse.json(200, g -> {
      g.writeStartObject();
      g.writeStringField("now", now.toString());
      g.writeBooleanField("fixed", fixed);
      g.writeEndObject();
    });
  }

  private void updateClock(Params p) {
    EmulatorClock c = state.clock();
    if (p.bool("system", false)) {
      c.followSystem();
    }
    String set = p.get("set");
    if (set != null) {
      try {
        c.setFixed(Instant.parse(set));
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(
            "'set' must be an ISO-8601 instant such as 2024-03-10T14:00:00Z; got: '" + set + "'");
      }
    }
    if (p.get("advance_seconds") != null) {
      c.advance(Duration.ofSeconds(longValue(p, "advance_seconds")));
    }
  }
}
