package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.Field;
import dev.sparkfathom.emulator.data.Chunk;
import dev.sparkfathom.emulator.data.Dictionary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The current-visitors answer: the site's pageviews with a timestamp in the 5 minutes up to
 * {@code now}, that is {@code now - 300 s < timestamp <= now} in whole seconds (a fractional
 * {@code now} is cut). The top lists hold at most {@value #TOP} entries each, by total
 * descending, ties by the two values ascending, null first.
 */
public final class CurrentVisitorsCounter {
  /** Length of the window. */
  public static final Duration WINDOW = Duration.ofMinutes(5);
  static final int TOP = 150;

  private CurrentVisitorsCounter() {}

  /** Counts over a site's pageview chunks; the caller holds the store's read lock. */
  public static CurrentVisitors count(
      List<Chunk> chunks, Dictionary[] dictionaries, Instant now, boolean detailed) {
    long hi = now.getEpochSecond();
    long lo = hi - WINDOW.getSeconds() + 1;
    GroupTable content = new GroupTable(2);
    GroupTable referrers = new GroupTable(2);
    long[] contentCounts = new long[16];
    long[] referrerCounts = new long[16];
    int[] key = new int[2];
    long total = 0;
    for (Chunk c : chunks) {
      if (c.size() == 0 || c.maxTimestamp() < lo || c.minTimestamp() > hi) {
        continue;
      }
      long[] timestamps = c.timestamps();
      for (int i = 0; i < c.size(); i++) {
        if (timestamps[i] < lo || timestamps[i] > hi) {
          continue;
        }
        total++;
        if (detailed) {
          key[0] = c.dimension(Field.HOSTNAME).get(i);
          key[1] = c.dimension(Field.PATHNAME).get(i);
          contentCounts = increment(contentCounts, content.findOrAdd(key));
          key[0] = c.dimension(Field.REFERRER_HOSTNAME).get(i);
          key[1] = c.dimension(Field.REFERRER_PATHNAME).get(i);
          referrerCounts = increment(referrerCounts, referrers.findOrAdd(key));
        }
      }
    }
    if (!detailed) {
      return new CurrentVisitors(total, List.of(), List.of());
    }
    List<CurrentVisitors.Page> pages = top(content, contentCounts,
        dictionaries[Field.HOSTNAME.ordinal()], dictionaries[Field.PATHNAME.ordinal()]).stream()
        .map(e -> new CurrentVisitors.Page(e.first(), e.second(), e.total()))
        .toList();
    List<CurrentVisitors.Referrer> refs = top(referrers, referrerCounts,
        dictionaries[Field.REFERRER_HOSTNAME.ordinal()],
        dictionaries[Field.REFERRER_PATHNAME.ordinal()]).stream()
        .map(e -> new CurrentVisitors.Referrer(e.first(), e.second(), e.total()))
        .toList();
    return new CurrentVisitors(total, pages, refs);
  }

  private static long[] increment(long[] counts, int group) {
    long[] grown = group < counts.length ? counts : Arrays.copyOf(counts, group * 2);
    grown[group]++;
    return grown;
  }

  private record Entry(String first, String second, long total) {}

  private static List<Entry> top(
      GroupTable table, long[] counts, Dictionary firstDict, Dictionary secondDict) {
    List<Entry> entries = new ArrayList<>(table.size());
    for (int g = 0; g < table.size(); g++) {
      entries.add(new Entry(
          firstDict.value(table.key(g, 0)), secondDict.value(table.key(g, 1)), counts[g]));
    }
    Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
    entries.sort(Comparator.comparingLong(Entry::total).reversed()
        .thenComparing(Entry::first, nullsFirst)
        .thenComparing(Entry::second, nullsFirst));
    return entries.size() > TOP ? entries.subList(0, TOP) : entries;
  }
}
