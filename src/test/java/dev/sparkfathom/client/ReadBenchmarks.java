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
 * client's decode, {@code spark.read.json} (all columns, and one), the naive user path (tree
 * model + createDataFrame) and the connector end to end from a local server that only replays
 * the bytes. Each is warmed up, then repeated; the median and the spread (min to max) are
 * reported, as rows/s and as a multiple of the token floor's time. Also the bytes the decoded
 * rows hold per row (measured, and as the partition cache estimates them). Writes
 * {@code BENCHMARKS.md} at the working directory (the project root under Maven).
 *
 * <p>Run: {@code mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && SPARK_LOCAL_IP=127.0.0.1 java -Xmx2g -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * dev.sparkfathom.client.ReadBenchmarks 200000}
 */
public final class ReadBenchmarks {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int WARMUP = 2;
  private static final int REPS = 5;
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

  static long decode(byte[] body, AggregationQuery q) throws Exception {
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
    s.start();
    return s;
  }

  static long heldBytesPerRow(byte[] body, AggregationQuery q, int rows) throws Exception {
    var mem = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = mem.getHeapMemoryUsage().getUsed();
    List<AggregationRow> held;
    try (JsonParser p = JSON.createParser(body)) {
      held = new AggregationDecoder(q).decode(p);
    }
    System.gc();
    long after = mem.getHeapMemoryUsage().getUsed();
    if (held.size() != rows) {
      throw new IllegalStateException("decoded " + held.size());
    }
    return (after - before) / rows;
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    byte[] body = answer(rows);
    AggregationQuery q = query();
    if (args.length > 1 && args[1].equals("decode-only")) {
      decodeOnly(rows, body, q, args.length > 2 ? args[2] : "decode only");
      return;
    }
    Path file = Files.createTempFile("fathom-bench", ".json");
    Files.write(file, body);
    SparkSession spark = SparkSession.builder().master("local[1]").appName("fathom-benchmarks")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    HttpServer server = replay(body);
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    List<Result> results = new ArrayList<>();
    try {
      results.add(measure("Jackson token floor", () -> tokens(body), rows));
      results.add(measure("reading every value's text", () -> texts(body), rows));
      results.add(measure("client decode (AggregationDecoder)", () -> decode(body, q), rows));
      results.add(measure("spark.read.json, all columns", () -> {
        Dataset<Row> df = spark.read().schema(schema()).option("multiLine", "true").json(file.toString());
        df.write().format("noop").mode("overwrite").save();
        return df.count();
      }, rows));
      results.add(measure("spark.read.json, one column", () -> {
        Dataset<Row> df = spark.read().schema(schema()).option("multiLine", "true").json(file.toString())
            .select("pathname");
        df.write().format("noop").mode("overwrite").save();
        return (long) rows;
      }, rows));
      results.add(measure("naive: tree model + createDataFrame", () -> naive(spark, body), rows));
      results.add(measure("connector end to end, replaying server", () -> {
        Dataset<Row> df = spark.read().format("fathom").option("base_url", base)
            .option("token", "bench-token").option("site_id", "BENCH")
            .option("field_grouping", "pathname,referrer_hostname,country_code,browser")
            .option("aggregates", "pageviews,visits,uniques,avg_duration,bounce_rate")
            .option("date_grouping", "day").option("date_from", "2024-03-01")
            .option("date_to", "2024-03-31").option("rate.aggregations_per_minute", "100000").load();
        long[] n = new long[1];
        df.write().format("noop").mode("overwrite").save();
        n[0] = df.count();
        return n[0];
      }, rows));
      long measured = heldBytesPerRow(body, q, rows);
      long estimated;
      try (JsonParser p = JSON.createParser(body)) {
        estimated = dev.sparkfathom.read.RowBytesProbe.perRow(new AggregationDecoder(q).decode(p));
      }
      write(results, rows, body.length, measured, estimated);
    } finally {
      server.stop(0);
      spark.stop();
      Files.deleteIfExists(file);
    }
  }

