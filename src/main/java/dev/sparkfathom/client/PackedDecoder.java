package dev.sparkfathom.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Streams an aggregation answer into {@link PackedRows}: a bare array of row objects or the
 * list object around one. Metrics may be JSON numbers or numeric strings; dimension values
 * are kept as sent (null, "" and "un" included); unknown keys are ignored; a list object that
 * claims {@code has_more} is refused rather than read as the whole answer.
 *
 * <p>Made for speed and a small heap: text is read from the parser's character buffer into
 * the answer's dictionary (no String per value; a value seen before allocates nothing), whole
 * numbers sent as digit strings are read from that buffer too, JSON numbers take the parser's
 * primitive paths, each date label is parsed once per answer, and keys are matched by the
 * identity of the parser's interned names. Messages are built only when a value is refused;
 * anything past the plain forms (a fraction on a whole number, an exponent) takes the exact
 * path of {@link JsonValues}.
 */
final class PackedDecoder implements BodyDecoder<PackedRows> {
  private static final String DATE = "date";
  private static final int SKIP = -1;
  private static final int DATE_KEY = -2;

  /** Keys of a row (interned, as the parser's names are) and what each feeds. */
  private final String[] keys;
  /** Per key: the field slot (0..), the metric slot (fields + m), or {@link #DATE_KEY}. */
  private final int[] targets;
  private final int fields;
  private final boolean[] integral;
  private final DateGrouping grouping;

  PackedDecoder(AggregationQuery query) {
    List<Field> f = query.fieldGrouping();
    List<Aggregate> a = query.aggregates();
    fields = f.size();
    integral = new boolean[a.size()];
    grouping = query.dateGrouping();
    int n = f.size() + a.size() + (grouping == null ? 0 : 1);
    keys = new String[n];
    targets = new int[n];
    int k = 0;
    for (int i = 0; i < f.size(); i++, k++) {
      keys[k] = f.get(i).apiName().intern();
      targets[k] = i;
    }
    for (int i = 0; i < a.size(); i++, k++) {
      keys[k] = a.get(i).apiName().intern();
      targets[k] = fields + i;
      integral[i] = a.get(i).integral();
    }
    if (grouping != null) {
      keys[k] = DATE;
      targets[k] = DATE_KEY;
    }
  }

