package dev.sparkfathom.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.sparkfathom.FathomMetrics;
import dev.sparkfathom.read.ScanMetrics;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One job reading several sites of one account under one rate budget: a daily series per site,
 * read in parallel (three date windows per site) as one Spark job, then each site's days and
 * totals, and what the job cost in requests, 429 answers and time waiting for budget.
 *
 * <p>All the reads use one token, so they share the one budget coordinator of the application:
 * every request, whichever site and task it belongs to, leases its slot from it, and the job as a
 * whole stays within {@code rate.aggregations_per_minute} (Fathom's 10 a minute by default; set
 * {@code spark.datasource.fathom.rate.aggregations_per_minute} to change it, e.g. with
 * {@code -Dspark.datasource.fathom.rate.aggregations_per_minute=6}).
 * <pre>{@code
 * FATHOM_API_TOKEN=... [FATHOM_BASE_URL=http://127.0.0.1:8080/v1] [FATHOM_SITE_IDS=CDBUGS,ABCDEF] \
 *   mvn -q -DskipTests package exec:exec@example -Dexample=SeveralSites -Dexample.args="2024-01-01 2024-03-31"
 * }</pre>
 * Without {@code FATHOM_SITE_IDS}, every site the token can read (the catalog's
 * {@code fathom.sites} table, one entity request); without arguments, the last 90 days (UTC).
 */
public final class SeveralSites {
  /** Date windows (Spark partitions, one request each) per site. */
  public static final int PARTITIONS_PER_SITE = 3;

  private SeveralSites() {}

  public static void main(String[] args) {
    String token = System.getenv("FATHOM_API_TOKEN");
    if (token == null || token.isBlank()) {
      System.err.println("SeveralSites: set FATHOM_API_TOKEN (and FATHOM_BASE_URL for the emulator)");
      System.exit(2);
    }
    if (args.length != 0 && args.length != 2) {
      System.err.println("SeveralSites: arguments are FROM TO (YYYY-MM-DD), or none for the last 90 days");
      System.exit(2);
    }
    LocalDate to = args.length == 2 ? LocalDate.parse(args[1]) : LocalDate.now(ZoneOffset.UTC);
    LocalDate from = args.length == 2 ? LocalDate.parse(args[0]) : to.minusDays(89);
    String baseUrl = System.getenv("FATHOM_BASE_URL");

    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName("spark-fathom several sites")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      List<String> sites = new ArrayList<>();
      String listed = System.getenv("FATHOM_SITE_IDS");
      if (listed != null && !listed.isBlank()) {
        Arrays.stream(listed.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(sites::add);
      } else {
        reader(spark, token, baseUrl).option("resource", "sites").load().select("id").orderBy("id")
            .collectAsList().forEach(r -> sites.add(r.getString(0)));
      }
      System.out.println("Sites: " + sites + "; " + from + " to " + to + ", " + PARTITIONS_PER_SITE
          + " windows each");

      // One Dataset: the union of the sites' daily series, so one action reads them all, in
      // parallel, every request leasing from the application's one budget.
      Dataset<Row> all = null;
      for (String site : sites) {
        Dataset<Row> daily = reader(spark, token, baseUrl)
            .option("site_id", site)
            .option("date_grouping", "day")
            .option("aggregates", "pageviews,visits")
            .option("date_from", from.toString())
            .option("date_to", to.toString())
            .option("partitions", String.valueOf(PARTITIONS_PER_SITE))
            .load()
            .select(lit(site).as("site"), col("date"), col("pageviews"), col("visits"));
        all = all == null ? daily : all.unionByName(daily);
      }
      if (all == null) {
        System.out.println("The token can read no site.");
        return;
      }
      long started = System.nanoTime();
      List<Row> rows = all.collectAsList();
      long seconds = Math.round((System.nanoTime() - started) / 1e9);

      System.out.println();
      System.out.println("== Per site");
      spark.createDataFrame(rows, all.schema())
          .groupBy("site")
          .agg(count(lit(1)).as("days"), sum("pageviews").as("pageviews"), sum("visits").as("visits"))
          .orderBy("site")
          .show(sites.size(), false);

      Map<String, Long> cost = FathomMetrics.of(all);
      System.out.println("== Cost");
      System.out.println("aggregation requests: " + cost.get(ScanMetrics.REQUESTS)
          + " (follow-ups " + cost.get(ScanMetrics.FOLLOW_UPS) + ")");
      System.out.println("429 answers: " + cost.get(ScanMetrics.RATE_LIMITED));
      System.out.println("retries: " + cost.get(ScanMetrics.RETRIES));
      System.out.println("waited for rate budget: " + cost.get(ScanMetrics.BUDGET_WAIT_MS) / 1000 + " s in all");
      System.out.println("wall time: " + seconds + " s");
    } finally {
      spark.stop();
    }
  }

  private static DataFrameReader reader(SparkSession spark, String token, String baseUrl) {
    DataFrameReader r = spark.read().format("fathom").option("token", token);
    return baseUrl == null || baseUrl.isBlank() ? r : r.option("base_url", baseUrl);
  }
}
