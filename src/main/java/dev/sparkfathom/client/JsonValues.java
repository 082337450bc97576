package dev.sparkfathom.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Streaming helpers the decoders share: flat objects, lenient numbers, required keys. */
final class JsonValues {
  private JsonValues() {}

  /** The first token; an empty body counts as cut short. */
  static JsonToken first(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new JsonEOFException(p, null, "the body is empty");
    }
    return t;
  }

  static void expect(JsonParser p, JsonToken wanted, String what) throws BodyShapeException {
    if (p.currentToken() != wanted) {
      throw new BodyShapeException(what + " must be a JSON " + describe(wanted) + "; got "
          + describe(p.currentToken()));
    }
  }

  /**
   * Reads the object at the current START_OBJECT into its scalar values as text (JSON null as
   * null). Nested arrays and objects are skipped: no model of this client needs them, and
   * unknown keys are ignored.
   */
  static Map<String, String> flatObject(JsonParser p, String what) throws IOException, BodyShapeException {
    expect(p, JsonToken.START_OBJECT, what);
    Map<String, String> values = new HashMap<>();
    while (nextField(p)) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      if (t.isStructStart()) {
        p.skipChildren();
      } else {
        values.put(key, t == JsonToken.VALUE_NULL ? null : p.getText());
      }
    }
    return values;
  }

  /** Moves to the next key of the current object; false at its end. */
  static boolean nextField(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.FIELD_NAME) {
      return true;
    }
    if (t == JsonToken.END_OBJECT) {
      return false;
    }
    throw new JsonParseException(p, "expected a key or the end of an object; got " + t);
  }

  static String required(Map<String, String> m, String key, String what) throws BodyShapeException {
    String v = m.get(key);
    if (v == null) {
      throw new BodyShapeException(what + " has no '" + key + "'");
    }
    return v;
  }

  /** A whole number sent as a JSON number or a numeric string ({@code "12"}, {@code "12.0000"}). */
  static long wholeNumber(String text, String what) throws BodyShapeException {
    if (text != null && !text.isEmpty() && text.length() <= 18) {
      // Plain digits (the common case): no BigDecimal. Anything else takes the exact path.
      long v = 0;
      int i = 0;
      for (; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        v = v * 10 + (c - '0');
      }
      if (i == text.length()) {
        return v;
      }
    }
    try {
      return decimal(text, what).stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new BodyShapeException(what + " must be a whole number; got: '" + text + "'", e);
    }
  }

  /** A number sent as a JSON number or a numeric string; no NaN, hex or suffixes. */
  static double realNumber(String text, String what) throws BodyShapeException {
    double d = decimal(text, what).doubleValue();
    if (Double.isInfinite(d)) {
      throw new BodyShapeException(what + " is out of range; got: '" + text + "'");
    }
    return d;
  }

  private static BigDecimal decimal(String text, String what) throws BodyShapeException {
    if (text == null) {
      throw new BodyShapeException(what + " is missing");
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new BodyShapeException(what + " is not a number; got: '" + text + "'", e);
    }
  }

  static boolean flag(Map<String, String> m, String key, String what) throws BodyShapeException {
    String v = m.get(key);
    if (v == null || v.equals("true")) {
      return true; // a 2xx answer already says it was done; the flag only confirms it
    }
    if (v.equals("false")) {
      return false;
    }
    throw new BodyShapeException(what + " '" + key + "' must be true or false; got: '" + v + "'");
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }
}
