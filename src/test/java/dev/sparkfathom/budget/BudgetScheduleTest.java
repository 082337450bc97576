package dev.sparkfathom.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetScheduleTest {
  @Test
  void minimumDurationCountsWholeMinutesAfterTheFirstBatch() {
    assertThat(BudgetSchedule.minimumDuration(0, 10)).isEqualTo(Duration.ZERO);
    assertThat(BudgetSchedule.minimumDuration(1, 10)).isEqualTo(Duration.ZERO);
    assertThat(BudgetSchedule.minimumDuration(10, 10)).isEqualTo(Duration.ZERO);
    assertThat(BudgetSchedule.minimumDuration(11, 10)).isEqualTo(Duration.ofMinutes(1));
    assertThat(BudgetSchedule.minimumDuration(100, 10)).isEqualTo(Duration.ofMinutes(9));
    assertThat(BudgetSchedule.minimumDuration(101, 10)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void badArgumentsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> BudgetSchedule.minimumDuration(-1, 10))
        .hasMessage("requests must be at least 0; got: -1");
    assertThatThrownBy(() -> BudgetSchedule.minimumDuration(1, 0))
        .hasMessage("rate limit must be at least 1; got: 0");
  }
}
