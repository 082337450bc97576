package dev.sparkfathom.client;

import static dev.sparkfathom.client.JsonValues.first;
import static dev.sparkfathom.client.JsonValues.flatObject;
import static dev.sparkfathom.client.JsonValues.required;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.client.model.Account;
import dev.sparkfathom.client.model.Deleted;
import dev.sparkfathom.client.model.DeletedEvent;
import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.client.model.Milestone;
import dev.sparkfathom.client.model.Page;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.client.model.TokenInfo;
import dev.sparkfathom.client.model.Wiped;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
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

  /** {@code timezone}, {@code multi_domain}, {@code multi_domain_option}: null when absent (legacy). */
  static Site site(Map<String, String> m) throws BodyShapeException {
    return new Site(required(m, "id", "site"), m.get("name"), m.get("sharing"), m.get("created_at"),
        m.get("timezone"), optionalBool(m, "multi_domain", "site"), m.get("multi_domain_option"));
  }

  /**
   * An event. The legacy API identifies events by {@code id}, which is then required; today's
   * identifies them by {@code name}, and the id is optional.
   */
  static FromMap<Event> event(String siteId, ApiVersion version) {
    return m -> {
      String sent = m.get("site_id");
      String id = version == ApiVersion.LEGACY ? required(m, "id", "event") : m.get("id");
      String name = version == ApiVersion.LEGACY ? m.get("name") : required(m, "name", "event");
      return new Event(id, sent == null ? siteId : sent, name, m.get("created_at"),
          m.get("currency"));
    };
  }

  /**
   * The answer to setting a currency by name: an event object; what it leaves out is what the
   * request set (a 2xx says it was done).
   */
  static FromMap<Event> currencySet(String siteId, String name, String currency) {
    return m -> {
      String sentSite = m.get("site_id");
      String sentName = m.get("name");
      String sentCurrency = m.get("currency");
      return new Event(m.get("id"), sentSite == null ? siteId : sentSite,
          sentName == null ? name : sentName, m.get("created_at"),
          sentCurrency == null ? currency : sentCurrency);
    };
  }

  static FromMap<DeletedEvent> deletedEvent(String siteId, String name) {
    return m -> {
      String sentName = m.get("name");
      return new DeletedEvent(siteId, sentName == null ? name : sentName,
          JsonValues.flag(m, "deleted", "delete answer"));
    };
  }

  static FromMap<Milestone> milestone(String siteId) {
    return m -> {
      String sent = m.get("site_id");
      String date = required(m, "milestone_date", "milestone");
      LocalDate day;
      try {
        day = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw new BodyShapeException("milestone 'milestone_date' must be YYYY-MM-DD; got: '" + date
            + "'", e);
      }
      return new Milestone(required(m, "id", "milestone"), sent == null ? siteId : sent,
          required(m, "name", "milestone"), day, m.get("created_at"));
    };
  }

  /**
   * {@code GET /token}: a token object whose permissions are a JSON array of strings under
   * {@code permissions} (or {@code abilities}, the word Fathom's reference also uses). Any
   * other array or object is skipped, like unknown keys elsewhere; a permission that is not a
   * string is refused.
   */
  static BodyDecoder<TokenInfo> token() {
    return p -> {
      first(p);
      JsonValues.expect(p, JsonToken.START_OBJECT, "token");
      Map<String, String> m = new HashMap<>();
      List<String> permissions = null;
      while (JsonValues.nextField(p)) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if ((key.equals("permissions") || key.equals("abilities")) && t == JsonToken.START_ARRAY) {
          permissions = strings(p, "token '" + key + "'");
        } else if (t.isStructStart()) {
          p.skipChildren();
        } else {
          m.put(key, t == JsonToken.VALUE_NULL ? null : p.getText());
        }
      }
      objectType(m, "token", "token");
      if (permissions == null) {
        throw new BodyShapeException("token has no 'permissions' array");
      }
      return new TokenInfo(m.get("name"), permissions, m.get("version"), m.get("created_at"),
          m.get("last_used_at"));
    };
  }

  private static List<String> strings(JsonParser p, String what) throws IOException, BodyShapeException {
    List<String> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw new BodyShapeException(what + " item " + out.size() + " must be a string");
      }
      out.add(p.getText());
    }
    return out;
  }

  private static Boolean optionalBool(Map<String, String> m, String key, String what)
      throws BodyShapeException {
    if (!m.containsKey(key) || m.get(key) == null) {
      return null;
    }
    String v = m.get(key);
    if (v.equals("true") || v.equals("1")) {
      return true;
    }
    if (v.equals("false") || v.equals("0")) {
      return false;
    }
    throw new BodyShapeException(what + " '" + key + "' must be true or false; got: '" + v + "'");
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
