package dev.sparkfathom.emulator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code filters} parameter: a JSON array of {@code {"property","operator","value"}}
 * objects. Properties are the filterable fields plus {@code country} (alias of {@code
 * country_code}); {@code keyword}, {@code q} and {@code s} are not filterable. A number or
 * boolean {@code value} is taken as its text; other keys in an element are ignored, as the
 * real service ignores unknown input. Every 400 message names the offending element.
 */
final class FilterParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final String SHAPE = "a JSON array of {\"property\",\"operator\",\"value\"} objects";

  private FilterParser() {}

  static List<Filter> parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(raw);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("'filters' must be " + SHAPE + "; got invalid JSON: " + raw);
    }
    if (root == null || !root.isArray()) {
      throw ApiException.badRequest("'filters' must be " + SHAPE + "; got: " + raw);
    }
    List<Filter> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      out.add(element(root.get(i), "'filters'[" + i + "]"));
    }
    return out;
  }

  private static Filter element(JsonNode n, String where) {
    if (!n.isObject()) {
      throw ApiException.badRequest(where + " must be an object with property, operator and value; got: " + n);
    }
    String property = text(n, "property", where);
    String operator = text(n, "operator", where);
    String value = text(n, "value", where);
    Field field = Field.byFilterProperty(property);
    if (field == null || !field.filterable(ApiVersion.LEGACY)) {
      throw ApiException.badRequest(where + ".property must be one of "
          + Field.filterPropertyNames(ApiVersion.LEGACY)
          + "; got: '" + property + "'");
    }
    FilterOperator op = null;
    for (FilterOperator candidate : ApiVersion.LEGACY.operators()) {
      if (candidate.apiName().equals(operator)) {
        op = candidate;
      }
    }
    if (op == null) {
      throw ApiException.badRequest(
          where + ".operator must be one of is, is not, is like, is not like; got: '" + operator + "'");
    }
    return new Filter(field, op, value);
  }

  private static String text(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null) {
      throw ApiException.badRequest(where + " needs '" + key + "'");
    }
    if (!v.isValueNode() || v.isNull()) {
      throw ApiException.badRequest(where + "." + key + " must be a string; got: " + v);
    }
    return v.asText();
  }
}
