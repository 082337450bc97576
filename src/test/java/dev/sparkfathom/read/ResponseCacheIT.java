package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.config.ScheduleSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.server.EmulatorClock;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The response cache through Spark against the emulator, whose settable clock is also the
 * connector's ({@code clock} option): a repeated read of a closed range costs no request, an
 * open window is always asked, EXPLAIN counts what the cache will answer, a damaged entry is
 * refetched and replaced, and another token never uses this token's entries.
 */
class ResponseCacheIT {
  private static final String SITE = "CACHEIT";
  private static final String CLOCK = "response-cache-it";
  private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
  private static FathomEmulator emulator;
  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    emulator = FathomEmulator.builder().store(new ColumnarDataStore())
        .token("alpha:secret-alpha:admin").token("beta:secret-beta:admin")
        .clock(EmulatorClock.fixedAt(NOW))
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    StringBuilder jsonl = new StringBuilder("{\"type\":\"site\",\"id\":\"" + SITE
        + "\",\"name\":\"Cache\",\"sharing\":\"none\",\"created_at\":\"2024-01-01 00:00:00\"}\n");
    for (int day = 1; day <= 10; day++) {
      for (int i = 0; i < day; i++) {
        jsonl.append("{\"type\":\"pageview\",\"site_id\":\"" + SITE + "\",\"timestamp\":\"2024-05-"
            + String.format("%02d", day) + "T0" + (i % 10) + ":00:00Z\",\"pathname\":\"/p" + (i % 3)
            + "\",\"new_session\":true,\"unique\":true,\"bounce\":false,\"duration\":10}\n");
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
  void clearLog() {
    emulator.clearRequestLog();
  }

  private Dataset<Row> daily(String token, String to, String partitions) {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", token);
    o.put("site_id", SITE);
    o.put("date_grouping", "day");
    o.put("aggregates", "pageviews");
    o.put("date_from", "2024-05-01");
    o.put("date_to", to);
    o.put("partitions", partitions);
    o.put("cache.path", dir.toUri().toString());
    o.put("clock", CLOCK);
    o.put("rate.aggregations_per_minute", "100000");
    return spark.read().format("fathom").options(o).load();
  }

  private static List<RequestLogEntry> aggregations() {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).toList();
  }

  private static String explain(Dataset<Row> df) {
    return df.queryExecution().executedPlan().toString();
  }

  @Test
  void aRepeatedReadOfAClosedRangeCostsNoRequest() {
    Dataset<Row> first = daily("secret-alpha", "2024-05-08", "3");
    List<String> rows = ReadMatrixIT.normalise(first.collectAsList());
    assertThat(aggregations()).hasSize(3);
    emulator.clearRequestLog();

    Dataset<Row> again = daily("secret-alpha", "2024-05-08", "3");
    assertThat(explain(again)).contains("cache: 3 of 3 planned requests answered by the cache (3 closed and cacheable, 0 open)");
    assertThat(ReadMatrixIT.normalise(again.collectAsList())).isEqualTo(rows).hasSize(8);
    assertThat(aggregations()).isEmpty();
  }

  @Test
  void theOpenWindowIsNeverCachedAndAlwaysAsked() {
    // now is 2024-05-10 12:00 UTC: the window ending at 05-10 23:59:59 is clipped to now, so open
    Dataset<Row> first = daily("secret-alpha", "2024-05-10", "2");
    first.collectAsList();
    assertThat(aggregations()).hasSize(2);
    emulator.clearRequestLog();

    Dataset<Row> again = daily("secret-alpha", "2024-05-10", "2");
    assertThat(explain(again)).contains("cache: 1 of 2 planned requests answered by the cache (1 closed and cacheable, 1 open)");
    List<String> rows = ReadMatrixIT.normalise(again.collectAsList());

    assertThat(rows).hasSize(10).last().isEqualTo("2024-05-10 | 10 | ");
    assertThat(aggregations()).hasSize(1)
        .allSatisfy(r -> assertThat(r.parameters().get("date_to")).isEqualTo("2024-05-10 12:00:00"));
  }

  @Test
  void aBucketEndingWithinTheSettleDelayIsNotCached() {
    // 05-10 00:00..11:59:59 ends at 12:00, now: not yet settled (1 h)
    Dataset<Row> df = daily("secret-alpha", "2024-05-10 11:59:59", "1");
    df.collectAsList();
    Dataset<Row> again = daily("secret-alpha", "2024-05-10 11:59:59", "1");
    assertThat(explain(again)).contains("cache: 0 of 1 planned requests");
    again.collectAsList();
    assertThat(aggregations()).hasSize(2);
  }

  @Test
  void aDamagedEntryIsRefetchedAndReplaced() throws Exception {
    List<String> rows = ReadMatrixIT.normalise(daily("secret-alpha", "2024-05-08", "1").collectAsList());
    Path entry;
    try (Stream<Path> files = Files.walk(dir)) {
      entry = files.filter(p -> p.toString().endsWith(".entry")).findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(entry);
    Files.write(entry, java.util.Arrays.copyOf(b, b.length / 2));
    emulator.clearRequestLog();

    assertThat(ReadMatrixIT.normalise(daily("secret-alpha", "2024-05-08", "1").collectAsList())).isEqualTo(rows);
    assertThat(aggregations()).hasSize(1);
    assertThat(Files.size(entry)).isEqualTo(b.length);

    emulator.clearRequestLog();
    assertThat(ReadMatrixIT.normalise(daily("secret-alpha", "2024-05-08", "1").collectAsList())).isEqualTo(rows);
    assertThat(aggregations()).isEmpty();
  }

  @Test
  void anotherTokenNeverUsesThisTokensEntries() {
    daily("secret-alpha", "2024-05-08", "1").collectAsList();
    emulator.clearRequestLog();

    daily("secret-beta", "2024-05-08", "1").collectAsList();

    assertThat(aggregations()).hasSize(1).allSatisfy(r -> assertThat(r.tokenName()).isEqualTo("beta"));
  }

  private Dataset<Row> pages(String rowLimit) {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", "secret-alpha");
    o.put("site_id", SITE);
    o.put("date_grouping", "day");
    o.put("field_grouping", "pathname");
    o.put("aggregates", "pageviews");
    o.put("date_from", "2024-05-01");
    o.put("date_to", "2024-05-08");
    o.put("partitions", "1");
    o.put("cache.path", dir.toUri().toString());
    o.put("clock", CLOCK);
    o.put("rate.aggregations_per_minute", "100000");
    if (rowLimit != null) {
      o.put("request.row_limit", rowLimit);
    }
    return spark.read().format("fathom").options(o).load();
  }

  @Test
  void anAnswerReadPastAnotherRowCapIsAnotherEntry() {
    List<String> rows = ReadMatrixIT.normalise(pages(null).collectAsList());
    assertThat(rows).hasSize(21); // 05-01 /p0; 05-02 /p0,/p1; then three pathnames a day
    assertThat(aggregations()).hasSize(1);
    emulator.clearRequestLog();

    Dataset<Row> capped = pages("2");
    assertThat(explain(capped)).contains("cache: 0 of 1 planned requests answered by the cache (1 closed and cacheable, 0 open)");
    assertThat(ReadMatrixIT.normalise(capped.collectAsList())).isEqualTo(rows);
    assertThat(aggregations()).hasSizeGreaterThan(1)
        .filteredOn(r -> r.parameters().containsKey("field_grouping"))
        .allSatisfy(r -> assertThat(r.parameters().get("limit")).isEqualTo("2"));
    emulator.clearRequestLog();

    assertThat(ReadMatrixIT.normalise(pages("2").collectAsList())).isEqualTo(rows);
    assertThat(ReadMatrixIT.normalise(pages(null).collectAsList())).isEqualTo(rows);
    assertThat(aggregations()).isEmpty();
  }
}
