package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.budget.CoordinatorMain;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The rate budget on real multi-JVM clusters, started by the test from the Maven jars
 * ({@code local-cluster[2,1,1024]}: a driver JVM and two executor JVMs; loopback only). The
 * emulator and the connector both allow {@value #RATE} aggregation requests a minute: fast
 * enough that a read of two minutes' budget needs {@value #SINGLE_HOURS} requests (the first
 * tasks of fresh executors, 4 to 7 s late, then still overlap the next minute's, which is what
 * drew 429s from a schedule planned ahead), and slow enough that two one-core executors on a
 * busy machine keep up with the budget, so the wall time measures the budget, not the CPU.
 *
 * <p>One application runs, in order: a read of {@value #SINGLE_HOURS} hourly requests on fresh
 * executors; two reads at once; a read past the row cap (follow-up requests only executors
 * discover); a read while another client spends the token. Then two applications ({@code
 * local[2]}) share a standalone coordinator ({@code CoordinatorMain} in a JVM of its own, with
 * a secret the applications' drivers get from their environment). Each read is checked against the emulator's request log: no 429 (except
 * where the competitor makes them), no rolling minute over the limit, exact rows, the wall time
 * against the least the limit allows, and the metrics against the log. The figures are printed.
 *
 * <p>System properties: {@code cluster.it.connector} runs the applications on another build's
 * classes (e.g. the old design, to compare), {@code cluster.it.phases} the phases of the first
 * application, {@code cluster.it.report_only=true} prints without asserting.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterBudgetIT {
  static final int RATE = 60;
  static final int SINGLE_HOURS = 2 * RATE + 1;
  static final Path WORK = Path.of("target", "cluster-it").toAbsolutePath();
  /** The standalone coordinator's secret, given to it and to the applications' drivers. */
  private static final String STANDALONE_SECRET = "cluster-it-standalone-" + System.nanoTime();
  private static final boolean REPORT_ONLY = Boolean.getBoolean("cluster.it.report_only");
  private static TestAccount account;
  private static FathomEmulator emulator;
  private static List<String> classpath;
  private static String connector;

  @BeforeAll
  static void start() throws Exception {
    account = TestAccount.shared();
    emulator = FathomEmulator.builder().store(account.store).rateLimits(new RateLimits(RATE, 1_000_000))
        .threads(8).start();
    classpath = ChildJvm.testClasspath();
    connector = System.getProperty("cluster.it.connector",
        Path.of("target", "classes").toAbsolutePath().toString());
    ChildJvm.sparkHome(WORK, classpath);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  @Order(1)
  void oneApplicationOnFreshExecutorsKeepsTheRateWithTwoReadsAtOnceAndACompetingClient() throws Exception {
    String phases = System.getProperty("cluster.it.phases",
        "single:1:2024-03-01T00:" + SINGLE_HOURS + ",pair:2:2024-03-12T00:31,competitor:1:2024-03-20T00:46");
    // A read past the row cap runs with -Dcluster.it.phases=capped:1:2024-03-22T00:4 (its
    // follow-ups are told apart from the next phase's requests by time only, which is not yet
    // exact enough to be asserted by default; see the closing note of session 3).
    Properties r = runApp("local-cluster[2,1,1024]", 2, phases, null, "app");
    System.out.printf("application: failed tasks %s, error %s%n", r.getProperty("failed_tasks"), r.getProperty("error"));
    if (REPORT_ONLY && r.getProperty("error") != null) {
      return;
    }
    assertThat(r.getProperty("error")).as("application error").isNull();

    List<RequestLogEntry> log = aggregations();
    for (String phase : phases.split(",")) {
      String[] p = phase.split(":");
      int reads = Integer.parseInt(p[1]);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < reads; i++) {
        keys.add(p[0] + "." + i);
      }
      check(p[0], r, keys, log, p[0].equals("competitor"));
    }
    if (!REPORT_ONLY) {
      assertThat(r.getProperty("failed_tasks")).as("no task failed, for 429s or else").isEqualTo("0");
      List<String> lines = executorLogLines();
      assertThat(lines).as("executor INFO lines on long waits").anyMatch(l -> l.contains("for rate budget before GET /v1/aggregations?"));
      assertThat(lines).noneMatch(l -> l.contains(emulator.adminToken()));
    }
  }

  @Test
  @Order(2)
  void twoApplicationsShareAStandaloneCoordinator() throws Exception {
    emulator.resetRateLimits();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder standalone = new ProcessBuilder(ChildJvm.java(), "-cp", String.join(File.pathSeparator, childClasspath()),
        "dev.sparkfathom.budget.CoordinatorMain", "--port", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(WORK.resolve("coordinator.log").toFile());
    standalone.environment().put(CoordinatorMain.SECRET_ENV, STANDALONE_SECRET);
    Process coordinator = standalone.start();
    try {
      waitForLine(WORK.resolve("coordinator.log"), "listening on 127.0.0.1:" + port + " requiring the secret");
      String coordinatorAddress = "127.0.0.1:" + port;
      Process one = launch("local[2]", 0, "apps:1:2024-03-25T00:31", coordinatorAddress, "app-one");
      Process two = launch("local[2]", 0, "apps:1:2024-03-28T00:31", coordinatorAddress, "app-two");
      Properties a = finish(one, "app-one");
      Properties b = finish(two, "app-two");
      assertThat(a.getProperty("error")).isNull();
      assertThat(b.getProperty("error")).isNull();
      for (String app : List.of("app-one", "app-two")) {
        assertThat(Files.readString(WORK.resolve(app + ".log"))).as("%s reached the coordinator with its secret", app)
            .doesNotContain("cannot reach the Fathom budget coordinator").doesNotContain(STANDALONE_SECRET);
      }
      Properties both = new Properties();
      a.forEach((k, v) -> both.put(k.toString().replace("apps.0", "one"), v));
      b.forEach((k, v) -> both.put(k.toString().replace("apps.0", "two"), v));
      check("two applications", both, List.of("one", "two"), aggregations(), false);
    } finally {
      coordinator.destroy();
      coordinator.waitFor(10, TimeUnit.SECONDS);
    }
  }

  // ------------------------------------------------------------------ checks

  /** Checks the reads {@code keys} of one phase against the log, and prints the figures. */
  private static void check(String phase, Properties r, List<String> keys, List<RequestLogEntry> log,
      boolean competitor) throws IOException {
    long first = Long.MAX_VALUE;
    long last = 0;
    int planned = 0;
    List<RequestLogEntry> ours = new ArrayList<>();
    for (String key : keys) {
      Map<String, String> args = appArgs();
      args.put("phase", phase);
      Map<String, String> o = ClusterReadApp.options(args, r.getProperty(key + ".date_from").substring(0, 13).replace(' ', 'T'),
          Integer.parseInt(r.getProperty(key + ".partitions")));
      boolean capped = ClusterReadApp.capped(phase);
      // A capped read's follow-ups may ask other aggregates, no grouping or no dates: its
      // requests are those the API saw while it ran (it runs alone in its phase).
      // (The competitor's phase starts right after it: its requests ask for pageviews alone, and
      // its burst's refusals of the concurrency cap are logged before their parameters are read.)
      Instant readStart = Instant.ofEpochMilli(Long.parseLong(r.getProperty(key + ".start_ms")) - 1000);
      Instant readEnd = Instant.ofEpochMilli(Long.parseLong(r.getProperty(key + ".end_ms")) + 1000);
      List<RequestLogEntry> read = log.stream().filter(e -> capped
          ? !e.time().isBefore(readStart) && !e.time().isAfter(readEnd)
              // the competitor (the next phase) asks for pageviews alone
              && e.parameters().get("aggregates") != null
              && !"pageviews".equals(e.parameters().get("aggregates"))
          : "visits".equals(e.parameters().get("aggregates")) && inRange(e, o)).toList();
      ours.addAll(read);
      first = Math.min(first, Long.parseLong(r.getProperty(key + ".start_ms")));
      last = Math.max(last, Long.parseLong(r.getProperty(key + ".end_ms")));
      planned += Integer.parseInt(r.getProperty(key + ".partitions"));
      List<String> expected = ReadMatrixIT.normalise(ExpectedRelation.of(SparkTestSession.get(),
          ReadSpec.parse(o, Map.of()), account).collectAsList());
      List<String> rows = Files.readAllLines(Path.of(r.getProperty(key + ".rows_file")));
      long refused = read.stream().filter(e -> e.status() == 429).count();
      System.out.printf(Locale.ROOT, "%s %s: %d rows (expected %d), %d requests logged (%d 429s);"
              + " metrics: requests %s, retries %s, 429s %s, budget wait %s ms%n", phase, key, rows.size(),
          expected.size(), read.size(), refused, r.getProperty(key + ".metric.fathomRequests"),
          r.getProperty(key + ".metric.fathomRetries"), r.getProperty(key + ".metric.fathomRateLimited"),
          r.getProperty(key + ".metric.fathomBudgetWaitMs"));
      if (!REPORT_ONLY) {
        assertThat(rows).as("%s: exact rows", key).isEqualTo(expected);
        assertThat(Long.parseLong(r.getProperty(key + ".metric.fathomRequests")))
            .as("%s: requests counted = the emulator's log", key).isEqualTo(read.size());
        assertThat(Long.parseLong(r.getProperty(key + ".metric.fathomRateLimited")))
            .as("%s: 429s counted = the emulator's log", key).isEqualTo(refused);
      }
    }
    long start = first;
    long end = last;
    List<RequestLogEntry> all = log.stream().filter(e -> !e.time().isBefore(Instant.ofEpochMilli(start - 1000))
        && !e.time().isAfter(Instant.ofEpochMilli(end + 1000))).toList();
    long refused = ours.stream().filter(e -> e.status() == 429).count();
    // Accepted requests: a 429 does not count at the API (and only the competitor's phase has any).
    int maxPerMinute = maxInRollingMinute(all.stream().filter(e -> e.status() != 429).toList());
    Duration wall = Duration.ofMillis(end - start);
    Instant firstSend = ours.stream().map(RequestLogEntry::time).min(Instant::compareTo).orElse(Instant.ofEpochMilli(start));
    Duration fromFirstSend = Duration.between(firstSend, Instant.ofEpochMilli(end));
    boolean capped = ClusterReadApp.capped(phase);
    // A capped read's least is that of the requests it had to send: its follow-ups are only
    // discovered by executors, so no plan can count them ahead.
    long least = 60L * (((capped ? ours.size() : planned) - 1) / RATE);
    System.out.printf(Locale.ROOT, "FIGURES %s: %d planned requests at %d/min, %d sent, %d 429s (ours), "
            + "max %d requests in a rolling minute (all clients), wall %.1f s (%.1f s from the first send),"
            + " least %d s, ratio %s (%s from the first send)%n", phase, planned, RATE, ours.size(), refused,
        maxPerMinute, wall.toMillis() / 1000.0, fromFirstSend.toMillis() / 1000.0, least,
        least == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", wall.toMillis() / 1000.0 / least),
        least == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", fromFirstSend.toMillis() / 1000.0 / least));
    if (REPORT_ONLY) {
      return;
    }
    assertThat(maxPerMinute).as("%s: requests in any rolling minute", phase).isLessThanOrEqualTo(RATE);
    if (competitor) {
      assertThat(refused).as("%s: the competitor made the emulator refuse some", phase).isPositive();
    } else {
      assertThat(refused).as("%s: 429s", phase).isZero();
      if (capped) {
        assertThat(ours.size()).as("%s: follow-up requests past the row cap", phase).isGreaterThan(2 * planned);
      } else {
        assertThat(ours).as("%s: one request per partition", phase).hasSize(planned);
      }
      boolean oneApplication = !phase.equals("two applications");
      if (least > 0 && !capped && oneApplication) {
        // (Two applications start their JVMs and Spark apart, seconds to a minute on a busy
        // machine: their wall time holds that skew, so only their 429s and minutes are checked.)
        // (A capped read's follow-ups wait for the answers before them, two in flight at once:
        // its time is that of the chains, not of the rate; only its 429s and minutes are checked.)
        // From the first request the API saw: what the budget costs. The action's own wall time
        // also holds the fresh executors' start, which on a busy machine is most of a minute.
        assertThat(fromFirstSend.toMillis()).as("%s: wall time from the first send against 1.10 x the least", phase)
            .isLessThanOrEqualTo((long) (1.10 * least * 1000));
      }
    }
  }

  private static boolean inRange(RequestLogEntry e, Map<String, String> o) {
    String from = e.parameters().get("date_from");
    return from != null && from.compareTo(o.get("date_from")) >= 0 && from.compareTo(o.get("date_to")) <= 0;
  }

  /** The most requests the log shows in any half-open minute {@code (t - 60 s, t]}. */
  static int maxInRollingMinute(List<RequestLogEntry> log) {
    List<Instant> times = log.stream().map(RequestLogEntry::time).sorted().toList();
    int max = 0;
    int first = 0;
    for (int i = 0; i < times.size(); i++) {
      while (!times.get(first).isAfter(times.get(i).minusSeconds(60))) {
        first++;
      }
      max = Math.max(max, i - first + 1);
    }
    return max;
  }

  private static List<RequestLogEntry> aggregations() {
    return emulator.requestLog().stream().filter(e -> e.path().equals("/v1/aggregations")).toList();
  }

  private static List<String> executorLogLines() throws IOException {
    Path work = WORK.resolve("spark-home").resolve("work");
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(work)) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    return lines;
  }

  // ------------------------------------------------------------------ processes

  private static Map<String, String> appArgs() {
    Map<String, String> a = new HashMap<>();
    a.put("base_url", emulator.baseUrl());
    a.put("token", emulator.adminToken());
    a.put("site", account.site);
    a.put("rate", Integer.toString(RATE));
    return a;
  }

  private static Properties runApp(String master, int executors, String phases, String coordinator,
      String name) throws Exception {
    return finish(launch(master, executors, phases, coordinator, name), name);
  }

  private static Process launch(String master, int executors, String phases, String coordinator,
      String name) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.java()));
    cmd.addAll(List.of(ChildJvm.flags().split(" ")));
    cmd.add("-Dlog4j2.configurationFile=" + WORK.resolve("log4j2.properties"));
    cmd.add("-Xmx1g");
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, childClasspath()));
    cmd.add(ClusterReadApp.class.getName());
    Map<String, String> a = appArgs();
    a.put("master", master);
    a.put("executors", Integer.toString(executors));
    a.put("phases", phases);
    a.put("out", WORK.resolve(name).toString());
    a.put("executor_classpath", connector);
    a.put("executor_java_options", ChildJvm.flags() + " -Dlog4j2.configurationFile=" + WORK.resolve("log4j2.properties"));
    if (coordinator != null) {
      a.put("coordinator", coordinator);
    }
    a.forEach((k, v) -> cmd.add(k + "=" + v));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(WORK.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", WORK.resolve("spark-home").toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    if (coordinator != null) {
      pb.environment().put(CoordinatorMain.SECRET_ENV, STANDALONE_SECRET);
    }
    Files.deleteIfExists(WORK.resolve(name));
    return pb.start();
  }

  private static Properties finish(Process p, String name) throws Exception {
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(name + " did not finish; see " + WORK.resolve(name + ".log"));
    }
    Path out = WORK.resolve(name);
    assertThat(out).as("results of %s (exit %s); see %s", name, p.exitValue(), WORK.resolve(name + ".log")).exists();
    Properties r = new Properties();
    try (InputStream in = Files.newInputStream(out)) {
      r.load(in);
    }
    return r;
  }

  private static void waitForLine(Path file, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + text + "' in " + file);
  }

  /** The test classpath, with the connector's classes from {@code cluster.it.connector} when set. */
  private static List<String> childClasspath() {
    String own = Path.of("target", "classes").toAbsolutePath().toString();
    return classpath.stream().map(e -> Path.of(e).toAbsolutePath().toString().equals(own) ? connector : e).toList();
  }
}
