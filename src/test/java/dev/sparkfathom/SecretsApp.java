package dev.sparkfathom;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark application of {@code SecretsIT}, in a JVM of its own because it needs what the
 * shared test session has off: the Spark UI (on a random loopback port) and the event log
 * (plain JSON in {@code out/eventlog}). The token comes only from the environment variable
 * {@code FATHOM_API_TOKEN} (a command line would show in the UI's system properties). With
 * every logger at DEBUG it reads a report passing the token in each safe way: the option, the
 * session setting set at run time, the environment variable alone; then two reads that fail
 * (at planning, and in a task). Then
 * it fetches the UI's pages and REST API, stops, and leaves every text it saw in {@code out}:
 * {@code debug.log}, {@code failure.txt} (message and stack trace), {@code ui/*}, {@code
 * eventlog/*}, and {@code rows.txt} (the three reads' first rows, to show they read). The
 * session is built with {@code spark.datasource.fathom.token} set to {@link #CONF_TOKEN}, a
 * second token that no read uses, to see what the UI and the event log make of a token passed
 * as a Spark setting (its DEBUG lines at start-up are not captured: the README says that way
 * is not safe at DEBUG). Arguments {@code key=value}: {@code base_url}, {@code site}, {@code out}.
 */
public final class SecretsApp {
  /** The token given as a Spark setting on the session builder; never sent to Fathom. */
  public static final String CONF_TOKEN = "conf-5e1d-DISTINCTIVE-SETTING-77aa";

  private SecretsApp() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    Path out = Path.of(a.get("out"));
    Files.createDirectories(out.resolve("eventlog"));
    Files.createDirectories(out.resolve("ui"));
    SparkSession spark = SparkSession.builder().master("local[2]").appName("secrets-it")
        .config("spark.ui.enabled", "true")
        .config("spark.ui.port", "0")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.eventLog.enabled", "true")
        .config("spark.eventLog.dir", out.resolve("eventlog").toUri().toString())
        .config("spark.eventLog.compress", "false")
        .config("spark.datasource.fathom.token", CONF_TOKEN)
        .getOrCreate();
    String token = System.getenv("FATHOM_API_TOKEN");
    List<String> rows = new ArrayList<>();
    String[] failure = new String[1];
    Map<String, String> pages = new LinkedHashMap<>();
    String logged = TokenLoggingIT.loggedAtDebug(() -> {
      // The option.
      rows.add("option: " + read(spark, a, a.get("site"), Map.of("token", token)));
      // The session setting at run time (replacing the builder's).
      spark.conf().set("spark.datasource.fathom.token", token);
      rows.add("session setting: " + read(spark, a, a.get("site"), Map.of()));
      // The environment variable alone.
      spark.conf().unset("spark.datasource.fathom.token");
      rows.add("environment: " + read(spark, a, a.get("site"), Map.of()));
      // Two reads that fail: at planning (the site's timezone is asked), and in a task (the
      // timezone given, the aggregation is answered 404), whose failure Spark logs and shows.
      StringBuilder failures = new StringBuilder();
      for (Map<String, String> failing : List.of(Map.of("token", token), Map.of("token", token, "timezone", "UTC"))) {
        try {
          read(spark, a, "NOSUCHSITE", failing);
          failures.append("no failure\n");
        } catch (Exception e) { // SparkException (checked, undeclared) from a failed task
          StringWriter s = new StringWriter();
          e.printStackTrace(new PrintWriter(s));
          failures.append(e.getMessage()).append('\n').append(s).append('\n');
        }
      }
      failure[0] = failures.toString();
      try {
        spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("Spark's listeners did not catch up in 10 s", e);
      }
      pages.putAll(uiPages(spark));
    });
    Files.writeString(out.resolve("debug.log"), logged);
    Files.write(out.resolve("rows.txt"), rows);
    Files.writeString(out.resolve("failure.txt"), failure[0]);
    for (Map.Entry<String, String> p : pages.entrySet()) {
      Files.writeString(out.resolve("ui").resolve(p.getKey()), p.getValue());
    }
    spark.stop();
  }

  private static String read(SparkSession spark, Map<String, String> a, String site, Map<String, String> token) {
    Dataset<Row> df = spark.read().format("fathom").options(token).option("base_url", a.get("base_url"))
        .option("site_id", site).option("date_grouping", "day").option("field_grouping", "pathname,browser")
        .option("date_from", "2024-03-01").option("date_to", "2024-03-03").option("max_retries", "0").load()
        .where("browser = 'Chrome'").groupBy("pathname").sum("visits");
    List<Row> rows = df.collectAsList();
    return rows.size() + " rows";
  }

  /** Every page and REST answer of the running UI worth a look, by a file name. */
  private static Map<String, String> uiPages(SparkSession spark) {
    String base = spark.sparkContext().uiWebUrl().get();
    String app = spark.sparkContext().applicationId();
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    Map<String, String> pages = new LinkedHashMap<>();
    List<String> paths = new ArrayList<>(List.of("/jobs/", "/stages/", "/storage/", "/environment/", "/executors/",
        "/SQL/", "/api/v1/applications", "/api/v1/applications/" + app + "/environment",
        "/api/v1/applications/" + app + "/jobs", "/api/v1/applications/" + app + "/stages?details=true",
        "/api/v1/applications/" + app + "/allexecutors",
        "/api/v1/applications/" + app + "/sql?details=true&planDescription=true"));
    int jobs = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
    for (int j = 0; j < jobs; j++) {
      paths.add("/jobs/job/?id=" + j);
    }
    for (int s = 0; s < 12; s++) {
      paths.add("/stages/stage/?id=" + s + "&attempt=0");
    }
    for (int e = 0; e < 8; e++) {
      paths.add("/SQL/execution/?id=" + e);
      paths.add("/api/v1/applications/" + app + "/sql/" + e + "?details=true&planDescription=true");
    }
    for (String path : paths) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        pages.put(path.replaceAll("[^A-Za-z0-9]+", "_") + ".txt", "HTTP " + r.statusCode() + "\n" + r.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return pages;
  }
}
