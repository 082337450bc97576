package dev.sparkfathom.read;

import dev.sparkfathom.FathomMetrics;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.Success$;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The application of {@link TaskRetriesAndSpeculationIT}, in a JVM of its own: a driver on a
 * standalone cluster whose two workers have different hosts (Spark launches a speculative copy
 * only on a host where the task has no attempt), with task retries ({@code
 * spark.task.maxFailures} 8) and aggressive speculation. After a warm-up read without faults
 * it turns the emulator's faults on ({@code faults}: the control API's query string, at
 * {@code control_url}), reads one report once, turns them off, and writes
 * to {@code out} (a properties file): the rows file, the Fathom metrics of the read, and what
 * Spark's task listener saw of the scan's task attempts (started, speculative, failed, killed,
 * succeeded) once every attempt has ended. Arguments {@code key=value}: {@code master},
 * {@code base_url}, {@code control_url}, {@code faults}, {@code token}, {@code site}, {@code out},
 * {@code executor_classpath} (the
 * connector's classes), {@code executor_java_options}.
 */
public final class SpeculationApp {
  private SpeculationApp() {}

  /** The measured read: 8 hourly windows of one hour each, on 2024-03-05. */
  static Map<String, String> options(Map<String, String> a) {
    return options(a, "2024-03-05");
  }

  /** A read of 8 hourly windows of one hour each on {@code day}. */
  static Map<String, String> options(Map<String, String> a, String day) {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", a.get("base_url"));
    o.put("token", a.get("token"));
    o.put("site_id", a.get("site"));
    o.put("date_grouping", "hour");
    o.put("field_grouping", "device_type");
    o.put("aggregates", "visits,pageviews");
    o.put("timezone", "UTC");
    o.put("date_from", day + " 00:00:00");
    o.put("date_to", day + " 07:59:59");
    o.put("partitions", "8");
    o.put("max_retries", "0");
    o.put("rate.aggregations_per_minute", "100000");
    o.put("rate.max_in_flight", "32");
    return o;
  }

  /** A POST to the emulator's control API. */
  private static void control(String url) throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("emulator control " + url + ": HTTP " + r.statusCode() + " " + r.body());
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    SparkSession spark = SparkSession.builder().master(a.get("master")).appName("speculation-it")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.executor.cores", "2")
        .config("spark.executor.memory", "512m")
        .config("spark.cores.max", "4")
        .config("spark.executor.extraClassPath", a.get("executor_classpath"))
        .config("spark.executor.extraJavaOptions", a.getOrDefault("executor_java_options", ""))
        .config("spark.task.maxFailures", "8")
        .config("spark.locality.wait", "0")
        .config("spark.speculation", "true")
        .config("spark.speculation.interval", "50ms")
        .config("spark.speculation.quantile", "0.25")
        .config("spark.speculation.multiplier", "1.5")
        .config("spark.speculation.minTaskRuntime", "200ms")
        .config("spark.speculation.efficiency.enabled", "false")
        .getOrCreate();
    Properties result = new Properties();
    // A warm-up read without faults: the executors load the connector, and the driver learns the
    // site (its one lookup), so the measured read's task times are the requests' own.
    spark.read().format("fathom").options(options(a, "2024-03-06")).load().collectAsList();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger speculative = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger killed = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    AtomicInteger ended = new AtomicInteger();
    Set<String> hosts = ConcurrentHashMap.newKeySet();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onTaskStart(SparkListenerTaskStart start) {
        started.incrementAndGet();
        hosts.add(start.taskInfo().host());
        if (start.taskInfo().speculative()) {
          speculative.incrementAndGet();
        }
      }

      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() instanceof ExceptionFailure) {
          failed.incrementAndGet();
        } else if (end.reason() instanceof TaskKilled) {
          killed.incrementAndGet();
        } else if (end.reason() == Success$.MODULE$) {
          succeeded.incrementAndGet();
        } else {
          result.setProperty("other_end." + ended.get(), String.valueOf(end.reason()));
        }
        ended.incrementAndGet();
      }
    });
    try {
      long deadline = System.currentTimeMillis() + 120_000;
      while (spark.sparkContext().getExecutorMemoryStatus().size() - 1 < 2) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("two executors did not register");
        }
        Thread.sleep(100);
      }
      control(a.get("control_url") + "/faults?" + a.get("faults"));
      Dataset<Row> df = spark.read().format("fathom").options(options(a)).load();
      long start = System.currentTimeMillis();
      java.util.List<Row> rows = df.collectAsList();
      result.setProperty("collect_ms", Long.toString(System.currentTimeMillis() - start));
      // A losing copy ends (killed) after the job: wait for every attempt's end.
      deadline = System.currentTimeMillis() + 60_000;
      do {
        spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
        Thread.sleep(100);
      } while (ended.get() < started.get() && System.currentTimeMillis() < deadline);
      control(a.get("control_url") + "/faults?error_rate=0&slow_rate=0");
      Path rowsFile = Path.of(a.get("out") + ".rows");
      Files.write(rowsFile, ReadMatrixIT.normalise(rows));
      result.setProperty("rows_file", rowsFile.toString());
      result.setProperty("partitions", Integer.toString(df.rdd().getNumPartitions()));
      FathomMetrics.of(df).forEach((m, v) -> result.setProperty("metric." + m, Long.toString(v)));
    } catch (Throwable t) {
      result.setProperty("error", String.valueOf(t));
      t.printStackTrace();
    }
    result.setProperty("attempts", Integer.toString(started.get()));
    result.setProperty("ended", Integer.toString(ended.get()));
    result.setProperty("speculative", Integer.toString(speculative.get()));
    result.setProperty("failed", Integer.toString(failed.get()));
    result.setProperty("killed", Integer.toString(killed.get()));
    result.setProperty("succeeded", Integer.toString(succeeded.get()));
    result.setProperty("hosts", String.join(",", new java.util.TreeSet<>(hosts)));
    try (OutputStream o = Files.newOutputStream(Path.of(a.get("out")))) {
      result.store(o, "task retries and speculation");
    }
    spark.stop();
  }
}
