package dev.sparkfathom.emulator.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sparkfathom.api.Field;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads JSONL records into a fresh {@link StoreState}, line by line, checking each line
 * completely: the store only takes the result when the whole input was good, so a bad line
 * leaves the store as it was.
 *
 * <p>Rules beyond the spec, chosen to catch typos early: keys a record type does not have are
 * an error; a site, event or pageview must be defined before (on an earlier line, or already
 * in the store when adding) the records that refer to it; a conversion's {@code site_id} must
 * be its event's site. Missing flags are false and a missing {@code duration} or
 * {@code value} is 0; {@code sharing} defaults to {@code none}. Blank lines are skipped.
 * Errors are {@link IllegalArgumentException}s starting {@code line N: }.
 */
final class JsonlReader {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int FIELD_COUNT = Field.values().length;

  private final Map<String, SiteRecord> baseSites;
  private final Map<String, EventRecord> baseEvents;
  private final StoreState staged = new StoreState();
  private int lineNumber;

  private JsonlReader(Map<String, SiteRecord> baseSites, Map<String, EventRecord> baseEvents) {
    this.baseSites = baseSites;
    this.baseEvents = baseEvents;
  }

  /**
   * Reads all of {@code in}; references may also point into {@code baseSites} and
   * {@code baseEvents} (what the store already holds, or empty maps when replacing).
   */
  static StoreState read(
      Reader in, Map<String, SiteRecord> baseSites, Map<String, EventRecord> baseEvents)
      throws IOException {
    JsonlReader reader = new JsonlReader(baseSites, baseEvents);
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    String line;
    while ((line = lines.readLine()) != null) {
      reader.lineNumber++;
      if (!line.isBlank()) {
        reader.readLine(line);
      }
    }
    return reader.staged;
  }

  private void readLine(String line) throws IOException {
    Line values = parse(line);
    if (values.type == null) {
      throw error("no 'type'; expected one of site, event, milestone, pageview, conversion");
    }
    switch (values.type) {
      case JsonlFormat.SITE -> site(values);
      case JsonlFormat.EVENT -> event(values);
      case JsonlFormat.PAGEVIEW -> pageview(values);
      case JsonlFormat.CONVERSION -> conversion(values);
      case JsonlFormat.MILESTONE -> milestone(values);
      default -> throw error("unknown type '" + values.type
          + "'; expected one of site, event, milestone, pageview, conversion");
    }
  }

  private void site(Line v) {
    v.allowOnly(Line.ID | Line.NAME | Line.SHARING | Line.SHARE_PASSWORD | Line.CREATED_AT
        | Line.TIMEZONE | Line.MULTI_DOMAIN | Line.MULTI_DOMAIN_OPTION);
    String sharing = v.sharing == null ? "none" : v.sharing;
    if (!JsonlFormat.SHARING.contains(sharing)) {
      throw error("sharing must be one of none, private, public; got: '" + sharing + "'");
    }
    ZoneId zone = SiteRecord.DEFAULT_TIMEZONE;
    if (v.timezone != null) {
      try {
        zone = JsonlFormat.zone(v.timezone);
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      }
    }
    String option = v.multiDomainOption == null
        ? SiteRecord.DEFAULT_MULTI_DOMAIN_OPTION : v.multiDomainOption;
    if (!SiteRecord.MULTI_DOMAIN_OPTIONS.contains(option)) {
      throw error("multi_domain_option must be one of combined, separate; got: '" + option
          + "'");
    }
    staged.sites.put(v.required(v.id, "id"), new SiteRecord(
        v.id, v.required(v.name, "name"), sharing, v.sharePassword, createdAt(v), zone,
        Boolean.TRUE.equals(v.multiDomain), option));
  }

  private void event(Line v) {
    v.allowOnly(Line.ID | Line.SITE_ID | Line.NAME | Line.CREATED_AT | Line.CURRENCY);
    String siteId = knownSite(v.required(v.siteId, "site_id"), "an event");
    if (v.currency != null && !EventRecord.CURRENCIES.contains(v.currency)) {
      throw error("currency must be one of " + String.join(", ", EventRecord.CURRENCIES)
          + "; got: '" + v.currency + "'");
    }
    staged.events.put(v.required(v.id, "id"),
        new EventRecord(v.id, siteId, v.required(v.name, "name"), createdAt(v), v.currency));
  }

