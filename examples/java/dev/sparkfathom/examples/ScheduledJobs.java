package dev.sparkfathom.examples;

import dev.sparkfathom.config.ScheduleSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import dev.sparkfathom.emulator.server.EmulatorClock;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Two scheduled jobs against the emulator, whose settable clock stands in for the nights
 * passing (registered as the connector's clock through the {@code clock} test hook):
 *
 * <ul>
 *   <li>{@link #nightly}: yesterday's pathname x country report into Parquet partitioned by
 *       date, with dynamic partition overwrite (a rerun replaces the day) and the response
 *       cache (a rerun of a closed day sends no request);
 *   <li>{@link #incremental}: an {@code AvailableNow} stream with a checkpoint, one run per
 *       night, each reading only the days closed since the last run.
 * </ul>
 *
 * Each prints what it cost in aggregation requests and rows fetched.
 */
public final class ScheduledJobs {
  public static final String CLOCK = "scheduled-jobs-example";

  /** What one run cost, from the emulator's request log. */
  public record Cost(int requests, long rows) {
    static Cost of(List<RequestLogEntry> log) {
      List<RequestLogEntry> aggs = log.stream().filter(r -> r.path().equals("/v1/aggregations")).toList();
      return new Cost(aggs.size(), aggs.stream().mapToLong(r -> r.rows() == null ? 0 : r.rows()).sum());
    }
  }

  private ScheduledJobs() {}

  /** An emulator on 45 days of demo traffic from 2024-04-01, its clock fixed at {@code now}. */
  public static FathomEmulator emulator(Instant now) throws Exception {
    ColumnarDataStore store = new ColumnarDataStore();
    DemoData.generate(store, DemoDataSettings.defaults().withStartDate(LocalDate.of(2024, 4, 1)).withDays(45).withSites(1).withPathnames(5));
    FathomEmulator emulator = FathomEmulator.builder().store(store).clock(EmulatorClock.fixedAt(now))
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    ScheduleSpec.registerClock(CLOCK, emulator.clock());
    return emulator;
  }

  private static Map<String, String> options(FathomEmulator emulator) {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", emulator.adminToken());
    o.put("site_id", emulator.store().sites().get(0).id());
    o.put("date_grouping", "day");
    o.put("clock", CLOCK);
    o.put("rate.aggregations_per_minute", "100000");
    return o;
  }

  /** Yesterday's (the day before the emulator's now) pathname x country report, into {@code out}. */
  public static Cost nightly(SparkSession spark, FathomEmulator emulator, LocalDate day, Path out, Path cache) {
    emulator.clearRequestLog();
    spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
    Map<String, String> o = options(emulator);
    o.put("field_grouping", "pathname,country_code");
    o.put("aggregates", "pageviews,visits");
    o.put("date_from", day.toString());
    o.put("date_to", day.toString());
    o.put("cache.path", cache.toUri().toString());
    spark.read().format("fathom").options(o).load()
        .write().mode("overwrite").partitionBy("date").parquet(out.toString());
    Cost cost = Cost.of(emulator.requestLog());
    System.out.println("nightly " + day + ": " + cost.requests() + " requests, " + cost.rows() + " rows fetched");
    return cost;
  }

  /** One scheduled run of the incremental job: every day closed since the last run, then stop. */
  public static Cost incremental(SparkSession spark, FathomEmulator emulator, Path out, Path checkpoint) throws Exception {
    emulator.clearRequestLog();
    Map<String, String> o = options(emulator);
    o.put("aggregates", "pageviews,visits");
    o.put("date_from", "2024-04-01");
    StreamingQuery q = spark.readStream().format("fathom").options(o).load()
        .writeStream().format("parquet").option("path", out.toString())
        .option("checkpointLocation", checkpoint.toString())
        .trigger(Trigger.AvailableNow()).start();
    q.awaitTermination();
    Cost cost = Cost.of(emulator.requestLog());
    System.out.println("incremental run at " + emulator.clock().instant() + ": " + cost.requests() + " requests, "
        + cost.rows() + " rows fetched");
    return cost;
  }

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("fathom-scheduled-jobs");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-fathom scheduled jobs")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try (FathomEmulator emulator = emulator(Instant.parse("2024-05-10T06:00:00Z"))) {
      nightly(spark, emulator, LocalDate.of(2024, 5, 9), work.resolve("daily"), work.resolve("cache"));
      nightly(spark, emulator, LocalDate.of(2024, 5, 9), work.resolve("daily"), work.resolve("cache"));
      for (int night = 0; night < 3; night++) {
        incremental(spark, emulator, work.resolve("days"), work.resolve("checkpoint"));
        emulator.clock().advance(java.time.Duration.ofDays(1));
      }
    } finally {
      ScheduleSpec.unregisterClock(CLOCK);
      spark.stop();
    }
  }
}
