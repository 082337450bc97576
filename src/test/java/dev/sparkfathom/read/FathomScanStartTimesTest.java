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
 * The start times {@link FathomScan#createReaderFactory()} books for its partitions: the
 * driver's schedule for the token spreads them so that no rolling minute (plus the client's
 * one-second margin) holds more than {@code rate.aggregations_per_minute}, across scans.
 * Planning and EXPLAIN book nothing. No Spark job, no request.
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

  private static FathomScan scan(ReadSpec spec) {
    // The site's creation is unknown here: the scan plans the range as asked, without a request.
    return new FathomScan(spec, FathomSchema.infer(spec), FilterTranslation.NONE, CLOCK, (client, site, asking) -> null);
  }

  private static List<Long> startSeconds(FathomScan scan) {
    FathomReaderFactory factory = (FathomReaderFactory) scan.createReaderFactory();
    return Arrays.stream(scan.planInputPartitions())
        .map(p -> (factory.notBeforeMillis(((FathomInputPartition) p).index()) - T0.toEpochMilli()) / 1000)
        .toList();
  }

  private static List<Long> startSeconds(ReadSpec spec) {
    return startSeconds(scan(spec));
  }

  @Test
  void thirdRequestAtTwoAMinuteStartsAMinuteAfterTheFirst() {
    assertThat(startSeconds(threeWindows("token-one"))).containsExactly(0L, 0L, 61L);
  }

  @Test
  void aSecondScanWithTheSameTokenContinuesTheSchedule() {
    startSeconds(threeWindows("token-one"));

    assertThat(startSeconds(threeWindows("token-one"))).containsExactly(61L, 122L, 122L);
  }

  @Test
  void planningAndExplainBookNoBudget() {
    FathomScan explained = scan(threeWindows("token-one"));
    explained.description();
    explained.planInputPartitions();
    explained.planInputPartitions();

    assertThat(startSeconds(threeWindows("token-one"))).containsExactly(0L, 0L, 61L);
  }

  @Test
  void partitionsAreTheSameEveryTimeSparkAsks() {
    FathomScan s = scan(threeWindows("token-one"));
    assertThat(s.planInputPartitions()).containsExactly(s.planInputPartitions());
  }

  @Test
  void anotherTokenHasAScheduleOfItsOwn() {
    startSeconds(threeWindows("token-one"));

    assertThat(startSeconds(threeWindows("token-two"))).containsExactly(0L, 0L, 61L);
  }
}
