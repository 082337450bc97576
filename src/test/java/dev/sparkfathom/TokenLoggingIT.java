package dev.sparkfathom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which ways of passing the token keep it out of the logs with every logger at DEBUG, as the
 * README's "Secrets" section says: each way reads a report and then scans what Spark and the
 * connector logged. One unsafe way is shown leaking, so the capture is known to work.
 */
class TokenLoggingIT {
  private static FathomEmulator emulator;
  private static SparkSession spark;
  private static String site;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    ColumnarDataStore store = new ColumnarDataStore();
    DemoData.generate(store, DemoDataSettings.defaults().withStartDate(LocalDate.of(2024, 3, 1))
        .withDays(3).withPageviewsPerDay(200).withSites(1));
    emulator = FathomEmulator.builder().store(store).token("logs:LOGGED-SECRET-1234:admin")
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).start();
    spark = SparkTestSession.get();
    site = store.sites().get(0).id();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @AfterEach
  void reset() {
    spark.conf().unset("spark.datasource.fathom.token.file");
    spark.conf().unset("spark.datasource.fathom.token");
    spark.catalog().dropTempView("fathom_logged");
  }

  private static final String SECRET = "LOGGED-SECRET-1234";

  /** Everything logged (message and stack) while {@code action} runs with the root logger at DEBUG. */
  static String loggedAtDebug(Runnable action) {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    List<String> lines = new ArrayList<>();
    AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        StringBuilder b = new StringBuilder(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
          StringWriter w = new StringWriter();
          event.getThrown().printStackTrace(new PrintWriter(w));
          b.append('\n').append(w);
        }
        synchronized (lines) {
          lines.add(b.toString());
        }
      }
    };
    capture.start();
    LoggerConfig root = config.getRootLogger();
    Level before = root.getLevel();
    List<LoggerConfig> quieter = config.getLoggers().values().stream().filter(l -> l != root).toList();
    List<Level> quieterLevels = quieter.stream().map(LoggerConfig::getLevel).toList();
    // The console would print thousands of DEBUG lines: it is detached meanwhile.
    java.util.Map<String, org.apache.logging.log4j.core.Appender> consoles = new java.util.HashMap<>(root.getAppenders());
    consoles.keySet().forEach(root::removeAppender);
    root.addAppender(capture, Level.ALL, null);
    root.setLevel(Level.DEBUG);
    quieter.forEach(l -> l.setLevel(Level.DEBUG));
    ctx.updateLoggers();
    try {
      action.run();
    } finally {
      root.removeAppender("capture");
      consoles.values().forEach(a -> root.addAppender(a, null, null));
      root.setLevel(before);
      for (int i = 0; i < quieter.size(); i++) {
        quieter.get(i).setLevel(quieterLevels.get(i));
      }
      ctx.updateLoggers();
      capture.stop();
    }
    synchronized (lines) {
      assertThat(lines).as("DEBUG logging was captured").hasSizeGreaterThan(50);
      return String.join("\n", lines);
    }
  }

  private static Path tokenFile() throws Exception {
    Path f = dir.resolve("fathom-token");
    Files.writeString(f, SECRET + "\n");
    return f;
  }

  private static long read(org.apache.spark.sql.DataFrameReader reader) {
    return reader.format("fathom").option("base_url", emulator.baseUrl()).option("site_id", site)
        .option("aggregates", "pageviews").load().collectAsList().get(0).getLong(0);
  }

  @Test
  void tokenFileOptionOnTheReader() throws Exception {
    Path file = tokenFile();
    long[] pageviews = new long[1];

    String logged = loggedAtDebug(() -> pageviews[0] = read(spark.read().option("token.file", file.toString())));

    assertThat(pageviews[0]).isPositive();
    assertThat(logged).doesNotContain(SECRET);
  }

  @Test
  void tokenFileInSqlOptions() throws Exception {
    Path file = tokenFile();
    long[] pageviews = new long[1];

    String logged = loggedAtDebug(() -> {
      spark.sql("CREATE TEMPORARY VIEW fathom_logged USING fathom OPTIONS (base_url '" + emulator.baseUrl()
          + "', site_id '" + site + "', aggregates 'pageviews', token.file '" + file + "')");
      pageviews[0] = spark.sql("SELECT pageviews FROM fathom_logged").first().getLong(0);
    });

    assertThat(pageviews[0]).isPositive();
    assertThat(logged).contains("token.file").doesNotContain(SECRET);
  }

  @Test
  void tokenFileAsASessionSetting() throws Exception {
    Path file = tokenFile();
    long[] pageviews = new long[1];

    String logged = loggedAtDebug(() -> {
      spark.conf().set("spark.datasource.fathom.token.file", file.toString());
      pageviews[0] = read(spark.read());
    });

    assertThat(pageviews[0]).isPositive();
    assertThat(logged).doesNotContain(SECRET);
  }

  @Test
  void tokenOptionOnTheReader() {
    long[] pageviews = new long[1];

    String logged = loggedAtDebug(() -> pageviews[0] = read(spark.read().option("token", SECRET)));

    assertThat(pageviews[0]).isPositive();
    assertThat(logged).doesNotContain(SECRET);
  }

  @Test
  void tokenAsASessionSettingSetAtRunTime() {
    long[] pageviews = new long[1];

    String logged = loggedAtDebug(() -> {
      spark.conf().set("spark.datasource.fathom.token", SECRET);
      pageviews[0] = read(spark.read());
    });

    assertThat(pageviews[0]).isPositive();
    assertThat(logged).doesNotContain(SECRET);
  }

  @Test
  void aTokenInSqlTextIsLoggedBySparksParserAtDebug() {
    String logged = loggedAtDebug(() -> {
      spark.sql("CREATE TEMPORARY VIEW fathom_logged USING fathom OPTIONS (base_url '" + emulator.baseUrl()
          + "', site_id '" + site + "', aggregates 'pageviews', token '" + SECRET + "')");
      spark.sql("SELECT pageviews FROM fathom_logged").first();
    });

    assertThat(logged).as("the unsafe way: Spark logs the SQL text").contains(SECRET);
  }
}
