package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.SecretsApp;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.execution.ExplainMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A distinctive token, searched in every string the connector and Spark make of a read: EXPLAIN
 * in all five modes, the query execution's plans, the scan's and partitions' {@code toString}
 * and description, the read spec's and client configuration's {@code toString}, and the
 * message and stack trace of a failed read. Serialized partitions are checked apart: they
 * carry the token to the executors by design (see {@link #serializedPartitionsCarryTheToken}).
 * The Spark UI, its REST API and the event log need a session with them on, which the shared
 * test session is not: {@link #theTokenIsNotInTheSparkUiItsRestApiTheEventLogOrDebugLogs} runs
 * {@link dev.sparkfathom.SecretsApp} in a JVM of its own for them, and for the logs at DEBUG of
 * reads passing the token each safe way ({@code TokenLoggingIT} covers the ways in this JVM).
 */
class SecretsIT {
  private static final String TOKEN = "tok-7f3a9c-DISTINCTIVE-91be";
  private static FathomEmulator emulator;
  private static SparkSession spark;
  private static String site;

  @BeforeAll
  static void start() throws Exception {
    ColumnarDataStore store = new ColumnarDataStore();
    DemoData.generate(store, DemoDataSettings.defaults().withStartDate(LocalDate.of(2024, 3, 1))
        .withDays(3).withPageviewsPerDay(200).withSites(1));
    emulator = FathomEmulator.builder().store(store).token("secrets:" + TOKEN + ":admin")
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    spark = SparkTestSession.get();
    site = store.sites().get(0).id();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static Map<String, String> options(String siteId) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", TOKEN);
    o.put("site_id", siteId);
    o.put("date_grouping", "day");
    o.put("field_grouping", "pathname,browser");
    o.put("date_from", "2024-03-01");
    o.put("date_to", "2024-03-03");
    o.put("max_retries", "0");
    return o;
  }

  @Test
  void theTokenIsInNoPlanExplainToStringOrFailure() {
    Dataset<Row> df = spark.read().format("fathom").options(options(site)).load()
        .where("browser = 'Chrome'").groupBy("pathname").sum("visits");
    assertThat(df.collectAsList()).isNotEmpty();

    Map<String, String> seen = new LinkedHashMap<>();
    for (String mode : List.of("simple", "extended", "codegen", "cost", "formatted")) {
      seen.put("EXPLAIN " + mode, df.queryExecution().explainString(ExplainMode.fromString(mode)));
    }
    seen.put("queryExecution", df.queryExecution().toString());
    seen.put("logical", df.queryExecution().logical().toString());
    seen.put("analyzed", df.queryExecution().analyzed().toString());
    seen.put("optimized", df.queryExecution().optimizedPlan().toString());
    seen.put("executed", df.queryExecution().executedPlan().toString());
    seen.put("executed, verbose", df.queryExecution().executedPlan().verboseStringWithOperatorId());
    seen.put("schema", df.schema().treeString());
    List<FathomScan> scans = ScanInspector.scans(df);
    assertThat(scans).isNotEmpty();
    for (FathomScan scan : scans) {
      seen.put("scan", scan.toString());
      seen.put("scan description", scan.description());
      for (InputPartition p : scan.planInputPartitions()) {
        FathomInputPartition fp = (FathomInputPartition) p;
        seen.put("partition " + fp.index(), p.toString());
        seen.put("partition client " + fp.index(), fp.client().toString());
        seen.put("partition request " + fp.index(), String.valueOf(fp.request()));
      }
    }
    ReadSpec spec = ReadSpec.parse(options(site), Map.of());
    seen.put("read spec", spec.toString());
    seen.put("client config", spec.client().toString());

    Dataset<Row> missing = spark.read().format("fathom").options(options("NOSUCHSITE")).load();
    Throwable failure = null;
    try {
      missing.collectAsList();
    } catch (Throwable t) {
      failure = t;
    }
    assertThat(failure).as("a read of a site that does not exist").isNotNull();
    seen.put("failure", trace(failure));

    List<String> leaks = new ArrayList<>();
    seen.forEach((where, text) -> {
      if (text.contains(TOKEN) || text.contains(TOKEN.substring(4, 20))) {
        leaks.add(where);
      }
    });
    assertThat(seen.get("EXPLAIN formatted")).contains("Fathom");
    assertThat(leaks).as("places showing the token").isEmpty();
  }

  /**
   * A partition goes to an executor with what it needs to ask Fathom, the token included: the
   * one place it is unavoidable. Java serialization keeps it, as an executor must read it back;
   * this test pins that, so a change that starts shipping it elsewhere (a plan) shows here.
   */
  @Test
  void serializedPartitionsCarryTheToken() throws Exception {
    Dataset<Row> df = spark.read().format("fathom").options(options(site)).load();
    df.collectAsList();
    for (FathomScan scan : ScanInspector.scans(df)) {
      for (InputPartition p : scan.planInputPartitions()) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
          out.writeObject(p);
        }
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).contains(TOKEN);
        assertThat(p.toString()).doesNotContain(TOKEN);
      }
    }
  }

  /**
   * A session with the Spark UI and the event log on, in a JVM of its own, reads with the token
   * passed as the option, as the session setting set at run time, and as the environment
   * variable alone, with every logger at DEBUG, then a read that fails; then it fetches the UI's
   * pages and REST answers. The token is in none of them, nor in the event log, the logs, the
   * failure's message and stack trace. A second token, set on the session builder as
   * {@code spark.datasource.fathom.token}, shows in the UI and the event log only redacted
   * (Spark's {@code spark.redaction.regex} covers keys with "token").
   */
  @Test
  void theTokenIsNotInTheSparkUiItsRestApiTheEventLogOrDebugLogs() throws Exception {
    Path out = Path.of("target", "secrets-it").toAbsolutePath();
    if (Files.exists(out)) {
      try (Stream<Path> old = Files.walk(out)) {
        old.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    Files.createDirectories(out);
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.java()));
    cmd.addAll(List.of(ChildJvm.flags().split(" ")));
    cmd.addAll(List.of("-Xmx768m", "-cp", String.join(File.pathSeparator, ChildJvm.testClasspath()),
        SecretsApp.class.getName(), "base_url=" + emulator.baseUrl(), "site=" + site, "out=" + out));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("app.log").toFile());
    pb.environment().put("FATHOM_API_TOKEN", TOKEN);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) { // under 2 minutes on a quiet machine
      p.destroyForcibly();
      throw new AssertionError("the application did not finish; see " + out.resolve("app.log"));
    }
    assertThat(p.exitValue()).as("exit of the application; see %s", out.resolve("app.log")).isZero();

    assertThat(Files.readAllLines(out.resolve("rows.txt"))).as("each way read the report")
        .hasSize(3).allMatch(l -> l.matches(".*: [1-9]\\d* rows"));
    assertThat(Files.readString(out.resolve("failure.txt"))).doesNotContain("no failure")
        .contains("that of site NOSUCHSITE is unknown").contains("Fathom request for window 1").contains("HTTP 404");
    Map<String, String> ui = texts(out.resolve("ui"));
    Map<String, String> eventLog = texts(out.resolve("eventlog"));
    Map<String, String> logs = Map.of("debug.log", Files.readString(out.resolve("debug.log")),
        "failure.txt", Files.readString(out.resolve("failure.txt")), "app.log", Files.readString(out.resolve("app.log")));
    assertThat(ui.keySet()).as("UI pages and REST answers fetched").hasSizeGreaterThan(30);
    assertThat(eventLog).as("event log files").isNotEmpty();
    assertThat(String.join("\n", eventLog.values())).contains("SparkListenerSQLExecutionStart").contains("Fathom");
    assertThat(ui.values()).as("SQL executions shown with their Fathom scans")
        .filteredOn(t -> t.startsWith("HTTP 200") && t.contains("BatchScan fathom")).hasSizeGreaterThanOrEqualTo(4);
    assertThat(logs.get("debug.log").length()).as("DEBUG lines captured").isGreaterThan(100_000);

    List<String> leaks = new ArrayList<>();
    Map<String, String> all = new LinkedHashMap<>();
    ui.forEach((k, v) -> all.put("ui/" + k, v));
    eventLog.forEach((k, v) -> all.put("eventlog/" + k, v));
    logs.forEach(all::put);
    all.forEach((where, text) -> {
      if (text.contains(TOKEN) || text.contains(TOKEN.substring(4, 20))) {
        leaks.add(where + " (the token)");
      }
      if (!where.equals("debug.log") && !where.equals("app.log") && text.contains(SecretsApp.CONF_TOKEN.substring(5, 25))) {
        leaks.add(where + " (the token set on the session builder)");
      }
    });
    assertThat(leaks).as("places showing a token").isEmpty();
    // The environment page fills its tables from the REST answer.
    assertThat(ui.get("_api_v1_applications_" + appId(ui) + "_environment.txt")).as("the environment, redacted")
        .contains("[ \"spark.datasource.fathom.token\", \"*********(redacted)\" ]");
    assertThat(ui.values()).as("a SQL execution's properties: the setting set at run time, redacted")
        .anyMatch(t -> t.contains("spark.datasource.fathom.token</td><td>*********(redacted)</td>"));
    assertThat(String.join("\n", eventLog.values())).as("the event log, redacted")
        .contains("\"spark.datasource.fathom.token\":\"*********(redacted)\"");
  }

  /** The application id, from the REST API's list of applications. */
  private static String appId(Map<String, String> ui) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\" : \"([^\"]+)\"")
        .matcher(ui.get("_api_v1_applications.txt"));
    assertThat(m.find()).as("an application id in %s", ui.get("_api_v1_applications.txt")).isTrue();
    return m.group(1).replaceAll("[^A-Za-z0-9]+", "_");
  }

  /** Every file under {@code dir}, by its path relative to it. */
  private static Map<String, String> texts(Path dir) throws IOException {
    Map<String, String> texts = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        texts.put(dir.relativize(f).toString(), Files.readString(f, StandardCharsets.ISO_8859_1));
      }
    }
    return texts;
  }

  private static String trace(Throwable t) {
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
