package dev.sparkfathom.client;

import static dev.sparkfathom.client.JsonValues.first;
import static dev.sparkfathom.client.JsonValues.flatObject;
import static dev.sparkfathom.client.JsonValues.required;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sparkfathom.client.model.Account;
import dev.sparkfathom.client.model.Deleted;
import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.client.model.Page;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.client.model.Wiped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decoders of the entity endpoints' answers: one object, or a list object of them. */
final class EntityDecoders {
  private EntityDecoders() {}

  /** Turns one flat object into a model. */
  @FunctionalInterface
  interface FromMap<T> {
    T from(Map<String, String> m) throws BodyShapeException;
  }

  /**
   * One object whose {@code object} key must be {@code type}: an answer of another type (a site
   * where an event was asked for) is refused rather than decoded into the wrong model.
   */
  static <T> BodyDecoder<T> one(String what, String type, FromMap<T> model) {
    return p -> {
      first(p);
      Map<String, String> m = flatObject(p, what);
      objectType(m, type, what);
      return model.from(m);
    };
  }

  /** Checks the {@code object} key, which every entity answer of the API carries. */
  static void objectType(Map<String, String> m, String type, String what) throws BodyShapeException {
    if (!m.containsKey("object")) {
      throw new BodyShapeException(what + " has no 'object'; expected '" + type + "'");
    }
    String got = m.get("object");
    if (!type.equals(got)) {
      throw new BodyShapeException(what + " is of the wrong type: 'object' must be '" + type
          + "'; got: " + (got == null ? "null" : "'" + got + "'"));
    }
  }

  /**
   * A list object {@code {"data":[..],"has_more":..}}. Both keys are required: a list without
   * {@code has_more} could end a walk early and return fewer objects than there are.
   */
  static <T> BodyDecoder<Page<T>> page(String what, FromMap<T> model) {
    return p -> {
      first(p);
      JsonValues.expect(p, JsonToken.START_OBJECT, what + " list");
      List<T> data = null;
      Boolean hasMore = null;
      String object = null;
      boolean hasObject = false;
      while (JsonValues.nextField(p)) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        switch (key) {
          case "data" -> data = items(p, what, model);
          case "has_more" -> hasMore = bool(p, what + " list 'has_more'");
          case "object" -> {
            hasObject = true;
            object = t.isScalarValue() && t != JsonToken.VALUE_NULL ? p.getText() : null;
            p.skipChildren();
          }
          default -> p.skipChildren();
        }
      }
      Map<String, String> kind = new java.util.HashMap<>();
      if (hasObject) {
        kind.put("object", object);
      }
      objectType(kind, "list", what + " list");
      if (data == null) {
        throw new BodyShapeException(what + " list has no 'data' array");
      }
      if (hasMore == null) {
        throw new BodyShapeException(what + " list has no 'has_more'");
      }
      return new Page<>(data, hasMore);
    };
  }

  private static <T> List<T> items(JsonParser p, String what, FromMap<T> model)
      throws IOException, BodyShapeException {
    JsonValues.expect(p, JsonToken.START_ARRAY, what + " list 'data'");
    List<T> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String item = what + " list item " + out.size();
      Map<String, String> m = flatObject(p, item);
      objectType(m, what, item);
      out.add(model.from(m));
    }
    return out;
  }

  private static boolean bool(JsonParser p, String what) throws IOException, BodyShapeException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    if (t == JsonToken.VALUE_STRING && (p.getText().equals("true") || p.getText().equals("false"))) {
      return p.getText().equals("true");
    }
    throw new BodyShapeException(what + " must be true or false");
  }

  static Account account(Map<String, String> m) throws BodyShapeException {
    return new Account(required(m, "id", "account"), m.get("name"), m.get("email"));
  }

  static Site site(Map<String, String> m) throws BodyShapeException {
    return new Site(required(m, "id", "site"), m.get("name"), m.get("sharing"), m.get("created_at"));
  }

  static FromMap<Event> event(String siteId) {
    return m -> {
      String sent = m.get("site_id");
      return new Event(required(m, "id", "event"), sent == null ? siteId : sent, m.get("name"),
          m.get("created_at"));
    };
  }

  static Wiped wiped(Map<String, String> m) throws BodyShapeException {
    return new Wiped(required(m, "id", "wipe answer"), m.get("object"),
        JsonValues.flag(m, "wiped", "wipe answer"));
  }

  static Deleted deleted(Map<String, String> m) throws BodyShapeException {
    return new Deleted(required(m, "id", "delete answer"), m.get("object"),
        JsonValues.flag(m, "deleted", "delete answer"));
  }
}
