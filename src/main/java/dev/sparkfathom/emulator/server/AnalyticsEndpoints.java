package dev.sparkfathom.emulator.server;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.emulator.data.DataStore;
import dev.sparkfathom.emulator.engine.CurrentVisitors;
import dev.sparkfathom.emulator.engine.EngineQuery;
import dev.sparkfathom.emulator.engine.ResultRow;
import java.util.List;
import java.util.function.Supplier;

/**
 * Aggregations and current visitors: the two endpoints of the per-minute budget. Current
 * visitors answer {@code {"total":N}}, plus {@code content} and {@code referrers} when
 * {@code detailed} is true; every {@code total} is a number in the documented style and a
 * string in the observed style (see {@link ResponseStyle}).
 *
 * <p>In today's API an aggregation's {@code limit} (given, or the default row cap) cuts the
 * sorted groups; the engine is asked for one row more, so the answer can say whether the cut
 * dropped any (the request log records it; the API itself stays silent, as the live service
 * does).
 */
final class AnalyticsEndpoints {
  private final DataStore store;
  private final AggregationParser parser;
  private final Supplier<RangeLimits> rangeLimits;
  private final Supplier<ResponseStyle> style;
  private final Supplier<RowLimits> rowLimits;
  private final ApiVersion api;

  AnalyticsEndpoints(DataStore store, ApiVersion api, Supplier<RangeLimits> rangeLimits,
      Supplier<RowLimits> rowLimits, Supplier<ResponseStyle> style) {
    this.store = store;
    this.parser = new AggregationParser(store, api);
    this.rangeLimits = rangeLimits;
    this.rowLimits = rowLimits;
    this.style = style;
    this.api = api;
  }

  ApiResponse aggregations(Call c) {
    AggregationParser.Target t = parser.target(c.params());
    c.requireRead(t.siteId());
    EngineQuery q = parser.query(c.params(), t, c.now(), rangeLimits.get(), rowLimits.get());
    Integer limit = q.limit();
    boolean probe = api == ApiVersion.CURRENT && limit != null && limit < Integer.MAX_VALUE;
    List<ResultRow> rows = store.aggregate(probe ? withLimit(q, limit + 1) : q);
    boolean cut = probe && rows.size() > limit;
    if (cut) {
      rows = rows.subList(0, limit);
    }
    ApiResponse r = AggregationRenderer.render(q, rows, style.get());
    return cut ? r.markedCut() : r;
  }

  private static EngineQuery withLimit(EngineQuery q, int limit) {
    return new EngineQuery(q.entity(), q.entityId(), q.aggregates(), q.fieldGrouping(),
        q.dateGrouping(), q.zone(), q.from(), q.to(), q.filters(), q.sort(), limit, q.api());
  }

  ApiResponse currentVisitors(Call c) {
    String siteId = c.params().required("site_id");
    c.requireRead(siteId);
    boolean detailed = c.params().bool("detailed", false);
    store.site(siteId).orElseThrow(() -> EndpointErrors.noSite(siteId));
    CurrentVisitors v = store.currentVisitors(siteId, c.now(), detailed);
    boolean asString = style.get() == ResponseStyle.OBSERVED;
    return ApiResponse.json(200, g -> {
      g.writeStartObject();
      writeTotal(g, v.total(), asString);
      if (detailed) {
        g.writeArrayFieldStart("content");
        for (CurrentVisitors.Page p : EntityJson.nonNull(v.content())) {
          g.writeStartObject();
          g.writeStringField("pathname", p.pathname());
          g.writeStringField("hostname", p.hostname());
          writeTotal(g, p.total(), asString);
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("referrers");
        for (CurrentVisitors.Referrer r : EntityJson.nonNull(v.referrers())) {
          g.writeStartObject();
          g.writeStringField("referrer_hostname", r.referrerHostname());
          g.writeStringField("referrer_pathname", r.referrerPathname());
          writeTotal(g, r.total(), asString);
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    });
  }

  private static void writeTotal(com.fasterxml.jackson.core.JsonGenerator g, long total, boolean asString)
      throws java.io.IOException {
    if (asString) {
      g.writeStringField("total", Long.toString(total));
    } else {
      g.writeNumberField("total", total);
    }
  }
}
