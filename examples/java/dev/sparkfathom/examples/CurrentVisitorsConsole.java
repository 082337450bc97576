package dev.sparkfathom.examples;

import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.server.RateLimits;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * A current-visitors stream to the console: one row per trigger with the site's visitors of the
 * last 5 minutes, for a few triggers. The trigger (1 s) is faster than the budget (30 requests a
 * minute: one per 2 s), so a trigger that comes before the next slot is held and the console
 * shows a batch at most every 2 s; the last line says what it cost.
 *
 * <p>Without {@code FATHOM_API_TOKEN} and {@code FATHOM_SITE_ID} it starts a local emulator whose
 * site gets one new visitor a second (records timestamped over the next minutes, so the count
 * grows as the time passes); with them it streams that site of the real API (at 10 a minute, its
 * real limit, unless {@code FATHOM_RATE} says otherwise).
 */
public final class CurrentVisitorsConsole {
  public static final String SITE = "LIVEDEMO";
  public static final int PER_MINUTE = 30;

  private CurrentVisitorsConsole() {}

  /** An emulator whose site {@link #SITE} gets a visitor every second from 10 s before now on. */
  public static FathomEmulator emulator() throws Exception {
    FathomEmulator emulator = FathomEmulator.builder().store(new ColumnarDataStore())
        .rateLimits(new RateLimits(PER_MINUTE, 2000)).start();
    StringBuilder jsonl = new StringBuilder("{\"type\":\"site\",\"id\":\"" + SITE + "\",\"name\":\"Live demo\","
        + "\"sharing\":\"none\",\"created_at\":\"2024-01-01 00:00:00\"}\n");
    Instant start = emulator.clock().instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
    for (int s = 0; s < 600; s++) {
      jsonl.append("{\"type\":\"pageview\",\"site_id\":\"").append(SITE).append("\",\"timestamp\":\"")
          .append(start.plusSeconds(s)).append("\",\"hostname\":\"https://live.example\",\"pathname\":\"/p")
          .append(s % 4).append("\",\"new_session\":true,\"unique\":true,\"bounce\":false,\"duration\":5}\n");
    }
    emulator.loadJsonl(jsonl.toString(), true);
    return emulator;
  }

  /** The stream's options for the emulator. */
  public static Map<String, String> options(FathomEmulator emulator) {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", emulator.adminToken());
    o.put("site_id", SITE);
    o.put("rate.aggregations_per_minute", Integer.toString(PER_MINUTE));
    return o;
  }

  /**
   * Streams {@code options}' current visitors to the console until {@code batches} batches have
   * been printed, then stops; returns the query (its progress says what it cost).
   */
  public static StreamingQuery run(SparkSession spark, Map<String, String> options, int batches) throws Exception {
    StreamingQuery q = spark.readStream().format("fathom").option("resource", "current_visitors").options(options)
        .load()
        .writeStream().format("console").option("truncate", "false")
        .option("checkpointLocation", Files.createTempDirectory("fathom-current-visitors").toString())
        .trigger(Trigger.ProcessingTime("1 second"))
        .start();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (batchesDone(q) < batches && q.exception().isEmpty() && System.nanoTime() < deadline) {
      q.awaitTermination(100);
    }
    q.stop();
    if (q.exception().isDefined()) {
      throw q.exception().get();
    }
    StreamingQueryProgress last = q.lastProgress();
    Map<String, String> m = last == null ? Map.of() : last.sources()[0].metrics();
    System.out.println("current visitors: " + batchesDone(q) + " batches, " + m.get("fetches") + " requests for them, "
        + m.get("heldTriggers") + " triggers held by the budget (one request per " + m.get("spacingMillis") + " ms)");
    return q;
  }

  private static long batchesDone(StreamingQuery q) {
    return java.util.Arrays.stream(q.recentProgress()).filter(p -> p.numInputRows() > 0).count();
  }

  public static void main(String[] args) throws Exception {
    int batches = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    String token = System.getenv("FATHOM_API_TOKEN");
    String site = System.getenv("FATHOM_SITE_ID");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-fathom current visitors")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      if (token == null || site == null) {
        try (FathomEmulator emulator = emulator()) {
          run(spark, options(emulator), batches);
        }
      } else {
        Map<String, String> o = new HashMap<>();
        o.put("site_id", site); // the token comes from FATHOM_API_TOKEN
        o.put("rate.aggregations_per_minute", System.getenv().getOrDefault("FATHOM_RATE", "10"));
        run(spark, o, batches);
      }
    } finally {
      spark.stop();
    }
  }
}
