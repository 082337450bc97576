package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.server.EmulatorClock;
import dev.sparkfathom.emulator.server.FaultSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads against a damaged API: 5xx answers, bodies cut short, connections dropped mid-body,
 * HTML instead of JSON, and 429s. A read that recovers returns exactly the fault-free relation
 * (every row once), and its scan metrics count the retries and 429s the emulator logged; a read
 * that does not recover names the HTTP status, Fathom's own message and the window, never the
 * token. The emulator's clock stands still, so rate-limit windows move only when a test says.
 */
class ReadReliabilityIT {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static TestAccount account;
  private static FathomEmulator emulator;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    account = TestAccount.shared();
    emulator = FathomEmulator.builder().api(ApiVersion.LEGACY).store(account.store).clock(EmulatorClock.fixedAt(T0))
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    spark = SparkTestSession.get();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void reset() {
    emulator.faults(FaultSettings.NONE);
    emulator.rateLimits(new RateLimits(1_000_000, 1_000_000));
    emulator.resetRateLimits();
    emulator.clock().setFixed(T0);
    emulator.clearRequestLog();
  }

  @AfterEach
  void heal() {
    emulator.faults(FaultSettings.NONE);
  }

  private static Map<String, String> options(int partitions) {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("api", "legacy"); // this suite reads the docs page's API; today's is TodayReadMatrixIT
    o.put("token", emulator.adminToken());
    o.put("site_id", account.site);
    o.put("date_grouping", "day");
    o.put("field_grouping", "pathname");
    o.put("date_from", "2024-03-01");
    o.put("date_to", "2024-03-10");
    o.put("partitions", Integer.toString(partitions));
    o.put("rate.aggregations_per_minute", "100");
    return o;
  }

  private static List<String> faultFree(Map<String, String> options) {
    return ReadMatrixIT.normalise(
        ExpectedRelation.of(spark, ReadSpec.parse(options, Map.of()), account).collectAsList());
  }

