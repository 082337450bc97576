package dev.sparkfathom.read.plan;

import dev.sparkfathom.api.DateGrouping;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.Map;
import java.util.TreeMap;

/**
 * The buckets met by a span of instants, in the order of their labels, each with the hull of the
 * instants it holds there. A bucket is what the API groups by: an instant's local time truncated
 * by the grouping, so at a fall-back two local hours with one label are one bucket, a skipped hour
 * has none, and where a zone falls back across a bucket boundary one bucket's instants may even
 * be split in two (then the hull also spans instants of other buckets, which the reader drops).
 */
final class BucketTimeline {

  /** Receives maximal runs of instants with one label; returns false to stop the walk. */
  interface PieceSink {
    boolean accept(LocalDateTime label, long start, long endExclusive);
  }

  private final LocalDateTime[] labels;
  private final long[] starts;
  private final long[] ends;

  private BucketTimeline(LocalDateTime[] labels, long[] starts, long[] ends) {
    this.labels = labels;
    this.starts = starts;
    this.ends = ends;
  }

  /** The allowed buckets met by the instants {@code [first, last]}. */
  static BucketTimeline of(
      DateGrouping grouping, ZoneTime time, long first, long last, BucketBounds allowed) {
    TreeMap<LocalDateTime, long[]> hulls = new TreeMap<>();
    walk(
        grouping,
        time,
        first,
        last,
        (label, start, end) -> {
          if (allowed == null || allowed.allows(label)) {
            long[] hull = hulls.computeIfAbsent(label, k -> new long[] {start, end});
            hull[0] = Math.min(hull[0], start);
            hull[1] = Math.max(hull[1], end);
          }
          return true;
        });
    int n = hulls.size();
    LocalDateTime[] labels = new LocalDateTime[n];
    long[] starts = new long[n];
    long[] ends = new long[n];
    int i = 0;
    for (Map.Entry<LocalDateTime, long[]> e : hulls.entrySet()) {
      labels[i] = e.getKey();
      starts[i] = e.getValue()[0];
      ends[i] = e.getValue()[1];
      i++;
    }
    return new BucketTimeline(labels, starts, ends);
  }

  /**
   * Walks the instants {@code [first, last]} in runs of one label. Within a run the offset is
   * fixed, so the run ends at the next label boundary, the next offset change or {@code last}.
   */
  static void walk(DateGrouping grouping, ZoneTime time, long first, long last, PieceSink sink) {
    long t = first;
    while (t <= last) {
      Instant at = Instant.ofEpochSecond(t);
      ZoneOffset offset = time.rules().getOffset(at);
      LocalDateTime label = grouping.truncate(LocalDateTime.ofEpochSecond(t, 0, offset));
      long end = Math.min(grouping.plus(label, 1).toEpochSecond(offset), last + 1);
      ZoneOffsetTransition next = time.rules().nextTransition(at);
      if (next != null) {
        end = Math.min(end, next.toEpochSecond());
      }
      if (!sink.accept(label, t, end)) {
        return;
      }
      t = end;
    }
  }

  /** Whether any instant in {@code [first, last]} lies in a bucket from {@code low} to {@code high}. */
  static boolean meets(
      DateGrouping grouping,
      ZoneTime time,
      long first,
      long last,
      LocalDateTime low,
      LocalDateTime high) {
    boolean[] met = {false};
    walk(
        grouping,
        time,
        first,
        last,
        (label, start, end) -> {
          met[0] = !label.isBefore(low) && !label.isAfter(high);
          return !met[0];
        });
    return met[0];
  }

  int size() {
    return labels.length;
  }

  LocalDateTime label(int i) {
    return labels[i];
  }

  /** The first instant of bucket {@code i} within the span. */
  long start(int i) {
    return starts[i];
  }

  /** The instant after the last one of bucket {@code i} within the span. */
  long end(int i) {
    return ends[i];
  }
}
