package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EmulatorClockTest {
  private static final Instant T = Instant.parse("2024-03-10T15:00:00Z");

  @Test
  void fixedClockStandsStillUntilAdvanced() {
    EmulatorClock c = EmulatorClock.fixedAt(T);
    assertThat(c.instant()).isEqualTo(T);
    c.advance(Duration.ofSeconds(61));
    assertThat(c.instant()).isEqualTo(T.plusSeconds(61));
    assertThat(c.isFixed()).isTrue();
  }

  @Test
  void systemClockCanBeShiftedAndReset() {
    EmulatorClock c = EmulatorClock.system();
    c.advance(Duration.ofDays(1));
    assertThat(c.instant()).isCloseTo(Instant.now().plus(Duration.ofDays(1)), within(Duration.ofMinutes(1)));
    c.followSystem();
    assertThat(c.instant()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
    c.setFixed(T);
    assertThat(c.instant()).isEqualTo(T);
  }

  @Test
  void withZoneViewsTheSameInstant() {
    EmulatorClock c = EmulatorClock.fixedAt(T);
    java.time.Clock berlin = c.withZone(ZoneId.of("Europe/Berlin"));
    c.advance(Duration.ofSeconds(5));
    assertThat(berlin.instant()).isEqualTo(T.plusSeconds(5));
    assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }
}
