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
    PairCounts content = new PairCounts();
    PairCounts referrers = new PairCounts();
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
          content.add(c.dimension(Field.HOSTNAME).get(i), c.dimension(Field.PATHNAME).get(i));
          referrers.add(c.dimension(Field.REFERRER_HOSTNAME).get(i),
              c.dimension(Field.REFERRER_PATHNAME).get(i));
        }
      }
    }
    if (!detailed) {
      return new CurrentVisitors(total, List.of(), List.of());
    }
    return new CurrentVisitors(total,
        content.top(dictionaries[Field.HOSTNAME.ordinal()],
            dictionaries[Field.PATHNAME.ordinal()], CurrentVisitors.Page::new),
        referrers.top(dictionaries[Field.REFERRER_HOSTNAME.ordinal()],
            dictionaries[Field.REFERRER_PATHNAME.ordinal()], CurrentVisitors.Referrer::new));
  }

  /** Counts of (code, code) pairs. */
  private static final class PairCounts {
    private final GroupTable table = new GroupTable(2);
    private final int[] key = new int[2];
    private int[] pairs = new int[32];
    private long[] counts = new long[16];
    private int size;

    void add(int first, int second) {
      key[0] = first;
      key[1] = second;
      int index = table.getOrPut(key, size);
      if (index == size) {
        if (size == counts.length) {
          counts = Arrays.copyOf(counts, size * 2);
          pairs = Arrays.copyOf(pairs, size * 4);
        }
        pairs[2 * size] = first;
        pairs[2 * size + 1] = second;
        size++;
      }
      counts[index]++;
    }

    <T> List<T> top(Dictionary firstValues, Dictionary secondValues, Entry<T> make) {
      List<Counted> entries = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        entries.add(new Counted(firstValues.value(pairs[2 * i]),
            secondValues.value(pairs[2 * i + 1]), counts[i]));
      }
      Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
      entries.sort(Comparator.comparingLong(Counted::total).reversed()
          .thenComparing(Counted::first, nullsFirst)
          .thenComparing(Counted::second, nullsFirst));
      return entries.stream().limit(TOP).map(e -> make.of(e.first, e.second, e.total))
          .toList();
    }
  }

  private record Counted(String first, String second, long total) {}

  /** Makes a Page or a Referrer. */
  @FunctionalInterface
  private interface Entry<T> {
    T of(String first, String second, long total);
  }
}
