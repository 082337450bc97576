package dev.sparkfathom.emulator.data;

import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

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
  private final int[] scratch = new int[FIELD_COUNT];

  StoreState() {
    for (int f = 0; f < FIELD_COUNT; f++) {
      dictionaries[f] = new Dictionary();
    }
  }

  void addPageview(PageviewRecord r) {
    int flags = (r.newSession() ? Chunk.NEW_SESSION : 0)
        | (r.unique() ? Chunk.UNIQUE : 0)
        | (r.bounce() ? Chunk.BOUNCE : 0);
    pageviews.computeIfAbsent(r.siteId(), id -> new RecordTable(Entity.PAGEVIEW))
        .append(seconds(r.timestamp()), encode(r.dimensions()), flags, r.duration());
  }

  void addConversion(ConversionRecord r) {
    conversions.computeIfAbsent(r.eventId(), id -> new RecordTable(Entity.EVENT))
        .append(seconds(r.timestamp()), encode(r.dimensions()), r.unique() ? Chunk.UNIQUE : 0,
            r.value());
  }

  /** Whole epoch seconds; fractions are cut (floored, also before 1970). */
  static long seconds(Instant timestamp) {
    return timestamp.getEpochSecond();
  }

  /** Adds {@code staged} (built with its own dictionaries) to this state. */
  void merge(StoreState staged) {
    sites.putAll(staged.sites);
    events.putAll(staged.events);
    int[][] remap = new int[FIELD_COUNT][];
    for (int f = 0; f < FIELD_COUNT; f++) {
      Dictionary from = staged.dictionaries[f];
      remap[f] = new int[from.size()];
      for (int code = 0; code < from.size(); code++) {
        remap[f][code] = dictionaries[f].encode(from.value(code));
      }
    }
    staged.pageviews.forEach((site, table) ->
        pageviews.computeIfAbsent(site, id -> new RecordTable(Entity.PAGEVIEW))
            .appendAll(table, remap));
    staged.conversions.forEach((event, table) ->
        conversions.computeIfAbsent(event, id -> new RecordTable(Entity.EVENT))
            .appendAll(table, remap));
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
  }

  private int[] encode(String[] dimensions) {
    checkDimensions(dimensions);
    for (int f = 0; f < FIELD_COUNT; f++) {
      scratch[f] = dictionaries[f].encode(dimensions[f]);
    }
    return scratch;
  }
}
