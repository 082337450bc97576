package dev.sparkfathom;

import org.apache.spark.sql.SparkSession;

/** The one local Spark session of a test JVM (starting one takes seconds). */
public final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("spark-fathom-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          // Catalog tables of the tests (CREATE TABLE ... USING fathom) stay out of the worktree.
          .config("spark.sql.warehouse.dir", "target/spark-warehouse")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }
}
