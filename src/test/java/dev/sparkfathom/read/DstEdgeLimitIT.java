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
 * A pushed {@code LIMIT} or top-N on a read of one request whose request is widened at a DST
 * edge (issue 7, point 2). Berlin falls back on 2024-10-27 at 01:00Z: the local hour 02:00
 * runs from 00:00Z to 02:00Z. A read ending with that bucket cannot say its end in local time
 * (02:59:59 resolves to the earlier offset), so its request ends at 03:00:00 local and takes in
 * one second of the 03:00 bucket, which the reader drops. Fathom's {@code limit=1} would keep
 * only that bucket's row, and the read would return nothing. Also how the same hours show as
 * local hours (TIMESTAMP_NTZ, the default) and as instants ({@code hour_type=timestamp}).
 */
class DstEdgeLimitIT {
  private static final String SITE = "DSTEDGE";
  private static FathomEmulator emulator;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    emulator = FathomEmulator.builder().store(new ColumnarDataStore())
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    StringBuilder jsonl = new StringBuilder(
        "{\"type\":\"site\",\"id\":\"" + SITE + "\",\"name\":\"DST edge\",\"sharing\":\"none\","
            + "\"created_at\":\"2024-01-01 00:00:00\"}\n");
    for (String at : List.of("2024-10-26T22:30:00Z", "2024-10-26T23:30:00Z", "2024-10-27T00:30:00Z",
        "2024-10-27T01:30:00Z", "2024-10-27T02:00:00Z", "2024-10-27T02:00:00Z", "2024-10-27T02:00:00Z",
        "2024-10-27T02:00:00Z", "2024-10-27T02:00:00Z", "2024-10-27T03:30:00Z")) {
      jsonl.append("{\"type\":\"pageview\",\"site_id\":\"").append(SITE).append("\",\"timestamp\":\"").append(at)
          .append("\",\"pathname\":\"/\",\"new_session\":true,\"unique\":true,\"bounce\":false,\"duration\":10}\n");
    }
    emulator.loadJsonl(jsonl.toString(), true);
    spark = SparkTestSession.get();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void clearLog() {
    emulator.clearRequestLog();
  }

  /** The read as view {@code fall_back}: hours of the Berlin fall-back morning, as instants (the session is UTC). */
  private static Dataset<Row> fallBackMorning() {
    return fallBackMorning("timestamp");
  }

  private static Dataset<Row> fallBackMorning(String hourType) {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", emulator.adminToken());
    o.put("site_id", SITE);
    o.put("date_grouping", "hour");
    o.put("timezone", "Europe/Berlin");
    o.put("date_from", "2024-10-27 00:00:00");
    o.put("date_to", "2024-10-27 05:59:59");
    o.put("aggregates", "pageviews");
    o.put("hour_type", hourType);
    o.put("rate.aggregations_per_minute", "100000");
    Dataset<Row> t = spark.read().format("fathom").options(o).load();
    t.createOrReplaceTempView("fall_back");
    return t;
  }

  private static List<String> rows(String sql) {
    fallBackMorning();
    return ReadMatrixIT.normalise(spark.sql(sql).collectAsList());
  }

  private static List<RequestLogEntry> aggregations() {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).toList();
  }

  @Test
  void latestBucketBeforeTheEdgeIsFoundThoughTheRequestReachesIntoTheNextBucket() {
    List<String> got = rows("SELECT * FROM fall_back WHERE date < TIMESTAMP '2024-10-27 02:00:00' ORDER BY date DESC LIMIT 1");

    assertThat(got).containsExactly("2024-10-27 00:00:00.0 | 2 | ");
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .containsEntry("date_to", "2024-10-27 03:00:00")
        .doesNotContainKey("limit").doesNotContainKey("sort_by"));
  }

  @Test
  void topBucketByPageviewsBeforeTheEdgeIsFoundThoughTheNextBucketHasMore() {
    List<String> got = rows("SELECT * FROM fall_back WHERE date < TIMESTAMP '2024-10-27 02:00:00' ORDER BY pageviews DESC LIMIT 1");

    assertThat(got).containsExactly("2024-10-27 00:00:00.0 | 2 | ");
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .doesNotContainKey("limit").doesNotContainKey("sort_by"));
  }

  @Test
  void bareLimitOnTheWidenedRequestStaysWithSpark() {
    List<String> got = rows("SELECT * FROM fall_back WHERE date < TIMESTAMP '2024-10-27 02:00:00' LIMIT 3");

    assertThat(got).hasSize(3);
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters()).doesNotContainKey("limit"));
  }

  @Test
  void aRequestOwningAllItAsksForStillSendsTheLimit() {
    List<String> got = rows("SELECT * FROM fall_back WHERE date < TIMESTAMP '2024-10-27 00:00:00' ORDER BY date DESC LIMIT 1");

    assertThat(got).containsExactly("2024-10-26 23:00:00.0 | 1 | ");
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .containsEntry("limit", "1").containsEntry("sort_by", "timestamp:desc"));
  }

  @Test
  void asLocalHoursTheLatestBucketBefore03IsTheMergedHour() {
    fallBackMorning("timestamp_ntz");
    List<String> got = ReadMatrixIT.normalise(spark.sql(
        "SELECT * FROM fall_back WHERE date < TIMESTAMP_NTZ '2024-10-27 03:00:00' ORDER BY date DESC LIMIT 1").collectAsList());

    assertThat(got).containsExactly("2024-10-27T02:00 | 2 | ");
    assertThat(aggregations()).singleElement().satisfies(r -> assertThat(r.parameters())
        .containsEntry("date_to", "2024-10-27 03:00:00").doesNotContainKey("limit"));
  }

  @Test
  void localHoursShowAsFathomLabelsThemWhateverTheSessionTimezone() {
    String sql = "SELECT * FROM fall_back WHERE date < TIMESTAMP_NTZ '2024-10-27 01:00:00'";
    String was = spark.conf().get("spark.sql.session.timeZone");
    try {
      for (String session : List.of("UTC", "America/Los_Angeles")) {
        spark.conf().set("spark.sql.session.timeZone", session);
        fallBackMorning("timestamp_ntz");
        assertThat(ReadMatrixIT.normalise(spark.sql(sql).collectAsList())).as(session)
            .containsExactly("2024-10-27T00:00 | 1 | ");
        assertThat(spark.sql("SELECT CAST(date AS STRING) FROM fall_back ORDER BY date LIMIT 1").first().getString(0))
            .as(session).isEqualTo("2024-10-27 00:00:00");
      }
      spark.conf().set("spark.sql.session.timeZone", "UTC");
      fallBackMorning("timestamp");
      // As an instant, local midnight in Berlin (CEST) shows as 22:00 the day before in UTC.
      assertThat(spark.sql("SELECT CAST(date AS STRING) FROM fall_back ORDER BY date LIMIT 1").first().getString(0))
          .isEqualTo("2024-10-26 22:00:00");
    } finally {
      spark.conf().set("spark.sql.session.timeZone", was);
    }
  }

  @Test
  void explainSaysWhyTheLimitStaysWithSpark() {
    fallBackMorning();
    String plan = spark.sql("SELECT * FROM fall_back WHERE date < TIMESTAMP '2024-10-27 02:00:00' ORDER BY date DESC LIMIT 1")
        .queryExecution().explainString(org.apache.spark.sql.execution.ExplainMode.fromString("simple"));

    assertThat(plan).contains("sort_by=timestamp:desc limit=1 (left to Spark: the request is widened at a DST edge");
  }
}
