package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.server.FaultSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark's task retries and speculative execution on, against an emulator that fails some
 * requests (500/503) and answers others slowly: a standalone cluster started by the test (a
 * master and two workers, one on 127.0.0.1 and one on 127.0.0.2, since Spark launches a
 * speculative copy only on a host where the task has no attempt, and never speculates in
 * local mode), and {@link SpeculationApp} as its driver ({@code spark.task.maxFailures} 8,
 * speculation after 1.5 x the median once a quarter of the tasks are done). The read has
 * {@code max_retries} 0, so every HTTP request is one task attempt's; the fault seed is fixed.
 * The application first reads another day without faults (the executors warm up, the driver
 * looks the site up), then turns the faults on through the emulator's control API.
 *
 * <p>Checked: the rows are exactly the relation computed from the raw records; Spark did run
 * failed and speculative attempts; the requests in the emulator's log are no more than the task
 * attempts (each attempt sends at most one), at least one per partition, and each attempt
 * beyond a partition's first is explained by a failure or a speculation; the failed attempts
 * are the error answers, but for those a killed loser met; and {@code FathomMetrics} gives the
 * log's count of requests (the budget coordinator counts those of failed and killed attempts,
 * which Spark's own metrics drop).
 */
class TaskRetriesAndSpeculationIT {
  static final Path WORK = Path.of("target", "speculation-it").toAbsolutePath();
  private static final Duration SLOW = Duration.ofMillis(2500);
  private static TestAccount account;
  private static FathomEmulator emulator;
  private static List<String> classpath;
  private static final List<Process> cluster = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    account = TestAccount.shared();
    emulator = FathomEmulator.builder().store(account.store).rateLimits(new RateLimits(1_000_000, 1_000_000))
        .concurrencyLimit(64).threads(16).start();
    Files.createDirectories(WORK);
    classpath = ChildJvm.testClasspath();
    ChildJvm.sparkHome(WORK, classpath);
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : cluster) {
      p.destroy();
    }
    for (Process p : cluster) {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    emulator.close();
  }

  @Test
  void failedAndSpeculativeAttemptsLeaveTheRowsExactAndEveryRequestExplained() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String master = "spark://127.0.0.1:" + port;
    // All three at once: a worker retries until the master is up.
    launch("master", "127.0.0.1", "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0");
    Map<String, Process> workers = new java.util.LinkedHashMap<>();
    for (String host : List.of("127.0.0.1", "127.0.0.2")) {
      String name = "worker-" + host;
      workers.put(name, launch(name, host, "org.apache.spark.deploy.worker.Worker", master, "--host", host,
          "--cores", "2", "--memory", "1g", "--webui-port", "0", "--work-dir", WORK.resolve(name + "-work").toString()));
    }
    for (Map.Entry<String, Process> w : workers.entrySet()) {
      // A cluster that cannot start in time on an overloaded machine says nothing of the
      // connector: the test is then skipped, naming the log; a JVM that dies fails it.
      Assumptions.assumeTrue(waitForLine(w.getValue(), w.getKey(), "Successfully registered with master"),
          () -> w.getKey() + " did not register with the master in 5 minutes; see " + WORK.resolve(w.getKey() + ".log"));
    }

    // Whether Spark speculates depends on when the slow answers fall among the tasks: a seed
    // whose run shows no speculative or no failed attempt is followed by another (each run's
    // rows and accounting are checked all the same); one of three must show both.
    int[] seen = null;
    for (int seed : new int[] {3, 11, 19}) {
      int[] run = runAndCheck(master, seed);
      if (run[0] > 0 && run[1] > 0) {
        seen = run;
        break;
      }
      System.out.printf("task retries and speculation: seed %d gave %d speculative and %d failed attempts;"
          + " trying another%n", seed, run[0], run[1]);
    }
    assertThat(seen).as("a run with failed (retried) and speculative attempts, of three seeds").isNotNull();
  }

  /** One run of the read under faults drawn from {@code seed}: its rows and every request checked. */
  private int[] runAndCheck(String master, int seed) throws Exception {
    emulator.clearRequestLog();
    Properties r;
    try {
      r = runApp(master, "seed=" + seed + "&error_rate=0.2&slow_rate=0.3&slow_ms=" + SLOW.toMillis());
      // A killed loser's slow request is logged when its answer goes out, after the app ends.
      Thread.sleep(SLOW.toMillis() + 1000);
    } finally {
      emulator.faults(FaultSettings.NONE);
    }
    System.out.printf("task retries and speculation: %s%n", new java.util.TreeMap<>(r));
    assertThat(r.getProperty("error")).as("application error (see %s)", WORK.resolve("app.log")).isNull();
    assertThat(r.getProperty("hosts")).as("task hosts").isEqualTo("127.0.0.1,127.0.0.2");

    // The measured read's requests (the warm-up read's are of 2024-03-06).
    List<RequestLogEntry> requests = emulator.requestLog().stream().filter(e -> e.path().equals("/v1/aggregations")
        && e.parameters().getOrDefault("date_from", "").startsWith("2024-03-05")).toList();
    long errors = requests.stream().filter(e -> e.status() >= 500).count();
    long answered = requests.stream().filter(e -> e.status() == 200).count();
    long slow = requests.stream().filter(e -> "slow".equals(e.fault())).count();

    Map<String, String> options = SpeculationApp.options(Map.of("base_url", emulator.baseUrl(),
        "token", emulator.adminToken(), "site", account.site));
    List<String> expected = ReadMatrixIT.normalise(ExpectedRelation.of(SparkTestSession.get(),
        ReadSpec.parse(options, Map.of()), account).collectAsList());
    List<String> rows = Files.readAllLines(Path.of(r.getProperty("rows_file")));
    int partitions = Integer.parseInt(r.getProperty("partitions"));
    int attempts = Integer.parseInt(r.getProperty("attempts"));
    int speculative = Integer.parseInt(r.getProperty("speculative"));
    int failed = Integer.parseInt(r.getProperty("failed"));
    int killed = Integer.parseInt(r.getProperty("killed"));
    int succeeded = Integer.parseInt(r.getProperty("succeeded"));
    System.out.printf("task retries and speculation: %d partitions, %d task attempts (%d speculative, %d failed,"
            + " %d killed, %d succeeded); %d requests (%d errors, %d slow, %d answered); metrics: %s requests,"
            + " %s retries; collect %s ms%n", partitions, attempts, speculative, failed, killed, succeeded,
        requests.size(), errors, slow, answered, r.getProperty("metric.fathomRequests"),
        r.getProperty("metric.fathomRetries"), r.getProperty("collect_ms"));

    assertThat(rows).as("rows").isNotEmpty().isEqualTo(expected);
    assertThat(partitions).isEqualTo(8);
    assertThat(r.getProperty("ended")).as("every attempt ended").isEqualTo(Integer.toString(attempts));
    assertThat(attempts).as("attempts beyond one a partition: each a retry or a speculation")
        .isLessThanOrEqualTo(partitions + failed + speculative);
    assertThat(requests.size()).as("requests: at most one a task attempt (max_retries 0)")
        .isLessThanOrEqualTo(attempts).isGreaterThanOrEqualTo(partitions);
    assertThat(answered).as("answers: one a partition, plus those of losing copies")
        .isGreaterThanOrEqualTo(partitions).isLessThanOrEqualTo(succeeded + killed);
    assertThat(errors).as("error answers: the failed attempts', plus any a killed loser met")
        .isGreaterThanOrEqualTo(failed).isLessThanOrEqualTo(failed + killed);
    assertThat(Long.parseLong(r.getProperty("metric.fathomRequests"))).as("FathomMetrics requests = the log")
        .isEqualTo(requests.size());
    assertThat(Long.parseLong(r.getProperty("metric.fathomRetries"))).as("client retries").isZero();
    return new int[] {speculative, failed};
  }

  private static Process launch(String name, String host, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.java()));
    cmd.addAll(List.of(ChildJvm.flags().split(" ")));
    cmd.add("-Dlog4j2.configurationFile=" + WORK.resolve("log4j2-info.properties"));
    // Master and workers only route: quick start-up over peak speed on a busy machine.
    cmd.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath));
    cmd.add(main);
    cmd.addAll(List.of(args));
    Files.writeString(WORK.resolve("log4j2-info.properties"), Files.readString(WORK.resolve("log4j2.properties"))
        .replace("rootLogger.level = warn", "rootLogger.level = info"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(WORK.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", WORK.resolve("spark-home").toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", host);
    Process p = pb.start();
    cluster.add(p);
    return p;
  }

  private static Properties runApp(String master, String faults) throws Exception {
    Path out = WORK.resolve("app.properties");
    Files.deleteIfExists(out);
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.java()));
    cmd.addAll(List.of(ChildJvm.flags().split(" ")));
    cmd.add("-Dlog4j2.configurationFile=" + WORK.resolve("log4j2.properties"));
    cmd.add("-Xmx768m");
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath));
    cmd.add(SpeculationApp.class.getName());
    cmd.add("master=" + master);
    cmd.add("base_url=" + emulator.baseUrl());
    cmd.add("control_url=" + emulator.controlUrl());
    cmd.add("faults=" + faults);
    cmd.add("token=" + emulator.adminToken());
    cmd.add("site=" + account.site);
    cmd.add("out=" + out);
    cmd.add("executor_classpath=" + Path.of("target", "classes").toAbsolutePath());
    cmd.add("executor_java_options=" + ChildJvm.flags() + " -Dlog4j2.configurationFile=" + WORK.resolve("log4j2.properties"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(WORK.resolve("app.log").toFile());
    pb.environment().put("SPARK_HOME", WORK.resolve("spark-home").toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    // About 40 s on a quiet machine; minutes on a loaded one.
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the application did not finish; see " + WORK.resolve("app.log"));
    }
    assertThat(out).as("results (exit %s); see %s", p.exitValue(), WORK.resolve("app.log")).exists();
    Properties r = new Properties();
    try (InputStream in = Files.newInputStream(out)) {
      r.load(in);
    }
    return r;
  }

  /** Whether {@code text} showed in the log of {@code name} in time; fails if the process ended. */
  private static boolean waitForLine(Process p, String name, String text) throws Exception {
    Path file = WORK.resolve(name + ".log");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5); // a loaded machine starts JVMs slowly
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return true;
      }
      if (!p.isAlive()) {
        throw new AssertionError(name + " ended (exit " + p.exitValue() + "); see " + file);
      }
      Thread.sleep(100);
    }
    return false;
  }
}
