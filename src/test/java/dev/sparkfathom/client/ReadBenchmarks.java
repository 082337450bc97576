package dev.sparkfathom.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The read benchmarks of issue 14, a plain main: one generated aggregation answer (pathname x
 * referrer x country x browser by day, legacy shape, {@code args[0]} rows, default 200,000),
 * and on those same bytes, in one run: Jackson's token floor, reading every value's text, the
 * decode the Spark read path makes ({@link PackedDecoder}), that decode plus the reader's rows
 * ({@code PackedRowCursor}), the typed client rows ({@link AggregationDecoder}),
 * {@code spark.read.json} (all columns, and one), the naive user path (tree model +
 * createDataFrame) and the connector end to end from a local server that only replays the
 * bytes (legacy API: one request, no row cap). Each is warmed up, then repeated; the median
 * and the spread (min to max) are reported, as rows/s and as a multiple of the token floor's
 * time; every Spark path is one action (a {@code noop} write), its row count checked once
 * outside the timing. Also the bytes the packed rows hold per row (measured with GC, and as
 * {@link PackedRows#heldBytes} counts them), and the read end to end in child JVMs at 512 MB
 * and 256 MB of heap (the second with Spark's memory check lowered through
 * {@code spark.testing.memory}): whether it completes and the most heap in use after a GC
 * during it. Writes {@code BENCHMARKS.md} at the working directory (the project root under
 * Maven).
 *
 * <p>Run: {@code mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && SPARK_LOCAL_IP=127.0.0.1 java -Xmx3g -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * dev.sparkfathom.client.ReadBenchmarks 1000000}
 */
public final class ReadBenchmarks {
  /** The client's own parser settings, for every path. */
  private static final JsonFactory JSON = HttpExecutor.JSON;
  /** Warm-ups and repetitions: 2 and 5 unless {@code -Dbench.warmup} / {@code -Dbench.reps} say. */
  private static final int WARMUP = Integer.getInteger("bench.warmup", 2);
  private static final int REPS = Integer.getInteger("bench.reps", 5);
  private static final String[] BROWSERS = {"Chrome", "Firefox", "Safari", "Edge", "Opera", "Samsung Internet"};
  private static final String[] COUNTRIES = {"US", "DE", "GB", "FR", "NL", "CA", "AU", "JP", "BR", "IN", "ES", "IT"};

  private ReadBenchmarks() {}

  record Result(String name, double[] seconds) {
    double median() {
      double[] s = seconds.clone();
      Arrays.sort(s);
      return s[s.length / 2];
    }

    double min() {
      return Arrays.stream(seconds).min().orElseThrow();
    }

    double max() {
      return Arrays.stream(seconds).max().orElseThrow();
    }
  }

  static byte[] answer(int rows) throws IOException {
    Random r = new Random(14);
    ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 230);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (int i = 0; i < rows; i++) {
        g.writeStartObject();
        g.writeStringField("date", LocalDate.of(2024, 3, 1).plusDays(i % 31).toString());
        g.writeStringField("pathname", "/blog/post-" + r.nextInt(2000) + "/section-" + r.nextInt(9));
        g.writeStringField("referrer_hostname", "https://ref" + r.nextInt(500) + ".example.com");
        g.writeStringField("country_code", COUNTRIES[r.nextInt(COUNTRIES.length)]);
        g.writeStringField("browser", BROWSERS[r.nextInt(BROWSERS.length)]);
        g.writeStringField("pageviews", Integer.toString(1 + r.nextInt(5000)));
        g.writeStringField("visits", Integer.toString(1 + r.nextInt(3000)));
        g.writeStringField("uniques", Integer.toString(1 + r.nextInt(2000)));
        g.writeNumberField("avg_duration", Math.round(r.nextDouble() * 600_0000) / 10_000.0);
        g.writeNumberField("bounce_rate", Math.round(r.nextDouble() * 10_000) / 10_000.0);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    return out.toByteArray();
  }

  static AggregationQuery query() {
    return AggregationQuery.pageviews("BENCH").apiVersion(ApiVersion.LEGACY)
        .aggregates(Aggregate.PAGEVIEWS, Aggregate.VISITS, Aggregate.UNIQUES, Aggregate.AVG_DURATION,
            Aggregate.BOUNCE_RATE)
        .fieldGrouping(Field.PATHNAME, Field.REFERRER_HOSTNAME, Field.COUNTRY_CODE, Field.BROWSER)
        .dateGrouping(DateGrouping.DAY).dateFrom(LocalDateTime.of(2024, 3, 1, 0, 0))
        .dateTo(LocalDateTime.of(2024, 3, 31, 23, 59, 59)).build();
  }

  static Result measure(String name, Callable<Long> run, long rows) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      check(name, run.call(), rows);
    }
    double[] s = new double[REPS];
    for (int i = 0; i < REPS; i++) {
      long t0 = System.nanoTime();
      long n = run.call();
      s[i] = (System.nanoTime() - t0) / 1e9;
      check(name, n, rows);
    }
    Result r = new Result(name, s);
    System.out.printf(Locale.ROOT, "%-50s median %.3f s (%.3f..%.3f)%n", name, r.median(), r.min(), r.max());
    return r;
  }

  private static void check(String name, long got, long rows) {
    if (got != rows) {
      throw new IllegalStateException(name + " counted " + got + " rows, not " + rows);
    }
  }

  static long tokens(byte[] body) throws IOException {
    long objects = 0;
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.END_OBJECT) {
          objects++;
        }
      }
    }
    return objects;
  }

  static long texts(byte[] body) throws IOException {
    long objects = 0;
    long chars = 0;
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t.isScalarValue()) {
          chars += p.getText().length();
        } else if (t == JsonToken.END_OBJECT) {
          objects++;
        }
      }
    }
    return chars > 0 ? objects : -1;
  }

  static PackedRows packed(byte[] body, AggregationQuery q) throws Exception {
    try (JsonParser p = JSON.createParser(body)) {
      return new PackedDecoder(q).decode(p);
    }
  }

  static long typed(byte[] body, AggregationQuery q) throws Exception {
    try (JsonParser p = JSON.createParser(body)) {
      return new AggregationDecoder(q).decode(p).size();
    }
  }

  static StructType schema() {
    return new StructType().add("date", DataTypes.StringType).add("pathname", DataTypes.StringType)
        .add("referrer_hostname", DataTypes.StringType).add("country_code", DataTypes.StringType)
        .add("browser", DataTypes.StringType).add("pageviews", DataTypes.LongType)
        .add("visits", DataTypes.LongType).add("uniques", DataTypes.LongType)
        .add("avg_duration", DataTypes.DoubleType).add("bounce_rate", DataTypes.DoubleType);
  }

  /** The connector's columns of the same read: the date as a DATE. */
  static StructType connectorSchema() {
    return new StructType().add("date", DataTypes.DateType).add("pathname", DataTypes.StringType)
        .add("referrer_hostname", DataTypes.StringType).add("country_code", DataTypes.StringType)
        .add("browser", DataTypes.StringType).add("pageviews", DataTypes.LongType)
        .add("visits", DataTypes.LongType).add("uniques", DataTypes.LongType)
        .add("avg_duration", DataTypes.DoubleType).add("bounce_rate", DataTypes.DoubleType);
  }

  static long naive(SparkSession spark, byte[] body) throws IOException {
    JsonNode tree = new ObjectMapper().readTree(body);
    List<Row> rows = new ArrayList<>(tree.size());
    for (JsonNode n : tree) {
      rows.add(RowFactory.create(n.get("date").asText(), n.get("pathname").asText(),
          n.get("referrer_hostname").asText(), n.get("country_code").asText(), n.get("browser").asText(),
          Long.parseLong(n.get("pageviews").asText()), Long.parseLong(n.get("visits").asText()),
          Long.parseLong(n.get("uniques").asText()), n.get("avg_duration").asDouble(),
          n.get("bounce_rate").asDouble()));
    }
    Dataset<Row> df = spark.createDataFrame(rows, schema());
    df.write().format("noop").mode("overwrite").save();
    return rows.size();
  }

  static HttpServer replay(byte[] body) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] site = ("{\"id\":\"BENCH\",\"object\":\"site\",\"name\":\"Bench\",\"sharing\":\"none\","
        + "\"created_at\":\"2020-01-01 00:00:00\",\"timezone\":\"UTC\"}").getBytes(StandardCharsets.UTF_8);
    s.createContext("/", ex -> {
      byte[] b = ex.getRequestURI().getPath().startsWith("/v1/aggregations") ? body : site;
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    });
    s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
    s.start();
    return s;
  }

  /** The connector's read of the benchmark answer from {@code base} (the legacy API: no row cap). */
  static Dataset<Row> connector(SparkSession spark, String base) {
    return spark.read().format("fathom").option("base_url", base).option("api", "legacy")
        .option("token", "bench-token").option("site_id", "BENCH")
        .option("field_grouping", "pathname,referrer_hostname,country_code,browser")
        .option("aggregates", "pageviews,visits,uniques,avg_duration,bounce_rate")
        .option("date_grouping", "day").option("date_from", "2024-03-01")
        .option("date_to", "2024-03-31").option("timezone", "UTC")
        .option("rate.aggregations_per_minute", "100000").load();
  }

  /** Bytes the packed rows of the answer hold: {measured with GC, counted by heldBytes}. */
  static long[] heldBytesPerRow(byte[] body, AggregationQuery q, int rows) throws Exception {
    var mem = ManagementFactory.getMemoryMXBean();
    System.gc();
    System.gc();
    long before = mem.getHeapMemoryUsage().getUsed();
    PackedRows held = packed(body, q);
    System.gc();
    System.gc();
    long after = mem.getHeapMemoryUsage().getUsed();
    if (held.size() != rows) {
      throw new IllegalStateException("decoded " + held.size());
    }
    return new long[] {(after - before) / rows, held.heldBytes() / rows};
  }

  /** Bytes the typed rows of the answer hold per row, measured with GC. */
  static long typedBytesPerRow(byte[] body, AggregationQuery q, int rows) throws Exception {
    var mem = ManagementFactory.getMemoryMXBean();
    System.gc();
    System.gc();
    long before = mem.getHeapMemoryUsage().getUsed();
    List<AggregationRow> held;
    try (JsonParser p = JSON.createParser(body)) {
      held = new AggregationDecoder(q).decode(p);
    }
    System.gc();
    System.gc();
    long after = mem.getHeapMemoryUsage().getUsed();
    if (held.size() != rows) {
      throw new IllegalStateException("decoded " + held.size());
    }
    return (after - before) / rows;
  }

  /** What one child JVM's read end to end said. */
  record HeapRun(String heap, boolean testingMemory, boolean completed, long rows, long peakAfterGc,
      long maxHeap, double seconds, String failure) {}

  /**
   * Runs the connector's read from {@code base} in a child JVM with {@code -Xmx<heap>} (and
   * {@code spark.testing.memory} lowered to the heap when asked).
   */
  static HeapRun childRead(String base, int rows, String heap, boolean testingMemory) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp",
        System.getProperty("java.class.path"), ReadBenchmarks.class.getName(), "child", base,
        Integer.toString(rows), Boolean.toString(testingMemory)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    for (String line : out.split("\n")) {
      if (line.startsWith("CHILD ")) {
        String[] f = line.substring(6).trim().split(" ");
        return new HeapRun(heap, testingMemory, true, Long.parseLong(f[0]), Long.parseLong(f[1]),
            Long.parseLong(f[2]), Double.parseDouble(f[3]), null);
      }
    }
    String failure = "exit " + code;
    for (String line : out.split("\n")) {
      if (line.contains("OutOfMemoryError") || line.contains("must be at least")
          || line.contains("Exception:")) {
        failure = "exit " + code + ": " + line.trim();
        break;
      }
    }
    System.out.println(out.length() > 4000 ? out.substring(out.length() - 4000) : out);
    return new HeapRun(heap, testingMemory, false, 0, 0, 0, 0, failure);
  }

  /** The child's side: one read end to end, then a line saying rows, peak live heap, -Xmx, time. */
  static void child(String base, int rows, boolean testingMemory) throws Exception {
    SparkSession.Builder b = SparkSession.builder().master("local[1]").appName("fathom-heap")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.session.timeZone", "UTC");
    if (testingMemory) {
      // Spark refuses a heap under 1.5 x its 300 MB reserve; the testing keys lower both.
      b.config("spark.testing.memory", Long.toString(Runtime.getRuntime().maxMemory()))
          .config("spark.testing.reservedMemory", "0");
    }
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    long[] peak = new long[1];
    // After every GC: the heap pools' use right after it (the live data, give or take a cycle).
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((javax.management.NotificationEmitter) gc).addNotificationListener((note, hb) -> {
        if (note.getType().equals(
            com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          var info = com.sun.management.GarbageCollectionNotificationInfo.from(
              (javax.management.openmbean.CompositeData) note.getUserData());
          long used = 0;
          for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (!e.getKey().contains("Metaspace") && !e.getKey().contains("Code")
                && !e.getKey().contains("Compressed")) {
              used += e.getValue().getUsed();
            }
          }
          synchronized (peak) {
            peak[0] = Math.max(peak[0], used);
          }
        }
      }, null, null);
    }
    long t0 = System.nanoTime();
    long n = connector(spark, base).count();
    double s = (System.nanoTime() - t0) / 1e9;
    System.gc(); // the rows are gone by now; a last look at what the read left
    Thread.sleep(200);
    System.out.printf(Locale.ROOT, "CHILD %d %d %d %.3f%n", n, peak[0], Runtime.getRuntime().maxMemory(), s);
    spark.stop();
    if (n != rows) {
      throw new IllegalStateException("read " + n + " rows, not " + rows);
    }
  }

  static Callable<Long> noop(Dataset<Row> df, long rows) {
    long n = df.count();
    if (n != rows) {
      throw new IllegalStateException(df + " counted " + n + " rows, not " + rows);
    }
    return () -> {
      df.write().format("noop").mode("overwrite").save();
      return rows;
    };
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("heap")) {
      int rows = Integer.parseInt(args[1]);
      HttpServer big = replay(answer(rows));
      try {
        for (String[] h : new String[][] {{"512m", "false"}, {"256m", "true"}}) {
          System.out.println(childRead("http://127.0.0.1:" + big.getAddress().getPort() + "/v1", rows,
              h[0], Boolean.parseBoolean(h[1])));
        }
      } finally {
        big.stop(0);
      }
      return;
    }
    if (args.length > 0 && args[0].equals("child")) {
      child(args[1], Integer.parseInt(args[2]), Boolean.parseBoolean(args[3]));
      return;
    }
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    byte[] body = answer(rows);
    AggregationQuery q = query();
    if (args.length > 1 && args[1].equals("decode-only")) {
      decodeOnly(rows, body, q);
      return;
    }
    boolean heap = !(args.length > 1 && args[1].equals("no-heap"));
    Path file = Files.createTempFile("fathom-bench", ".json");
    Files.write(file, body);
    HttpServer server = replay(body);
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    List<Result> results = new ArrayList<>();
    List<HeapRun> heaps = new ArrayList<>();
    long[] held;
    long typedHeld;
    try {
      SparkSession spark = SparkSession.builder().master("local[1]").appName("fathom-benchmarks")
          .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
      try {
        results.addAll(withoutSpark(body, q, rows));
        results.add(measure("spark.read.json, all columns", noop(spark.read().schema(schema())
            .option("multiLine", "true").json(file.toString()), rows), rows));
        results.add(measure("spark.read.json, one column", noop(spark.read().schema(schema())
            .option("multiLine", "true").json(file.toString()).select("pathname"), rows), rows));
        results.add(measure("naive: tree model + createDataFrame", () -> naive(spark, body), rows));
        results.add(measure("connector end to end, replaying server", noop(connector(spark, base), rows), rows));
      } finally {
        spark.stop();
      }
      held = heldBytesPerRow(body, q, rows);
      typedHeld = typedBytesPerRow(body, q, rows);
    } finally {
      server.stop(0);
      Files.deleteIfExists(file);
    }
    int heapRows = Integer.getInteger("bench.heapRows", rows);
    if (heap) {
      // The heap runs may read a larger answer than the timed lines (-Dbench.heapRows).
      HttpServer big = heapRows == rows ? replay(body) : replay(answer(heapRows));
      String bigBase = "http://127.0.0.1:" + big.getAddress().getPort() + "/v1";
      try {
        for (String[] h : new String[][] {{"512m", "false"}, {"256m", "true"}}) {
          HeapRun r = childRead(bigBase, heapRows, h[0], Boolean.parseBoolean(h[1]));
          System.out.println(r);
          heaps.add(r);
        }
      } finally {
        big.stop(0);
      }
    }
    write(results, rows, body.length, held, typedHeld, heaps, heapRows);
  }

  static List<Result> withoutSpark(byte[] body, AggregationQuery q, int rows) throws Exception {
    StructType columns = connectorSchema();
    List<Result> results = new ArrayList<>();
    results.add(measure("Jackson token floor", () -> tokens(body), rows));
    results.add(measure("reading every value's text", () -> texts(body), rows));
    results.add(measure("client decode into packed rows (PackedDecoder: the Spark path's decode)",
        () -> (long) packed(body, q).size(), rows));
    results.add(measure("packed decode + the reader's rows (PackedRowCursor), no Spark",
        () -> dev.sparkfathom.read.ReadPathProbe.rows(packed(body, q), q, columns)[0], rows));
    results.add(measure("typed client rows (AggregationDecoder: List<AggregationRow>)",
        () -> typed(body, q), rows));
    return results;
  }

  /** The paths without Spark only, printed: a quick before/after of a decoder change. */
  static void decodeOnly(int rows, byte[] body, AggregationQuery q) throws Exception {
    List<Result> results = withoutSpark(body, q, rows);
    long[] held = heldBytesPerRow(body, q, rows);
    double floor = results.get(0).median();
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-75s %.1fx%n", r.name(), r.median() / floor);
    }
    System.out.printf(Locale.ROOT, "packed rows hold %d bytes a row measured, %d counted%n", held[0], held[1]);
  }

  static void write(List<Result> results, int rows, int bytes, long[] held, long typedHeld,
      List<HeapRun> heaps, int heapRows) throws IOException {
    double floor = results.get(0).median();
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append("Made by `dev.sparkfathom.client.ReadBenchmarks` (issue 14) with\n\n```\n")
        .append("mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt\n")
        .append("SPARK_LOCAL_IP=127.0.0.1 java -Xmx3g").append(WARMUP == 2 ? "" : " -Dbench.warmup=" + WARMUP)
        .append(REPS == 5 ? "" : " -Dbench.reps=" + REPS)
        .append(" -cp target/test-classes:target/classes:$(cat target/cp.txt) "
            + "dev.sparkfathom.client.ReadBenchmarks ").append(rows).append("\n```\n\n")
        .append(String.format(Locale.ROOT, "One generated aggregation answer of %,d rows (%,d bytes, "
            + "%.0f bytes a row; pathname x referrer x country x browser by day, legacy shape, metrics "
            + "as numeric strings and numbers), the same bytes for every line, in one run; "
            + "%d warm-ups, then %d repetitions: median and spread (min..max). Every Spark line is one "
            + "action (a `noop` write; its row count is checked once outside the timing); Spark "
            + "local[1]. The connector reads the legacy API (one request, no row cap) from a local "
            + "server that replays the bytes. Java %s, %d processors, on a shared machine (load "
            + "average %.1f at the end): absolute numbers are noisy, ratios within the run less so.%n%n",
            rows, bytes, (double) bytes / rows, WARMUP, REPS, System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append("| path | median s | spread s | rows/s | x token floor |\n|---|---:|---:|---:|---:|\n");
    for (Result r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f..%.3f | %,.0f | %.1f |%n", r.name(),
          r.median(), r.min(), r.max(), rows / r.median(), r.median() / floor));
    }
    md.append(String.format(Locale.ROOT, "%nBytes held per row of a partition being read (the "
        + "reader's `PackedRows`): %d measured (heap used after GC, with and without the rows), %d "
        + "as `PackedRows.heldBytes` counts them (what the partition cache bounds); the typed "
        + "client rows (`List<AggregationRow>`) hold %d; the wire holds %.0f bytes a row.%n",
        held[0], held[1], typedHeld, (double) bytes / rows));
    if (!heaps.isEmpty()) {
      md.append(String.format(Locale.ROOT, "%nThe connector's read end to end (`count()`) of an "
          + "answer of %,d rows made the same way, in a child JVM, Spark local[1], from a replaying "
          + "server in the benchmark's JVM; ", heapRows))
          .append("heap in use is the most in use right after a GC "
          + "during the read (GC notifications, heap pools only):\n\n| -Xmx | spark.testing.memory | completed | heap in use "
          + "(most, after GC) | share of the heap free | s |\n|---|---|---|---:|---:|---:|\n");
      for (HeapRun h : heaps) {
        if (h.completed()) {
          md.append(String.format(Locale.ROOT, "| %s | %s | yes, %,d rows | %,d MB | %.0f%% | %.1f |%n",
              h.heap(), h.testingMemory() ? "= the heap" : "not set", h.rows(), h.peakAfterGc() >> 20,
              100.0 * (h.maxHeap() - h.peakAfterGc()) / h.maxHeap(), h.seconds()));
        } else {
          md.append(String.format(Locale.ROOT, "| %s | %s | no: %s | | | |%n", h.heap(),
              h.testingMemory() ? "= the heap" : "not set", h.failure().replace('|', '/')));
        }
      }
    }
    Files.writeString(Path.of("BENCHMARKS.md"), md.toString());
    System.out.print(md);
  }
}
