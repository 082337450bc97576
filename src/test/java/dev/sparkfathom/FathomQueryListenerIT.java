package dev.sparkfathom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import dev.sparkfathom.read.ScanMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job can get the Fathom cost of every action (issue 7, point 6): {@link FathomQueryListener}
 * after {@code write()}, {@code show()}, {@code count()} and {@code collect()};
 * {@link FathomMetrics#of} fails instead of reading zeros where it cannot see the read; rows
 * fetched and rows returned are counted apart; the site lookup at planning is counted.
 */
class FathomQueryListenerIT {
  private static final String SITE = "METRICS";
  private static FathomEmulator emulator;
  private static SparkSession spark;
  private static FathomQueryListener listener;

  @BeforeAll
  static void start() throws Exception {
    emulator = FathomEmulator.builder().concurrencyLimit(64).store(new ColumnarDataStore())
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    StringBuilder jsonl = new StringBuilder();
    for (String site : List.of(SITE, "LOOKUP1")) {
      jsonl.append("{\"type\":\"site\",\"id\":\"").append(site)
          .append("\",\"name\":\"Metrics\",\"sharing\":\"none\",\"created_at\":\"2024-05-01 00:00:00\"}\n");
      for (int day = 1; day <= 6; day++) {
        for (int i = 0; i < day; i++) {
          jsonl.append("{\"type\":\"pageview\",\"site_id\":\"").append(site).append("\",\"timestamp\":\"2024-05-0")
              .append(day).append("T1").append(i).append(":00:00Z\",\"pathname\":\"/p").append(i % 3)
              .append("\",\"new_session\":true,\"unique\":true,\"bounce\":false,\"duration\":10}\n");
        }
      }
    }
    emulator.loadJsonl(jsonl.toString(), true);
    spark = SparkTestSession.get();
    listener = FathomQueryListener.of(spark);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void clearLog() {
    emulator.clearRequestLog();
  }

  /** Six days, one row a day, in {@code partitions} windows. */
  private static Dataset<Row> daily(String partitions) {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", emulator.adminToken());
    o.put("site_id", SITE);
    o.put("date_grouping", "day");
    o.put("aggregates", "pageviews");
    o.put("date_from", "2024-05-01");
    o.put("date_to", "2024-05-06");
    o.put("partitions", partitions);
    o.put("rate.aggregations_per_minute", "100000");
    return spark.read().format("fathom").options(o).load();
  }

  private static List<RequestLogEntry> aggregations() {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).toList();
  }

  private static Map<String, Long> last() {
    return listener.awaitLast(Duration.ofSeconds(30)).metrics();
  }

  @Test
  void writeReportsItsRequestsAndRows(@TempDir Path dir) {
    Dataset<Row> df = daily("2");

    df.write().parquet(dir.resolve("daily").toString());

    Map<String, Long> cost = last();
    assertThat(aggregations()).hasSize(2);
    assertThat(cost).containsEntry(ScanMetrics.REQUESTS, 2L).containsEntry(ScanMetrics.ROWS_FETCHED, 6L)
        .containsEntry(ScanMetrics.ROWS_RETURNED, 6L).containsEntry(ScanMetrics.RETRIES, 0L);
    assertThat(cost.get(ScanMetrics.BYTES)).isPositive();
    assertThat(spark.read().parquet(dir.resolve("daily").toString()).count()).isEqualTo(6);
    assertThatThrownBy(() -> FathomMetrics.of(df)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no action has run this Dataset's own plan")
        .hasMessageContaining("FathomQueryListener");
  }

  @Test
  void showReportsItsRequest() {
    Dataset<Row> df = daily("1");
    long before = listener.executions().isEmpty() ? 0 : listener.executions().get(listener.executions().size() - 1).sequence();

    df.show();

    FathomQueryListener.Execution e = listener.awaitLast(Duration.ofSeconds(30));
    assertThat(e.sequence()).isGreaterThan(before);
    assertThat(e.metrics()).containsEntry(ScanMetrics.REQUESTS, 1L).containsEntry(ScanMetrics.ROWS_FETCHED, 6L);
    assertThat(aggregations()).hasSize(1);
    assertThatThrownBy(() -> FathomMetrics.of(df)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void countReportsItsRequests() {
    Dataset<Row> df = daily("3");

    assertThat(df.count()).isEqualTo(6);

    assertThat(last()).containsEntry(ScanMetrics.REQUESTS, 3L).containsEntry(ScanMetrics.ROWS_RETURNED, 6L);
    assertThat(aggregations()).hasSize(3);
  }

  @Test
  void collectReportsTheSameAsFathomMetricsOfTheDataset() {
    Dataset<Row> df = daily("2");

    df.collectAsList();

    Map<String, Long> cost = last();
    assertThat(cost).containsEntry(ScanMetrics.REQUESTS, 2L).isEqualTo(FathomMetrics.of(df));
  }

  @Test
  void aGlobalOrderByFetchesOnceAndReturnsTwice() {
    Dataset<Row> df = daily("3").orderBy("pageviews");

    assertThat(df.collectAsList()).hasSize(6);

    Map<String, Long> cost = FathomMetrics.of(df);
    assertThat(cost).containsEntry(ScanMetrics.REQUESTS, 3L).containsEntry(ScanMetrics.ROWS_FETCHED, 6L)
        .containsEntry(ScanMetrics.ROWS_RETURNED, 12L);
    assertThat(last()).isEqualTo(cost);
  }

  @Test
  void theSiteLookupAtPlanningIsCountedOnce() {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", emulator.adminToken());
    o.put("site_id", "LOOKUP1");
    o.put("field_grouping", "pathname");
    o.put("rate.aggregations_per_minute", "100000");
    Dataset<Row> df = spark.read().format("fathom").options(o).load();

    df.collectAsList();
    Map<String, Long> first = FathomMetrics.of(df);
    df.collectAsList();
    Map<String, Long> second = FathomMetrics.of(df);

    assertThat(emulator.requestLog().stream().filter(r -> r.path().equals("/v1/sites/LOOKUP1"))).hasSize(1);
    assertThat(first).containsEntry(ScanMetrics.SITE_LOOKUPS, 1L).containsEntry(ScanMetrics.REQUESTS, 1L);
    assertThat(second).containsEntry(ScanMetrics.SITE_LOOKUPS, 0L).containsEntry(ScanMetrics.REQUESTS, 1L);
    assertThat(aggregations()).hasSize(2);
  }

  @Test
  void ofADatasetWithoutAFathomReadFails() {
    Dataset<Row> df = spark.range(3).toDF();
    df.collectAsList();

    assertThatThrownBy(() -> FathomMetrics.of(df)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("FathomMetrics.of: this Dataset's plan reads nothing from Fathom");
  }
}
