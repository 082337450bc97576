package dev.sparkfathom.read.plan;

import static dev.sparkfathom.read.plan.WindowPlannerTest.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.DateGrouping;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PlanValuesTest {
  static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void defaultLimitsAreSixMonthsAndFourteenDays() {
    assertThat(WindowLimits.DEFAULT).isEqualTo(new WindowLimits(6, Duration.ofDays(14)));
  }

  @Test
  void dayWindowOutsideOneToSixMonthsIsRefused() {
    assertThatThrownBy(() -> new WindowLimits(0, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("day window must be 1 to 6 months; got: 0");
    assertThatThrownBy(() -> new WindowLimits(7, Duration.ofDays(1)))
        .hasMessage("day window must be 1 to 6 months; got: 7");
  }

  @Test
  void hourWindowOutsideOneHourToThirtyOneDaysIsRefused() {
    assertThatThrownBy(() -> new WindowLimits(6, Duration.ofMinutes(59)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hour window must be from 1 hour to 31 days; got: PT59M");
    assertThatThrownBy(() -> new WindowLimits(6, Duration.ofDays(31).plusSeconds(1)))
        .hasMessage("hour window must be from 1 hour to 31 days; got: PT744H1S");
    assertThat(new WindowLimits(1, Duration.ofDays(31)).hourWindow()).isEqualTo(Duration.ofDays(31));
  }

  @Test
  void rangeEndingBeforeItStartsIsRefused() {
    assertThatThrownBy(
            () -> PlanInput.of(DateGrouping.DAY, UTC, t("2024-01-02 00:00:00"), t("2024-01-01 00:00:00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("date_from must not be after date_to; got: 2024-01-02T00:00 > 2024-01-01T00:00");
  }

  @Test
  void fractionsOfASecondAreRefused() {
    assertThatThrownBy(
            () ->
                PlanInput.of(
                    DateGrouping.DAY, UTC, t("2024-01-01 00:00:00").plusNanos(5), t("2024-01-02 00:00:00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("date_from must be whole seconds; got: 2024-01-01T00:00:00.000000005");
  }

  @Test
  void fewerThanOnePartitionIsRefused() {
    PlanInput in = PlanInput.of(null, UTC, t("2024-01-01 00:00:00"), t("2024-01-02 00:00:00"));

    assertThatThrownBy(() -> in.withMinPartitions(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partitions must be at least 1; got: 0");
  }

  @Test
  void windowWithOneBucketEndIsRefused() {
    assertThatThrownBy(
            () -> new Window(0, t("2024-01-01"), t("2024-01-02"), t("2024-01-01"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a window owns buckets at both ends or none; got: 2024-01-01T00:00, null");
  }

  @Test
  void windowWithBucketsOutOfOrderIsRefused() {
    assertThatThrownBy(
            () -> new Window(0, t("2024-01-01"), t("2024-01-02"), t("2024-01-02"), t("2024-01-01")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("first bucket must not be after last; got: 2024-01-02T00:00 > 2024-01-01T00:00");
  }

  @Test
  void bucketBoundsAllowInclusiveAndUnboundedEnds() {
    BucketBounds b = new BucketBounds(t("2024-01-02"), null);

    assertThat(b.allows(t("2024-01-01"))).isFalse();
    assertThat(b.allows(t("2024-01-02"))).isTrue();
    assertThat(b.allows(t("2999-01-01"))).isTrue();
    assertThat(BucketBounds.ALL.allows(t("1970-01-01"))).isTrue();
  }

  @Test
  void windowSurvivesJavaSerialization() throws Exception {
    Window w = new Window(3, t("2024-01-01"), t("2024-01-02"), t("2024-01-01"), t("2024-01-02"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(w);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(w);
    }
  }
}
