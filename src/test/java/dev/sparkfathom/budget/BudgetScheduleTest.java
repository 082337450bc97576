package dev.sparkfathom.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BudgetScheduleTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    Instant now = T0;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("not needed");
    }
  }

  final TestClock clock = new TestClock();

  @AfterEach
  void forgetSchedules() {
    BudgetSchedules.resetForTests();
  }

  @Test
  void firstFullMinuteStartsAtOnceAndTheRestAMinuteLater() {
    BudgetSchedule s = BudgetSchedule.perMinute(10, clock);

    List<Instant> starts = s.reserve(25);

    assertThat(starts.subList(0, 10)).containsOnly(T0);
    assertThat(starts.subList(10, 20)).containsOnly(T0.plusSeconds(60));
    assertThat(starts.subList(20, 25)).containsOnly(T0.plusSeconds(120));
  }

  @Test
  void secondScanQueuesBehindTheFirst() {
    BudgetSchedule first = BudgetSchedules.forKey("https://api|abc", 10, clock);
    first.reserve(6);
    clock.advance(Duration.ofSeconds(20));
    BudgetSchedule second = BudgetSchedules.forKey("https://api|abc", 10, clock);

    List<Instant> starts = second.reserve(8);

    assertThat(second).isSameAs(first);
    assertThat(starts.subList(0, 4)).containsOnly(T0.plusSeconds(20));
    assertThat(starts.subList(4, 8)).containsOnly(T0.plusSeconds(60)); // when the first 6 age out
  }

  @Test
  void otherTokensHaveTheirOwnBudget() {
    BudgetSchedules.forKey("https://api|abc", 10, clock).reserve(10);

    assertThat(BudgetSchedules.forKey("https://api|def", 10, clock).reserve(1))
        .containsExactly(T0);
  }

  @Test
  void reservationsOlderThanAMinuteNoLongerCount() {
    BudgetSchedule s = BudgetSchedule.perMinute(10, clock);
    s.reserve(10);
    clock.advance(Duration.ofSeconds(61));

    assertThat(s.reserve(10)).containsOnly(T0.plusSeconds(61));
    assertThat(s.recorded()).hasSize(10).containsOnly(T0.plusSeconds(61));
  }

  @Test
  void startsAreSpreadOverTheRollingWindowNotFixedMinutes() {
    BudgetSchedule s = BudgetSchedule.perMinute(2, clock);
    s.reserve(1); // T0
    clock.advance(Duration.ofSeconds(30));
    s.reserve(1); // T0+30

    // The third waits for T0's request to leave the window, the fourth for T0+30's.
    assertThat(s.reserve(2)).containsExactly(T0.plusSeconds(60), T0.plusSeconds(90));
  }

  @Test
  void neverMoreThanTheLimitInAnyMinuteAcrossInterleavedScans() {
    Random random = new Random(7);
    List<Instant> all = new ArrayList<>();
    BudgetSchedule a = BudgetSchedules.forKey("k", 10, clock);
    for (int k = 0; k < 200; k++) {
      clock.advance(Duration.ofSeconds(random.nextInt(40)));
      List<Instant> starts = BudgetSchedules.forKey("k", 10, clock).reserve(random.nextInt(15));
      assertThat(starts).allSatisfy(x -> assertThat(x).isAfterOrEqualTo(clock.now));
      all.addAll(starts);
    }
    assertThat(a.recorded()).isNotEmpty();

    List<Instant> sorted = all.stream().sorted().toList();
    assertThat(all).isEqualTo(sorted); // later reservations never start earlier
    for (int i = 0; i + 10 < sorted.size(); i++) {
      assertThat(Duration.between(sorted.get(i), sorted.get(i + 10)))
          .as("the 11th request after #" + i)
          .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }
  }

  @Test
  void concurrentReservationsStayWithinTheLimit() throws Exception {
    BudgetSchedule s = BudgetSchedule.perMinute(10, clock);
    List<Instant> all = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> { for (int k = 0; k < 25; k++) all.addAll(s.reserve(1)); }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }

    // 100 requests at 10 a minute at a standing clock: ten each at T0, T0+1m, ... T0+9m.
    assertThat(all.stream().distinct().sorted().toList())
        .containsExactly(
            T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(240),
            T0.plusSeconds(300), T0.plusSeconds(360), T0.plusSeconds(420), T0.plusSeconds(480),
            T0.plusSeconds(540));
    assertThat(all.stream().filter(T0::equals)).hasSize(10);
  }

  @Test
  void raisingTheLimitStillCountsEarlierReservations() {
    BudgetSchedule s = BudgetSchedules.forKey("k", 10, clock);
    s.reserve(10);

    BudgetSchedules.forKey("k", 20, clock);

    assertThat(s.reserve(11)).filteredOn(T0::equals).hasSize(10);
  }

  @Test
  void loweringTheLimitAppliesToLaterReservations() {
    BudgetSchedule s = BudgetSchedules.forKey("k", 10, clock);
    s.reserve(3);

    BudgetSchedules.forKey("k", 2, clock);

    assertThat(s.reserve(1)).containsExactly(T0.plusSeconds(60));
  }

  @Test
  void hourlyScheduleKeepsItsWindow() {
    BudgetSchedule s = BudgetSchedules.forKey("entities", 2000, Duration.ofHours(1), clock);
    s.reserve(2000);

    assertThat(s.reserve(1)).containsExactly(T0.plus(Duration.ofHours(1)));
    assertThatThrownBy(() -> BudgetSchedules.forKey("entities", 10, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("budget key already has a window of PT1H; asked for PT1M");
  }

  @Test
  void zeroRequestsReserveNothing() {
    BudgetSchedule s = BudgetSchedule.perMinute(10, clock);

    assertThat(s.reserve(0)).isEmpty();
    assertThat(s.recorded()).isEmpty();
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> BudgetSchedule.perMinute(0, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate limit must be at least 1; got: 0");
    assertThatThrownBy(() -> BudgetSchedule.perMinute(1, clock).reserve(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requests must be at least 0; got: -1");
    assertThatThrownBy(() -> new BudgetSchedule(1, Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("budget window must be positive; got: PT0S");
  }

  @Test
  void minimumDurationCountsWholeMinutesAfterTheFirstBatch() {
    assertThat(BudgetSchedule.minimumDuration(0, 10)).isEqualTo(Duration.ZERO);
    assertThat(BudgetSchedule.minimumDuration(1, 10)).isEqualTo(Duration.ZERO);
    assertThat(BudgetSchedule.minimumDuration(10, 10)).isEqualTo(Duration.ZERO);
    assertThat(BudgetSchedule.minimumDuration(11, 10)).isEqualTo(Duration.ofMinutes(1));
    assertThat(BudgetSchedule.minimumDuration(100, 10)).isEqualTo(Duration.ofMinutes(9));
    assertThat(BudgetSchedules.minimumDuration(101, 10)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void minimumDurationMatchesAFreshSchedule() {
    for (int n = 1; n <= 45; n++) {
      BudgetSchedule s = BudgetSchedule.perMinute(7, clock);
      List<Instant> starts = s.reserve(n);
      assertThat(Duration.between(T0, starts.get(n - 1)))
          .isEqualTo(BudgetSchedule.minimumDuration(n, 7));
    }
  }
}
