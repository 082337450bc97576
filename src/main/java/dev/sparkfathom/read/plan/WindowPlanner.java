package dev.sparkfathom.read.plan;

import dev.sparkfathom.api.DateGrouping;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a read's range into request windows.
 *
 * <p>Without date grouping the plan is one window over {@code [from, to]} that owns everything,
 * whatever {@code minPartitions} says: a report is then one total per group, and totals of
 * separate windows cannot be combined for every metric ({@code uniques}, {@code avg_duration},
 * {@code bounce_rate}).
 *
 * <p>With date grouping the buckets are those the API would return for one request over
 * {@code [from, to]}: the local-time truncations of the instants from the resolution of
 * {@code from} to that of {@code to} (so a bucket skipped by DST never appears), kept if
 * {@link PlanInput#allowed()} allows them. No bucket, no window. The buckets are cut into runs,
 * one per window, in order; each window's request covers its buckets whole within the range (see
 * {@link RequestEdges}) and stays within {@link WindowLimits}, measured on the request's actual
 * bounds:
 *
 * <ul>
 *   <li>{@code day}: {@code date_to} is not after {@code date_from} plus the month limit, in local
 *       time and in real time;
 *   <li>{@code hour}: {@code date_to} minus {@code date_from} is at most the hour window, in local
 *       time and in real time;
 *   <li>{@code month}, {@code year}: no limit.
 * </ul>
 *
 * A window of a single bucket is always accepted: the API's limits hold for any one bucket, and
 * only a configured hour window close to one hour can be narrower than a fall-back's merged hour.
 *
 * <p>The number of windows is the least the limits allow, or {@code minPartitions} if that is
 * more (at most one per bucket). Buckets are spread evenly over the windows by count; when an
 * even spread would break a limit, a spread over one window more is tried, and at the least
 * number of windows the plan falls back to filling each window as far as it goes.
 */
public final class WindowPlanner {
  private WindowPlanner() {}

  /** The windows of {@code in}, in order, indexed from 0; empty when there is nothing to read. */
  public static List<Window> plan(PlanInput in) {
    if (in.grouping() == null) {
      return List.of(new Window(0, in.from(), in.to(), null, null));
    }
    ZoneTime time = new ZoneTime(in.zone());
    long first = time.resolve(in.from());
    long last = time.resolve(in.to());
    if (first > last) {
      return List.of(); // `from` late in a DST gap, `to` just after it: no instant to read
    }
    BucketTimeline buckets = BucketTimeline.of(in.grouping(), time, first, last, in.allowed());
    if (buckets.size() == 0) {
      return List.of();
    }
    return new Splitter(in, time, buckets).split();
  }

  /**
   * One request over every allowed bucket of a dated input, for a read that drops its date
   * grouping (a pushed {@code GROUP BY} without {@code date}): its bounds must hold every
   * instant of those buckets within the range and no other instant, since without a date on
   * the rows nothing can be dropped afterwards. Window limits do not apply (a request without
   * date grouping has none). The window owns no buckets.
   *
   * @return empty when the bounds cannot be said exactly in local time (a DST edge); else the
   *     windows: none when no bucket is allowed, or one
   */
  public static Optional<List<Window>> span(PlanInput in) {
    if (in.grouping() == null) {
      return Optional.of(List.of(new Window(0, in.from(), in.to(), null, null)));
    }
    ZoneTime time = new ZoneTime(in.zone());
    long first = time.resolve(in.from());
    long last = time.resolve(in.to());
    if (first > last) {
      return Optional.of(List.of());
    }
    BucketTimeline buckets = BucketTimeline.of(in.grouping(), time, first, last, in.allowed());
    int n = buckets.size();
    if (n == 0) {
      return Optional.of(List.of());
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int b = 0; b < n; b++) {
      lo = Math.min(lo, buckets.start(b));
      hi = Math.max(hi, buckets.end(b));
    }
    RequestEdges.Edges e = new RequestEdges(in.grouping(), time, in.from(), in.to())
        .choose(buckets.label(0), buckets.label(n - 1), lo, hi);
    if (e.fromSecond() != lo || e.toSecond() != hi - 1) {
      return Optional.empty();
    }
    return Optional.of(List.of(new Window(0, e.from(), e.to(), null, null)));
  }

