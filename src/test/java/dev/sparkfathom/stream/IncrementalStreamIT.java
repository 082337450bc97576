package dev.sparkfathom.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.config.ScheduleSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.server.EmulatorClock;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AvailableNow runs of the stream over an advancing emulator clock (also the connector's, via
 * the {@code clock} option), into a Parquet file sink with a checkpoint: every day delivered
 * exactly once, none before it closed, no day requested twice.
 */
class IncrementalStreamIT {
  private static final String SITE = "STREAMIT";
  private static final String CLOCK = "incremental-stream-it";
  private static FathomEmulator emulator;
  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    emulator = FathomEmulator.builder().store(new ColumnarDataStore())
        .clock(EmulatorClock.fixedAt(Instant.parse("2024-05-03T00:30:00Z")))
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    StringBuilder jsonl = new StringBuilder("{\"type\":\"site\",\"id\":\"" + SITE
        + "\",\"name\":\"Stream\",\"sharing\":\"none\",\"created_at\":\"2024-01-01 00:00:00\"}\n");
    for (int day = 1; day <= 9; day++) {
      for (int i = 0; i < day; i++) {
        jsonl.append("{\"type\":\"pageview\",\"site_id\":\"" + SITE + "\",\"timestamp\":\"2024-05-0" + day
            + "T0" + i + ":10:00Z\",\"pathname\":\"/\",\"new_session\":true,\"unique\":true,\"bounce\":false,\"duration\":10}\n");
      }
    }
    emulator.loadJsonl(jsonl.toString(), true);
    ScheduleSpec.registerClock(CLOCK, emulator.clock());
    spark = SparkTestSession.get();
  }

  @AfterAll
  static void stop() {
    ScheduleSpec.unregisterClock(CLOCK);
    emulator.close();
  }

  @BeforeEach
  void reset() {
    emulator.clearRequestLog();
  }

  private void runOnce(String maxBuckets) throws Exception {
    runOnce(maxBuckets, "5");
  }

  private void runOnce(String maxBuckets, String maxRetries) throws Exception {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", emulator.adminToken());
    o.put("site_id", SITE);
    o.put("date_grouping", "day");
    o.put("aggregates", "pageviews");
    o.put("date_from", "2024-05-01");
    o.put("clock", CLOCK);
    o.put("maxBucketsPerTrigger", maxBuckets);
    o.put("rate.aggregations_per_minute", "100000");
    o.put("max_retries", maxRetries);
    StreamingQuery q = spark.readStream().format("fathom").options(o).load()
        .writeStream().format("parquet")
        .option("path", dir.resolve("out").toString())
        .option("checkpointLocation", dir.resolve("checkpoint").toString())
        .trigger(Trigger.AvailableNow()).start();
    q.awaitTermination();
  }

  private List<String> delivered() {
    List<String> out = new ArrayList<>();
    for (Row r : spark.read().parquet(dir.resolve("out").toString()).orderBy("date").collectAsList()) {
      out.add(r.get(0) + "=" + r.getLong(1));
    }
    return out;
  }

  private static List<RequestLogEntry> aggregations() {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).toList();
  }

  @Test
  void threeRunsOverAnAdvancingClockDeliverEachClosedDayOnceAndAskForNoDayTwice() throws Exception {
    List<RequestLogEntry> all = new ArrayList<>();
    emulator.clock().setFixed(Instant.parse("2024-05-03T00:30:00Z")); // 05-02 closes at 05-03 01:00
    runOnce("0");
    assertThat(delivered()).containsExactly("2024-05-01=1");
    all.addAll(aggregations());
    emulator.clearRequestLog();

    emulator.clock().setFixed(Instant.parse("2024-05-06T02:00:00Z"));
    runOnce("2");
    assertThat(delivered()).containsExactly("2024-05-01=1", "2024-05-02=2", "2024-05-03=3", "2024-05-04=4", "2024-05-05=5");
    all.addAll(aggregations());
    emulator.clearRequestLog();

    emulator.clock().setFixed(Instant.parse("2024-05-06T12:00:00Z"));
    runOnce("0");
    assertThat(delivered()).hasSize(5);
    assertThat(aggregations()).isEmpty();

    assertThat(all).extracting(r -> r.parameters().get("date_from") + ".." + r.parameters().get("date_to"))
        .containsExactly("2024-05-01 00:00:00..2024-05-01 23:59:59",
            "2024-05-02 00:00:00..2024-05-03 23:59:59",
            "2024-05-04 00:00:00..2024-05-05 23:59:59");
  }

  @Test
  void aRunKilledMidBatchIsReplayedFromItsCheckpointAndDeliversEachDayOnce() throws Exception {
    emulator.clock().setFixed(Instant.parse("2024-05-03T00:30:00Z"));
    runOnce("0");
    emulator.clock().setFixed(Instant.parse("2024-05-06T02:00:00Z"));
    emulator.faults(dev.sparkfathom.emulator.server.FaultSettings.NONE.withErrorRate(1.0));
    emulator.clearRequestLog();
    try {
      assertThatThrownBy(() -> runOnce("2", "0")).isInstanceOf(org.apache.spark.sql.streaming.StreamingQueryException.class);
    } finally {
      emulator.faults(dev.sparkfathom.emulator.server.FaultSettings.NONE);
    }
    List<String> failed = aggregations().stream().map(r -> r.parameters().get("date_from")).distinct().toList();
    assertThat(failed).containsExactly("2024-05-02 00:00:00");
    emulator.clearRequestLog();

    runOnce("2");

    assertThat(delivered()).containsExactly("2024-05-01=1", "2024-05-02=2", "2024-05-03=3", "2024-05-04=4", "2024-05-05=5");
    assertThat(aggregations()).extracting(r -> r.parameters().get("date_from") + ".." + r.parameters().get("date_to"))
        .containsExactly("2024-05-02 00:00:00..2024-05-03 23:59:59", "2024-05-04 00:00:00..2024-05-05 23:59:59");
  }
}