  @Override
  public PackedRows decode(JsonParser p) throws IOException, BodyShapeException {
    JsonToken t = JsonValues.first(p);
    if (t == JsonToken.START_ARRAY) {
      return rows(p);
    }
    if (t != JsonToken.START_OBJECT) {
      throw new BodyShapeException("aggregation answer must be a JSON array or a list object");
    }
    PackedRows rows = null;
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

  private PackedRows rows(JsonParser p) throws IOException, BodyShapeException {
    PackedRows rows = new PackedRows(fields, integral, grouping != null, new Utf8Dictionary());
    Answer a = new Answer(rows);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        JsonValues.expect(p, JsonToken.START_OBJECT, "aggregation row " + rows.size());
      }
      a.row(p);
    }
    return rows.freeze();
  }

  /** The state of one answer: its rows, the labels seen and the key last matched. */
  private final class Answer {
    private final PackedRows rows;
    /** Date labels seen, by dictionary id, to the id of their bucket. */
    private final Utf8Dictionary labels = new Utf8Dictionary();
    private int[] bucketOfLabel = new int[16];
    private int lastKey = -1;

    Answer(PackedRows rows) {
      this.rows = rows;
    }

    void row(JsonParser p) throws IOException, BodyShapeException {
      int row = rows.addRow();
      long metricsSeen = 0;
      boolean dated = false;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        int k = key(p.currentName());
        t = p.nextToken();
        if (k < 0) {
          p.skipChildren();
          continue;
        }
        int target = targets[k];
        if (target >= fields) {
          int m = target - fields;
          if (metric(p, t, row, m)) {
            metricsSeen |= 1L << m;
          } else {
            metricsSeen &= ~(1L << m);
          }
        } else if (target >= 0) {
          rows.setField(row, target, text(p, t, k, row));
        } else {
          int label = text(p, t, k, row, labels);
          dated = label >= 0;
          if (dated) {
            rows.setBucket(row, bucket(label, row));
          }
        }
      }
      if (t != JsonToken.END_OBJECT) {
        // As JsonValues.nextField says it.
        throw new com.fasterxml.jackson.core.JsonParseException(p,
            "expected a key or the end of an object; got " + t);
      }
      if (grouping != null && !dated) {
        throw new BodyShapeException("aggregation row " + row + " has no 'date' although the query"
            + " groups by " + grouping.apiName());
      }
      for (int m = 0; m < integral.length; m++) {
        if ((metricsSeen & (1L << m)) == 0) {
          rows.setNull(row, m);
        }
      }
    }

    /** The index of the key, or {@link #SKIP}: the next key of the last row first. */
    private int key(String name) {
      int guess = lastKey + 1;
      if (guess < keys.length && keys[guess] == name) {
        return lastKey = guess;
      }
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] == name) {
          return lastKey = i;
        }
      }
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].equals(name)) {
          return lastKey = i;
        }
      }
      return SKIP;
    }

    private int text(JsonParser p, JsonToken t, int k, int row) throws IOException, BodyShapeException {
      return text(p, t, k, row, rows.values());
    }

    /** The value's id in {@code dict}, or -1 for null. */
    private int text(JsonParser p, JsonToken t, int k, int row, Utf8Dictionary dict)
        throws IOException, BodyShapeException {
      if (t == JsonToken.VALUE_STRING) {
        return dict.idOf(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      }
      if (t == JsonToken.VALUE_NULL) {
        return -1;
      }
      if (t.isStructStart()) {
        throw new BodyShapeException("aggregation row " + row + " '" + keys[k] + "' must be a string");
      }
      return dict.idOf(p.getText());
    }

    /** Parsed here, once per label: the rest of the connector sees bucket starts, never labels. */
    private int bucket(int label, int row) throws BodyShapeException {
      if (label < bucketOfLabel.length && bucketOfLabel[label] > 0) {
        return bucketOfLabel[label] - 1;
      }
      String text = labels.text(label);
      LocalDateTime start;
      try {
        start = DateLabels.parse(text, grouping);
      } catch (IllegalArgumentException e) {
        throw new BodyShapeException("aggregation row " + row + ": " + e.getMessage(), e);
      }
      int id = rows.addBucket(start);
      if (label >= bucketOfLabel.length) {
        bucketOfLabel = java.util.Arrays.copyOf(bucketOfLabel, Math.max(label + 1, bucketOfLabel.length * 2));
      }
      bucketOfLabel[label] = id + 1;
      return id;
    }

    /**
     * Stores metric {@code m}; false when it is null. JSON numbers take the parser's primitive
     * paths (a long, or a correctly rounded double: the value {@link JsonValues#realNumber}
     * gives); plain digit strings are read from the parser's buffer; anything else goes
     * through {@link JsonValues}. The message naming the value is built only when refused.
     */
    private boolean metric(JsonParser p, JsonToken t, int row, int m) throws IOException, BodyShapeException {
      if (t == JsonToken.VALUE_NULL) {
        return false;
      }
      if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        if (integral[m]) {
          rows.setLong(row, m, p.getLongValue());
        } else {
          rows.setDouble(row, m, (double) p.getLongValue());
        }
        return true;
      }
      if (t == JsonToken.VALUE_NUMBER_FLOAT && !integral[m]) {
        double d = p.getDoubleValue();
        if (!Double.isInfinite(d)) {
          rows.setDouble(row, m, d == 0 ? 0.0 : d); // as BigDecimal reads it: no negative zero
          return true;
        }
      }
      if (t == JsonToken.VALUE_STRING) {
        char[] buf = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        if (integral[m]) {
          long v = digits(buf, off, len);
          if (v >= 0) {
            rows.setLong(row, m, v);
            return true;
          }
        } else if (plainDecimal(buf, off, len)) {
          double d = NumberInput.parseDouble(buf, off, len, true);
          rows.setDouble(row, m, d == 0 ? 0.0 : d);
          return true;
        }
      }
      String what = "aggregation row " + row + " metric '" + keys[fields + m] + "'";
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT
          && t != JsonToken.VALUE_STRING) {
        throw new BodyShapeException(what + " must be a number or a numeric string; got " + t);
      }
      String raw = p.getText();
      if (integral[m]) {
        rows.setLong(row, m, JsonValues.wholeNumber(raw, what));
      } else {
        double d = JsonValues.realNumber(raw, what);
        rows.setDouble(row, m, d);
      }
      return true;
    }
  }

  /** The value of 1 to 18 plain digits, else -1. */
  static long digits(char[] buf, int off, int len) {
    if (len == 0 || len > 18) {
      return -1;
    }
    long v = 0;
    for (int i = off, end = off + len; i < end; i++) {
      char c = buf[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * An optional minus, digits, and optionally a point and more digits, at most 30 chars: a
   * form {@code BigDecimal} and the double parser read alike (both round correctly), with no
   * exponent whose range the two would treat differently.
   */
  static boolean plainDecimal(char[] buf, int off, int len) {
    if (len == 0 || len > 30) {
      return false;
    }
    int i = off;
    int end = off + len;
    if (buf[i] == '-') {
      i++;
    }
    int intDigits = 0;
    while (i < end && buf[i] >= '0' && buf[i] <= '9') {
      i++;
      intDigits++;
    }
    if (intDigits == 0) {
      return false;
    }
    if (i == end) {
      return true;
    }
    if (buf[i] != '.') {
      return false;
    }
    i++;
    int fraction = 0;
    while (i < end && buf[i] >= '0' && buf[i] <= '9') {
      i++;
      fraction++;
    }
    return fraction > 0 && i == end;
  }
}
