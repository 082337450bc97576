package dev.sparkfathom.read.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sparkfathom.api.DateGrouping;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * A brute-force check of a plan, written from the API's definitions only (no planner code):
 * every instant of the read's range lies in exactly one window that owns its bucket and whose
 * request holds it; no window holds an instant of an owned bucket outside the range; windows are
 * in order and within the API's limits.
 */
final class PlanOracle {
  private final PlanInput in;
  private final List<Window> plan;
  private final ZoneId zone;
  private final long first;
  private final long last;
  private final long[] reqFrom;
  private final long[] reqTo;
  private final TreeSet<LocalDateTime> seenBuckets = new TreeSet<>();
  long checked;

  PlanOracle(PlanInput in, List<Window> plan) {
    this.in = in;
    this.plan = plan;
    this.zone = in.zone();
    this.first = resolve(in.from());
    this.last = resolve(in.to());
    reqFrom = new long[plan.size()];
    reqTo = new long[plan.size()];
    for (int k = 0; k < plan.size(); k++) {
      reqFrom[k] = resolve(plan.get(k).dateFrom());
      reqTo[k] = resolve(plan.get(k).dateTo());
    }
  }

  long resolve(LocalDateTime local) {
    return ZonedDateTime.of(local, zone).toEpochSecond();
  }

  LocalDateTime bucket(long second) {
    return in.grouping().truncate(LocalDateTime.ofInstant(Instant.ofEpochSecond(second), zone));
  }

  boolean allowed(LocalDateTime bucket) {
    BucketBounds b = in.allowed();
    return b == null
        || ((b.first() == null || !bucket.isBefore(b.first()))
            && (b.last() == null || !bucket.isAfter(b.last())));
  }

  /** Checks at every second of the range and an hour around it. */
  void checkEverySecond() {
    checkShape();
    for (long t = first - 3600; t <= last + 3600; t++) {
      checkInstant(t);
    }
    checkCount();
    checkAsksOnlyOwned();
  }

  /**
   * {@link WindowPlanner#asksOnlyOwned} against every second of each request: true exactly when
   * no second the request holds lies in a bucket its window does not own.
   */
  void checkAsksOnlyOwned() {
    for (int k = 0; k < plan.size(); k++) {
      Window w = plan.get(k);
      boolean onlyOwned = true;
      for (long t = reqFrom[k]; t <= reqTo[k] && onlyOwned; t++) {
        onlyOwned = w.owns(bucket(t));
      }
      assertThat(WindowPlanner.asksOnlyOwned(in.grouping(), zone, w))
          .as("asks only owned buckets: " + w + " of " + in).isEqualTo(onlyOwned);
    }
  }

  /** Checks at every bucket edge and DST transition (each plus or minus a few seconds) and at random seconds. */
  void checkSampled(Random random, int randomSamples) {
    checkShape();
    forEachSample(random, randomSamples, this::checkInstant);
    checkCount();
  }

  private void forEachSample(Random random, int randomSamples, LongConsumer check) {
    DateGrouping g = in.grouping();
    LocalDateTime b = g.plus(g.truncate(in.from()), -1);
    LocalDateTime end = g.plus(g.truncate(in.to()), 2);
    for (; !b.isAfter(end); b = g.plus(b, 1)) {
      ZonedDateTime earlier = ZonedDateTime.of(b, zone);
      around(earlier.toEpochSecond(), 1, check);
      around(earlier.withLaterOffsetAtOverlap().toEpochSecond(), 1, check);
    }
    Instant t = Instant.ofEpochSecond(first - 86_400 * 2);
    for (ZoneOffsetTransition tr = zone.getRules().nextTransition(t);
        tr != null && tr.toEpochSecond() <= last + 86_400 * 2;
        tr = zone.getRules().nextTransition(tr.getInstant())) {
      around(tr.toEpochSecond(), 2, check);
    }
    around(first, 2, check);
    around(last, 2, check);
    for (int k = 0; k < plan.size(); k++) {
      around(reqFrom[k], 2, check);
      around(reqTo[k], 2, check);
    }
    for (int k = 0; k < randomSamples; k++) {
      long span = last - first + 7200;
      check.accept(first - 3600 + (long) (random.nextDouble() * span));
    }
  }

  private static void around(long t, int d, LongConsumer check) {
    for (long s = t - d; s <= t + d; s++) {
      check.accept(s);
    }
  }

