package dev.sparkfathom.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams an aggregation answer into rows laid out by the query: a bare array of row objects
 * or the list object around one. Metrics may be JSON numbers or numeric strings; dimension
 * values are kept as sent (null, "" and "un" included); unknown keys are ignored; a list object
 * that claims {@code has_more} is refused rather than read as the whole answer. Nothing but
 * the rows themselves is held: no tree of the whole body is built.
 */
final class AggregationDecoder implements BodyDecoder<List<AggregationRow>> {
  private static final String DATE = "date";
  private final Map<String, Integer> fieldSlots = new HashMap<>();
  private final Map<String, Integer> metricSlots = new HashMap<>();
  private final boolean[] integral;
  private final DateGrouping grouping;
  /**
   * Labels seen in this answer and their bucket starts: an answer repeats a few labels over
   * many rows, so each is parsed once and its (immutable) start shared by its rows.
   */
  private final Map<String, LocalDateTime> buckets = new HashMap<>();
  /**
   * Dimension values seen in this answer, so repeated ones (a browser, a country, a popular
   * path) are held once. Bounded: past {@value #MAX_SHARED} distinct values new ones are kept
   * as they come.
   */
  private final Map<String, String> shared = new HashMap<>();
  private static final int MAX_SHARED = 1 << 16;

  AggregationDecoder(AggregationQuery query) {
    List<Field> fields = query.fieldGrouping();
    for (int i = 0; i < fields.size(); i++) {
      fieldSlots.put(fields.get(i).apiName(), i);
    }
    List<Aggregate> aggregates = query.aggregates();
    integral = new boolean[aggregates.size()];
    for (int i = 0; i < aggregates.size(); i++) {
      metricSlots.put(aggregates.get(i).apiName(), i);
      integral[i] = aggregates.get(i).integral();
    }
    grouping = query.dateGrouping();
  }

  @Override
  public List<AggregationRow> decode(JsonParser p) throws IOException, BodyShapeException {
    JsonToken t = JsonValues.first(p);
    if (t == JsonToken.START_ARRAY) {
      return rows(p);
    }
    if (t != JsonToken.START_OBJECT) {
      throw new BodyShapeException("aggregation answer must be a JSON array or a list object");
    }
    List<AggregationRow> rows = null;
    while (JsonValues.nextField(p)) {
      String key = p.currentName();
      p.nextToken();
      if (key.equals("data")) {
        JsonValues.expect(p, JsonToken.START_ARRAY, "aggregation 'data'");
        rows = rows(p);
      } else if (key.equals("has_more") && p.currentToken() == JsonToken.VALUE_TRUE) {
        // Fathom has announced paged aggregations; until the cursor is known, a first page
        // alone would be a silently shorter result.
        throw new BodyShapeException("aggregation answer says has_more is true, but aggregations"
            + " have no cursor to fetch the rest; narrow the query or set a limit");
      } else {
        p.skipChildren();
      }
    }
    if (rows == null) {
      throw new BodyShapeException("aggregation answer has no 'data' array");
    }
    return rows;
  }

  private List<AggregationRow> rows(JsonParser p) throws IOException, BodyShapeException {
    List<AggregationRow> rows = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      JsonValues.expect(p, JsonToken.START_OBJECT, "aggregation row " + rows.size());
      rows.add(row(p, rows.size()));
    }
    return rows;
  }

  private AggregationRow row(JsonParser p, int index) throws IOException, BodyShapeException {
    LocalDateTime bucket = null;
    String[] fields = new String[fieldSlots.size()];
    Number[] metrics = new Number[integral.length];
    while (JsonValues.nextField(p)) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      Integer slot;
      if ((slot = metricSlots.get(key)) != null) {
        metrics[slot] = metric(p, t, slot, key, index);
      } else if ((slot = fieldSlots.get(key)) != null) {
        fields[slot] = share(text(p, t, key, index));
      } else if (grouping != null && key.equals(DATE)) {
        bucket = bucket(text(p, t, key, index), index);
      } else {
        p.skipChildren();
      }
    }
    if (grouping != null && bucket == null) {
      throw new BodyShapeException("aggregation row " + index + " has no 'date' although the query"
          + " groups by " + grouping.apiName());
    }
    return new AggregationRow(bucket, fields, metrics);
  }

  private String share(String value) {
    if (value == null) {
      return null;
    }
    String known = shared.get(value);
    if (known != null) {
      return known;
    }
    if (shared.size() < MAX_SHARED) {
      shared.put(value, value);
    }
    return value;
  }

  /** Parsed here, once: the rest of the connector sees local bucket starts, never labels. */
  private LocalDateTime bucket(String label, int index) throws BodyShapeException {
    if (label == null) {
      return null;
    }
    LocalDateTime known = buckets.get(label);
    if (known != null) {
      return known;
    }
    try {
      LocalDateTime start = DateLabels.parse(label, grouping);
      if (buckets.size() < MAX_SHARED) {
        buckets.put(label, start);
      }
      return start;
    } catch (IllegalArgumentException e) {
      throw new BodyShapeException("aggregation row " + index + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonParser p, JsonToken t, String key, int index)
      throws IOException, BodyShapeException {
    if (t.isStructStart()) {
      throw new BodyShapeException("aggregation row " + index + " '" + key + "' must be a string");
    }
    return t == JsonToken.VALUE_NULL ? null : p.getText();
  }

  /**
   * JSON numbers take the parser's primitive paths (a long, or a correctly rounded double,
   * the same value {@link JsonValues#realNumber} gives); only numeric strings and whole
   * numbers written with a fraction go through {@link JsonValues}. The message naming the
   * value is built only when the value is refused.
   */
  private Number metric(JsonParser p, JsonToken t, int slot, String key, int index)
      throws IOException, BodyShapeException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      if (integral[slot]) {
        return p.getLongValue();
      }
      return (double) p.getLongValue();
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT && !integral[slot]) {
      double d = p.getDoubleValue();
      if (!Double.isInfinite(d)) {
        return d == 0 ? 0.0 : d; // as BigDecimal reads it: no negative zero
      }
    }
    String what = "aggregation row " + index + " metric '" + key + "'";
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT
        && t != JsonToken.VALUE_STRING) {
      throw new BodyShapeException(what + " must be a number or a numeric string; got " + t);
    }
    String raw = p.getText();
    // Not a conditional expression: that would promote the long to a double.
    if (integral[slot]) {
      return Long.valueOf(JsonValues.wholeNumber(raw, what));
    }
    return Double.valueOf(JsonValues.realNumber(raw, what));
  }
}
