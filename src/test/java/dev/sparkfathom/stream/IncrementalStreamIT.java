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
  /** A site that gets late pageviews. */
  private static final String LATE = "LATEIT";
  /** A site whose days hold more pathnames than today's row cap of 1000 rows. */
  private static final String CAPPED = "CAPPEDIT";
  /** Pathnames of CAPPED on 2024-05-01, -02 and -03: the first two days fill 1650 rows, the second alone 1200. */
  private static final int[] CAPPED_PATHS = {450, 1200, 300};
  /** Rows the foreachBatch sink of the lookback test saw, in order. */
  private static final List<String> SEEN = java.util.Collections.synchronizedList(new ArrayList<>());
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
    emulator.loadJsonl(site(LATE) + pageviews(LATE, "2024-05-01", 0, 1) + pageviews(LATE, "2024-05-02", 0, 2)
        + pageviews(LATE, "2024-05-03", 0, 3) + pageviews(LATE, "2024-05-04", 0, 4), false);
    StringBuilder capped = new StringBuilder(site(CAPPED));
    for (int day = 1; day <= 3; day++) {
      int i = 0;
      for (int path = 0; path < CAPPED_PATHS[day - 1]; path++) {
        for (int n = 0; n < cappedPageviews(path); n++) {
          capped.append(pageview(CAPPED, "2024-05-0" + day, "/p" + path, i++));
        }
      }
    }
    emulator.loadJsonl(capped.toString(), false);
    ScheduleSpec.registerClock(CLOCK, emulator.clock());
    spark = SparkTestSession.get();
  }

  private static String site(String id) {
    return "{\"type\":\"site\",\"id\":\"" + id + "\",\"name\":\"" + id
        + "\",\"sharing\":\"none\",\"created_at\":\"2024-01-01 00:00:00\"}\n";
  }

  /** The {@code i}th pageview of {@code day}: i seconds after 01:00 UTC (i below 80,000). */
  private static String pageview(String site, String day, String path, int i) {
    return "{\"type\":\"pageview\",\"site_id\":\"" + site + "\",\"timestamp\":\"" + day
        + "T" + java.time.LocalTime.ofSecondOfDay(3600 + i) + "Z\",\"pathname\":\"" + path + "\",\"new_session\":true,\"unique\":true,\"bounce\":false,\"duration\":10}\n";
  }

  /** {@code n} pageviews of "/" on {@code day}, from its {@code first}th on. */
  private static String pageviews(String site, String day, int first, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = first; i < first + n; i++) {
      b.append(pageview(site, day, "/", i));
    }
    return b.toString();
  }

  private static int cappedPageviews(int path) {
    return 1 + path % 3;
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

  private Map<String, String> options(String site) {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", emulator.adminToken());
    o.put("site_id", site);
    o.put("date_grouping", "day");
    o.put("aggregates", "pageviews");
    o.put("date_from", "2024-05-01");
    o.put("clock", CLOCK);
    o.put("rate.aggregations_per_minute", "100000");
    return o;
  }

  /**
   * The upsert pattern of the README: each micro-batch replaces the days it holds (a re-read day
   * included) in a Parquet table partitioned by date, with dynamic partition overwrite.
   */
  private void runWithLookback() throws Exception {
    Map<String, String> o = options(LATE);
    o.put("stream.lookback", "1");
    Path table = dir.resolve("table");
    StreamingQuery q = spark.readStream().format("fathom").options(o).load()
        .writeStream()
        .foreachBatch((org.apache.spark.api.java.function.VoidFunction2<org.apache.spark.sql.Dataset<Row>, Long>) (batch, id) -> {
          // Used twice: persisted, else each action would read (and ask Fathom) again.
          batch.persist();
          try {
            for (Row r : batch.orderBy("date").collectAsList()) {
              SEEN.add(id + ":" + r.get(0) + "=" + r.getLong(1) + (r.getBoolean(2) ? " reread" : ""));
            }
            batch.drop("reread").write().mode("overwrite").option("partitionOverwriteMode", "dynamic")
                .partitionBy("date").parquet(table.toString());
          } finally {
            batch.unpersist();
          }
        })
        .option("checkpointLocation", dir.resolve("checkpoint").toString())
        .trigger(Trigger.AvailableNow()).start();
    q.awaitTermination();
  }

  private List<String> table() {
    List<String> out = new ArrayList<>();
    for (Row r : spark.read().parquet(dir.resolve("table").toString()).orderBy("date").collectAsList()) {
      out.add(r.getAs("date") + "=" + r.<Long>getAs("pageviews"));
    }
    return out;
  }

  @Test
  void lookbackReReadsTheLastClosedBucketMarkedAndTheUpsertGivesTheLateChangedValue() throws Exception {
    SEEN.clear();
    emulator.clock().setFixed(Instant.parse("2024-05-03T02:00:00Z")); // 05-01 and 05-02 closed
    runWithLookback();
    assertThat(table()).containsExactly("2024-05-01=1", "2024-05-02=2");

    // Late data: pageviews of 05-02 (inside the lookback) and of 05-01 (outside it) arrive after the run.
    emulator.loadJsonl(pageviews(LATE, "2024-05-02", 2, 5) + pageviews(LATE, "2024-05-01", 1, 1), false);
    emulator.clock().setFixed(Instant.parse("2024-05-05T02:00:00Z")); // 05-03 and 05-04 closed
    emulator.clearRequestLog();
    runWithLookback();

    assertThat(SEEN).containsExactly("0:2024-05-01=1", "0:2024-05-02=2",
        "1:2024-05-02=7 reread", "1:2024-05-03=3", "1:2024-05-04=4");
    // 05-02 replaced by its fresh value; 05-01 was outside the lookback and keeps its first value.
    assertThat(table()).containsExactly("2024-05-01=1", "2024-05-02=7", "2024-05-03=3", "2024-05-04=4");
    assertThat(aggregations()).extracting(r -> r.parameters().get("date_from") + ".." + r.parameters().get("date_to"))
        .containsExactly("2024-05-02 00:00:00..2024-05-04 23:59:59");

    // No new closed bucket: no batch, so no re-read either.
    emulator.clearRequestLog();
    emulator.clock().setFixed(Instant.parse("2024-05-05T12:00:00Z"));
    runWithLookback();
    assertThat(aggregations()).isEmpty();
    assertThat(SEEN).hasSize(5);
  }

  @Test
  void aBatchReadWithLookbackIsRefused() {
    Map<String, String> o = options(LATE);
    o.put("stream.lookback", "1");
    o.put("date_to", "2024-05-02");
    assertThatThrownBy(() -> spark.read().format("fathom").options(o).load().collectAsList())
        .hasMessageContaining("'stream.lookback' (1) applies to streams (spark.readStream) only");
    assertThat(aggregations()).isEmpty();
  }

  @Test
  void microBatchesOverTodaysRowCapDeliverEveryRowOfEachBucketOnce() throws Exception {
    emulator.clock().setFixed(Instant.parse("2024-05-04T02:00:00Z")); // 05-01 .. 05-03 closed
    Map<String, String> o = options(CAPPED);
    o.put("field_grouping", "pathname");
    o.put("maxBucketsPerTrigger", "2");
    StreamingQuery q = spark.readStream().format("fathom").options(o).load()
        .writeStream().format("parquet")
        .option("path", dir.resolve("out").toString())
        .option("checkpointLocation", dir.resolve("checkpoint").toString())
        .trigger(Trigger.AvailableNow()).start();
    q.awaitTermination();

    List<String> expected = new ArrayList<>();
    for (int day = 1; day <= 3; day++) {
      for (int path = 0; path < CAPPED_PATHS[day - 1]; path++) {
        expected.add("2024-05-0" + day + " /p" + path + "=" + cappedPageviews(path));
      }
    }
    List<String> got = new ArrayList<>();
    for (Row r : spark.read().parquet(dir.resolve("out").toString()).collectAsList()) {
      got.add(r.getAs("date") + " " + r.getAs("pathname") + "=" + r.<Long>getAs("pageviews"));
    }
    assertThat(got).hasSize(450 + 1200 + 300).containsExactlyInAnyOrderElementsOf(expected);

    List<RequestLogEntry> asked = aggregations();
    // Every grouped request (a check of a value split is not grouped) sends today's cap; the first batch (1650 rows, 1200 of them in one
    // day) needs follow-ups past it, the second (300 rows) one request.
    assertThat(asked).filteredOn(r -> r.parameters().containsKey("field_grouping"))
        .allSatisfy(r -> assertThat(r.parameters().get("limit")).isEqualTo("1000"));
    assertThat(asked.stream().filter(r -> r.parameters().get("date_from").startsWith("2024-05-03")).count()).isEqualTo(1);
    assertThat(asked.stream().filter(r -> !r.parameters().get("date_from").startsWith("2024-05-03")).count())
        .isGreaterThan(2);
    assertThat(asked).allSatisfy(r -> assertThat(r.parameters().get("date_to").compareTo("2024-05-03 23:59:59")).isLessThanOrEqualTo(0));
  }
}
