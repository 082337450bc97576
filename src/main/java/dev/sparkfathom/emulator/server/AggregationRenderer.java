package dev.sparkfathom.emulator.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.emulator.engine.EngineQuery;
import dev.sparkfathom.emulator.engine.ResultRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Writes aggregation rows in a {@link ResponseStyle}. Each row holds {@code date} (only with
 * a date grouping), then the grouped fields (strings or null), then the aggregates, in query
 * order. Observed style: metric values as strings, ratios with exactly four decimals (half-up);
 * documented style: JSON numbers.
 */
final class AggregationRenderer {
  private AggregationRenderer() {}

  static ApiResponse render(EngineQuery q, List<ResultRow> rows, ResponseStyle style) {
    return ApiResponse.json(200, g -> {
      if (style == ResponseStyle.DOCUMENTED) {
        g.writeStartObject();
        g.writeStringField("object", "list");
        g.writeStringField("url", "/v1/aggregations");
        g.writeBooleanField("has_more", false);
        g.writeFieldName("data");
      }
      g.writeStartArray();
      for (ResultRow r : rows) {
        row(g, q, r, style);
      }
      g.writeEndArray();
      if (style == ResponseStyle.DOCUMENTED) {
        g.writeEndObject();
      }
    }, rows.size());
  }

  private static void row(JsonGenerator g, EngineQuery q, ResultRow r, ResponseStyle style)
      throws IOException {
    g.writeStartObject();
    if (q.dateGrouping() != null) {
      g.writeStringField("date", r.date());
    }
    for (int i = 0; i < q.fieldGrouping().size(); i++) {
      g.writeStringField(q.fieldGrouping().get(i).apiName(), r.fields()[i]);
    }
    for (int i = 0; i < q.aggregates().size(); i++) {
      Aggregate a = q.aggregates().get(i);
      Number v = r.metrics()[i];
      g.writeFieldName(a.apiName());
      if (style == ResponseStyle.OBSERVED) {
        g.writeString(observed(a, v));
      } else if (a.integral()) {
        g.writeNumber(v.longValue());
      } else {
        g.writeNumber(v.doubleValue());
      }
    }
    g.writeEndObject();
  }

  /** {@code "123"} for counts and cents; {@code "59.5000"} for the ratios. */
  static String observed(Aggregate a, Number v) {
    if (a.integral()) {
      return Long.toString(v.longValue());
    }
    double d = v.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      d = 0;
    }
    return BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).toPlainString();
  }
}
