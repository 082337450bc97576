package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.emulator.data.Chunk;
import dev.sparkfathom.emulator.data.Dictionary;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Answers an {@link EngineQuery} from the chunks of one record table: one pass over primitive
 * arrays per chunk, with filters as per-code tables ({@link CompiledFilters}), the date bucket
 * from a {@link Bucketer} and the group from a {@link GroupTable}, then {@link ResultSorter}
 * and the limit.
 *
 * <p>Range: a record counts when {@code from <= timestamp <= to} in whole seconds; a
 * fractional {@code from} is rounded up and a fractional {@code to} down, so both stay
 * inclusive of exactly the whole seconds between them. Null {@code from} or {@code to}: open
 * on that side. A null zone means UTC.
 */
public final class AggregationEngine {
  // Accumulator slots per group.
  private static final int PAGEVIEWS = 0;
  private static final int VISITS = 1;
  private static final int UNIQUES = 2;
  private static final int DURATION_SUM = 3;
  private static final int DURATION_COUNT = 4;
  private static final int BOUNCES = 5;
  private static final int PAGEVIEW_SLOTS = 6;
  private static final int CONVERSIONS = 0;
  private static final int UNIQUE_CONVERSIONS = 1;
  private static final int VALUE = 2;
  private static final int EVENT_SLOTS = 3;

  private AggregationEngine() {}

  /**
   * Runs {@code query} over {@code chunks} (all of the query's entity: the site's pageviews or
   * the event's conversions), decoding codes with {@code dictionaries} (indexed by Field
   * ordinal). The caller holds the store's read lock.
   */
  public static List<ResultRow> aggregate(
      EngineQuery query, List<Chunk> chunks, Dictionary[] dictionaries) {
    List<Aggregate> aggregates = query.aggregates();
    for (Aggregate a : aggregates) {
      if (a.entity() != query.entity()) {
        throw new IllegalArgumentException(
            "aggregate " + a.apiName() + " does not apply to entity " + query.entity().apiName());
      }
    }
    List<Field> grouped = query.fieldGrouping() == null ? List.of() : query.fieldGrouping();
    long lo = query.from() == null ? Long.MIN_VALUE : ceilSeconds(query.from());
    long hi = query.to() == null ? Long.MAX_VALUE : query.to().getEpochSecond();
    CompiledFilters filters = CompiledFilters.compile(query.filters(), dictionaries);

    long dataMin = Long.MAX_VALUE;
    long dataMax = Long.MIN_VALUE;
    List<Chunk> inRange = new ArrayList<>();
    for (Chunk c : chunks) {
      if (c.size() > 0 && c.maxTimestamp() >= lo && c.minTimestamp() <= hi) {
        inRange.add(c);
        dataMin = Math.min(dataMin, c.minTimestamp());
        dataMax = Math.max(dataMax, c.maxTimestamp());
      }
    }
    Ordering order = new Ordering(query, aggregates, grouped);
    if (inRange.isEmpty() || filters.passesNothing()) {
      return order.sortAndLimit(new ArrayList<>());
    }
    Bucketer bucketer = query.dateGrouping() == null
        ? Bucketer.none()
        : Bucketer.of(query.dateGrouping(),
            query.zone() == null ? ZoneOffset.UTC : query.zone(),
            Math.max(lo, dataMin), Math.min(hi, dataMax));

    Pass pass = new Pass(query.entity(), filters, grouped, bucketer);
    for (Chunk c : inRange) {
      pass.scan(c, lo, hi);
    }
    return order.sortAndLimit(pass.rows(aggregates, grouped, dictionaries));
  }

  private static long ceilSeconds(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }

  /** The sort and limit of a query. */
  private record Ordering(EngineQuery query, List<Aggregate> aggregates, List<Field> grouped) {
    List<ResultRow> sortAndLimit(List<ResultRow> rows) {
      rows.sort(ResultSorter.comparator(query.sort(), aggregates, grouped));
      Integer limit = query.limit();
      if (limit != null) {
        if (limit < 0) {
          throw new IllegalArgumentException("limit must be at least 0; got: " + limit);
        }
        if (limit < rows.size()) {
          return new ArrayList<>(rows.subList(0, limit));
        }
      }
      return rows;
    }
  }

  /** The accumulation state of one query. */
  private static final class Pass {
    private final boolean pageviews;
    private final int slots;
    private final Field[] filterFields;
    private final boolean[][] passes;
    private final Field[] groupFields;
    private final Bucketer bucketer;
    private final GroupTable groups;
    private final int[] key;
    private final int[][] filterScratch;
    private final int[][] groupScratch;
    private final int[][] filterCodes;
    private final int[][] groupCodes;
    private long[] acc;

