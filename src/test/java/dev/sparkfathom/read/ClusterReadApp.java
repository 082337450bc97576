package dev.sparkfathom.read;

import dev.sparkfathom.FathomMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark application of {@link ClusterBudgetIT}, run in a JVM of its own (a driver; with
 * {@code local-cluster} also its executors). Arguments {@code key=value}: {@code master},
 * {@code base_url}, {@code token}, {@code site}, {@code rate}, {@code executors} (to wait for
 * before the first job, so they are fresh), {@code out} (a properties file of results), an
 * optional {@code coordinator} (standalone {@code host:port}), and {@code phases}: a
 * comma-separated list of {@code name:reads:from:hours}, each phase running {@code reads} reads at
 * once over consecutive ranges of {@code hours} hourly partitions from {@code from} (an hour
 * {@code yyyy-MM-ddTHH}); a phase named {@code competitor} also runs a competing client on the
 * token while it reads. Each read's rows go to {@code out.<phase>.<i>.rows}, normalised.
 */
public final class ClusterReadApp {
  private ClusterReadApp() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    Properties result = new Properties();
    SparkSession spark = SparkSession.builder().master(a.get("master")).appName("cluster-budget-it")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.executor.extraClassPath", a.getOrDefault("executor_classpath", ""))
        .config("spark.executor.extraJavaOptions", a.getOrDefault("executor_java_options", ""))
        .getOrCreate();
    AtomicInteger failedTasks = new AtomicInteger();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!end.taskInfo().successful()) {
          failedTasks.incrementAndGet();
        }
      }
    });
    int executors = Integer.parseInt(a.getOrDefault("executors", "0"));
    long deadline = System.currentTimeMillis() + 120_000;
    while (spark.sparkContext().getExecutorMemoryStatus().size() - 1 < executors) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("executors did not register: " + executors);
      }
      Thread.sleep(200);
    }
    String out = a.get("out");
    try {
      for (String phase : a.get("phases").split(",")) {
        String[] p = phase.split(":");
        runPhase(spark, a, p[0], Integer.parseInt(p[1]), p[2], Integer.parseInt(p[3]), result, out);
      }
    } catch (Throwable t) {
      result.setProperty("error", String.valueOf(t));
      t.printStackTrace();
    }
    result.setProperty("failed_tasks", Integer.toString(failedTasks.get()));
    try (OutputStream o = Files.newOutputStream(Path.of(out))) {
      result.store(o, "cluster budget IT");
    }
    spark.stop();
  }

  /** The row limit of the phases named {@code capped...}: small, so every hour needs follow-ups. */
  static final String CAPPED_ROW_LIMIT = "3";

  static boolean capped(String phase) {
    return phase != null && phase.startsWith("capped");
  }

  private static String name(Map<String, String> a) {
    return a.get("phase");
  }

  /** The options of one read of {@code hours} hourly windows from {@code from}. */
  static Map<String, String> options(Map<String, String> a, String from, int hours) {
    java.time.LocalDateTime start = java.time.LocalDateTime.parse(from + ":00:00");
    Map<String, String> o = new HashMap<>();
    o.put("base_url", a.get("base_url"));
    o.put("token", a.get("token"));
    o.put("site_id", a.get("site"));
    o.put("date_grouping", "hour");
    o.put("aggregates", "visits");
    o.put("date_from", start.toString().replace('T', ' ') + ":00");
    o.put("date_to", start.plusHours(hours).minusSeconds(1).toString().replace('T', ' '));
    o.put("partitions", Integer.toString(hours));
    o.put("max_requests", "10000");
    o.put("rate.aggregations_per_minute", a.get("rate"));
    if (capped(name(a))) {
      // past the row cap: every hour has more pathnames than a request may return, so each
      // partition sends follow-up requests its executor discovers
      o.put("field_grouping", "pathname");
      o.put("request.row_limit", CAPPED_ROW_LIMIT);
    }
    if (a.containsKey("coordinator")) {
      o.put("budget.coordinator", a.get("coordinator"));
    }
    return o;
  }

  private static void runPhase(SparkSession spark, Map<String, String> a, String name, int reads,
      String from, int hours, Properties result, String out) throws Exception {
    AtomicBoolean competing = new AtomicBoolean(name.equals("competitor"));
    CompletableFuture<Integer> competitor = competing.get()
        ? CompletableFuture.supplyAsync(() -> compete(a, competing)) : CompletableFuture.completedFuture(0);
    List<CompletableFuture<Void>> running = new ArrayList<>();
    java.time.LocalDateTime start = java.time.LocalDateTime.parse(from + ":00:00");
    for (int i = 0; i < reads; i++) {
      String key = name + "." + i;
      String readFrom = start.plusHours((long) i * hours).toString().substring(0, 13);
      running.add(CompletableFuture.runAsync(() -> {
        try {
          Map<String, String> withPhase = new HashMap<>(a);
          withPhase.put("phase", name);
          read(spark, options(withPhase, readFrom, hours), key, result, out);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }));
    }
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    } finally {
      competing.set(false);
      result.setProperty(name + ".competitor_requests", Integer.toString(competitor.join()));
    }
  }

  private static void read(SparkSession spark, Map<String, String> options, String key,
      Properties result, String out) throws IOException {
    Dataset<Row> df = spark.read().format("fathom").options(options).load();
    long start = System.currentTimeMillis();
    List<Row> rows = df.collectAsList();
    long end = System.currentTimeMillis();
    Path rowsFile = Path.of(out + "." + key + ".rows");
    Files.write(rowsFile, ReadMatrixIT.normalise(rows));
    synchronized (result) {
      result.setProperty(key + ".rows_file", rowsFile.toString());
      result.setProperty(key + ".start_ms", Long.toString(start));
      result.setProperty(key + ".end_ms", Long.toString(end));
      result.setProperty(key + ".rows", Integer.toString(rows.size()));
      result.setProperty(key + ".date_from", options.get("date_from"));
      result.setProperty(key + ".partitions", Integer.toString(df.rdd().getNumPartitions()));
      FathomMetrics.of(df).forEach((m, v) -> result.setProperty(key + ".metric." + m, Long.toString(v)));
    }
  }

  /**
   * Another client of the token, outside the connector: 30 requests at once, then one every
   * 2 s until told to stop. Its requests ask for {@code pageviews}, so the log tells them apart.
   */
  private static int compete(Map<String, String> a, AtomicBoolean running) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest req = HttpRequest.newBuilder(URI.create(a.get("base_url")
            + "/aggregations?entity=pageview&entity_id=" + a.get("site") + "&aggregates=pageviews"))
        .header("Authorization", "Bearer " + a.get("token")).build();
    int sent = 0;
    try {
      while (running.get()) {
        http.send(req, HttpResponse.BodyHandlers.discarding());
        sent++;
        if (sent >= 30) {
          Thread.sleep(2000);
        }
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return sent;
  }
}
