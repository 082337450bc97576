package dev.sparkfathom.read.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.DateGrouping;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowPlanner#span}: the one request of a pushed GROUP BY without {@code date} must
 * hold exactly the instants of the allowed buckets within the range — checked by brute force
 * with java.time alone, around DST changes, at every minute and at every edge plus or minus a
 * second.
 */
class WindowPlannerSpanTest {
  private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York",
      "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago");

  private static Instant resolve(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.of(local, zone).toInstant();
  }

  /** Checks one input; returns whether span could say it exactly. */
  private static boolean check(DateGrouping g, ZoneId zone, LocalDateTime from, LocalDateTime to, BucketBounds allowed) {
    PlanInput in = PlanInput.of(g, zone, from, to).withAllowed(allowed);
    Optional<List<Window>> span = WindowPlanner.span(in);
    if (span.isEmpty()) {
      return false;
    }
    List<Window> windows = span.get();
    assertThat(windows).hasSizeLessThanOrEqualTo(1);
    Instant lo = resolve(from, zone);
    Instant hi = resolve(to, zone);
    TreeSet<Long> probes = new TreeSet<>();
    for (long t = lo.getEpochSecond() - 7200; t <= hi.getEpochSecond() + 7200; t += 60) {
      probes.add(t);
    }
    List<Instant> edges = new ArrayList<>(List.of(lo, hi));
    if (!windows.isEmpty()) {
      edges.add(resolve(windows.get(0).dateFrom(), zone));
      edges.add(resolve(windows.get(0).dateTo(), zone));
    }
    for (ZoneOffsetTransition tr : zone.getRules().getTransitions()) {
      edges.add(tr.getInstant());
    }
    for (Instant e : edges) {
      for (long d = -1; d <= 1; d++) {
        long t = e.getEpochSecond() + d;
        if (t >= lo.getEpochSecond() - 7200 && t <= hi.getEpochSecond() + 7200) {
          probes.add(t);
        }
      }
    }
    for (long t : probes) {
      Instant at = Instant.ofEpochSecond(t);
      LocalDateTime bucket = g.truncate(LocalDateTime.ofInstant(at, zone));
      boolean wanted = !at.isBefore(lo) && !at.isAfter(hi) && allowed.allows(bucket);
      boolean requested = !windows.isEmpty()
          && !at.isBefore(resolve(windows.get(0).dateFrom(), zone))
          && !at.isAfter(resolve(windows.get(0).dateTo(), zone));
      assertThat(requested).as("%s %s %s..%s allowed %s at %s", g, zone, from, to, allowed, at).isEqualTo(wanted);
    }
    return true;
  }

  @Test
  void withoutAllowedBoundsTheSpanIsTheRangeItself() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    LocalDateTime from = LocalDateTime.of(2024, 3, 30, 13, 7, 5);
    LocalDateTime to = LocalDateTime.of(2024, 4, 2, 8, 0, 0);
    assertThat(WindowPlanner.span(PlanInput.of(DateGrouping.HOUR, berlin, from, to)))
        .hasValueSatisfying(w -> assertThat(w).singleElement().satisfies(one -> {
          assertThat(one.dateFrom()).isEqualTo(from);
          assertThat(one.dateTo()).isEqualTo(to);
        }));
  }

  @Test
  void noAllowedBucketMeansNoRequest() {
    ZoneId utc = ZoneId.of("UTC");
    LocalDateTime from = LocalDateTime.of(2024, 3, 1, 0, 0);
    LocalDateTime to = LocalDateTime.of(2024, 3, 10, 23, 59, 59);
    BucketBounds later = new BucketBounds(LocalDateTime.of(2024, 4, 1, 0, 0), null);
    assertThat(WindowPlanner.span(PlanInput.of(DateGrouping.DAY, utc, from, to).withAllowed(later)))
        .hasValue(List.of());
  }

  @Test
  void randomRangesAndBoundsAroundDstChangesAreExactWheneverSpanAnswers() {
    Random random = new Random(20261126);
    int answered = 0;
    int cases = 0;
    for (String name : ZONES) {
      ZoneId zone = ZoneId.of(name);
      for (DateGrouping g : new DateGrouping[] {DateGrouping.HOUR, DateGrouping.DAY}) {
        for (int i = 0; i < 12; i++) {
          LocalDateTime center = LocalDateTime.of(2024, random.nextBoolean() ? 3 : 10, 25 + random.nextInt(6),
              random.nextInt(24), 0);
          LocalDateTime from = center.minusHours(random.nextInt(60)).withMinute(random.nextInt(4) * 15)
              .withSecond(random.nextBoolean() ? 0 : 59);
          LocalDateTime to = center.plusHours(random.nextInt(60)).withMinute(random.nextInt(60))
              .withSecond(random.nextInt(60));
          LocalDateTime first = random.nextBoolean() ? null : g.truncate(center.minusHours(random.nextInt(30)));
          LocalDateTime last = random.nextBoolean() ? null : g.truncate(center.plusHours(random.nextInt(30)));
          cases++;
          if (check(g, zone, from, to, new BucketBounds(first, last))) {
            answered++;
          }
        }
      }
    }
    // Only a DST edge that local time cannot express makes span decline.
    assertThat(answered).isGreaterThan(cases * 3 / 4);
  }

  @Test
  void utcAlwaysAnswers() {
    assertThat(check(DateGrouping.DAY, ZoneId.of("UTC"), LocalDateTime.of(2024, 2, 27, 5, 0),
        LocalDateTime.of(2024, 3, 2, 4, 0), new BucketBounds(LocalDateTime.of(2024, 2, 28, 0, 0),
            LocalDateTime.of(2024, 3, 1, 0, 0)))).isTrue();
  }
}
