package dev.sparkfathom.examples;

import dev.sparkfathom.FathomMetrics;
import dev.sparkfathom.read.ScanMetrics;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A weekly report in SQL over the Fathom catalog ({@code FathomCatalog}): top pages, countries,
 * devices, campaigns and conversions of one site over a date range, each with the Fathom
 * requests it cost.
 *
 * <p>Run against the emulator or the real API:
 * <pre>{@code
 * FATHOM_API_TOKEN=... [FATHOM_BASE_URL=http://127.0.0.1:8080/v1] [FATHOM_SITE_ID=CDBUGS] \
 *   mvn -q -DskipTests package exec:exec@example -Dexample=CatalogReport -Dexample.args="2024-03-25 2024-03-31"
 * }</pre>
 * Without {@code FATHOM_BASE_URL} it reads Fathom's own API; without {@code FATHOM_SITE_ID}, the
 * first site the token can read; without arguments, the last seven days up to yesterday (UTC).
 */
public final class CatalogReport {
  private CatalogReport() {}

  public static void main(String[] args) {
    String token = System.getenv("FATHOM_API_TOKEN");
    if (token == null || token.isBlank()) {
      System.err.println("CatalogReport: set FATHOM_API_TOKEN (and FATHOM_BASE_URL for the emulator)");
      System.exit(2);
    }
    if (args.length != 0 && args.length != 2) {
      System.err.println("CatalogReport: arguments are FROM TO (YYYY-MM-DD), or none for the last 7 days");
      System.exit(2);
    }
    LocalDate to = args.length == 2 ? LocalDate.parse(args[1]) : LocalDate.now(ZoneOffset.UTC).minusDays(1);
    LocalDate from = args.length == 2 ? LocalDate.parse(args[0]) : to.minusDays(6);

    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName("spark-fathom catalog report")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      // The catalog; the token is set at run time, so Spark never logs it.
      spark.conf().set("spark.sql.catalog.fathom", "dev.sparkfathom.catalog.FathomCatalog");
      spark.conf().set("spark.sql.catalog.fathom.token", token);
      String baseUrl = System.getenv("FATHOM_BASE_URL");
      if (baseUrl != null && !baseUrl.isBlank()) {
        spark.conf().set("spark.sql.catalog.fathom.base_url", baseUrl);
      }
      String site = System.getenv("FATHOM_SITE_ID");
      if (site == null || site.isBlank()) {
        site = spark.sql("SHOW NAMESPACES IN fathom").first().getString(0);
      }
      spark.sql("USE fathom." + site);
      System.out.println("Report for site " + site + ", " + from + " to " + to);
      Map<String, Object> range = Map.of("from", from, "to", to);

      report(spark, "Top pages", """
          SELECT pathname, SUM(pageviews) AS pageviews, SUM(visits) AS visits FROM pages
          WHERE date BETWEEN :from AND :to GROUP BY pathname ORDER BY pageviews DESC LIMIT 10""", range);
      report(spark, "Countries", """
          SELECT country_code, SUM(visits) AS visits FROM locations
          WHERE date BETWEEN :from AND :to GROUP BY country_code ORDER BY visits DESC LIMIT 10""", range);
      report(spark, "Devices", """
          SELECT device_type, SUM(visits) AS visits, SUM(pageviews) AS pageviews FROM devices
          WHERE date BETWEEN :from AND :to GROUP BY device_type ORDER BY visits DESC""", range);
      report(spark, "Campaigns", """
          SELECT utm_source, utm_campaign, SUM(visits) AS visits FROM campaigns
          WHERE date BETWEEN :from AND :to AND utm_campaign IS NOT NULL
          GROUP BY utm_source, utm_campaign ORDER BY visits DESC LIMIT 10""", range);
      report(spark, "Conversions", """
          SELECT event, SUM(conversions) AS conversions, SUM(value) AS value_cents FROM conversions
          WHERE date BETWEEN :from AND :to GROUP BY event ORDER BY event""", range);
    } finally {
      spark.stop();
    }
  }

  private static void report(SparkSession spark, String title, String sql, Map<String, Object> args) {
    System.out.println();
    System.out.println("== " + title);
    Dataset<Row> query = spark.sql(sql, args);
    // collectAsList runs this very Dataset, so its scan metrics are there to read afterwards.
    List<Row> rows = query.collectAsList();
    spark.createDataFrame(rows, query.schema()).show(rows.size(), false);
    System.out.println("Fathom requests: " + FathomMetrics.of(query).get(ScanMetrics.REQUESTS));
  }
}
