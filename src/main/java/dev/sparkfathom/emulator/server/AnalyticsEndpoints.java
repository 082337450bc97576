package dev.sparkfathom.emulator.server;

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
 */
final class AnalyticsEndpoints {
  private final DataStore store;
  private final AggregationParser parser;
  private final Supplier<RangeLimits> rangeLimits;
  private final Supplier<ResponseStyle> style;

  AnalyticsEndpoints(DataStore store, Supplier<RangeLimits> rangeLimits, Supplier<ResponseStyle> style) {
    this.store = store;
    this.parser = new AggregationParser(store);
    this.rangeLimits = rangeLimits;
    this.style = style;
  }

  ApiResponse aggregations(Call c) {
    AggregationParser.Target t = parser.target(c.params());
    c.requireRead(t.siteId());
    EngineQuery q = parser.query(c.params(), t, c.now(), rangeLimits.get());
    List<ResultRow> rows = store.aggregate(q);
    return AggregationRenderer.render(q, rows, style.get());
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
