package dev.sparkfathom.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkfathom.client.model.CurrentContent;
import dev.sparkfathom.client.model.CurrentReferrer;
import dev.sparkfathom.client.model.CurrentVisitors;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One answer of {@code GET /current_visitors} of a site and when it arrived ({@code readAt},
 * cut to microseconds as Spark keeps timestamps), as it is recorded in a stream's checkpoint.
 * The JSON form is this class's own ({@link #toJson()}, {@link #fromJson(String)}): a file that
 * does not parse back whole is refused, never half-read.
 */
public record VisitorsSnapshot(String siteId, Instant readAt, CurrentVisitors answer) implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  public VisitorsSnapshot {
    Objects.requireNonNull(siteId, "siteId");
    readAt = Objects.requireNonNull(readAt, "readAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(answer, "answer");
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("site_id", siteId);
    root.put("read_at", readAt.toString());
    root.put("total", answer.total());
    ArrayNode content = root.putArray("content");
    for (CurrentContent c : answer.content()) {
      content.addObject().put("hostname", c.hostname()).put("pathname", c.pathname()).put("total", c.total());
    }
    ArrayNode referrers = root.putArray("referrers");
    for (CurrentReferrer r : answer.referrers()) {
      referrers.addObject().put("referrer_hostname", r.referrerHostname())
          .put("referrer_pathname", r.referrerPathname()).put("total", r.total());
    }
    return root.toString();
  }

  /**
   * Parses {@link #toJson()}'s form.
   *
   * @throws IllegalArgumentException saying what is missing or malformed
   */
  public static VisitorsSnapshot fromJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String site = text(root, "site_id", false);
    Instant readAt;
    try {
      readAt = Instant.parse(text(root, "read_at", false));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'read_at' is not an ISO-8601 instant: " + root.get("read_at"), e);
    }
    long total = count(root, "total");
    List<CurrentContent> content = new ArrayList<>();
    for (JsonNode c : array(root, "content")) {
      content.add(new CurrentContent(text(c, "hostname", true), text(c, "pathname", true), count(c, "total")));
    }
    List<CurrentReferrer> referrers = new ArrayList<>();
    for (JsonNode r : array(root, "referrers")) {
      referrers.add(new CurrentReferrer(text(r, "referrer_hostname", true), text(r, "referrer_pathname", true),
          count(r, "total")));
    }
    return new VisitorsSnapshot(site, readAt, new CurrentVisitors(total, content, referrers));
  }

  private static String text(JsonNode node, String key, boolean nullable) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      if (nullable && v != null) {
        return null;
      }
      throw new IllegalArgumentException("'" + key + "' is missing");
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("'" + key + "' is not a string: " + v);
    }
    return v.asText();
  }

  private static long count(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new IllegalArgumentException("'" + key + "' is not a count: " + v);
    }
    return v.asLong();
  }

  private static Iterable<JsonNode> array(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isArray()) {
      throw new IllegalArgumentException("'" + key + "' is not an array: " + v);
    }
    return v;
  }
}
