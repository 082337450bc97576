package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.DateGrouping;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DateLabelsTest {
  @Test
  void parsesEachGroupingsLabelToItsLocalStart() {
    assertThat(DateLabels.parse("2024", DateGrouping.YEAR)).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
    assertThat(DateLabels.parse("2024-02", DateGrouping.MONTH)).isEqualTo(LocalDateTime.of(2024, 2, 1, 0, 0));
    assertThat(DateLabels.parse("2024-02-29", DateGrouping.DAY)).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
    assertThat(DateLabels.parse("2024-02-29 13:00:00", DateGrouping.HOUR)).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 0));
  }

  @Test
  void hourLabelsToleratesTSeparatorAndMissingSeconds() {
    assertThat(DateLabels.parse("2024-02-29T13:00:00", DateGrouping.HOUR)).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 0));
    assertThat(DateLabels.parse("2024-02-29 13:00", DateGrouping.HOUR)).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 0));
  }

  @Test
  void labelsThatDoNotFitTheGroupingAreErrors() {
    assertThatThrownBy(() -> DateLabels.parse("2024-02-29", DateGrouping.MONTH))
        .hasMessage("date '2024-02-29' is not a month label such as 2024-01");
    assertThatThrownBy(() -> DateLabels.parse("2024-02-29 13:30:00", DateGrouping.HOUR))
        .hasMessage("date '2024-02-29 13:30:00' is not the start of its hour bucket");
    assertThatThrownBy(() -> DateLabels.parse(null, DateGrouping.DAY))
        .hasMessage("a row has no date although the read is grouped by day");
  }
}
