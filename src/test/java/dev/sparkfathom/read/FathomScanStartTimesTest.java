package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.budget.BudgetSchedules;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.pushdown.FilterTranslation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.read.InputPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start times {@link FathomScan#planInputPartitions()} gives its partitions: the driver's
 * schedule for the token spreads them so that no rolling minute holds more than
 * {@code rate.aggregations_per_minute}, across scans. No Spark job, no request.
 */
class FathomScanStartTimesTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @BeforeEach
  @AfterEach
  void forgetSchedules() {
    BudgetSchedules.resetForTests();
  }

  /** A day-grouped read of three days in three windows, at two requests a minute. */
  private static ReadSpec threeWindows(String token) {
    Map<String, String> o = new HashMap<>();
    o.put("token", token);
    o.put("base_url", "http://127.0.0.1:9/v1");
    o.put("site_id", "ABCDEF");
    o.put("date_grouping", "day");
    o.put("date_from", "2024-03-01");
    o.put("date_to", "2024-03-03");
    o.put("partitions", "3");
    o.put("rate.aggregations_per_minute", "2");
    return ReadSpec.parse(o, Map.of());
  }

  private static List<Long> startSeconds(ReadSpec spec) {
    FathomScan scan = new FathomScan(spec, FathomSchema.infer(spec), FilterTranslation.NONE, CLOCK);
    InputPartition[] parts = scan.planInputPartitions();
    return Arrays.stream(parts)
        .map(p -> (((FathomInputPartition) p).notBeforeMillis() - T0.toEpochMilli()) / 1000)
        .toList();
  }

  @Test
  void thirdRequestAtTwoAMinuteStartsAMinuteAfterTheFirst() {
    assertThat(startSeconds(threeWindows("token-one"))).containsExactly(0L, 0L, 60L);
  }

  @Test
  void aSecondScanWithTheSameTokenContinuesTheSchedule() {
    startSeconds(threeWindows("token-one"));

    assertThat(startSeconds(threeWindows("token-one"))).containsExactly(60L, 120L, 120L);
  }

  @Test
  void anotherTokenHasAScheduleOfItsOwn() {
    startSeconds(threeWindows("token-one"));

    assertThat(startSeconds(threeWindows("token-two"))).containsExactly(0L, 0L, 60L);
  }
}
