package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.emulator.data.Chunk;
import dev.sparkfathom.emulator.data.Dictionary;
import dev.sparkfathom.emulator.data.SessionIndex;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers an {@link EngineQuery} from the chunks of one record table: filters compiled to
 * per-code tables ({@link CompiledFilters}), date buckets from a {@link Bucketer}, one pass of
 * {@link Scanner} per chunk, then the groups sorted by {@link GroupOrder} and only the first
 * {@code limit} of them turned into rows.
 *
 * <p>Range: a record counts when {@code from <= timestamp <= to} in whole seconds; a
 * fractional {@code from} is rounded up and a fractional {@code to} down, so both stay
 * inclusive of exactly the whole seconds between them. Null {@code from} or {@code to}: open
 * on that side. A null zone means UTC.
 */
public final class AggregationEngine {
  private AggregationEngine() {}

  /**
   * Runs {@code query} over {@code chunks} (all of the query's entity: the site's pageviews or
   * the event's conversions), decoding codes with {@code dictionaries} (indexed by Field
   * ordinal) and resolving {@code entry_page} / {@code exit_page} with {@code sessions} (the
   * site's; null when it has none). The caller holds the store's read lock.
   *
   * @throws IllegalArgumentException for an aggregate of the other entity, a sort key that
   *     is not in the query, or a negative limit
   */
  public static List<ResultRow> aggregate(
      EngineQuery query, List<Chunk> chunks, Dictionary[] dictionaries, SessionIndex sessions) {
    List<Aggregate> aggregates = query.aggregates();
    for (Aggregate a : aggregates) {
      if (a.entity() != query.entity()) {
        throw new IllegalArgumentException(
            "aggregate " + a.apiName() + " does not apply to entity " + query.entity().apiName());
      }
    }
    if (query.limit() != null && query.limit() < 0) {
      throw new IllegalArgumentException("limit must be at least 0; got: " + query.limit());
    }
    List<Field> grouped = query.fieldGrouping() == null ? List.of() : query.fieldGrouping();
    long lo = query.from() == null ? Long.MIN_VALUE : ceilSeconds(query.from());
    long hi = query.to() == null ? Long.MAX_VALUE : query.to().getEpochSecond();
    CompiledFilters filters = CompiledFilters.compile(query.filters(), dictionaries, query.api());

    long dataMin = Long.MAX_VALUE;
    long dataMax = Long.MIN_VALUE;
    List<Chunk> inRange = new ArrayList<>();
    for (Chunk c : lo <= hi ? chunks : List.<Chunk>of()) {
      if (c.size() > 0 && c.maxTimestamp() >= lo && c.minTimestamp() <= hi) {
        inRange.add(c);
        dataMin = Math.min(dataMin, c.minTimestamp());
        dataMax = Math.max(dataMax, c.maxTimestamp());
      }
    }
    Bucketer bucketer = query.dateGrouping() == null || inRange.isEmpty()
        ? Bucketer.none()
        : Bucketer.of(query.dateGrouping(),
            query.zone() == null ? ZoneOffset.UTC : query.zone(),
            Math.max(lo, dataMin), Math.min(hi, dataMax));
    int[] cardinalities = new int[grouped.size()];
    for (int k = 0; k < cardinalities.length; k++) {
      cardinalities[k] = dictionaries[grouped.get(k).ordinal()].size();
    }
    Scanner scanner =
        new Scanner(query.entity(), filters, grouped, cardinalities, bucketer, sessions);
    if (!filters.passesNothing()) {
      for (Chunk c : inRange) {
        scanner.scan(c, lo, hi);
      }
    }
    Groups groups = scanner.groups();
    int[] sorted = GroupOrder.sorted(
        query.sort(), aggregates, grouped, groups, bucketer, dictionaries);
    int count = query.limit() == null ? sorted.length : Math.min(query.limit(), sorted.length);
    List<ResultRow> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(row(sorted[i], groups, aggregates, grouped, bucketer, dictionaries));
    }
    return rows;
  }

  private static ResultRow row(int g, Groups groups, List<Aggregate> aggregates,
      List<Field> grouped, Bucketer bucketer, Dictionary[] dictionaries) {
    String[] fields = new String[grouped.size()];
    for (int k = 0; k < fields.length; k++) {
      fields[k] = dictionaries[grouped.get(k).ordinal()].value(groups.code(g, k));
    }
    Number[] metrics = new Number[aggregates.size()];
    for (int m = 0; m < metrics.length; m++) {
      metrics[m] = groups.metric(aggregates.get(m), g);
    }
    return new ResultRow(bucketer.label(groups.date(g)), fields, metrics);
  }

  private static long ceilSeconds(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }
}
