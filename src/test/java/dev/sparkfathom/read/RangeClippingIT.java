package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import dev.sparkfathom.read.pushdown.FilterTranslation;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ExplainMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Planning clips the range to the site's creation and to now (issue 7, point 5): a
 * {@code date_from} of 2000 on a site created 20 days ago plans one request, not 54.
 */
class RangeClippingIT {
  private static final DateTimeFormatter API = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String SITE = "CLIPNEW";
  private static final LocalDateTime CREATED =
      LocalDateTime.now(ZoneOffset.UTC).minusDays(20).truncatedTo(ChronoUnit.SECONDS);
  private static FathomEmulator emulator;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    emulator = FathomEmulator.builder().store(new ColumnarDataStore())
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    StringBuilder jsonl = new StringBuilder();
    for (String site : List.of(SITE, "CLIPONE")) {
      jsonl.append("{\"type\":\"site\",\"id\":\"").append(site).append("\",\"name\":\"New\",\"sharing\":\"none\",")
          .append("\"created_at\":\"").append(API.format(CREATED)).append("\"}\n");
      for (int days : new int[] {1, 5, 10}) {
        jsonl.append("{\"type\":\"pageview\",\"site_id\":\"").append(site).append("\",\"timestamp\":\"")
            .append(CREATED.plusDays(days).toInstant(ZoneOffset.UTC))
            .append("\",\"pathname\":\"/\",\"new_session\":true,\"unique\":true,\"bounce\":false,\"duration\":10}\n");
      }
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

  private static Map<String, String> options(String site, String... kv) {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", emulator.adminToken());
    o.put("site_id", site);
    // The read's timezone given: without it today's read looks the site up for its timezone,
    // and this suite counts the lookups clipping makes.
    o.put("timezone", "UTC");
    o.put("aggregates", "pageviews");
    o.put("rate.aggregations_per_minute", "100000");
    for (int i = 0; i < kv.length; i += 2) {
      o.put(kv[i], kv[i + 1]);
    }
    return o;
  }

  private static List<RequestLogEntry> requests(String path) {
    return emulator.requestLog().stream().filter(r -> r.path().equals(path)).toList();
  }

  @Test
  void dateFromLongBeforeTheSitesCreationPlansOnlyTheNeededRequests() {
    Map<String, String> o = options(SITE, "date_grouping", "day", "date_from", "2000-01-01");
    ReadSpec spec = ReadSpec.parse(o, Map.of());
    int unclipped = ReadPlanner.requestCount(spec, FilterTranslation.NONE, null,
        LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    assertThat(unclipped).as("requests without clipping").isGreaterThan(50);

    Dataset<Row> df = spark.read().format("fathom").options(o).load();
    String explain = df.queryExecution().explainString(ExplainMode.fromString("simple"));
    List<String> rows = ReadMatrixIT.normalise(df.collectAsList());

    assertThat(explain).contains("range=" + API.format(CREATED.toLocalDate().atStartOfDay()) + " to ")
        .contains("(clipped date_from 2000-01-01 00:00:00 to the site's creation)")
        .contains("planned requests=1,");
    assertThat(rows).containsExactly(CREATED.toLocalDate().plusDays(1) + " | 1 | ",
        CREATED.toLocalDate().plusDays(5) + " | 1 | ", CREATED.toLocalDate().plusDays(10) + " | 1 | ");
    assertThat(requests("/v1/aggregations")).singleElement().satisfies(r -> assertThat(r.parameters())
        .containsEntry("date_from", API.format(CREATED.toLocalDate().atStartOfDay())));
    assertThat(requests("/v1/sites/" + SITE)).as("the one site lookup").hasSizeLessThanOrEqualTo(1);
    System.out.println("date_from=2000-01-01 on a site created 20 days ago: " + unclipped
        + " requests unclipped, 1 clipped");
  }

  @Test
  void aSingleRequestReadWithDateFromMakesNoSiteLookup() {
    Map<String, String> o = options("CLIPONE", "date_from", "2000-01-01", "field_grouping", "pathname");

    List<Row> rows = spark.read().format("fathom").options(o).load().collectAsList();

    assertThat(rows).singleElement().satisfies(r -> assertThat(r.getLong(1)).isEqualTo(3));
    assertThat(requests("/v1/sites/CLIPONE")).isEmpty();
    assertThat(requests("/v1/aggregations")).singleElement().satisfies(r -> assertThat(r.parameters())
        .containsEntry("date_from", "2000-01-01 00:00:00"));
  }

  @Test
  void aDateToInTheFutureIsClippedToNow() {
    String from = CREATED.toLocalDate().toString();
    Map<String, String> o = options(SITE, "date_grouping", "day", "date_from", from,
        "date_to", LocalDateTime.now(ZoneOffset.UTC).plusYears(3).toLocalDate().toString());

    Dataset<Row> df = spark.read().format("fathom").options(o).load();
    String explain = df.queryExecution().explainString(ExplainMode.fromString("simple"));
    List<Row> rows = df.collectAsList();

    assertThat(rows).hasSize(3);
    assertThat(explain).contains("to now)").contains("planned requests=1,");
    assertThat(requests("/v1/aggregations")).hasSize(1);
  }
}
