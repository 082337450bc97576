package dev.sparkfathom.emulator.data;

import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one store holds at a time: the dictionaries, sites, events and the record tables
 * (pageviews by site id, conversions by event id). A replacing load builds a fresh one and
 * swaps it in; an adding load builds one and merges it. Not thread-safe.
 */
final class StoreState {
  private static final int FIELD_COUNT = Field.values().length;

  final Dictionary[] dictionaries = new Dictionary[FIELD_COUNT];
  final Map<String, SiteRecord> sites = new HashMap<>();
  final Map<String, EventRecord> events = new HashMap<>();
  final Map<String, RecordTable> pageviews = new HashMap<>();
  final Map<String, RecordTable> conversions = new HashMap<>();
  /** Per site, its sessions (entry and exit pages). */
  final Map<String, SessionIndex> sessions = new HashMap<>();
  /** Milestones by id; kept sorted so exports are stable. */
  final Map<String, MilestoneRecord> milestones = new TreeMap<>();
  private final int[] scratch = new int[FIELD_COUNT];

  StoreState() {
    for (int f = 0; f < FIELD_COUNT; f++) {
      dictionaries[f] = new Dictionary();
    }
    // Derived fields take their values from another field, so they share its codes.
    dictionaries[Field.ENTRY_PAGE.ordinal()] = dictionaries[Field.PATHNAME.ordinal()];
    dictionaries[Field.EXIT_PAGE.ordinal()] = dictionaries[Field.PATHNAME.ordinal()];
    dictionaries[Field.DOMAIN.ordinal()] = dictionaries[Field.HOSTNAME.ordinal()];
  }

  void addPageview(PageviewRecord r) {
    int flags = (r.newSession() ? Chunk.NEW_SESSION : 0)
        | (r.unique() ? Chunk.UNIQUE : 0)
        | (r.bounce() ? Chunk.BOUNCE : 0);
    SessionIndex index = sessions(r.siteId());
    int session = index.encode(r.sessionId());
    long second = seconds(r.timestamp());
    int[] codes = encode(r.dimensions());
    index.addPageview(session, second, codes[Field.PATHNAME.ordinal()]);
    pageviews.computeIfAbsent(r.siteId(), id -> new RecordTable(Entity.PAGEVIEW))
        .append(second, codes, flags, r.duration(), session);
  }

  void addConversion(ConversionRecord r) {
    int session = sessions(r.siteId()).encode(r.sessionId());
    conversions.computeIfAbsent(r.eventId(), id -> new RecordTable(Entity.EVENT))
        .append(seconds(r.timestamp()), encode(r.dimensions()), r.unique() ? Chunk.UNIQUE : 0,
            r.value(), session);
  }

  SessionIndex sessions(String siteId) {
    return sessions.computeIfAbsent(siteId, id -> new SessionIndex());
  }

  /** Whole epoch seconds; fractions are cut (floored, also before 1970). */
  static long seconds(Instant timestamp) {
    return timestamp.getEpochSecond();
  }

  /** Adds {@code staged} (built with its own dictionaries) to this state. */
  void merge(StoreState staged) {
    sites.putAll(staged.sites);
    events.putAll(staged.events);
    milestones.putAll(staged.milestones);
    int[][] remap = new int[FIELD_COUNT][];
    for (int f = 0; f < FIELD_COUNT; f++) {
      Dictionary from = staged.dictionaries[f];
      remap[f] = new int[from.size()];
      for (int code = 0; code < from.size(); code++) {
        remap[f][code] = dictionaries[f].encode(from.value(code));
      }
    }
    Map<String, int[]> sessionRemaps = new HashMap<>();
    staged.sessions.forEach((site, from) -> {
      SessionIndex to = sessions(site);
      int[] r = new int[from.size()];
      for (int code = 0; code < r.length; code++) {
        r[code] = to.encode(from.value(code));
      }
      sessionRemaps.put(site, r);
    });
    staged.pageviews.forEach((site, table) ->
        pageviews.computeIfAbsent(site, id -> new RecordTable(Entity.PAGEVIEW))
            .appendAll(table, remap, sessionRemaps.get(site), sessions(site)));
    staged.conversions.forEach((event, table) -> {
      String site = events.get(event).siteId();
      conversions.computeIfAbsent(event, id -> new RecordTable(Entity.EVENT))
          .appendAll(table, remap, sessionRemaps.get(site), null);
    });
  }

  long recordCount() {
    long n = 0;
    for (RecordTable t : pageviews.values()) {
      n += t.count();
    }
    for (RecordTable t : conversions.values()) {
      n += t.count();
    }
    return n;
  }

  long bytesUsed() {
    long n = 0;
    for (RecordTable t : pageviews.values()) {
      n += t.bytesUsed();
    }
    for (RecordTable t : conversions.values()) {
      n += t.bytesUsed();
    }
    return n;
  }

  static void checkDimensions(String[] dimensions) {
    if (dimensions == null || dimensions.length != FIELD_COUNT) {
      throw new IllegalArgumentException(
          "a record needs " + FIELD_COUNT + " dimensions (one per Field); got "
              + (dimensions == null ? "none" : dimensions.length));
    }
    for (Field derived : new Field[] {Field.ENTRY_PAGE, Field.EXIT_PAGE}) {
      if (dimensions[derived.ordinal()] != null) {
        throw new IllegalArgumentException(derived.apiName()
            + " is derived from session_id and pathname; a record must not give it");
      }
    }
  }

  private int[] encode(String[] dimensions) {
    checkDimensions(dimensions);
    for (int f = 0; f < FIELD_COUNT; f++) {
      scratch[f] = dictionaries[f].encode(dimensions[f]);
    }
    return scratch;
  }
}
