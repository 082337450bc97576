package dev.sparkfathom.read;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ReadSmokeIT {
  @Test
  void smoke() throws Exception {
    ColumnarDataStore store = new ColumnarDataStore();
    DemoData.generate(store, DemoDataSettings.defaults().withDays(30).withPageviewsPerDay(2000));
    String site = store.sites().get(0).id();
    try (FathomEmulator emu = FathomEmulator.builder().store(store).rateLimits(new RateLimits(100000, 100000)).start()) {
      SparkSession spark = SparkTestSession.get();
      Dataset<Row> df = spark.read().format("fathom")
          .option("base_url", emu.baseUrl()).option("token", emu.adminToken())
          .option("site_id", site).option("date_grouping", "day").option("field_grouping", "pathname")
          .option("date_from", "2024-01-01").option("date_to", "2024-01-20").option("partitions", "3")
          .option("rate.aggregations_per_minute", "10000")
          .load();
      Dataset<Row> q = df.filter("pathname = '/' and date >= '2024-01-05'").select("date", "pageviews");
      q.explain(true);
      q.show(50, false);
      emu.requestLog().forEach(System.out::println);
    }
  }
}