    Pass(Entity entity, CompiledFilters filters, List<Field> grouped, Bucketer bucketer) {
      this.pageviews = entity == Entity.PAGEVIEW;
      this.slots = pageviews ? PAGEVIEW_SLOTS : EVENT_SLOTS;
      this.filterFields = filters.fields();
      this.passes = filters.passes();
      this.groupFields = grouped.toArray(new Field[0]);
      this.bucketer = bucketer;
      this.groups = new GroupTable(1 + groupFields.length);
      this.key = new int[1 + groupFields.length];
      this.filterScratch = new int[filterFields.length][Chunk.CAPACITY];
      this.groupScratch = new int[groupFields.length][Chunk.CAPACITY];
      this.filterCodes = new int[filterFields.length][];
      this.groupCodes = new int[groupFields.length][];
      this.acc = new long[64 * slots];
    }

    void scan(Chunk chunk, long lo, long hi) {
      int n = chunk.size();
      for (int k = 0; k < filterFields.length; k++) {
        filterCodes[k] = chunk.dimension(filterFields[k]).ints(n, filterScratch[k]);
      }
      for (int k = 0; k < groupFields.length; k++) {
        groupCodes[k] = chunk.dimension(groupFields[k]).ints(n, groupScratch[k]);
      }
      long[] timestamps = chunk.timestamps();
      byte[] flags = chunk.flags();
      int[] durations = chunk.durations();
      long[] values = chunk.values();
      int filterCount = filterFields.length;
      int groupCount = groupFields.length;
      records:
      for (int i = 0; i < n; i++) {
        long t = timestamps[i];
        if (t < lo || t > hi) {
          continue;
        }
        for (int k = 0; k < filterCount; k++) {
          if (!passes[k][filterCodes[k][i]]) {
            continue records;
          }
        }
        key[0] = bucketer.dateId(t);
        for (int k = 0; k < groupCount; k++) {
          key[k + 1] = groupCodes[k][i];
        }
        int group = groups.findOrAdd(key);
        int base = group * slots;
        if (base + slots > acc.length) {
          acc = Arrays.copyOf(acc, acc.length * 2);
        }
        int f = flags[i];
        if (pageviews) {
          acc[base + PAGEVIEWS]++;
          acc[base + VISITS] += f & Chunk.NEW_SESSION;
          acc[base + UNIQUES] += (f & Chunk.UNIQUE) >>> 1;
          int d = durations[i];
          if (d > 0) {
            acc[base + DURATION_SUM] += d;
            acc[base + DURATION_COUNT]++;
          }
          if ((f & (Chunk.NEW_SESSION | Chunk.BOUNCE)) == (Chunk.NEW_SESSION | Chunk.BOUNCE)) {
            acc[base + BOUNCES]++;
          }
        } else {
          acc[base + CONVERSIONS]++;
          acc[base + UNIQUE_CONVERSIONS] += (f & Chunk.UNIQUE) >>> 1;
          acc[base + VALUE] += values[i];
        }
      }
    }

    List<ResultRow> rows(List<Aggregate> aggregates, List<Field> grouped, Dictionary[] dicts) {
      List<ResultRow> rows = new ArrayList<>(groups.size());
      for (int g = 0; g < groups.size(); g++) {
        String[] fields = new String[grouped.size()];
        for (int k = 0; k < fields.length; k++) {
          fields[k] = dicts[grouped.get(k).ordinal()].value(groups.key(g, k + 1));
        }
        Number[] metrics = new Number[aggregates.size()];
        for (int m = 0; m < metrics.length; m++) {
          metrics[m] = metric(aggregates.get(m), g * slots);
        }
        rows.add(new ResultRow(bucketer.label(groups.key(g, 0)), fields, metrics));
      }
      return rows;
    }

    private Number metric(Aggregate aggregate, int base) {
      return switch (aggregate) {
        case PAGEVIEWS -> acc[base + PAGEVIEWS];
        case VISITS -> acc[base + VISITS];
        case UNIQUES -> acc[base + UNIQUES];
        case AVG_DURATION -> ratio(acc[base + DURATION_SUM], acc[base + DURATION_COUNT]);
        case BOUNCE_RATE -> ratio(acc[base + BOUNCES], acc[base + VISITS]);
        case CONVERSIONS -> acc[base + CONVERSIONS];
        case UNIQUE_CONVERSIONS -> acc[base + UNIQUE_CONVERSIONS];
        case VALUE -> acc[base + VALUE];
      };
    }

    private static Double ratio(long numerator, long denominator) {
      return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
  }
}
