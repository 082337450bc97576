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
 *       night, each reading only the days closed since the last run;
 *   <li>{@link #lookback}: the same with {@code stream.lookback}, whose re-read days (marked by
 *       the {@code reread} column) replace their earlier rows in a {@code foreachBatch} upsert,
 *       so late data reaches the table.
 * </ul>
 *
 * Each prints what it cost in aggregation requests and rows fetched; {@link #run} also runs
 * what each job would cost without the cache or the checkpoint, for comparison.
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

  /**
   * What {@link #run} measured.
   *
   * @param nightly the nightly job, its rerun with the cache, and its rerun without it
   * @param incremental the three nightly incremental runs
   * @param fullRereads what re-reading everything since {@code date_from} would have cost on each night
   * @param lookback the two lookback runs
   * @param lateDay the day that got late pageviews
   * @param lateBefore its pageviews in the table after the first lookback run
   * @param lateAfter its pageviews in the table after the second
   * @param lateFresh its pageviews as a batch read now gives them
   * @param rereadRows rows the second lookback run marked as re-reads
   */
  public record Report(List<Cost> nightly, List<Cost> incremental, List<Cost> fullRereads, List<Cost> lookback,
      LocalDate lateDay, long lateBefore, long lateAfter, long lateFresh, long rereadRows) {}

  /** Pageviews that arrive late for {@link Report#lateDay}. */
  public static final int LATE_PAGEVIEWS = 7;

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

  /**
   * Yesterday's (the day before the emulator's now) pathname x country report, into {@code out};
   * with the response cache at {@code cache} (null for none).
   */
  public static Cost nightly(SparkSession spark, FathomEmulator emulator, LocalDate day, Path out, Path cache) {
    emulator.clearRequestLog();
    spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
    Map<String, String> o = options(emulator);
    o.put("field_grouping", "pathname,country_code");
    o.put("aggregates", "pageviews,visits");
    o.put("date_from", day.toString());
    o.put("date_to", day.toString());
    if (cache != null) {
      o.put("cache.path", cache.toUri().toString());
    }
    spark.read().format("fathom").options(o).load()
        .write().mode("overwrite").partitionBy("date").parquet(out.toString());
    Cost cost = Cost.of(emulator.requestLog());
    System.out.println("nightly " + day + (cache == null ? " without the cache" : "") + ": " + cost.requests() + " requests, " + cost.rows() + " rows fetched");
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

  /**
   * What re-reading every day since {@code date_from} up to the last closed one would cost
   * (a batch read without cache or checkpoint): the comparison for {@link #incremental}.
   */
  public static Cost fullReread(SparkSession spark, FathomEmulator emulator, LocalDate lastClosed) {
    emulator.clearRequestLog();
    Map<String, String> o = options(emulator);
    o.put("aggregates", "pageviews,visits");
    o.put("date_from", "2024-04-01");
    o.put("date_to", lastClosed.toString());
    spark.read().format("fathom").options(o).load().count();
    return Cost.of(emulator.requestLog());
  }

  /**
   * One run of the lookback job: every day closed since the last run plus the last two closed
   * days again, upserted into {@code table} (Parquet partitioned by date): each micro-batch
   * replaces the days it holds, so a re-read day's late pageviews replace its earlier rows.
   * Returns the run's cost; {@code rereadRows} gets the rows marked as re-reads.
   */
  public static Cost lookback(SparkSession spark, FathomEmulator emulator, Path table, Path checkpoint,
      java.util.concurrent.atomic.AtomicLong rereadRows) throws Exception {
    emulator.clearRequestLog();
    Map<String, String> o = options(emulator);
    o.put("aggregates", "pageviews,visits");
    o.put("date_from", "2024-05-01");
    o.put("stream.lookback", "2");
    StreamingQuery q = spark.readStream().format("fathom").options(o).load()
        .writeStream()
        .foreachBatch((org.apache.spark.api.java.function.VoidFunction2<org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>, Long>)
            (batch, id) -> {
              // Used twice: persisted, else each action would read (and ask Fathom) again.
              batch.persist();
              try {
                rereadRows.addAndGet(batch.filter("reread").count());
                batch.drop("reread").write().mode("overwrite").option("partitionOverwriteMode", "dynamic")
                    .partitionBy("date").parquet(table.toString());
              } finally {
                batch.unpersist();
              }
            })
        .option("checkpointLocation", checkpoint.toString())
        .trigger(Trigger.AvailableNow()).start();
    q.awaitTermination();
    Cost cost = Cost.of(emulator.requestLog());
    System.out.println("lookback run at " + emulator.clock().instant() + ": " + cost.requests() + " requests, "
        + cost.rows() + " rows fetched, " + rereadRows.get() + " rows re-read so far");
    return cost;
  }

  /** The pageviews of {@code day} in the Parquet table at {@code table}. */
  static long pageviews(SparkSession spark, Path table, LocalDate day) {
    return spark.read().parquet(table.toString()).filter("date = DATE'" + day + "'")
        .agg(org.apache.spark.sql.functions.sum("pageviews")).first().getLong(0);
  }

  /** {@code n} pageviews of the first site at noon UTC of {@code day}, one a second. */
  static void addLatePageviews(FathomEmulator emulator, LocalDate day, int n) throws java.io.IOException {
    String site = emulator.store().sites().get(0).id();
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < n; i++) {
      jsonl.append("{\"type\":\"pageview\",\"site_id\":\"").append(site).append("\",\"timestamp\":\"")
          .append(day).append("T12:00:").append(String.format("%02d", i)).append("Z\",\"pathname\":\"/late\",")
          .append("\"new_session\":true,\"unique\":true,\"bounce\":false,\"duration\":10}\n");
    }
    emulator.loadJsonl(jsonl.toString(), false);
  }

  /**
   * The three jobs over a week of nights, in {@code work}, against an emulator started here and
   * closed at the end; prints and returns what each cost, and what it would have cost without
   * the cache or the checkpoint.
   */
  public static Report run(SparkSession spark, Path work) throws Exception {
    try (FathomEmulator emulator = emulator(Instant.parse("2024-05-10T06:00:00Z"))) {
      LocalDate yesterday = LocalDate.of(2024, 5, 9);
      Cost first = nightly(spark, emulator, yesterday, work.resolve("daily"), work.resolve("cache"));
      Cost rerun = nightly(spark, emulator, yesterday, work.resolve("daily"), work.resolve("cache"));
      Cost uncached = nightly(spark, emulator, yesterday, work.resolve("daily"), null);

      List<Cost> incremental = new java.util.ArrayList<>();
      List<Cost> full = new java.util.ArrayList<>();
      for (int night = 0; night < 3; night++) {
        incremental.add(incremental(spark, emulator, work.resolve("days"), work.resolve("checkpoint")));
        full.add(fullReread(spark, emulator, yesterday.plusDays(night)));
        System.out.println("  re-reading everything instead: " + full.get(night).requests() + " requests, "
            + full.get(night).rows() + " rows fetched");
        emulator.clock().advance(java.time.Duration.ofDays(1));
      }

      // Now 2024-05-13 06:00: the lookback job's first run; then late pageviews for 05-12, a night passes.
      java.util.concurrent.atomic.AtomicLong reread = new java.util.concurrent.atomic.AtomicLong();
      LocalDate lateDay = LocalDate.of(2024, 5, 12);
      Cost lookbackFirst = lookback(spark, emulator, work.resolve("upserted"), work.resolve("lookback-checkpoint"), reread);
      long before = pageviews(spark, work.resolve("upserted"), lateDay);
      addLatePageviews(emulator, lateDay, LATE_PAGEVIEWS);
      emulator.clock().advance(java.time.Duration.ofDays(1));
      reread.set(0);
      Cost lookbackSecond = lookback(spark, emulator, work.resolve("upserted"), work.resolve("lookback-checkpoint"), reread);
      long after = pageviews(spark, work.resolve("upserted"), lateDay);
      Map<String, String> o = options(emulator);
      o.put("aggregates", "pageviews");
      o.put("date_from", lateDay.toString());
      o.put("date_to", lateDay.toString());
      long fresh = spark.read().format("fathom").options(o).load()
          .agg(org.apache.spark.sql.functions.sum("pageviews")).first().getLong(0);
      System.out.println("late pageviews of " + lateDay + ": " + before + " before, " + after + " after the lookback run ("
          + fresh + " in Fathom now)");
      return new Report(List.of(first, rerun, uncached), List.copyOf(incremental), List.copyOf(full),
          List.of(lookbackFirst, lookbackSecond), lateDay, before, after, fresh, reread.get());
    }
  }

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("fathom-scheduled-jobs");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-fathom scheduled jobs")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      run(spark, work);
    } finally {
      ScheduleSpec.unregisterClock(CLOCK);
      spark.stop();
    }
  }
}
