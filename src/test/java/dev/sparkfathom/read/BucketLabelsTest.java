package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.DateGrouping;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BucketLabelsTest {
  @Test
  void parsesEachGroupingsLabelToItsLocalStart() {
    assertThat(BucketLabels.parse("2024", DateGrouping.YEAR)).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
    assertThat(BucketLabels.parse("2024-02", DateGrouping.MONTH)).isEqualTo(LocalDateTime.of(2024, 2, 1, 0, 0));
    assertThat(BucketLabels.parse("2024-02-29", DateGrouping.DAY)).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
    assertThat(BucketLabels.parse("2024-02-29 13:00:00", DateGrouping.HOUR)).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 0));
  }

  @Test
  void hourLabelsToleratesTSeparatorAndMissingSeconds() {
    assertThat(BucketLabels.parse("2024-02-29T13:00:00", DateGrouping.HOUR)).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 0));
    assertThat(BucketLabels.parse("2024-02-29 13:00", DateGrouping.HOUR)).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 0));
  }

  @Test
  void labelsThatDoNotFitTheGroupingAreErrors() {
    assertThatThrownBy(() -> BucketLabels.parse("2024-02-29", DateGrouping.MONTH))
        .hasMessage("date '2024-02-29' is not a month label such as 2024-01");
    assertThatThrownBy(() -> BucketLabels.parse("2024-02-29 13:30:00", DateGrouping.HOUR))
        .hasMessage("date '2024-02-29 13:30:00' is not the start of its hour bucket");
    assertThatThrownBy(() -> BucketLabels.parse(null, DateGrouping.DAY))
        .hasMessage("a row has no date although the read is grouped by day");
  }

  @Test
  void hourValueTakesTheEarlierOffsetInAFallBackOverlap() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(BucketLabels.hourValue(LocalDateTime.of(2024, 10, 27, 2, 0), berlin))
        .isEqualTo(Instant.parse("2024-10-27T00:00:00Z"));
    assertThat(BucketLabels.hourValue(LocalDateTime.of(2024, 10, 27, 3, 0), berlin))
        .isEqualTo(Instant.parse("2024-10-27T02:00:00Z"));
  }

  @Test
  void hourValueOfAPartlySkippedHourIsItsFirstExistingInstant() {
    // Lord Howe moves from +10:30 to +11:00 at 02:00 local: 02:00..02:29 does not exist.
    assertThat(BucketLabels.hourValue(LocalDateTime.of(2024, 10, 6, 2, 0), ZoneId.of("Australia/Lord_Howe")))
        .isEqualTo(Instant.parse("2024-10-05T15:30:00Z"));
  }
}
