package dev.sparkfathom.emulator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import dev.sparkfathom.emulator.engine.FilterRegex;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code filters} parameter: a JSON array of {@code {"property","operator","value"}}
 * objects. Properties, and the operators each accepts, are {@link Field}'s rules for the API
 * revision, plus {@code country} (alias of {@code country_code}): in today's API {@code
 * keyword} is not filterable, {@code domain} and the new fields are, and categorical
 * properties take only {@code is} / {@code is not}; a {@code matching} value must be a valid
 * Java regular expression. A number or boolean {@code value} is taken as its text; other keys
 * in an element are ignored, as the real service ignores unknown input. Every 400 message
 * names the offending element.
 */
final class FilterParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final String SHAPE = "a JSON array of {\"property\",\"operator\",\"value\"} objects";

  private FilterParser() {}

  static List<Filter> parse(String raw, ApiVersion api) {
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
      out.add(element(root.get(i), "'filters'[" + i + "]", api));
    }
    return out;
  }

  private static Filter element(JsonNode n, String where, ApiVersion api) {
    if (!n.isObject()) {
      throw ApiException.badRequest(where + " must be an object with property, operator and value; got: " + n);
    }
    String property = text(n, "property", where);
    String operator = text(n, "operator", where);
    String value = text(n, "value", where);
    Field field = Field.byFilterProperty(property);
    if (field == null && Field.byName(property) != null && api == ApiVersion.CURRENT) {
      // keyword (or q, s): a field, but not a property
      throw ApiException.badRequest(where + ".property " + property + " cannot be filtered; "
          + "filterable properties: " + Field.filterPropertyNames(api));
    }
    if (field == null || !field.filterable(api)) {
      throw ApiException.badRequest(where + ".property must be one of "
          + Field.filterPropertyNames(api) + "; got: '" + property + "'");
    }
    FilterOperator op = null;
    for (FilterOperator candidate : api.operators()) {
      if (candidate.apiName().equals(operator)) {
        op = candidate;
      }
    }
    if (op == null) {
      throw ApiException.badRequest(where + ".operator must be one of "
          + FilterOperator.names(api.operators()) + "; got: '" + operator + "'");
    }
    try {
      field.checkOperator(op, api);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(where + ": " + e.getMessage());
    }
    if (op == FilterOperator.MATCHING || op == FilterOperator.NOT_MATCHING) {
      try {
        FilterRegex.compile(value);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(where + ".value: " + e.getMessage() + "; got: '"
            + value + "'");
      }
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
