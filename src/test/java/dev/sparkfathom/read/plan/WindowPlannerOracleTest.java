package dev.sparkfathom.read.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.sparkfathom.api.DateGrouping;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Plans checked against {@link PlanOracle} over many zones, groupings, ranges and splits. */
class WindowPlannerOracleTest {

  /** Zones with the DST shapes that matter: gaps at midnight, 30-minute shifts, 2-hour shifts, skipped days, negative DST. */
  static final List<String> ZONES =
      List.of(
          "UTC",
          "Europe/Berlin",
          "America/New_York",
          "America/Santiago",
          "America/Havana",
          "Asia/Beirut",
          "Australia/Lord_Howe",
          "Antarctica/Troll",
          "Pacific/Apia",
          "Africa/Casablanca",
          "America/Sao_Paulo",
          "Europe/Dublin",
          "Asia/Kolkata",
          "America/St_Johns",
          "Pacific/Chatham",
          "Asia/Tehran");

  @TestFactory
  Stream<DynamicTest> randomPlansAreExactInEveryZone() {
    return ZONES.stream()
        .flatMap(
            zone ->
                Stream.of(DateGrouping.values())
                    .map(
                        g ->
                            dynamicTest(
                                zone + " " + g, () -> checkRandomPlans(ZoneId.of(zone), g))));
  }

  @TestFactory
  Stream<DynamicTest> plansAroundEveryTransitionAreExact() {
    return ZONES.stream()
        .filter(z -> !z.equals("UTC") && !z.equals("Asia/Kolkata"))
        .flatMap(
            zone ->
                Stream.of(DateGrouping.HOUR, DateGrouping.DAY)
                    .map(
                        g ->
                            dynamicTest(
                                zone + " " + g, () -> checkAroundTransitions(ZoneId.of(zone), g))));
  }

  @Test
  void berlinFallBackHourWindowsAreExactAtEverySecond() {
    exhaustive("Europe/Berlin", DateGrouping.HOUR, "2024-10-26 20:00:00", "2024-10-27 06:30:00");
  }

  @Test
  void lordHoweHalfHourShiftsAreExactAtEverySecond() {
    exhaustive("Australia/Lord_Howe", DateGrouping.HOUR, "2024-04-06 21:10:00", "2024-04-07 05:00:00");
    exhaustive("Australia/Lord_Howe", DateGrouping.HOUR, "2024-10-05 22:00:00", "2024-10-06 04:20:00");
  }

  @Test
  void trollTwoHourFallBackInterleavesBucketsAndStaysExactAtEverySecond() {
    exhaustive("Antarctica/Troll", DateGrouping.HOUR, "2024-10-26 22:00:00", "2024-10-27 05:00:00");
  }

  @Test
  void santiagoSkippedMidnightDayWindowsAreExactAtEverySecond() {
    exhaustive("America/Santiago", DateGrouping.DAY, "2024-09-06 18:00:00", "2024-09-09 06:00:00");
  }

  private static void exhaustive(String zone, DateGrouping g, String from, String to) {
    List<Duration> hourWindows =
        g == DateGrouping.HOUR
            ? List.of(Duration.ofHours(1), Duration.ofHours(3), Duration.ofDays(14))
            : List.of(Duration.ofDays(14));
    for (int parts : new int[] {1, 2, 3, 5, 8, 12}) {
      for (Duration w : hourWindows) {
        PlanInput in =
            new PlanInput(
                g, ZoneId.of(zone), t(from), t(to), null, parts, new WindowLimits(6, w));
        new PlanOracle(in, WindowPlanner.plan(in)).checkEverySecond();
      }
    }
  }

  private static void checkRandomPlans(ZoneId zone, DateGrouping g) {
    Random random = new Random(zone.getId().hashCode() * 31L + g.ordinal());
    for (int c = 0; c < 12; c++) {
      LocalDateTime from = randomTime(random, LocalDateTime.of(2008, 1, 1, 0, 0), 17 * 365 * 86_400L, g);
      LocalDateTime to = from.plusSeconds(randomSpan(random, g));
      check(random, zone, g, from, to);
    }
  }

  private static void checkAroundTransitions(ZoneId zone, DateGrouping g) {
    Random random = new Random(zone.getId().hashCode() * 17L + g.ordinal());
    List<Long> transitions = PlanOracle.transitions(zone, 2005, 2026);
    assertThat(transitions).as("transitions of " + zone).isNotEmpty();
    for (int c = 0; c < 10; c++) {
      long at = transitions.get(random.nextInt(transitions.size()));
      LocalDateTime near = LocalDateTime.ofEpochSecond(at, 0, java.time.ZoneOffset.UTC);
      long reach = g == DateGrouping.HOUR ? 3 * 86_400L : 40 * 86_400L;
      LocalDateTime from = randomTime(random, near.minusSeconds(reach), reach, g);
      LocalDateTime to = from.plusSeconds(reach + (long) (random.nextDouble() * reach));
      check(random, zone, g, from, to);
    }
  }

  private static void check(
      Random random, ZoneId zone, DateGrouping g, LocalDateTime from, LocalDateTime to) {
    int[] partitions = {1, 1, 2, 3, 7, 40};
    WindowLimits limits =
        new WindowLimits(
            1 + random.nextInt(6),
            List.of(Duration.ofHours(1), Duration.ofHours(5), Duration.ofDays(1), Duration.ofDays(14), Duration.ofDays(31))
                .get(random.nextInt(5)));
    PlanInput in =
        new PlanInput(
            g, zone, from, to, randomBounds(random, g, from, to),
            partitions[random.nextInt(partitions.length)], limits);
    PlanOracle oracle = new PlanOracle(in, WindowPlanner.plan(in));
    oracle.checkSampled(random, 3000);
    assertThat(oracle.checked).isGreaterThan(3000);
  }

  private static BucketBounds randomBounds(
      Random random, DateGrouping g, LocalDateTime from, LocalDateTime to) {
    return switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> BucketBounds.ALL;
      default -> {
        long span = java.time.Duration.between(from, to).getSeconds() + 1;
        LocalDateTime a = g.truncate(from.plusSeconds((long) (random.nextDouble() * span)));
        LocalDateTime b = g.truncate(from.plusSeconds((long) (random.nextDouble() * span)));
        LocalDateTime lo = a.isBefore(b) ? a : b;
        LocalDateTime hi = a.isBefore(b) ? b : a;
        yield new BucketBounds(random.nextInt(4) == 0 ? null : lo, random.nextInt(4) == 0 ? null : hi);
      }
    };
  }

  /** A random local time in {@code [start, start + span)}, often on a bucket start. */
  private static LocalDateTime randomTime(
      Random random, LocalDateTime start, long span, DateGrouping g) {
    LocalDateTime t = start.plusSeconds((long) (random.nextDouble() * span));
    return random.nextBoolean() ? g.truncate(t) : t;
  }

  private static long randomSpan(Random random, DateGrouping g) {
    long days =
        switch (g) {
          case HOUR -> 1 + random.nextInt(45);
          case DAY -> 1 + random.nextInt(500);
          case MONTH -> 1 + random.nextInt(1500);
          case YEAR -> 1 + random.nextInt(3000);
        };
    return days * 86_400L - random.nextInt(86_400);
  }

  static LocalDateTime t(String s) {
    return LocalDateTime.parse(s.replace(' ', 'T'));
  }
}
