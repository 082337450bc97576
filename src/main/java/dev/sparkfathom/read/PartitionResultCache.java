package dev.sparkfathom.read;

import dev.sparkfathom.client.AggregationRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded answers of recently read partitions, per JVM, keyed by the planned scan and
 * the partition. Spark runs one scan's partitions more than once in ordinary queries (a
 * global {@code ORDER BY} samples its input first; a lost task or a recomputed stage reruns
 * them), and every Fathom request costs the user. A planned scan's partition always means the
 * same request, so answering a rerun from here keeps the relation exact and the bill small.
 * Bounded by rows held and by age; least recently used entries go first.
 */
final class PartitionResultCache {
  static final PartitionResultCache SHARED =
      new PartitionResultCache(1_000_000, Duration.ofMinutes(30), Clock.systemUTC());

  private record Entry(List<AggregationRow> rows, Instant stored) {}

  private final long maxRows;
  private final Duration maxAge;
  private final Clock clock;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long rowsHeld;

  PartitionResultCache(long maxRows, Duration maxAge, Clock clock) {
    this.maxRows = maxRows;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** The rows stored for {@code key}, or null when none are (or they are too old). */
  synchronized List<AggregationRow> get(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (e.stored.plus(maxAge).isBefore(clock.instant())) {
      remove(key);
      return null;
    }
    return e.rows;
  }

  /** Stores the rows unless they alone exceed the bound; evicts the oldest used to make room. */
  synchronized void put(String key, List<AggregationRow> rows) {
    if (rows.size() > maxRows) {
      return;
    }
    remove(key);
    Instant now = clock.instant();
    entries.values().removeIf(e -> {
      boolean expired = e.stored.plus(maxAge).isBefore(now);
      if (expired) {
        rowsHeld -= e.rows.size();
      }
      return expired;
    });
    entries.put(key, new Entry(rows, now));
    rowsHeld += rows.size();
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (rowsHeld > maxRows && it.hasNext()) {
      rowsHeld -= it.next().getValue().rows.size();
      it.remove();
    }
  }

  synchronized int size() {
    return entries.size();
  }

  private void remove(String key) {
    Entry old = entries.remove(key);
    if (old != null) {
      rowsHeld -= old.rows.size();
    }
  }
}
