package dev.sparkfathom.emulator.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sparkfathom.emulator.data.DateTimes;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.MilestoneRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The JSON shapes of sites, events, milestones, lists and deletions: as the docs page shows
 * them, and today's (sites with timezone and multi-domain attributes, events with currency).
 */
final class EntityJson {
  private EntityJson() {}

  static String createdAt(LocalDateTime t) {
    return DateTimes.SECONDS.format(t);
  }

  /** A site; {@code share_password} is never shown. */
  static void site(JsonGenerator g, SiteRecord s) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeStringField("object", "site");
    g.writeStringField("name", s.name());
    g.writeStringField("sharing", s.sharing());
    g.writeStringField("created_at", createdAt(s.createdAt()));
    g.writeEndObject();
  }

  /** Today's site: the docs page's fields, then timezone and the multi-domain attributes. */
  static void todaysSite(JsonGenerator g, SiteRecord s) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeStringField("object", "site");
    g.writeStringField("name", s.name());
    g.writeStringField("sharing", s.sharing());
    g.writeStringField("timezone", s.timezone().getId());
    g.writeBooleanField("multi_domain", s.multiDomain());
    g.writeStringField("multi_domain_option", s.multiDomainOption());
    g.writeStringField("created_at", createdAt(s.createdAt()));
    g.writeEndObject();
  }

  /** Today's event in a list: {@code currency} is null there, as the live service sends it. */
  static void listedEvent(JsonGenerator g, EventRecord e) throws IOException {
    todaysEvent(g, e, null);
  }

  /** Today's event on its own, with its currency (null when never set). */
  static void todaysEvent(JsonGenerator g, EventRecord e) throws IOException {
    todaysEvent(g, e, e.currency());
  }

  private static void todaysEvent(JsonGenerator g, EventRecord e, String currency)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id());
    g.writeStringField("object", "event");
    g.writeStringField("name", e.name());
    g.writeStringField("site_id", e.siteId());
    g.writeStringField("currency", currency);
    g.writeStringField("created_at", createdAt(e.createdAt()));
    g.writeEndObject();
  }

  static void milestone(JsonGenerator g, MilestoneRecord m) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", m.id());
    g.writeStringField("object", "milestone");
    g.writeStringField("site_id", m.siteId());
    g.writeStringField("name", m.name());
    g.writeStringField("milestone_date", m.milestoneDate().toString());
    g.writeStringField("created_at", createdAt(m.createdAt()));
    g.writeEndObject();
  }

  static void event(JsonGenerator g, EventRecord e) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id());
    g.writeStringField("object", "event");
    g.writeStringField("name", e.name());
    g.writeStringField("site_id", e.siteId());
    g.writeStringField("created_at", createdAt(e.createdAt()));
    g.writeEndObject();
  }

  interface ItemWriter<T> {
    void write(JsonGenerator g, T item) throws IOException;
  }

  static <T> ApiResponse list(String url, Pagination.Page<T> page, ItemWriter<T> item) {
    return ApiResponse.json(200, g -> {
      g.writeStartObject();
      g.writeStringField("object", "list");
      g.writeStringField("url", url);
      g.writeBooleanField("has_more", page.hasMore());
      g.writeArrayFieldStart("data");
      for (T t : page.data()) {
        item.write(g, t);
      }
      g.writeEndArray();
      g.writeEndObject();
    }, page.data().size());
  }

  /** {@code {"id":..,"object":..,"<flag>":true}} for wipes and deletions. */
  static ApiResponse flag(String id, String object, String flag) {
    return ApiResponse.json(200, g -> {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeStringField("object", object);
      g.writeBooleanField(flag, true);
      g.writeEndObject();
    });
  }

  static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