  /**
   * The paths without Spark only (token floor, text, decode, bytes held), appended to
   * {@code BENCHMARKS.md} as a section titled {@code title}: a quick before/after of a
   * decoder change on a busy machine.
   */
  static void decodeOnly(int rows, byte[] body, AggregationQuery q, String title) throws Exception {
    List<Result> results = new ArrayList<>();
    results.add(measure("Jackson token floor", () -> tokens(body), rows));
    results.add(measure("reading every value's text", () -> texts(body), rows));
    results.add(measure("client decode (AggregationDecoder)", () -> decode(body, q), rows));
    long measured = heldBytesPerRow(body, q, rows);
    long estimated;
    try (JsonParser p = JSON.createParser(body)) {
      estimated = dev.sparkfathom.read.RowBytesProbe.perRow(new AggregationDecoder(q).decode(p));
    }
    double floor = results.get(0).median();
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n## %s%n%n"
        + "Same generator, %,d rows, %d warm-ups and %d repetitions, paths without Spark only "
        + "(`ReadBenchmarks %d decode-only`); load average %.1f.%n%n"
        + "| path | median s | spread s | rows/s | x token floor |%n|---|---:|---:|---:|---:|%n",
        title, rows, WARMUP, REPS, rows,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    for (Result r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f..%.3f | %,.0f | %.1f |%n", r.name(),
          r.median(), r.min(), r.max(), rows / r.median(), r.median() / floor));
    }
    md.append(String.format(Locale.ROOT, "%nBytes held per decoded row: %d measured, %d estimated.%n",
        measured, estimated));
    Path out = Path.of("BENCHMARKS.md");
    Files.writeString(out, (Files.exists(out) ? Files.readString(out) : "") + md);
    System.out.print(md);
  }

  static void write(List<Result> results, int rows, int bytes, long measured, long estimated)
      throws IOException {
    double floor = results.get(0).median();
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append("Made by `dev.sparkfathom.client.ReadBenchmarks` (issue 14) with\n\n```\n")
        .append("mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt\n")
        .append("SPARK_LOCAL_IP=127.0.0.1 java -Xmx2g -cp target/test-classes:target/classes:$(cat target/cp.txt) "
            + "dev.sparkfathom.client.ReadBenchmarks ").append(rows).append("\n```\n\n")
        .append(String.format(Locale.ROOT, "One generated aggregation answer of %,d rows (%,d bytes, "
            + "%.0f bytes a row; pathname x referrer x country x browser by day, legacy shape, metrics "
            + "as numeric strings and numbers), the same bytes for every line, in one run; "
            + "%d warm-ups, then %d repetitions: median and spread (min..max). Spark local[1]. "
            + "Java %s, %d processors, on a shared machine (load average %.1f at the end): "
            + "absolute numbers are noisy, ratios within the run less so.%n%n",
            rows, bytes, (double) bytes / rows, WARMUP, REPS, System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append("| path | median s | spread s | rows/s | x token floor |\n|---|---:|---:|---:|---:|\n");
    for (Result r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f..%.3f | %,.0f | %.1f |%n", r.name(),
          r.median(), r.min(), r.max(), rows / r.median(), r.median() / floor));
    }
    md.append(String.format(Locale.ROOT, "%nBytes held per decoded row (`List<AggregationRow>`): "
        + "%d measured (heap used after GC, with and without the list), %d as the partition "
        + "cache estimates them (`RowBytes`); the wire holds %.0f bytes a row.%n",
        measured, estimated, (double) bytes / rows));
    md.append("\nTargets of issue 14 (benchmarks, not timed tests): client decode within 2x of the "
        + "token floor; connector end to end from a replaying server within 3x; at most 80 bytes "
        + "held per row; the 1M-row read at 512 MB with half the heap free; requests = the least "
        + "on >= 15 typical reads. See the closing note of issue 14 for which are met.\n");
    Files.writeString(Path.of("BENCHMARKS.md"), md.toString());
    System.out.print(md);
  }
}
