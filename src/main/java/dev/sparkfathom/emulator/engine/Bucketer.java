package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.DateGrouping;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an epoch second to its date bucket. Built once per query over the query's range: the
 * range is cut into segments, each a run of instants with the same local bucket start, ending
 * where local time reaches the next bucket or the zone's offset changes. A record's segment is
 * found by binary search, with a hint for the common case of records in time order.
 *
 * <p>Segments are labelled by {@link DateGrouping#label}, and segments with the same label
 * are one date group: so at a DST fall-back the repeated local hour is one group (and where a
 * zone turned its clock back across midnight, the repeated local day is one group).
 */
final class Bucketer {
  private final long[] starts;
  private final int[] dateIds;
  private final String[] labels;
  private int hint;

  private Bucketer(long[] starts, int[] dateIds, String[] labels) {
    this.starts = starts;
    this.dateIds = dateIds;
    this.labels = labels;
  }

  /** One group for all time, labelled null: no date grouping. */
  static Bucketer none() {
    return new Bucketer(new long[] {Long.MIN_VALUE}, new int[] {0}, new String[] {null});
  }

  /** Buckets of {@code grouping} in {@code zone} for epoch seconds from lo to hi inclusive. */
  static Bucketer of(DateGrouping grouping, ZoneId zone, long lo, long hi) {
    ZoneRules rules = zone.getRules();
    List<Long> starts = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    Map<String, Integer> idByLabel = new HashMap<>();
    List<String> labels = new ArrayList<>();
    ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(lo));
    long t = lo;
    while (t <= hi) {
      ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(t));
      LocalDateTime start = grouping.truncate(LocalDateTime.ofEpochSecond(t, 0, offset));
      long end = grouping.plus(start, 1).toEpochSecond(offset);
      while (next != null && next.toEpochSecond() <= t) {
        next = rules.nextTransition(next.getInstant());
      }
      if (next != null && next.toEpochSecond() < end) {
        end = next.toEpochSecond();
      }
      String label = grouping.label(start);
      Integer id = idByLabel.get(label);
      if (id == null) {
        id = labels.size();
        idByLabel.put(label, id);
        labels.add(label);
      }
      starts.add(t);
      ids.add(id);
      t = end;
    }
    return new Bucketer(
        starts.stream().mapToLong(Long::longValue).toArray(),
        ids.stream().mapToInt(Integer::intValue).toArray(),
        labels.toArray(new String[0]));
  }

  /** The date group of epoch second {@code t}, which must not precede the range start. */
  int dateId(long t) {
    int h = hint;
    if (t >= starts[h] && (h + 1 == starts.length || t < starts[h + 1])) {
      return dateIds[h];
    }
    int index = Arrays.binarySearch(starts, t);
    if (index < 0) {
      index = -index - 2;
    }
    hint = index;
    return dateIds[index];
  }

  /** The label of a date group; null without date grouping. */
  String label(int dateId) {
    return labels[dateId];
  }
}