  void checkInstant(long t) {
    checked++;
    LocalDateTime bucket = bucket(t);
    boolean inRange = t >= first && t <= last;
    int owners = 0;
    int holders = 0;
    for (int k = 0; k < plan.size(); k++) {
      boolean owns = plan.get(k).owns(bucket);
      if (owns) {
        owners++;
        if (t >= reqFrom[k] && t <= reqTo[k]) {
          holders++;
        }
      }
    }
    for (int k = 0; k < plan.size(); k++) {
      if (t >= reqFrom[k] && t <= reqTo[k] && !plan.get(k).owns(bucket)
          && WindowPlanner.asksOnlyOwned(in.grouping(), zone, plan.get(k))) {
        fail("instant %s (bucket %s) is asked for by window %s, which does not own it, yet asksOnlyOwned; for %s",
            Instant.ofEpochSecond(t), bucket, plan.get(k), in);
      }
    }
    boolean right;
    String wrong;
    if (inRange && allowed(bucket)) {
      seenBuckets.add(bucket);
      right = owners == 1 && holders == 1;
      wrong = "want one owner holding it; owners " + owners + ", holding " + holders;
    } else if (inRange) {
      right = owners == 0;
      wrong = "bucket not allowed yet owned by " + owners;
    } else {
      right = holders == 0;
      wrong = "out of range yet held by " + holders + " owner(s)";
    }
    if (!right) {
      fail("instant %s (bucket %s): %s; for %s -> %s", Instant.ofEpochSecond(t), bucket, wrong, in, plan);
    }
  }

  private void checkShape() {
    for (int k = 0; k < plan.size(); k++) {
      Window w = plan.get(k);
      String what = "window " + w + " of " + in;
      assertThat(w.index()).as(what).isEqualTo(k);
      assertThat(w.firstBucket()).as(what).isNotNull();
      assertThat(reqFrom[k]).as("request resolves forwards: " + what).isLessThanOrEqualTo(reqTo[k]);
      if (k > 0) {
        assertThat(w.firstBucket()).as(what).isAfter(plan.get(k - 1).lastBucket());
      }
      boolean single = w.firstBucket().equals(w.lastBucket());
      switch (in.grouping()) {
        case DAY -> {
          int m = in.limits().dayWindowMonths();
          assertThat(w.dateTo()).as("day limit, local: " + what).isBeforeOrEqualTo(w.dateFrom().plusMonths(m));
          assertThat(reqTo[k])
              .as("day limit, real: " + what)
              .isLessThanOrEqualTo(ZonedDateTime.of(w.dateFrom(), zone).plusMonths(m).toEpochSecond());
        }
        case HOUR -> {
          if (!single) {
            Duration max = in.limits().hourWindow();
            assertThat(Duration.between(w.dateFrom(), w.dateTo())).as("hour limit, local: " + what).isLessThanOrEqualTo(max);
            assertThat(reqTo[k] - reqFrom[k]).as("hour limit, real: " + what).isLessThanOrEqualTo(max.getSeconds());
          }
          assertThat(Duration.between(w.dateFrom(), w.dateTo())).as("API hour limit: " + what).isLessThanOrEqualTo(Duration.ofDays(31));
        }
        default -> {}
      }
    }
  }

  private void checkCount() {
    int buckets = seenBuckets.size();
    if (buckets == 0) {
      return; // the sampled instants may miss nothing here: an empty range has no bucket
    }
    assertThat(plan.size())
        .as("windows for " + buckets + " buckets of " + in)
        .isGreaterThanOrEqualTo(Math.min(in.minPartitions(), buckets))
        .isLessThanOrEqualTo(buckets);
  }

  static List<Long> transitions(ZoneId zone, int fromYear, int toYear) {
    List<Long> out = new ArrayList<>();
    Instant t = LocalDateTime.of(fromYear, 1, 1, 0, 0).toInstant(java.time.ZoneOffset.UTC);
    Instant end = LocalDateTime.of(toYear, 1, 1, 0, 0).toInstant(java.time.ZoneOffset.UTC);
    for (ZoneOffsetTransition tr = zone.getRules().nextTransition(t);
        tr != null && tr.getInstant().isBefore(end);
        tr = zone.getRules().nextTransition(tr.getInstant())) {
      out.add(tr.toEpochSecond());
    }
    return out;
  }
}
