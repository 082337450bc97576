package dev.sparkfathom.read;

import dev.sparkfathom.client.PackedRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded answers of partitions read by running query executions, per JVM, keyed by the
 * SQL execution, the planned scan and the partition. Spark runs one scan's partitions more than
 * once within one execution (a global {@code ORDER BY} samples its input first; a lost task or
 * a recomputed stage reruns them), and every Fathom request costs the user; answering such a
 * rerun from here keeps the relation exact and the bill small. A new action (a new execution,
 * even of the same Dataset) never sees another execution's entries, so it reads afresh.
 *
 * <p>Entries of an execution are released when it ends ({@link #release}, called on the driver
 * by {@link SparkHooks}; in local mode the tasks share that JVM). An
 * executor in another JVM does not hear of the end: there the bounds release them, by rows
 * and by estimated bytes held (least recently used first) and by age.
 *
 * <p>The byte bound is {@value #HEAP_SHARE_DIVISOR}th of the JVM's largest heap by default
 * ({@link #DEFAULT_MAX_BYTES}); an answer whose bytes alone exceed it is not kept, so a
 * huge partition is never pinned. A read may lower that for its own answers (option
 * {@code cache.partition_bytes}, 0 keeps none), never raise it. An answer is kept as the reader
 * read it: its pages of {@link PackedRows}, whose {@link PackedRows#heldBytes} count the bytes held.
 */
public final class PartitionResultCache {
  /** The share of the heap the cache may hold by default: 1/{@value}. */
  static final int HEAP_SHARE_DIVISOR = 16;
  /** The default byte bound: {@link Runtime#maxMemory()} / {@value #HEAP_SHARE_DIVISOR}. */
  static final long DEFAULT_MAX_BYTES = Runtime.getRuntime().maxMemory() / HEAP_SHARE_DIVISOR;
  static final PartitionResultCache SHARED = new PartitionResultCache(1_000_000,
      DEFAULT_MAX_BYTES, Duration.ofMinutes(10), Clock.systemUTC());

  /** One partition of one planned scan, as read by one SQL execution. */
  record Key(String execution, String scan, int partition) {}

  private record Entry(List<PackedRows> pages, long rows, long bytes, Instant stored) {}

  private final long maxRows;
  private final long maxBytes;
  private final Duration maxAge;
  private final Clock clock;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long rowsHeld;
  private long bytesHeld;

  PartitionResultCache(long maxRows, Duration maxAge, Clock clock) {
    this(maxRows, Long.MAX_VALUE, maxAge, clock);
  }

  PartitionResultCache(long maxRows, long maxBytes, Duration maxAge, Clock clock) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("cache bytes bound must be 0 or more; got: " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.maxRows = maxRows;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** The byte bound: an answer holding more is never kept. */
  long maxBytes() {
    return maxBytes;
  }

  /** The pages stored for {@code key}, or null when none are (or they are too old). */
  synchronized List<PackedRows> get(Key key) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (e.stored.plus(maxAge).isBefore(clock.instant())) {
      remove(key);
      return null;
    }
    return e.pages;
  }

  /** Stores the pages unless they alone exceed the bound; evicts the oldest used to make room. */
  synchronized void put(Key key, List<PackedRows> pages) {
    put(key, pages, Long.MAX_VALUE);
  }

  /**
   * Stores the pages unless they alone exceed the cache's bound or {@code entryBytes}, the
   * read's own bound for one answer (option {@code cache.partition_bytes}; 0 keeps nothing);
   * evicts the oldest used to make room.
   */
  synchronized void put(Key key, List<PackedRows> pages, long entryBytes) {
    if (entryBytes < 0) {
      throw new IllegalArgumentException("an answer's bytes bound must be 0 or more; got: " + entryBytes);
    }
    long rows = 0;
    long bytes = 16 + 4L * pages.size();
    for (PackedRows p : pages) {
      rows += p.size();
      bytes += p.heldBytes();
    }
    if (rows > maxRows || bytes > Math.min(maxBytes, entryBytes)) {
      remove(key);
      return;
    }
    remove(key);
    Instant now = clock.instant();
    entries.values().removeIf(e -> {
      boolean expired = e.stored.plus(maxAge).isBefore(now);
      if (expired) {
        rowsHeld -= e.rows;
        bytesHeld -= e.bytes;
      }
      return expired;
    });
    entries.put(key, new Entry(List.copyOf(pages), rows, bytes, now));
    rowsHeld += rows;
    bytesHeld += bytes;
    Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
    while ((rowsHeld > maxRows || bytesHeld > maxBytes) && it.hasNext()) {
      Entry e = it.next().getValue();
      rowsHeld -= e.rows;
      bytesHeld -= e.bytes;
      it.remove();
    }
  }

  /** What the driver calls when a SQL execution ends: its entries are of no further use. */
  public static void executionEnded(long executionId) {
    SHARED.release(Long.toString(executionId));
  }

  /** Drops every entry of the execution {@code execution}: it has ended. */
  synchronized void release(String execution) {
    Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, Entry> e = it.next();
      if (e.getKey().execution().equals(execution)) {
        rowsHeld -= e.getValue().rows;
        bytesHeld -= e.getValue().bytes;
        it.remove();
      }
    }
  }

  /** Drops every entry whatever its execution (a stopped Spark context). */
  synchronized void clear() {
    entries.clear();
    rowsHeld = 0;
    bytesHeld = 0;
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long rowsHeld() {
    return rowsHeld;
  }

  synchronized long bytesHeld() {
    return bytesHeld;
  }

  private void remove(Key key) {
    Entry old = entries.remove(key);
    if (old != null) {
      rowsHeld -= old.rows;
      bytesHeld -= old.bytes;
    }
  }
}
