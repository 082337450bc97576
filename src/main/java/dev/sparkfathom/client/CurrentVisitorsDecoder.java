package dev.sparkfathom.client;

import static dev.sparkfathom.client.JsonValues.flatObject;
import static dev.sparkfathom.client.JsonValues.wholeNumber;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sparkfathom.client.model.CurrentContent;
import dev.sparkfathom.client.model.CurrentReferrer;
import dev.sparkfathom.client.model.CurrentVisitors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decodes current visitors; {@code total} may be a number or a numeric string. */
final class CurrentVisitorsDecoder implements BodyDecoder<CurrentVisitors> {
  @Override
  public CurrentVisitors decode(JsonParser p) throws IOException, BodyShapeException {
    JsonValues.first(p);
    JsonValues.expect(p, JsonToken.START_OBJECT, "current visitors");
    String total = null;
    boolean sawTotal = false;
    List<CurrentContent> content = new ArrayList<>();
    List<CurrentReferrer> referrers = new ArrayList<>();
    while (JsonValues.nextField(p)) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      switch (key) {
        case "total" -> {
          if (t.isStructStart()) {
            throw new BodyShapeException("current visitors 'total' must be a number");
          }
          sawTotal = true;
          total = t == JsonToken.VALUE_NULL ? null : p.getText();
        }
        case "content" -> items(p, "current visitors content", m -> content.add(new CurrentContent(
            m.get("hostname"), m.get("pathname"), count(m, "current visitors content"))));
        case "referrers" -> items(p, "current visitors referrers", m -> referrers.add(
            new CurrentReferrer(m.get("referrer_hostname"), m.get("referrer_pathname"),
                count(m, "current visitors referrers"))));
        default -> p.skipChildren();
      }
    }
    if (!sawTotal) {
      throw new BodyShapeException("current visitors has no 'total'");
    }
    return new CurrentVisitors(wholeNumber(total, "current visitors 'total'"), content, referrers);
  }

  private static long count(Map<String, String> m, String what) throws BodyShapeException {
    return wholeNumber(m.get("total"), what + " 'total'");
  }

  private static void items(JsonParser p, String what, EntityDecoders.FromMap<Boolean> each)
      throws IOException, BodyShapeException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    JsonValues.expect(p, JsonToken.START_ARRAY, what);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      each.from(flatObject(p, what + " item"));
    }
  }
}