  private static List<RequestLogEntry> aggregations() {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).toList();
  }

  static Stream<Arguments> faults() {
    // Seed 26 meets each fault early and never more than twice in a row (at 0.4).
    FaultSettings none = FaultSettings.NONE.withSeed(26);
    return Stream.of(
        Arguments.of("500 and 503", none.withErrorRate(0.4)),
        Arguments.of("bodies cut short", none.withTruncateRate(0.4)),
        Arguments.of("connections dropped mid-body", none.withDisconnectRate(0.4)),
        Arguments.of("HTML instead of JSON", none.withGarbageRate(0.4)),
        Arguments.of("all of them", none.withErrorRate(0.1).withTruncateRate(0.1)
            .withDisconnectRate(0.1).withGarbageRate(0.1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void retriedFaultsReturnEveryRowOnceAndShowInTheMetrics(String name, FaultSettings faults) {
    Map<String, String> o = options(4);
    emulator.faults(faults);

    Dataset<Row> df = spark.read().format("fathom").options(o).load();
    List<String> rows = ReadMatrixIT.normalise(df.collectAsList());

    List<RequestLogEntry> log = aggregations();
    long faulted = log.stream().filter(r -> r.fault() != null).count();
    assertThat(faulted).as("faults met in %s", log).isPositive();
    assertThat(log).filteredOn(r -> r.fault() == null).as("clean answers").hasSize(4);
    assertThat(rows).isEqualTo(faultFree(o));
    assertThat(ScanInspector.metric(df, ScanMetrics.REQUESTS)).isEqualTo(log.size());
    assertThat(ScanInspector.metric(df, ScanMetrics.RETRIES)).isEqualTo(faulted);
    assertThat(ScanInspector.metric(df, ScanMetrics.RATE_LIMITED)).isZero();
    assertThat(ScanInspector.metric(df, ScanMetrics.ROWS_RETURNED)).isEqualTo(rows.size());
  }

  /**
   * Spends the emulator's whole budget (2 a minute) at {@code T0}, then stands the clock one
   * second before that minute ends: the next request is refused with {@code Retry-After: 1}.
   */
  private static void spendTheBudgetUntilOneSecondIsLeft() throws Exception {
    emulator.rateLimits(new RateLimits(2, 1_000_000));
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest spend = HttpRequest.newBuilder(URI.create(emulator.baseUrl()
            + "/aggregations?entity=pageview&entity_id=" + account.site + "&aggregates=visits"))
        .header("Authorization", "Bearer " + emulator.adminToken()).build();
    for (int i = 0; i < 2; i++) {
      assertThat(http.send(spend, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }
    emulator.clock().setFixed(T0.plusSeconds(59));
    emulator.clearRequestLog();
  }

  @Test
  void rateLimitedReadWaitsRetryAfterAndReturnsEveryRowOnce() throws Exception {
    Map<String, String> o = options(2);
    // Bounds the test on a machine too busy for the time keeper: the read then fails within
    // 3 minutes saying so, instead of waiting the default 10.
    o.put("rate.max_wait", "180");
    spendTheBudgetUntilOneSecondIsLeft();
    // The minute runs out once the connector has met a 429: then the budget is free again. The
    // keeper watches for as long as the read may wait: on a busy machine the job's first task
    // can start well after 20 s.
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    Thread timeKeeper = new Thread(() -> {
      try {
        while (aggregations().stream().noneMatch(r -> r.status() == 429)) {
          if (System.nanoTime() > deadline) {
            return;
          }
          Thread.sleep(5); // polls the log; the emulator's clock is what moves
        }
        emulator.clock().setFixed(T0.plusSeconds(61));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    timeKeeper.setDaemon(true);
    timeKeeper.start();

    Dataset<Row> df = spark.read().format("fathom").options(o).load();
    List<String> rows = ReadMatrixIT.normalise(df.collectAsList());

    timeKeeper.interrupt();
    timeKeeper.join(1000);
    List<RequestLogEntry> log = aggregations();
    long refused = log.stream().filter(r -> r.status() == 429).count();
    assertThat(refused).as("429s in %s", log).isPositive();
    assertThat(log).filteredOn(r -> r.status() == 200).hasSize(2);
    assertThat(rows).isEqualTo(faultFree(o));
    assertThat(ScanInspector.metric(df, ScanMetrics.RATE_LIMITED)).isEqualTo(refused);
    assertThat(ScanInspector.metric(df, ScanMetrics.RETRIES)).isEqualTo(refused);
    // Each refused request waited its Retry-After of 1 s, not a minute.
    assertThat(ScanInspector.metric(df, ScanMetrics.BUDGET_WAIT_MS)).isBetween(1000L, 1000L * refused + 2000);
  }

  @Test
  void rateLimitedBeyondMaxWaitFailsNamingStatusMessageAndWindow() throws Exception {
    Map<String, String> o = options(1);
    o.put("max_retries", "0"); // 429s are not retries: they wait, up to rate.max_wait
    o.put("rate.max_wait", "2");
    spendTheBudgetUntilOneSecondIsLeft();
    Dataset<Row> df = spark.read().format("fathom").options(o).load();

    Throwable failure = catchFailure(df);

    // Retry-After 1 s each time (the emulator's clock stands still): two pauses fit in 2 s.
    assertThat(aggregations()).hasSize(3).allMatch(r -> r.status() == 429);
    assertThat(readException(failure).getMessage())
        .startsWith("Fathom request for window 1 (2024-03-01 00:00:00 to 2024-03-10 23:59:59) failed: "
            + "HTTP 429 from GET /v1/aggregations?")
        .endsWith(" after 3 attempts: Too Many Attempts. (Fathom asked to wait 1 s);"
            + " waiting would pass 'rate.max_wait' (2 s)");
    assertThat(readException(failure).status()).isEqualTo(429);
    assertThat(everything(failure)).doesNotContain(emulator.adminToken());
  }

  @Test
  void serverErrorsBeyondMaxRetriesFailNamingStatusMessageAndWindow() {
    Map<String, String> o = options(1);
    o.put("max_retries", "1");
    emulator.faults(FaultSettings.NONE.withSeed(3).withErrorRate(1));
    Dataset<Row> df = spark.read().format("fathom").options(o).load();

    Throwable failure = catchFailure(df);

    List<RequestLogEntry> log = aggregations();
    assertThat(log).hasSize(2).allMatch(r -> r.status() >= 500);
    int last = log.get(1).status();
    assertThat(readException(failure).getMessage())
        .startsWith("Fathom request for window 1 (2024-03-01 00:00:00 to 2024-03-10 23:59:59) failed: "
            + "HTTP " + last + " from GET /v1/aggregations?")
        .endsWith(" after 2 attempts: " + (last == 500 ? "Server Error" : "Service Unavailable"));
    assertThat(everything(failure)).doesNotContain(emulator.adminToken());
  }

  private static Throwable catchFailure(Dataset<Row> df) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(() -> {
      try {
        df.collectAsList();
      } catch (Throwable t) {
        caught[0] = t;
        throw t;
      }
    });
    return caught[0];
  }

  /** The connector's exception, however Spark wrapped it on its way from the task. */
  private static FathomReadException readException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof FathomReadException r) {
        return r;
      }
    }
    throw new AssertionError("no FathomReadException in the cause chain of " + failure, failure);
  }

  /** Every message and stack trace of the failure, as a user or a log would see them. */
  private static String everything(Throwable failure) {
    StringWriter s = new StringWriter();
    failure.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
