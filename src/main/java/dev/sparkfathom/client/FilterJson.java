package dev.sparkfathom.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Fathom's filter JSON: {@code [{"property":..,"operator":..,"value":..}, ..]}. */
public final class FilterJson {
  private static final JsonFactory JSON = new JsonFactory();

  private FilterJson() {}

  public static String write(List<Filter> filters) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (Filter f : filters) {
        g.writeStartObject();
        g.writeStringField("property", f.property().apiName());
        g.writeStringField("operator", f.operator().apiName());
        g.writeStringField("value", f.value());
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Parses a filter array as a user writes it.
   *
   * @throws IllegalArgumentException naming the element and the part that is wrong
   */
  public static List<Filter> parse(String json) {
    List<Filter> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException(
            "filters must be a JSON array of {\"property\",\"operator\",\"value\"} objects; got: " + json);
      }
      int index = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw new IllegalArgumentException("filters[" + index + "] must be an object");
        }
        String property = null;
        String operator = null;
        String value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken t = p.nextToken();
          if (t.isStructStart()) {
            throw new IllegalArgumentException("filters[" + index + "]." + key + " must be a string");
          }
          String text = t == JsonToken.VALUE_NULL ? null : p.getText();
          switch (key) {
            case "property" -> property = text;
            case "operator" -> operator = text;
            case "value" -> value = text;
            default -> throw new IllegalArgumentException("filters[" + index + "] has unknown key '"
                + key + "'; accepted: property, operator, value");
          }
        }
        if (property == null || operator == null || value == null) {
          throw new IllegalArgumentException(
              "filters[" + index + "] needs property, operator and value; got: " + describe(property, operator, value));
        }
        try {
          out.add(new Filter(Field.parseFilterProperty(property), FilterOperator.parse(operator), value));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("filters[" + index + "]: " + e.getMessage(), e);
        }
        index++;
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("filters has text after the closing ]");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("filters is not valid JSON: " + originalMessage(e), e);
    }
    return out;
  }

  private static String describe(String property, String operator, String value) {
    return "property=" + property + ", operator=" + operator + ", value=" + value;
  }

  private static String originalMessage(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      return j.getOriginalMessage();
    }
    return e.getMessage();
  }
}