  /**
   * Whether {@code w}'s request asks only for buckets {@code w} owns, so that Fathom's answer to
   * it is exactly the window's rows. False when the request was widened at a DST edge (a bound
   * the API's local times cannot say exactly) and so takes in instants of a bucket the reader
   * drops: a {@code limit} or {@code sort_by} on such a request could spend its rows on that
   * bucket. Always true for a window that owns no buckets (no date grouping, or a
   * {@link #span}): it keeps every row.
   *
   * @param grouping the date grouping the window's buckets were planned with
   * @param zone the read's timezone
   */
  public static boolean asksOnlyOwned(DateGrouping grouping, ZoneId zone, Window w) {
    if (!w.hasBuckets()) {
      return true;
    }
    ZoneTime time = new ZoneTime(zone);
    long first = time.resolve(w.dateFrom());
    long last = time.resolve(w.dateTo());
    boolean[] onlyOwned = {true};
    BucketTimeline.walk(grouping, time, first, last, (label, start, end) -> {
      onlyOwned[0] = w.owns(label);
      return onlyOwned[0];
    });
    return onlyOwned[0];
  }

  /** The planning of one input. */
  private static final class Splitter {
    private final PlanInput in;
    private final ZoneTime time;
    private final BucketTimeline buckets;
    private final RequestEdges edges;

    Splitter(PlanInput in, ZoneTime time, BucketTimeline buckets) {
      this.in = in;
      this.time = time;
      this.buckets = buckets;
      this.edges = new RequestEdges(in.grouping(), time, in.from(), in.to());
    }

    List<Window> split() {
      List<Window> greedy = greedy();
      int n = buckets.size();
      int wanted = Math.max(greedy.size(), Math.min(in.minPartitions(), n));
      for (int count = wanted; count <= n; count++) {
        List<Window> even = even(count);
        if (even != null) {
          return even;
        }
        if (count == greedy.size()) {
          return greedy;
        }
      }
      throw new IllegalStateException("no plan of single buckets; cannot happen");
    }

    /** The fewest windows: each takes as many buckets as fit. */
    private List<Window> greedy() {
      List<Window> out = new ArrayList<>();
      int n = buckets.size();
      int i = 0;
      while (i < n) {
        long lo = buckets.start(i);
        long hi = buckets.end(i);
        RequestEdges.Edges best = edges(i, i, lo, hi);
        int j = i;
        while (j + 1 < n) {
          long nextLo = Math.min(lo, buckets.start(j + 1));
          long nextHi = Math.max(hi, buckets.end(j + 1));
          RequestEdges.Edges e = edges(i, j + 1, nextLo, nextHi);
          if (!fits(e)) {
            break;
          }
          j++;
          lo = nextLo;
          hi = nextHi;
          best = e;
        }
        out.add(window(out.size(), i, j, best));
        i = j + 1;
      }
      return out;
    }

    /** {@code count} windows with bucket counts differing by at most one, or null if one breaks a limit. */
    private List<Window> even(int count) {
      int n = buckets.size();
      List<Window> out = new ArrayList<>(count);
      int i = 0;
      for (int k = 0; k < count; k++) {
        int size = n / count + (k < n % count ? 1 : 0);
        int j = i + size - 1;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int b = i; b <= j; b++) {
          lo = Math.min(lo, buckets.start(b));
          hi = Math.max(hi, buckets.end(b));
        }
        RequestEdges.Edges e = edges(i, j, lo, hi);
        if (i != j && !fits(e)) {
          return null;
        }
        out.add(window(k, i, j, e));
        i = j + 1;
      }
      return out;
    }

    private RequestEdges.Edges edges(int i, int j, long lo, long hi) {
      return edges.choose(buckets.label(i), buckets.label(j), lo, hi);
    }

    private Window window(int index, int i, int j, RequestEdges.Edges e) {
      return new Window(index, e.from(), e.to(), buckets.label(i), buckets.label(j));
    }

    private boolean fits(RequestEdges.Edges e) {
      WindowLimits limits = in.limits();
      DateGrouping g = in.grouping();
      return switch (g) {
        case DAY -> {
          int months = limits.dayWindowMonths();
          yield !e.to().isAfter(e.from().plusMonths(months))
              && e.toSecond()
                  <= ZonedDateTime.of(e.from(), time.zone()).plusMonths(months).toEpochSecond();
        }
        case HOUR -> {
          Duration max = limits.hourWindow();
          yield Duration.between(e.from(), e.to()).compareTo(max) <= 0
              && e.toSecond() - e.fromSecond() <= max.getSeconds();
        }
        case MONTH, YEAR -> true;
      };
    }
  }
}
