package dev.sparkfathom.examples;

import static org.apache.spark.sql.functions.col;

import dev.sparkfathom.FathomMetrics;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import dev.sparkfathom.read.ScanMetrics;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The quickstart: three everyday reports through {@code format("fathom")}, with what each
 * cost in API requests.
 *
 * <p>Without {@code FATHOM_API_TOKEN} it starts a local emulator on 90 days of seeded demo
 * traffic and reads the first demo site. With {@code FATHOM_API_TOKEN} and
 * {@code FATHOM_SITE_ID} set it reads that site from the real API instead (the base URL
 * defaults to Fathom's); nothing else changes.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws Exception {
    String token = System.getenv("FATHOM_API_TOKEN");
    String site = System.getenv("FATHOM_SITE_ID");
    FathomEmulator emulator = null;
    String baseUrl = null;
    if (token == null || site == null) {
      ColumnarDataStore store = new ColumnarDataStore();
      DemoData.generate(store, DemoDataSettings.defaults()
          .withStartDate(LocalDate.now(ZoneOffset.UTC).minusDays(90)).withDays(91));
      emulator = FathomEmulator.builder().store(store).start();
      token = emulator.adminToken();
      site = store.sites().get(0).id();
      baseUrl = emulator.baseUrl();
      System.out.println("Fathom emulator on " + baseUrl + " with " + store.recordCount()
          + " demo records; reading site " + site);
    } else {
      System.out.println("Reading site " + site + " from the Fathom API");
    }

    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName("spark-fathom quickstart")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      run(spark, baseUrl, token, site, LocalDate.now(ZoneOffset.UTC));
    } finally {
      spark.stop();
      if (emulator != null) {
        emulator.close();
      }
    }
  }

  /** One report as printed: its title, its rows and what it cost ({@link FathomMetrics#of}). */
  public record Report(String title, List<Row> rows, Map<String, Long> cost) {}

  /**
   * The three reports over the 30 days up to {@code today}, printed and returned; {@code baseUrl}
   * null for Fathom's own.
   */
  public static List<Report> run(SparkSession spark, String baseUrl, String token, String site, LocalDate today) {
    String from = today.minusDays(29).toString();
    String to = today.toString();
    // 1. A daily series: one row per day, with the site's headline metrics.
    Dataset<Row> daily = fathom(spark, baseUrl, token, site)
        .option("date_grouping", "day")
        .option("aggregates", "pageviews,visits,uniques,bounce_rate")
        .option("date_from", from).option("date_to", to)
        .load()
        .orderBy("date");
    Report first = report("Daily series, last 30 days", daily, 31);

    // 2. Top pages on phones: the device filter is pushed into Fathom's filter JSON, so
    //    Fathom only returns phone traffic; Spark sums per page and keeps the top ten.
    Dataset<Row> topPages = fathom(spark, baseUrl, token, site)
        .option("field_grouping", "pathname,device_type")
        .option("aggregates", "pageviews,visits")
        .option("date_from", from).option("date_to", to)
        .load()
        .filter(col("device_type").equalTo("Phone"))
        .groupBy("pathname").sum("pageviews", "visits")
        .withColumnRenamed("sum(pageviews)", "pageviews").withColumnRenamed("sum(visits)", "visits")
        .orderBy(col("pageviews").desc(), col("pathname"))
        .limit(10);
    Report second = report("Top pages on phones, last 30 days", topPages, 10);

    // 3. Visits by country (null and "un" are Fathom's unknown countries).
    Dataset<Row> countries = fathom(spark, baseUrl, token, site)
        .option("field_grouping", "country_code")
        .option("aggregates", "visits,uniques")
        .option("date_from", from).option("date_to", to)
        .load()
        .orderBy(col("visits").desc(), col("country_code"));
    Report third = report("Visits by country, last 30 days", countries, 25);
    return List.of(first, second, third);
  }

  private static DataFrameReader fathom(SparkSession spark, String baseUrl, String token, String site) {
    DataFrameReader reader = spark.read().format("fathom").option("token", token).option("site_id", site);
    return baseUrl == null ? reader : reader.option("base_url", baseUrl);
  }

  private static Report report(String title, Dataset<Row> df, int rows) {
    System.out.println();
    System.out.println("== " + title);
    // collectAsList runs this very Dataset, so its scan metrics are there to read afterwards
    // (show() would run a derived query of its own).
    List<Row> result = df.collectAsList();
    df.sparkSession().createDataFrame(result, df.schema()).show(rows, false);
    Map<String, Long> cost = FathomMetrics.of(df);
    System.out.println("API requests: " + cost.get(ScanMetrics.REQUESTS)
        + " (retries " + cost.get(ScanMetrics.RETRIES) + ", rows fetched " + cost.get(ScanMetrics.ROWS_FETCHED)
        + ", rows returned " + cost.get(ScanMetrics.ROWS_RETURNED) + ", bytes " + cost.get(ScanMetrics.BYTES)
        + ", site lookups " + cost.get(ScanMetrics.SITE_LOOKUPS) + ")");
    return new Report(title, result, cost);
  }
}
