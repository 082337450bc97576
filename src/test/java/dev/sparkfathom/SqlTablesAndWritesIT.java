package dev.sparkfathom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A report as a named table of Spark's session catalog, writes to the read-only source, and
 * the option checks a user meets in SQL and through session settings, against the emulator.
 */
class SqlTablesAndWritesIT {
  private static FathomEmulator emulator;
  private static SparkSession spark;
  private static String site;

  @BeforeAll
  static void start() throws Exception {
    ColumnarDataStore store = new ColumnarDataStore();
    DemoData.generate(store, DemoDataSettings.defaults().withStartDate(LocalDate.of(2024, 3, 1))
        .withDays(10).withPageviewsPerDay(400).withSites(2));
    emulator = FathomEmulator.builder().concurrencyLimit(64).store(store).rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    spark = SparkTestSession.get();
    site = store.sites().get(0).id();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void clearLog() {
    emulator.clearRequestLog();
  }

  @AfterEach
  void dropTables() {
    for (String t : List.of("fathom_daily", "fathom_located", "fathom_props", "fathom_copy")) {
      spark.sql("DROP TABLE IF EXISTS " + t);
    }
    spark.conf().unset("spark.datasource.fathom.aggregate");
    spark.conf().unset("spark.datasource.fathom.partitions");
  }

  private static String options() {
    return "base_url '" + emulator.baseUrl() + "', token '" + emulator.adminToken() + "', site_id '"
        + site + "', date_grouping 'day', field_grouping 'device_type', aggregates 'pageviews,visits',"
        + " date_from '2024-03-01', date_to '2024-03-10'";
  }

  private static List<String> sorted(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().toList();
  }

  private static long aggregations() {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).count();
  }

  @Test
  void aReportIsANamedTableOfTheSessionCatalog() {
    spark.sql("CREATE TABLE fathom_daily USING fathom OPTIONS (" + options() + ")");
    assertThat(aggregations()).as("creating the table asks nothing").isZero();

    List<Row> fromTable = spark.sql("SELECT * FROM fathom_daily").collectAsList();

    List<Row> direct = spark.read().format("fathom")
        .option("base_url", emulator.baseUrl()).option("token", emulator.adminToken())
        .option("site_id", site).option("date_grouping", "day").option("field_grouping", "device_type")
        .option("aggregates", "pageviews,visits").option("date_from", "2024-03-01")
        .option("date_to", "2024-03-10").load().collectAsList();
    assertThat(fromTable).isNotEmpty();
    assertThat(sorted(fromTable)).isEqualTo(sorted(direct));
    assertThat(spark.table("fathom_daily").schema().fieldNames())
        .containsExactly("device_type", "date", "pageviews", "visits");
    List<Row> phones = spark.sql("SELECT date, pageviews FROM fathom_daily WHERE device_type = 'Phone'"
        + " AND date >= DATE'2024-03-05'").collectAsList();
    assertThat(phones).hasSize(6);
  }

  @Test
  void sparksOwnTablePropertiesAreAcceptedAndTheTokenIsNotShown() {
    spark.sql("CREATE TABLE fathom_located USING fathom OPTIONS (" + options() + ")"
        + " COMMENT 'daily pageviews by device' LOCATION '" + System.getProperty("java.io.tmpdir")
        + "/fathom_located'");

    assertThat(spark.sql("SELECT sum(pageviews) FROM fathom_located").first().getLong(0)).isPositive();
    String described = sorted(spark.sql("DESCRIBE TABLE EXTENDED fathom_located").collectAsList()).toString()
        + spark.sql("SHOW CREATE TABLE fathom_located").first().getString(0);
    assertThat(described).contains("fathom_located").doesNotContain(emulator.adminToken());
  }

  @Test
  void aTablePropertyIsNotTakenForAnOption() {
    assertThatThrownBy(() -> spark.sql("CREATE TABLE fathom_props USING fathom OPTIONS (" + options() + ")"
        + " TBLPROPERTIES ('timezone' = 'Europe/Berlin')"))
        .hasMessageContaining("table property 'timezone' of a fathom table: give the report's settings in"
            + " OPTIONS (...), not TBLPROPERTIES");
  }

  @Test
  void aWriteSaysTheSourceIsReadOnlyAndAsksNothing() {
    for (String mode : List.of("append", "overwrite", "errorifexists", "ignore")) {
      assertThatThrownBy(() -> spark.range(3).write().format("fathom").option("site_id", site)
          .option("token", emulator.adminToken()).option("base_url", emulator.baseUrl()).mode(mode).save())
          .as(mode).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageStartingWith("format(\"fathom\") is read-only: a Fathom report cannot be written to"
              + " (save mode ");
    }
    assertThat(emulator.requestLog()).isEmpty();
  }

  @Test
  void anInsertIntoAReportTableIsRefusedBySpark() {
    spark.sql("CREATE TABLE fathom_copy USING fathom OPTIONS (" + options() + ")");

    assertThatThrownBy(() -> spark.sql("INSERT INTO fathom_copy SELECT * FROM fathom_copy"))
        .hasMessageContaining("does not support append in batch mode");
    assertThat(aggregations()).isZero();
  }

  @Test
  void aUserSchemaThatDoesNotFitStillFailsAtLoad() {
    assertThatThrownBy(() -> spark.read().format("fathom").schema("visits INT")
        .option("site_id", site).option("token", emulator.adminToken()).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the given schema does not fit the report: column 'visits' is bigint, not int");
  }

  @Test
  void aTypoInASessionSettingSaysItCameFromTheSession() {
    spark.conf().set("spark.datasource.fathom.aggregate", "visits");

    assertThatThrownBy(() -> spark.read().format("fathom").option("site_id", site)
        .option("token", emulator.adminToken()).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown option 'aggregate' (from the session setting"
            + " spark.datasource.fathom.aggregate); accepted: ");
  }

  @Test
  void partitionsWithoutDateGroupingFailsAtLoadUnlessItIsASessionDefault() {
    assertThatThrownBy(() -> spark.read().format("fathom").option("site_id", site)
        .option("token", emulator.adminToken()).option("partitions", "4").load())
        .hasMessageStartingWith("'partitions' applies only to date-grouped reads");

    spark.conf().set("spark.datasource.fathom.partitions", "4");
    long rows = spark.read().format("fathom").option("site_id", site).option("base_url", emulator.baseUrl())
        .option("token", emulator.adminToken()).option("aggregates", "visits").load().count();
    assertThat(rows).isEqualTo(1);
  }

  @Test
  void aNonAsciiTokenFailsAtLoadWithoutShowingIt() {
    assertThatThrownBy(() -> spark.read().format("fathom").option("site_id", site)
        .option("token", "s\u00e9cret-token").load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'token': the API token must hold only printable ASCII characters (it is sent in an"
            + " HTTP header); character 2 of 12 is not");
    assertThat(emulator.requestLog()).isEmpty();
  }
}