  private void milestone(Line v) {
    v.allowOnly(Line.ID | Line.SITE_ID | Line.NAME | Line.MILESTONE_DATE | Line.CREATED_AT);
    String siteId = knownSite(v.required(v.siteId, "site_id"), "a milestone");
    String name = v.required(v.name, "name");
    if (name.length() > MilestoneRecord.MAX_NAME) {
      throw error("a milestone name has at most " + MilestoneRecord.MAX_NAME
          + " characters; got " + name.length());
    }
    String rawDate = v.required(v.milestoneDate, "milestone_date");
    LocalDate date;
    try {
      date = LocalDate.parse(rawDate);
    } catch (DateTimeParseException e) {
      throw error("bad milestone_date '" + rawDate + "': expected YYYY-MM-DD");
    }
    staged.milestones.put(v.required(v.id, "id"),
        new MilestoneRecord(v.id, siteId, name, date, createdAt(v)));
  }

  private void pageview(Line v) {
    v.allowOnly(Line.SITE_ID | Line.TIMESTAMP | Line.DIMENSIONS | Line.NEW_SESSION
        | Line.UNIQUE | Line.BOUNCE | Line.DURATION | Line.SESSION_ID);
    String siteId = knownSite(v.required(v.siteId, "site_id"), "a pageview");
    long duration = v.duration == null ? 0 : v.duration;
    if (duration < 0 || duration > Integer.MAX_VALUE) {
      throw error("duration must be a whole number of seconds from 0 to " + Integer.MAX_VALUE
          + "; got: " + duration);
    }
    staged.addPageview(new PageviewRecord(siteId, timestamp(v), v.dimensions,
        Boolean.TRUE.equals(v.newSession), Boolean.TRUE.equals(v.unique),
        Boolean.TRUE.equals(v.bounce), (int) duration, v.sessionId));
  }

  private void conversion(Line v) {
    v.allowOnly(Line.SITE_ID | Line.EVENT_ID | Line.TIMESTAMP | Line.DIMENSIONS | Line.UNIQUE
        | Line.VALUE | Line.SESSION_ID);
    String siteId = v.required(v.siteId, "site_id");
    String eventId = v.required(v.eventId, "event_id");
    EventRecord event = staged.events.containsKey(eventId)
        ? staged.events.get(eventId) : baseEvents.get(eventId);
    if (event == null) {
      throw error("conversion for unknown event '" + eventId
          + "' (define the event on an earlier line)");
    }
    if (!event.siteId().equals(siteId)) {
      throw error("event '" + eventId + "' belongs to site '" + event.siteId() + "', not '"
          + siteId + "'");
    }
    staged.addConversion(new ConversionRecord(siteId, eventId, timestamp(v), v.dimensions,
        Boolean.TRUE.equals(v.unique), v.value == null ? 0 : v.value, v.sessionId));
  }

  private String knownSite(String siteId, String what) {
    if (!staged.sites.containsKey(siteId) && !baseSites.containsKey(siteId)) {
      throw error(what + " for unknown site '" + siteId
          + "' (define the site on an earlier line)");
    }
    return siteId;
  }

  private Instant timestamp(Line v) {
    String raw = v.required(v.timestamp, "timestamp");
    try {
      return OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw error("bad timestamp '" + raw
          + "': expected ISO-8601 with Z or an offset, e.g. 2024-03-10T14:03:11Z");
    }
  }

  private LocalDateTime createdAt(Line v) {
    String raw = v.required(v.createdAt, "created_at");
    try {
      return LocalDateTime.parse(raw, DateTimes.SECONDS);
    } catch (DateTimeParseException e) {
      throw error("bad created_at '" + raw + "': expected YYYY-MM-DD HH:MM:SS in UTC");
    }
  }

