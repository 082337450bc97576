import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Run by .ci/packages-check through spark-submit with --packages: a job that knows the
 * connector only by its format name. Prints where the data source class came from (the jar
 * Ivy fetched) and a total read from the emulator.
 */
public final class PackagesCheck {
  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    String token = args[1];
    String site = args[2];
    SparkSession spark = SparkSession.builder().appName("packages-check").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    List<Row> rows = spark.read().format("fathom")
        .option("base_url", baseUrl).option("token", token).option("site_id", site)
        .option("aggregates", "pageviews,visits").load().collectAsList();
    Class<?> source = Class.forName("dev.sparkfathom.FathomDataSource", false,
        Thread.currentThread().getContextClassLoader());
    System.out.println("connector from: " + source.getProtectionDomain().getCodeSource().getLocation());
    System.out.println("rows: " + rows);
    spark.stop();
  }
}
