package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.emulator.data.Chunk;
import dev.sparkfathom.emulator.data.SessionIndex;
import java.util.List;

/**
 * The inner loop of an aggregation: for each record of a chunk in the range, the filter
 * tables, the date bucket, the group, then the counters of {@link Groups}. Everything is a
 * primitive array; nothing is allocated per record.
 *
 * <p>The group of a record is looked up per date bucket, since records come roughly in time
 * order and a bucket's groups then stay in the CPU cache: in a dense array indexed by the
 * grouped fields' codes (mixed radix) when the product of the dictionaries' sizes is small,
 * else in a {@link GroupTable} per bucket.
 */
final class Scanner {
  /** Most slots of one bucket's dense index (256 KB). */
  private static final long DENSE_PER_DATE = 1 << 16;
  /** Most slots of all buckets' dense indexes together (32 MB). */
  private static final long DENSE_TOTAL = 1 << 23;

  private final boolean pageviews;
  private final Field[] filterFields;
  private final boolean[][] passes;
  private final Field[] groupFields;
  private final Bucketer bucketer;
  private final SessionIndex sessions;
  private final Groups groups;
  /** Per date bucket: group + 1 by mixed-radix slot, 0 for none yet; null when hashing. */
  private final int[][] dense;
  /** Per date bucket: group by codes; null when dense. */
  private final GroupTable[] tables;
  private final int denseSize;
  private final int[] strides;
  private final int[] key;
  private final int[][] filterScratch;
  private final int[][] groupScratch;
  private final int[][] filterCodes;
  private final int[][] groupCodes;

  /**
   * {@code cardinalities[k]} is the dictionary size of grouped field {@code k}: codes run
   * from 0 to cardinality - 1.
   */
  Scanner(Entity entity, CompiledFilters filters, List<Field> grouped, int[] cardinalities,
      Bucketer bucketer, SessionIndex sessions) {
    this.pageviews = entity == Entity.PAGEVIEW;
    this.sessions = sessions;
    this.filterFields = filters.fields();
    this.passes = filters.passes();
    this.groupFields = grouped.toArray(new Field[0]);
    this.bucketer = bucketer;
    this.groups = new Groups(entity, groupFields.length);
    this.key = new int[groupFields.length];
    this.filterScratch = new int[filterFields.length][Chunk.CAPACITY];
    this.groupScratch = new int[groupFields.length][Chunk.CAPACITY];
    this.filterCodes = new int[filterFields.length][];
    this.groupCodes = new int[groupFields.length][];
    this.strides = new int[groupFields.length];
    long product = 1;
    for (int k = groupFields.length - 1; k >= 0; k--) {
      strides[k] = (int) Math.min(product, Integer.MAX_VALUE);
      product *= cardinalities[k];
      if (product > DENSE_PER_DATE) {
        break;
      }
    }
    if (product <= DENSE_PER_DATE && product * bucketer.dateCount() <= DENSE_TOTAL) {
      denseSize = (int) product;
      dense = new int[bucketer.dateCount()][];
      tables = null;
    } else {
      denseSize = -1;
      dense = null;
      tables = new GroupTable[bucketer.dateCount()];
    }
  }

  Groups groups() {
    return groups;
  }

  /** Adds the chunk's records with {@code lo <= timestamp <= hi} that pass the filters. */
  void scan(Chunk chunk, long lo, long hi) {
    int n = chunk.size();
    for (int k = 0; k < filterFields.length; k++) {
      filterCodes[k] = chunk.codes(filterFields[k], n, filterScratch[k], sessions);
    }
    for (int k = 0; k < groupFields.length; k++) {
      groupCodes[k] = chunk.codes(groupFields[k], n, groupScratch[k], sessions);
    }
    if (pageviews) {
      scanPageviews(chunk, n, lo, hi);
    } else {
      scanConversions(chunk, n, lo, hi);
    }
  }

  private void scanPageviews(Chunk chunk, int n, long lo, long hi) {
    long[] timestamps = chunk.timestamps();
    byte[] flags = chunk.flags();
    int[] durations = chunk.durations();
    for (int i = 0; i < n; i++) {
      long t = timestamps[i];
      if (t < lo || t > hi || !passes(i)) {
        continue;
      }
      int base = group(i, t) * Groups.PAGEVIEW_SLOTS;
      long[] counters = groups.counters;
      int f = flags[i];
      counters[base + Groups.PAGEVIEWS]++;
      counters[base + Groups.VISITS] += f & Chunk.NEW_SESSION;
      counters[base + Groups.UNIQUES] += (f & Chunk.UNIQUE) >>> 1;
      int d = durations[i];
      if (d > 0) {
        counters[base + Groups.DURATION_SUM] += d;
        counters[base + Groups.DURATION_COUNT]++;
      }
      if ((f & (Chunk.NEW_SESSION | Chunk.BOUNCE)) == (Chunk.NEW_SESSION | Chunk.BOUNCE)) {
        counters[base + Groups.BOUNCES]++;
      }
    }
  }

  private void scanConversions(Chunk chunk, int n, long lo, long hi) {
    long[] timestamps = chunk.timestamps();
    byte[] flags = chunk.flags();
    long[] values = chunk.values();
    for (int i = 0; i < n; i++) {
      long t = timestamps[i];
      if (t < lo || t > hi || !passes(i)) {
        continue;
      }
      int base = group(i, t) * Groups.EVENT_SLOTS;
      long[] counters = groups.counters;
      counters[base + Groups.CONVERSIONS]++;
      counters[base + Groups.UNIQUE_CONVERSIONS] += (flags[i] & Chunk.UNIQUE) >>> 1;
      counters[base + Groups.VALUE] += values[i];
    }
  }

  private boolean passes(int i) {
    for (int k = 0; k < filterCodes.length; k++) {
      if (!passes[k][filterCodes[k][i]]) {
        return false;
      }
    }
    return true;
  }

  private int group(int i, long t) {
    for (int k = 0; k < key.length; k++) {
      key[k] = groupCodes[k][i];
    }
    return groupOf(bucketer.dateId(t));
  }

  private int groupOf(int dateId) {
    if (dense != null) {
      int[] index = dense[dateId];
      if (index == null) {
        index = new int[denseSize];
        dense[dateId] = index;
      }
      int slot = 0;
      for (int k = 0; k < key.length; k++) {
        slot += key[k] * strides[k];
      }
      int entry = index[slot];
      if (entry == 0) {
        entry = groups.add(dateId, key) + 1;
        index[slot] = entry;
      }
      return entry - 1;
    }
    GroupTable table = tables[dateId];
    if (table == null) {
      table = new GroupTable(key.length);
      tables[dateId] = table;
    }
    int next = groups.size();
    int group = table.getOrPut(key, next);
    if (group == next) {
      groups.add(dateId, key);
    }
    return group;
  }
}