  private Line parse(String line) throws IOException {
    Line v = new Line();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken token = p.nextToken();
        v.set(key, token, p);
      }
      if (p.nextToken() != null) {
        throw error("more than one JSON value on the line");
      }
    } catch (JsonProcessingException e) {
      throw error("not valid JSON: " + e.getOriginalMessage());
    }
    return v;
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException("line " + lineNumber + ": " + problem);
  }

  /** The values of one line, before its type is known. */
  private final class Line {
    static final int ID = 1;
    static final int NAME = 1 << 1;
    static final int SHARING = 1 << 2;
    static final int SHARE_PASSWORD = 1 << 3;
    static final int CREATED_AT = 1 << 4;
    static final int SITE_ID = 1 << 5;
    static final int EVENT_ID = 1 << 6;
    static final int TIMESTAMP = 1 << 7;
    static final int DIMENSIONS = 1 << 8;
    static final int NEW_SESSION = 1 << 9;
    static final int UNIQUE = 1 << 10;
    static final int BOUNCE = 1 << 11;
    static final int DURATION = 1 << 12;
    static final int VALUE = 1 << 13;
    static final int TIMEZONE = 1 << 14;
    static final int MULTI_DOMAIN = 1 << 15;
    static final int MULTI_DOMAIN_OPTION = 1 << 16;
    static final int CURRENCY = 1 << 17;
    static final int SESSION_ID = 1 << 18;
    static final int MILESTONE_DATE = 1 << 19;

    String type;
    String id;
    String name;
    String sharing;
    String sharePassword;
    String createdAt;
    String siteId;
    String eventId;
    String timestamp;
    final String[] dimensions = new String[FIELD_COUNT];
    Boolean newSession;
    Boolean unique;
    Boolean bounce;
    Long duration;
    Long value;
    int present;
    final String[] firstKeyOf = new String[20];
    String timezone;
    Boolean multiDomain;
    String multiDomainOption;
    String currency;
    String sessionId;
    String milestoneDate;

    void set(String key, JsonToken token, JsonParser p) throws IOException {
      switch (key) {
        case "type" -> type = text(key, token, p);
        case "id" -> id = mark(ID, key, text(key, token, p));
        case "name" -> name = mark(NAME, key, text(key, token, p));
        case "sharing" -> sharing = mark(SHARING, key, text(key, token, p));
        case "share_password" -> sharePassword = mark(SHARE_PASSWORD, key, text(key, token, p));
        case "created_at" -> createdAt = mark(CREATED_AT, key, text(key, token, p));
        case "site_id" -> siteId = mark(SITE_ID, key, text(key, token, p));
        case "event_id" -> eventId = mark(EVENT_ID, key, text(key, token, p));
        case "timestamp" -> timestamp = mark(TIMESTAMP, key, text(key, token, p));
        case "new_session" -> newSession = mark(NEW_SESSION, key, bool(key, token, p));
        case "unique" -> unique = mark(UNIQUE, key, bool(key, token, p));
        case "bounce" -> bounce = mark(BOUNCE, key, bool(key, token, p));
        case "duration" -> duration = mark(DURATION, key, number(key, token, p));
        case "value" -> value = mark(VALUE, key, number(key, token, p));
        case "timezone" -> timezone = mark(TIMEZONE, key, text(key, token, p));
        case "multi_domain" -> multiDomain = mark(MULTI_DOMAIN, key, bool(key, token, p));
        case "multi_domain_option" ->
            multiDomainOption = mark(MULTI_DOMAIN_OPTION, key, text(key, token, p));
        case "currency" -> currency = mark(CURRENCY, key, text(key, token, p));
        case "session_id" -> sessionId = mark(SESSION_ID, key, text(key, token, p));
        case "milestone_date" -> milestoneDate = mark(MILESTONE_DATE, key, text(key, token, p));
        case "entry_page", "exit_page" -> throw error("'" + key
            + "' is derived (the first or last pathname of the record's session_id); "
            + "a record must not give it");
        default -> {
          Field field = Field.byName(key);
          if (field == null) {
            throw error("unknown key '" + key + "'");
          }
          dimensions[field.ordinal()] = mark(DIMENSIONS, key, text(key, token, p));
        }
      }
    }

    private <T> T mark(int bit, String key, T parsed) {
      present |= bit;
      int index = Integer.numberOfTrailingZeros(bit);
      if (firstKeyOf[index] == null) {
        firstKeyOf[index] = key;
      }
      return parsed;
    }

    /** Fails on the first key present that a record of this line's type does not have. */
    void allowOnly(int allowed) {
      int extra = present & ~allowed;
      if (extra != 0) {
        throw error("a " + type + " has no key '"
            + firstKeyOf[Integer.numberOfTrailingZeros(extra)] + "'");
      }
    }

    String required(String value, String key) {
      if (value == null || value.isEmpty()) {
        throw error("a " + type + " needs a non-empty '" + key + "'");
      }
      return value;
    }

    private String text(String key, JsonToken token, JsonParser p) throws IOException {
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      if (token != JsonToken.VALUE_STRING) {
        throw error("'" + key + "' must be a string or null; got: " + p.getText());
      }
      return p.getText();
    }

    private Boolean bool(String key, JsonToken token, JsonParser p) throws IOException {
      if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
        return token == JsonToken.VALUE_TRUE;
      }
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      throw error("'" + key + "' must be true or false; got: " + p.getText());
    }

    private Long number(String key, JsonToken token, JsonParser p) throws IOException {
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      if (token != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw error("'" + key + "' must be a whole number; got: " + p.getText());
      }
      return p.getLongValue();
    }
  }
}
