package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
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

/**
 * The partition cache lives for one SQL execution (issue 7, point 4): a second action on the
 * same Dataset asks Fathom again and sees new data, Spark's own reruns within one execution
 * cost nothing, and nothing stays cached once the execution has ended.
 */
class FreshReadIT {
  private static final String SITE = "FRESHRD";
  private static FathomEmulator emulator;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    emulator = FathomEmulator.builder().concurrencyLimit(64).store(new ColumnarDataStore())
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    StringBuilder jsonl = new StringBuilder("{\"type\":\"site\",\"id\":\"" + SITE
        + "\",\"name\":\"Fresh\",\"sharing\":\"none\",\"created_at\":\"2024-01-01 00:00:00\"}\n");
    for (int day = 1; day <= 6; day++) {
      for (int i = 0; i < day; i++) {
        jsonl.append(pageview("2024-05-0" + day + "T1" + i + ":00:00Z", "/p" + (i % 3)));
      }
    }
    jsonl.append(pageview("2024-05-08T09:00:00Z", "/")).append(pageview("2024-05-08T10:00:00Z", "/"));
    emulator.loadJsonl(jsonl.toString(), true);
    spark = SparkTestSession.get();
  }

  private static String pageview(String at, String path) {
    return "{\"type\":\"pageview\",\"site_id\":\"" + SITE + "\",\"timestamp\":\"" + at + "\",\"pathname\":\"" + path
        + "\",\"new_session\":true,\"unique\":true,\"bounce\":false,\"duration\":10}\n";
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void clearLog() {
    emulator.clearRequestLog();
  }

  private static Dataset<Row> daily(String partitions) {
    return daily("2024-05-01", "2024-05-06", partitions);
  }

  private static Dataset<Row> daily(String from, String to, String partitions, String... more) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < more.length; i += 2) {
      o.put(more[i], more[i + 1]);
    }
    o.put("base_url", emulator.baseUrl());
    o.put("token", emulator.adminToken());
    o.put("site_id", SITE);
    o.put("date_grouping", "day");
    o.put("aggregates", "pageviews");
    o.put("date_from", from);
    o.put("date_to", to);
    o.put("partitions", partitions);
    o.put("rate.aggregations_per_minute", "100000");
    return spark.read().format("fathom").options(o).load();
  }

  private static List<RequestLogEntry> aggregations() {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).toList();
  }

  private static void awaitListeners() throws Exception {
    spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
  }

  @Test
  void aSecondActionOnTheSameDatasetReadsAfreshAndSeesANewPageview() throws Exception {
    Dataset<Row> df = daily("2024-05-07", "2024-05-09", "1");
    assertThat(ReadMatrixIT.normalise(df.collectAsList())).containsExactly("2024-05-08 | 2 | ");

    emulator.loadJsonl(pageview("2024-05-08T20:00:00Z", "/new"), false);
    List<String> again = ReadMatrixIT.normalise(df.collectAsList());

    assertThat(again).containsExactly("2024-05-08 | 3 | ");
    assertThat(aggregations()).hasSize(2);
  }

  @Test
  void sparksRerunsWithinOneExecutionCostNoSecondRequest() throws Exception {
    // A global ORDER BY samples its input (one job), then reads it again to sort (another).
    Dataset<Row> df = daily("3").orderBy("pageviews");

    List<Row> rows = df.collectAsList();

    assertThat(rows).extracting(r -> r.getLong(1)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(ScanInspector.scans(df).get(0).plan().requests()).hasSize(3);
    assertThat(aggregations()).hasSize(3);
    assertThat(ScanInspector.metric(df, ScanMetrics.REQUESTS)).isEqualTo(3);
  }

  @Test
  void aReadThatKeepsNothingAsksFathomAgainForSparksRerunAndStaysExact() throws Exception {
    Dataset<Row> df = daily("2024-05-01", "2024-05-06", "3", "cache.partition_bytes", "0").orderBy("pageviews");

    List<Row> rows = df.collectAsList();

    assertThat(rows).extracting(r -> r.getLong(1)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    // the sample job and the sort job each read the 3 partitions
    assertThat(aggregations()).hasSize(6);
    assertThat(ScanInspector.metric(df, ScanMetrics.REQUESTS)).isEqualTo(6);
  }

  @Test
  void answersOverTheReadsCacheBoundAreReadAgainAndAnswersUnderItAreNot() throws Exception {
    // 1 byte is below every answer's estimate: none is kept; 1 MiB is above them all.
    Dataset<Row> none = daily("2024-05-01", "2024-05-06", "3", "cache.partition_bytes", "1").orderBy("pageviews");
    none.collectAsList();
    assertThat(aggregations()).hasSize(6);

    emulator.clearRequestLog();
    Dataset<Row> all = daily("2024-05-01", "2024-05-06", "3", "cache.partition_bytes", "1m").orderBy("pageviews");
    assertThat(all.collectAsList()).extracting(r -> r.getLong(1)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(aggregations()).hasSize(3);
  }

  @Test
  void nothingStaysCachedAfterTheExecutionEnds() throws Exception {
    awaitListeners();
    PartitionResultCache.SHARED.clear();
    Dataset<Row> df = daily("3").orderBy("pageviews");

    df.collectAsList();
    awaitListeners();

    assertThat(PartitionResultCache.SHARED.size()).isZero();
    assertThat(PartitionResultCache.SHARED.rowsHeld()).isZero();
  }
}
