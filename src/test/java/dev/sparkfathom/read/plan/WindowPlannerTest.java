package dev.sparkfathom.read.plan;

import static dev.sparkfathom.api.DateGrouping.DAY;
import static dev.sparkfathom.api.DateGrouping.HOUR;
import static dev.sparkfathom.api.DateGrouping.MONTH;
import static dev.sparkfathom.api.DateGrouping.YEAR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.DateGrouping;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {
  static final ZoneId UTC = ZoneId.of("UTC");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void withoutGroupingOneWindowOwnsEveryRowWhateverThePartitions() {
    PlanInput in =
        PlanInput.of(null, UTC, t("2021-03-01 00:00:00"), t("2024-12-31 23:59:59"))
            .withMinPartitions(8);

    List<Window> plan = WindowPlanner.plan(in);

    assertThat(plan)
        .containsExactly(new Window(0, t("2021-03-01 00:00:00"), t("2024-12-31 23:59:59"), null, null));
    assertThat(plan.get(0).owns(t("1999-01-01 00:00:00"))).isTrue();
    assertThat(plan.get(0).hasBuckets()).isFalse();
  }

  @Test
  void aRequestEndingWithTheBerlinFallBackHourAsksForASecondOfTheNextBucket() {
    // Local 02:00 runs from 00:00Z to 02:00Z; 02:59:59 local means 00:59:59Z, so the request
    // has to end at 03:00:00 local (02:00:00Z), the first second of the 03:00 bucket.
    PlanInput in = PlanInput.of(HOUR, BERLIN, t("2024-10-27 00:00:00"), t("2024-10-27 05:59:59"))
        .withAllowed(new BucketBounds(null, t("2024-10-27 02:00:00")));

    Window only = WindowPlanner.plan(in).get(0);

    assertThat(only.dateTo()).isEqualTo(t("2024-10-27 03:00:00"));
    assertThat(WindowPlanner.asksOnlyOwned(HOUR, BERLIN, only)).isFalse();
    Window whole = WindowPlanner.plan(in.withAllowed(null)).get(0);
    assertThat(WindowPlanner.asksOnlyOwned(HOUR, BERLIN, whole)).isTrue();
    Window before = WindowPlanner.plan(in.withAllowed(new BucketBounds(null, t("2024-10-27 01:00:00")))).get(0);
    assertThat(before.dateTo()).isEqualTo(t("2024-10-27 01:59:59"));
    assertThat(WindowPlanner.asksOnlyOwned(HOUR, BERLIN, before)).isTrue();
    assertThat(WindowPlanner.asksOnlyOwned(null, BERLIN,
        WindowPlanner.plan(PlanInput.of(null, BERLIN, in.from(), in.to())).get(0))).isTrue();
  }

  @Test
  void dayGroupingOverALeapYearTakesTwoWindowsFilledToTheSixMonthLimit() {
    // 366 days: halves of 183 would need Jan 1 .. Jul 1, one day past Jan 1 + 6 months.
    List<Window> plan = plan(DAY, UTC, "2024-01-01 00:00:00", "2024-12-31 23:59:59");

    assertThat(plan)
        .containsExactly(
            w(0, "2024-01-01 00:00:00", "2024-06-30 23:59:59", "2024-01-01", "2024-06-30"),
            w(1, "2024-07-01 00:00:00", "2024-12-31 23:59:59", "2024-07-01", "2024-12-31"));
  }

  @Test
  void dayWindowFromAugust31EndsBeforeFebruary29InALeapYear() {
    assertThat(plan(DAY, UTC, "2023-08-31 00:00:00", "2024-02-28 23:59:59"))
        .containsExactly(
            w(0, "2023-08-31 00:00:00", "2024-02-28 23:59:59", "2023-08-31", "2024-02-28"));
    assertThat(plan(DAY, UTC, "2023-08-31 00:00:00", "2024-02-29 23:59:59")).hasSize(2);
  }

  @Test
  void dayWindowFromAugust31EndsBeforeFebruary28InACommonYear() {
    assertThat(plan(DAY, UTC, "2022-08-31 00:00:00", "2023-02-27 23:59:59")).hasSize(1);
    assertThat(plan(DAY, UTC, "2022-08-31 00:00:00", "2023-02-28 23:59:59")).hasSize(2);
  }

  @Test
  void shorterDayWindowFollowsMonthEnds() {
    PlanInput in =
        PlanInput.of(DAY, UTC, t("2024-01-31 00:00:00"), t("2024-03-31 23:59:59"))
            .withLimits(new WindowLimits(1, Duration.ofDays(14)));

    // Jan 31 + 1 month = Feb 29; Feb 29 + 1 month = Mar 29: three windows at least.
    List<Window> plan = WindowPlanner.plan(in);

    assertThat(plan).hasSize(3);
    assertThat(plan).allSatisfy(x -> assertThat(x.dateTo()).isBeforeOrEqualTo(x.dateFrom().plusMonths(1)));
  }

  @Test
  void dayWindowsStartingMidBucketKeepTheUsersBoundsAtTheEdges() {
    PlanInput in =
        PlanInput.of(DAY, UTC, t("2024-01-01 10:30:15"), t("2024-01-05 07:00:00"))
            .withMinPartitions(2);

    assertThat(WindowPlanner.plan(in))
        .containsExactly(
            w(0, "2024-01-01 10:30:15", "2024-01-03 23:59:59", "2024-01-01", "2024-01-03"),
            w(1, "2024-01-04 00:00:00", "2024-01-05 07:00:00", "2024-01-04", "2024-01-05"));
  }

  @Test
  void minPartitionsSpreadsBucketsEvenly() {
    PlanInput in =
        PlanInput.of(DAY, UTC, t("2024-01-01 00:00:00"), t("2024-01-10 23:59:59"))
            .withMinPartitions(3);

    assertThat(WindowPlanner.plan(in))
        .containsExactly(
            w(0, "2024-01-01 00:00:00", "2024-01-04 23:59:59", "2024-01-01", "2024-01-04"),
            w(1, "2024-01-05 00:00:00", "2024-01-07 23:59:59", "2024-01-05", "2024-01-07"),
            w(2, "2024-01-08 00:00:00", "2024-01-10 23:59:59", "2024-01-08", "2024-01-10"));
  }

  @Test
  void moreMinPartitionsThanBucketsGivesOneWindowPerBucket() {
    PlanInput in =
        PlanInput.of(DAY, UTC, t("2024-01-01 12:00:00"), t("2024-01-03 12:00:00"))
            .withMinPartitions(50);

    assertThat(WindowPlanner.plan(in))
        .containsExactly(
            w(0, "2024-01-01 12:00:00", "2024-01-01 23:59:59", "2024-01-01", "2024-01-01"),
            w(1, "2024-01-02 00:00:00", "2024-01-02 23:59:59", "2024-01-02", "2024-01-02"),
            w(2, "2024-01-03 00:00:00", "2024-01-03 12:00:00", "2024-01-03", "2024-01-03"));
  }

  @Test
  void allowedBucketsNarrowTheRequestToWholeBuckets() {
    PlanInput in =
        PlanInput.of(DAY, UTC, t("2024-01-01 06:00:00"), t("2024-01-31 18:00:00"))
            .withAllowed(new BucketBounds(t("2024-01-10 00:00:00"), t("2024-01-20 00:00:00")));

    assertThat(WindowPlanner.plan(in))
        .containsExactly(
            w(0, "2024-01-10 00:00:00", "2024-01-20 23:59:59", "2024-01-10", "2024-01-20"));
  }

  @Test
  void anUnboundedAllowedEndKeepsTheUsersBound() {
    PlanInput in =
        PlanInput.of(DAY, UTC, t("2024-01-01 06:00:00"), t("2024-01-31 18:00:00"))
            .withAllowed(new BucketBounds(null, t("2024-01-05 00:00:00")));

    assertThat(WindowPlanner.plan(in))
        .containsExactly(
            w(0, "2024-01-01 06:00:00", "2024-01-05 23:59:59", "2024-01-01", "2024-01-05"));
  }

  @Test
  void allowedBucketsOutsideTheRangeLeaveNothingToRead() {
    PlanInput in = PlanInput.of(DAY, UTC, t("2024-01-01 00:00:00"), t("2024-01-31 23:59:59"));

    assertThat(WindowPlanner.plan(in.withAllowed(new BucketBounds(t("2024-02-01 00:00:00"), null))))
        .isEmpty();
    assertThat(
            WindowPlanner.plan(
                in.withAllowed(new BucketBounds(t("2024-01-20 00:00:00"), t("2024-01-10 00:00:00")))))
        .isEmpty();
  }

  @Test
  void rangeInsideADstGapEndingBeforeItsResolvedStartIsEmpty() {
    // 02:30 does not exist on that day: the API reads it as 03:30, after 03:10.
    assertThat(plan(HOUR, BERLIN, "2024-03-31 02:30:00", "2024-03-31 03:10:00")).isEmpty();
  }

  @Test
  void hourWindowOfFourteenDaysHoldsExactlyFourteenDays() {
    assertThat(plan(HOUR, UTC, "2024-01-01 00:00:00", "2024-01-28 23:59:59"))
        .containsExactly(
            w(0, "2024-01-01 00:00:00", "2024-01-14 23:59:59", "2024-01-01 00:00", "2024-01-14 23:00"),
            w(1, "2024-01-15 00:00:00", "2024-01-28 23:59:59", "2024-01-15 00:00", "2024-01-28 23:00"));
    assertThat(plan(HOUR, UTC, "2024-01-01 00:00:00", "2024-01-29 00:59:59")).hasSize(3);
  }

  @Test
  void hourWindowIsAlsoMeasuredInRealTimeAcrossAFallBack() {
    // Fourteen local days, but fourteen days and an hour of real time.
    assertThat(plan(HOUR, BERLIN, "2024-10-20 00:00:00", "2024-11-02 23:59:59")).hasSize(2);
    // Across a spring-forward fourteen local days are shorter in real time: one window.
    assertThat(plan(HOUR, BERLIN, "2024-03-25 00:00:00", "2024-04-07 23:59:59")).hasSize(1);
  }

  @Test
  void windowEndingWithBerlinsMergedHourWidensToThreeOClock() {
    PlanInput in =
        PlanInput.of(HOUR, BERLIN, t("2024-10-27 00:00:00"), t("2024-10-27 05:59:59"))
            .withMinPartitions(2);

    // 02:59:59 would resolve to the first 02:59:59 (CEST) and miss the second 02:00 hour (CET).
    assertThat(WindowPlanner.plan(in))
        .containsExactly(
            w(0, "2024-10-27 00:00:00", "2024-10-27 03:00:00", "2024-10-27 00:00", "2024-10-27 02:00"),
            w(1, "2024-10-27 03:00:00", "2024-10-27 05:59:59", "2024-10-27 03:00", "2024-10-27 05:00"));
  }

  @Test
  void springForwardSkipsTheMissingHourBucket() {
    PlanInput in =
        PlanInput.of(HOUR, BERLIN, t("2024-03-31 00:00:00"), t("2024-03-31 04:59:59"))
            .withMinPartitions(10);

    assertThat(WindowPlanner.plan(in))
        .containsExactly(
            w(0, "2024-03-31 00:00:00", "2024-03-31 00:59:59", "2024-03-31 00:00", "2024-03-31 00:00"),
            w(1, "2024-03-31 01:00:00", "2024-03-31 01:59:59", "2024-03-31 01:00", "2024-03-31 01:00"),
            w(2, "2024-03-31 03:00:00", "2024-03-31 03:59:59", "2024-03-31 03:00", "2024-03-31 03:00"),
            w(3, "2024-03-31 04:00:00", "2024-03-31 04:59:59", "2024-03-31 04:00", "2024-03-31 04:00"));
  }

  @Test
  void santiagoDayWhoseMidnightIsSkippedStartsAtItsGapBound() {
    PlanInput in =
        PlanInput.of(DAY, ZoneId.of("America/Santiago"), t("2024-09-07 00:00:00"), t("2024-09-09 23:59:59"))
            .withMinPartitions(3);

    // 2024-09-08 00:00 does not exist; the API reads it as 01:00, the day's first instant.
    assertThat(WindowPlanner.plan(in))
        .containsExactly(
            w(0, "2024-09-07 00:00:00", "2024-09-07 23:59:59", "2024-09-07", "2024-09-07"),
            w(1, "2024-09-08 00:00:00", "2024-09-08 23:59:59", "2024-09-08", "2024-09-08"),
            w(2, "2024-09-09 00:00:00", "2024-09-09 23:59:59", "2024-09-09", "2024-09-09"));
  }

  @Test
  void lordHoweNinetyMinuteHourWidensToTheNextWholeHour() {
    PlanInput in =
        PlanInput.of(HOUR, ZoneId.of("Australia/Lord_Howe"), t("2024-04-07 00:00:00"), t("2024-04-07 03:59:59"))
            .withMinPartitions(4);

    // At 02:00 (+11) clocks go back to 01:30 (+10:30): the 01:00 bucket lasts 90 minutes.
    assertThat(WindowPlanner.plan(in))
        .containsExactly(
            w(0, "2024-04-07 00:00:00", "2024-04-07 00:59:59", "2024-04-07 00:00", "2024-04-07 00:00"),
            w(1, "2024-04-07 01:00:00", "2024-04-07 02:00:00", "2024-04-07 01:00", "2024-04-07 01:00"),
            w(2, "2024-04-07 02:00:00", "2024-04-07 02:59:59", "2024-04-07 02:00", "2024-04-07 02:00"),
            w(3, "2024-04-07 03:00:00", "2024-04-07 03:59:59", "2024-04-07 03:00", "2024-04-07 03:00"));
  }

  @Test
  void lordHoweHalfHourBucketAfterSpringForwardIsOwnedWhole() {
    PlanInput in =
        PlanInput.of(HOUR, ZoneId.of("Australia/Lord_Howe"), t("2024-10-06 01:00:00"), t("2024-10-06 03:59:59"))
            .withMinPartitions(3);

    // At 02:00 clocks jump to 02:30: the 02:00 bucket holds 02:30-02:59 only.
    assertThat(WindowPlanner.plan(in))
        .containsExactly(
            w(0, "2024-10-06 01:00:00", "2024-10-06 01:59:59", "2024-10-06 01:00", "2024-10-06 01:00"),
            w(1, "2024-10-06 02:00:00", "2024-10-06 02:59:59", "2024-10-06 02:00", "2024-10-06 02:00"),
            w(2, "2024-10-06 03:00:00", "2024-10-06 03:59:59", "2024-10-06 03:00", "2024-10-06 03:00"));
  }

  @Test
  void monthAndYearGroupingsHaveNoLimit() {
    assertThat(plan(MONTH, UTC, "2015-01-01 00:00:00", "2024-12-31 23:59:59"))
        .containsExactly(w(0, "2015-01-01 00:00:00", "2024-12-31 23:59:59", "2015-01-01", "2024-12-01"));
    assertThat(plan(YEAR, UTC, "2001-06-01 00:00:00", "2024-12-31 23:59:59"))
        .containsExactly(w(0, "2001-06-01 00:00:00", "2024-12-31 23:59:59", "2001-01-01", "2024-01-01"));
  }

  @Test
  void monthWindowsOfMinPartitionsEndOnMonthEnds() {
    PlanInput in =
        PlanInput.of(MONTH, UTC, t("2024-01-15 00:00:00"), t("2024-06-15 00:00:00"))
            .withMinPartitions(2);

    assertThat(WindowPlanner.plan(in))
        .containsExactly(
            w(0, "2024-01-15 00:00:00", "2024-03-31 23:59:59", "2024-01-01", "2024-03-01"),
            w(1, "2024-04-01 00:00:00", "2024-06-15 00:00:00", "2024-04-01", "2024-06-01"));
  }

  @Test
  void dayPlansUseAsFewWindowsAsTheSixMonthLimitAllows() {
    java.util.Random random = new java.util.Random(11);
    for (int c = 0; c < 100; c++) {
      LocalDateTime from = t("2019-01-01 00:00:00").plusSeconds(random.nextInt(6 * 365 * 86_400));
      LocalDateTime to = from.plusSeconds(1 + random.nextInt(3 * 365 * 86_400));
      int fewest = 0;
      // Fill each window with as many whole days as fit before its date_from plus 6 months.
      for (LocalDateTime start = from; !start.isAfter(to); fewest++) {
        LocalDateTime bound = start.plusMonths(6);
        LocalDateTime nextDay = start.toLocalDate().plusDays(1).atStartOfDay();
        while (!nextDay.isAfter(to) && !min(to, nextDay.plusDays(1).minusSeconds(1)).isAfter(bound)) {
          nextDay = nextDay.plusDays(1);
        }
        start = nextDay;
      }

      assertThat(plan(DAY, UTC, from.toString().replace('T', ' '), to.toString().replace('T', ' ')))
          .as(from + " to " + to)
          .hasSize(fewest);
    }
  }

  @Test
  void windowOwnsItsBucketRangeInclusive() {
    Window x = w(0, "2024-01-01 00:00:00", "2024-01-03 23:59:59", "2024-01-01", "2024-01-03");

    assertThat(x.owns(t("2023-12-31 00:00:00"))).isFalse();
    assertThat(x.owns(t("2024-01-01 00:00:00"))).isTrue();
    assertThat(x.owns(t("2024-01-03 00:00:00"))).isTrue();
    assertThat(x.owns(t("2024-01-04 00:00:00"))).isFalse();
  }

  private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
    return a.isBefore(b) ? a : b;
  }

  private static List<Window> plan(DateGrouping g, ZoneId zone, String from, String to) {
    return WindowPlanner.plan(PlanInput.of(g, zone, t(from), t(to)));
  }

  static Window w(int index, String from, String to, String first, String last) {
    return new Window(index, t(from), t(to), t(first), t(last));
  }

  /** {@code 2024-01-01}, {@code 2024-01-01 13:00} or {@code 2024-01-01 13:00:00}. */
  static LocalDateTime t(String s) {
    String iso = s.replace(' ', 'T');
    return iso.length() == 10
        ? LocalDateTime.parse(iso + "T00:00")
        : LocalDateTime.parse(iso);
  }
}
