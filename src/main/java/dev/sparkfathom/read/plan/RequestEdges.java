package dev.sparkfathom.read.plan;

import dev.sparkfathom.api.DateGrouping;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a request's local {@code date_from} and {@code date_to} for a run of owned buckets.
 *
 * <p>The request must hold every instant of the owned buckets within the read's range, and no
 * instant of an owned bucket outside it (that would make an edge bucket bigger than the single
 * request over the whole range returns). Instants of buckets it does not own are fine: the reader
 * drops those rows. The natural edges (the first bucket's start, the next bucket's start minus a
 * second, or the read's own {@code from}/{@code to}) are usually exact; around DST they may not be
 * (a bucket start in a gap resolves late when the gap began before it; a bound in the later
 * occurrence of an overlap resolves to the earlier one), so a few other local times are tried
 * too, and the tightest one that is right wins. The read's own bounds are always right, so a
 * choice always exists.
 */
final class RequestEdges {

  /** A request's bounds, as local times and as the instants the API resolves them to. */
  record Edges(LocalDateTime from, LocalDateTime to, long fromSecond, long toSecond) {}

  private final DateGrouping grouping;
  private final ZoneTime time;
  private final LocalDateTime rangeFrom;
  private final LocalDateTime rangeTo;
  private final long rangeFirst;
  private final long rangeLast;

  RequestEdges(DateGrouping grouping, ZoneTime time, LocalDateTime from, LocalDateTime to) {
    this.grouping = grouping;
    this.time = time;
    this.rangeFrom = from;
    this.rangeTo = to;
    this.rangeFirst = time.resolve(from);
    this.rangeLast = time.resolve(to);
  }

  /**
   * The edges of the request owning buckets {@code first} to {@code last}, whose instants within
   * the range span from {@code lo} to before {@code hi}.
   */
  Edges choose(LocalDateTime first, LocalDateTime last, long lo, long hi) {
    LocalDateTime from = null;
    long fromSecond = Long.MIN_VALUE;
    for (LocalDateTime c : startCandidates(first, lo)) {
      long r = time.resolve(c);
      if (r > fromSecond && startIsRight(r, lo, first, last)) {
        from = c;
        fromSecond = r;
      }
    }
    LocalDateTime to = null;
    long toSecond = Long.MAX_VALUE;
    for (LocalDateTime c : endCandidates(last, hi)) {
      long r = time.resolve(c);
      if (r < toSecond && endIsRight(r, hi, first, last)) {
        to = c;
        toSecond = r;
      }
    }
    return new Edges(from, to, fromSecond, toSecond);
  }

  private List<LocalDateTime> startCandidates(LocalDateTime first, long lo) {
    List<LocalDateTime> c = new ArrayList<>(4);
    if (lo == rangeFirst) {
      c.add(rangeFrom);
    }
    c.add(first);
    c.add(time.local(lo));
    c.add(rangeFrom);
    return c;
  }

  private List<LocalDateTime> endCandidates(LocalDateTime last, long hi) {
    List<LocalDateTime> c = new ArrayList<>(6);
    if (hi - 1 == rangeLast) {
      c.add(rangeTo);
    }
    c.add(grouping.plus(last, 1).minusSeconds(1));
    c.add(time.local(hi - 1));
    LocalDateTime after = time.local(hi);
    c.add(after);
    c.add(time.afterOverlap(after));
    c.add(rangeTo);
    return c;
  }

  private boolean startIsRight(long r, long lo, LocalDateTime first, LocalDateTime last) {
    return r <= lo
        && (r >= rangeFirst
            || !BucketTimeline.meets(grouping, time, r, rangeFirst - 1, first, last));
  }

  private boolean endIsRight(long r, long hi, LocalDateTime first, LocalDateTime last) {
    return r >= hi - 1
        && (r <= rangeLast
            || !BucketTimeline.meets(grouping, time, rangeLast + 1, r, first, last));
  }
}
