package dev.sparkfathom.emulator.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sparkfathom.api.Field;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * Writes records as JSONL, one object a line: sites, events, pageviews, conversions. Null
 * dimensions are left out (a missing key reads back as null), as is a null share password;
 * flags and measures are always written.
 */
public final class JsonlWriter implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Field[] FIELDS = Field.values();

  private final JsonGenerator out;

  /** Writes to {@code out}; {@link #close()} flushes but does not close {@code out}. */
  public JsonlWriter(Writer out) throws IOException {
    this.out = JSON.createGenerator(out);
    this.out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    this.out.setRootValueSeparator(null);
  }

  public void site(SiteRecord s) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", JsonlFormat.SITE);
    out.writeStringField("id", s.id());
    out.writeStringField("name", s.name());
    out.writeStringField("sharing", s.sharing());
    if (s.sharePassword() != null) {
      out.writeStringField("share_password", s.sharePassword());
    }
    out.writeStringField("created_at", DateTimes.SECONDS.format(s.createdAt()));
    // Written only when not the default, so files of the docs-page shape stay as they were.
    if (!s.timezone().equals(SiteRecord.DEFAULT_TIMEZONE)) {
      out.writeStringField("timezone", s.timezone().getId());
    }
    if (s.multiDomain()) {
      out.writeBooleanField("multi_domain", true);
    }
    if (!s.multiDomainOption().equals(SiteRecord.DEFAULT_MULTI_DOMAIN_OPTION)) {
      out.writeStringField("multi_domain_option", s.multiDomainOption());
    }
    end();
  }

  public void event(EventRecord e) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", JsonlFormat.EVENT);
    out.writeStringField("id", e.id());
    out.writeStringField("site_id", e.siteId());
    out.writeStringField("name", e.name());
    out.writeStringField("created_at", DateTimes.SECONDS.format(e.createdAt()));
    if (e.currency() != null) {
      out.writeStringField("currency", e.currency());
    }
    end();
  }

  public void milestone(MilestoneRecord m) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", JsonlFormat.MILESTONE);
    out.writeStringField("id", m.id());
    out.writeStringField("site_id", m.siteId());
    out.writeStringField("name", m.name());
    out.writeStringField("milestone_date", m.milestoneDate().toString());
    out.writeStringField("created_at", DateTimes.SECONDS.format(m.createdAt()));
    end();
  }

  public void pageview(PageviewRecord r) throws IOException {
    pageview(r.siteId(), r.timestamp().getEpochSecond(), r.dimensions(), r.newSession(),
        r.unique(), r.bounce(), r.duration(), r.sessionId());
  }

  public void conversion(ConversionRecord r) throws IOException {
    conversion(r.siteId(), r.eventId(), r.timestamp().getEpochSecond(), r.dimensions(),
        r.unique(), r.value(), r.sessionId());
  }

  void pageview(String siteId, long second, String[] dimensions, boolean newSession,
      boolean unique, boolean bounce, int duration, String sessionId) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", JsonlFormat.PAGEVIEW);
    out.writeStringField("site_id", siteId);
    out.writeStringField("timestamp", Instant.ofEpochSecond(second).toString());
    dimensions(dimensions);
    if (sessionId != null) {
      out.writeStringField("session_id", sessionId);
    }
    out.writeBooleanField("new_session", newSession);
    out.writeBooleanField("unique", unique);
    out.writeBooleanField("bounce", bounce);
    out.writeNumberField("duration", duration);
    end();
  }

  void conversion(String siteId, String eventId, long second, String[] dimensions,
      boolean unique, long value, String sessionId) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", JsonlFormat.CONVERSION);
    out.writeStringField("site_id", siteId);
    out.writeStringField("event_id", eventId);
    out.writeStringField("timestamp", Instant.ofEpochSecond(second).toString());
    dimensions(dimensions);
    if (sessionId != null) {
      out.writeStringField("session_id", sessionId);
    }
    out.writeBooleanField("unique", unique);
    out.writeNumberField("value", value);
    end();
  }

  /** Writes every record of {@code state}, sites, events and milestones in created order. */
  static void writeAll(StoreState state, List<SiteRecord> sites, List<EventRecord> events,
      List<MilestoneRecord> milestones, Writer target) throws IOException {
    try (JsonlWriter w = new JsonlWriter(target)) {
      for (SiteRecord s : sites) {
        w.site(s);
      }
      for (EventRecord e : events) {
        w.event(e);
      }
      for (MilestoneRecord m : milestones) {
        w.milestone(m);
      }
      String[] dims = new String[FIELDS.length];
      for (SiteRecord s : sites) {
        RecordTable table = state.pageviews.get(s.id());
        SessionIndex sessions = state.sessions.get(s.id());
        for (Chunk c : table == null ? List.<Chunk>of() : table.chunks()) {
          for (int i = 0; i < c.size(); i++) {
            decode(state, c, i, dims);
            int f = c.flags()[i];
            w.pageview(s.id(), c.timestamps()[i], dims, (f & Chunk.NEW_SESSION) != 0,
                (f & Chunk.UNIQUE) != 0, (f & Chunk.BOUNCE) != 0, c.durations()[i],
                sessions.value(c.sessions().get(i)));
          }
        }
      }
      for (EventRecord e : events) {
        RecordTable table = state.conversions.get(e.id());
        SessionIndex sessions = state.sessions.get(e.siteId());
        for (Chunk c : table == null ? List.<Chunk>of() : table.chunks()) {
          for (int i = 0; i < c.size(); i++) {
            decode(state, c, i, dims);
            w.conversion(e.siteId(), e.id(), c.timestamps()[i], dims,
                (c.flags()[i] & Chunk.UNIQUE) != 0, c.values()[i],
                sessions.value(c.sessions().get(i)));
          }
        }
      }
    }
  }

  private static void decode(StoreState state, Chunk c, int i, String[] dims) {
    for (int f = 0; f < FIELDS.length; f++) {
      dims[f] = state.dictionaries[f].value(c.dimension(FIELDS[f]).get(i));
    }
  }

  private void dimensions(String[] dimensions) throws IOException {
    for (int f = 0; f < FIELDS.length; f++) {
      if (dimensions[f] != null) {
        out.writeStringField(FIELDS[f].apiName(), dimensions[f]);
      }
    }
  }

  private void end() throws IOException {
    out.writeEndObject();
    out.writeRaw('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
