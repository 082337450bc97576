package dev.sparkfathom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.AggregationRow;
import dev.sparkfathom.client.ApiToken;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import dev.sparkfathom.examples.CatalogReport;
import dev.sparkfathom.examples.SeveralSites;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the examples of {@code examples/java} as a user would (a fresh JVM, the emulator's URL
 * and a token in the environment) against the emulator's demo data, and checks what they print
 * against the emulator's own answers, asked through the Java client with a token of its own, and
 * what they cost against the emulator's request log.
 */
class ExamplesIT {
  private static final LocalDate FROM = LocalDate.of(2024, 3, 25);
  private static final LocalDate TO = LocalDate.of(2024, 3, 31);
  private static final String REPORT_TOKEN = "report-secret-0001";
  private static final String JOBS_TOKEN = "jobs-secret-0002";
  private static final String ORACLE_TOKEN = "oracle-secret-0003";
  private static final Pattern SECTION = Pattern.compile("(?m)^== (.+)$");

  private static ColumnarDataStore store;
  private static FathomEmulator emulator;
  private static FathomClient oracle;

  @BeforeAll
  static void start() throws Exception {
    store = new ColumnarDataStore();
    // Three demo sites in their own timezones, 1 January to 31 March 2024.
    DemoData.generate(store, DemoDataSettings.defaults().withSeed(11)
        .withStartDate(LocalDate.of(2024, 1, 1)).withDays(91).withPageviewsPerDay(800));
    // Request counts are checked exactly: a wide concurrency cap, so that no 429 of the cap
    // (a request arriving just before the emulator released the slot of the answer before)
    // adds a retried request. The rate limit is what is under test.
    emulator = FathomEmulator.builder().store(store)
        .token("report:" + REPORT_TOKEN + ":admin")
        .token("jobs:" + JOBS_TOKEN + ":admin")
        .token("oracle:" + ORACLE_TOKEN + ":admin")
        .rateLimits(new RateLimits(1_000, 5_000)).concurrencyLimit(16).start();
    oracle = FathomClient.create(ClientConfig.defaults(ApiToken.of(ORACLE_TOKEN))
        .withBaseUrl(emulator.baseUrl()).withRateLimits(1_000, 5_000));
  }

  @AfterAll
  static void stop() {
    oracle.close();
    emulator.close();
  }

  @Test
  void theCatalogReportPrintsTheSitesWeekAsFathomAnswersIt(@TempDir Path dir) throws Exception {
    emulator.rateLimits(new RateLimits(1_000, 5_000));
    emulator.clearRequestLog();
    String site = DemoData.DEMO_SITE_ID;
    String out = run(dir, CatalogReport.class, Map.of("FATHOM_API_TOKEN", REPORT_TOKEN,
        "FATHOM_BASE_URL", emulator.baseUrl(), "FATHOM_SITE_ID", site), List.of(),
        List.of(FROM.toString(), TO.toString()));
    assertThat(out).contains("Report for site " + site + ", " + FROM + " to " + TO);
    Map<String, List<List<String>>> tables = tables(out);

    // Top pages: ten rows, each the page's own week, and no page left out beats the tenth.
    Map<List<String>, Number[]> pages = expected(oracle(site).fieldGrouping(Field.PATHNAME)
        .aggregates(Aggregate.PAGEVIEWS, Aggregate.VISITS));
    List<List<String>> top = tables.get("Top pages");
    assertThat(top).hasSize(10);
    assertRowsMatch(top, 1, pages);
    long tenth = Long.parseLong(top.get(9).get(1));
    List<String> shown = top.stream().map(r -> r.get(0)).toList();
    pages.forEach((k, v) -> {
      if (!shown.contains(k.get(0))) {
        assertThat(v[0].longValue()).as("a page not in the top 10: %s", k).isLessThanOrEqualTo(tenth);
      }
    });

    assertRowsMatch(tables.get("Countries"), 1,
        expected(oracle(site).fieldGrouping(Field.COUNTRY_CODE).aggregates(Aggregate.VISITS)));
    assertThat(tables.get("Countries")).hasSize(Math.min(10,
        expected(oracle(site).fieldGrouping(Field.COUNTRY_CODE).aggregates(Aggregate.VISITS)).size()));

    Map<List<String>, Number[]> devices = expected(oracle(site).fieldGrouping(Field.DEVICE_TYPE)
        .aggregates(Aggregate.VISITS, Aggregate.PAGEVIEWS));
    assertThat(tables.get("Devices")).hasSize(devices.size());
    assertRowsMatch(tables.get("Devices"), 1, devices);

    Map<List<String>, Number[]> campaigns = expected(oracle(site).fieldGrouping(Field.UTM_SOURCE, Field.UTM_CAMPAIGN)
        .aggregates(Aggregate.VISITS));
    campaigns.keySet().removeIf(k -> k.get(1) == null);
    assertThat(campaigns).as("the demo data has campaigns").isNotEmpty();
    assertThat(tables.get("Campaigns")).hasSize(Math.min(10, campaigns.size()));
    assertRowsMatch(tables.get("Campaigns"), 2, campaigns);

    Map<List<String>, Number[]> conversions = new HashMap<>();
    for (EventRecord e : store.events(site)) {
      long conv = 0;
      long value = 0;
      for (AggregationRow r : oracle.aggregate(AggregationQuery.event(site, e.name())
          .aggregates(Aggregate.CONVERSIONS, Aggregate.VALUE).dateFrom(FROM.atStartOfDay())
          .dateTo(TO.atTime(23, 59, 59)).build()).rows()) {
        conv += r.metrics()[0].longValue();
        value += r.metrics()[1].longValue();
      }
      if (conv > 0) {
        conversions.put(List.of(e.name()), new Number[] {conv, value});
      }
    }
    assertThat(tables.get("Conversions")).hasSize(conversions.size());
    assertRowsMatch(tables.get("Conversions"), 1, conversions);

    // Cost: the four panel queries are one request each (GROUP BY, filters and top-N pushed);
    // conversions is one request per event.
    List<String> costs = Pattern.compile("(?m)^Fathom requests: (\\d+)$").matcher(out).results()
        .map(m -> m.group(1)).toList();
    int events = store.events(site).size();
    assertThat(costs).containsExactly("1", "1", "1", "1", String.valueOf(events));
    List<RequestLogEntry> aggregations = aggregations("report");
    assertThat(aggregations).hasSize(4 + events).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
  }

  @Test
  void severalSitesReadInOneJobStayWithinOneBudget(@TempDir Path dir) throws Exception {
    int perMinute = 6;
    emulator.rateLimits(new RateLimits(perMinute, 5_000));
    emulator.clearRequestLog();
    LocalDate from = LocalDate.of(2024, 1, 1);
    LocalDate to = LocalDate.of(2024, 3, 31);
    String out = run(dir, SeveralSites.class, Map.of("FATHOM_API_TOKEN", JOBS_TOKEN,
        "FATHOM_BASE_URL", emulator.baseUrl()),
        List.of("-Dspark.datasource.fathom.rate.aggregations_per_minute=" + perMinute),
        List.of(from.toString(), to.toString()));

    List<String> sites = store.sites().stream().map(SiteRecord::id).sorted().toList();
    assertThat(sites).hasSizeGreaterThanOrEqualTo(3);
    assertThat(out).contains("Sites: " + sites + "; " + from + " to " + to);
    List<List<String>> perSite = tables(out).get("Per site");
    assertThat(perSite).extracting(r -> r.get(0)).containsExactlyElementsOf(sites);
    for (List<String> row : perSite) {
      List<AggregationRow> days = oracle.aggregate(AggregationQuery.pageviews(row.get(0))
          .aggregates(Aggregate.PAGEVIEWS, Aggregate.VISITS).dateGrouping(DateGrouping.DAY)
          .dateFrom(from.atStartOfDay()).dateTo(to.atTime(23, 59, 59)).build()).rows();
      long pageviews = days.stream().mapToLong(r -> r.metrics()[0].longValue()).sum();
      long visits = days.stream().mapToLong(r -> r.metrics()[1].longValue()).sum();
      assertThat(row).as("site %s: days, pageviews, visits", row.get(0))
          .containsExactly(row.get(0), String.valueOf(days.size()), String.valueOf(pageviews), String.valueOf(visits));
      assertThat(pageviews).isPositive();
    }

    // The budget: more requests than the rate allows in a minute, none answered 429, and no
    // rolling minute of the emulator's log holding more than the rate.
    List<RequestLogEntry> sent = aggregations("jobs");
    int planned = sites.size() * SeveralSites.PARTITIONS_PER_SITE;
    assertThat(sent).hasSize(planned).hasSizeGreaterThan(perMinute);
    assertThat(sent).allSatisfy(e -> assertThat(e.status()).as("status of %s", e).isEqualTo(200));
    for (RequestLogEntry first : sent) {
      long inMinute = sent.stream().filter(e -> !e.time().isBefore(first.time())
          && e.time().isBefore(first.time().plus(Duration.ofSeconds(60)))).count();
      assertThat(inMinute).as("requests in the minute from %s", first.time()).isLessThanOrEqualTo(perMinute);
    }
    assertThat(out).contains("aggregation requests: " + planned + " (follow-ups 0)", "429 answers: 0",
        "retries: 0");
    Matcher waited = Pattern.compile("waited for rate budget: (\\d+) s in all").matcher(out);
    assertThat(waited.find()).as("the wait line in:%n%s", out).isTrue();
    assertThat(Long.parseLong(waited.group(1))).as("the requests over the minute's rate waited").isPositive();
  }

  private static AggregationQuery.Builder oracle(String site) {
    return AggregationQuery.pageviews(site).dateFrom(FROM.atStartOfDay()).dateTo(TO.atTime(23, 59, 59)).limit(1000);
  }

  /** The emulator's answer, keyed by its grouping fields (each answer must be whole). */
  private static Map<List<String>, Number[]> expected(AggregationQuery.Builder query) {
    List<AggregationRow> rows = oracle.aggregate(query.build()).rows();
    assertThat(rows).as("an oracle answer under its cap").hasSizeLessThan(1000);
    Map<List<String>, Number[]> out = new HashMap<>();
    for (AggregationRow r : rows) {
      out.put(Arrays.asList(r.fields()), r.metrics());
    }
    return out;
  }

  /** Each printed row's first {@code keys} cells name a group whose metrics are the rest. */
  private static void assertRowsMatch(List<List<String>> rows, int keys, Map<List<String>, Number[]> expected) {
    assertThat(rows).isNotEmpty();
    for (List<String> row : rows) {
      List<String> key = row.subList(0, keys);
      assertThat(expected).as("a printed group the emulator knows").containsKey(key);
      List<String> metrics = Arrays.stream(expected.get(key)).map(n -> String.valueOf(n.longValue())).toList();
      assertThat(row.subList(keys, row.size())).as("metrics of %s", key).isEqualTo(metrics);
    }
  }

  private static List<RequestLogEntry> aggregations(String tokenName) {
    return emulator.requestLog().stream()
        .filter(e -> e.path().endsWith("/aggregations") && Objects.equals(e.tokenName(), tokenName)).toList();
  }

  /** The tables {@code show()} printed after each {@code == Title} line: data rows, cells trimmed, nulls as null. */
  static Map<String, List<List<String>>> tables(String out) {
    Map<String, List<List<String>>> tables = new HashMap<>();
    Matcher m = SECTION.matcher(out);
    while (m.find()) {
      List<List<String>> rows = new ArrayList<>();
      boolean header = true;
      for (String line : out.substring(m.end()).strip().split("\n")) {
        if (line.startsWith("+")) {
          continue;
        }
        if (!line.startsWith("|")) {
          break;
        }
        if (header) {
          header = false;
          continue;
        }
        List<String> cells = new ArrayList<>();
        for (String c : line.substring(1, line.length() - 1).split("\\|", -1)) {
          String v = c.strip();
          cells.add(v.equals("NULL") || v.equals("null") ? null : v);
        }
        rows.add(cells);
      }
      tables.put(m.group(1), rows);
    }
    return tables;
  }

  /** Runs an example's main in a fresh JVM with the test class path; its output, once it exited 0. */
  private static String run(Path dir, Class<?> example, Map<String, String> env, List<String> jvmArgs,
      List<String> args) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions"))
        .forEach(command::add);
    command.addAll(List.of("-Xmx1g", "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
        "-Dlog4j2.configurationFile=log4j2-test.properties"));
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classpath + File.pathSeparator + dir, example.getName()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("FATHOM_"));
    pb.environment().putAll(env);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Path log = dir.resolve("output.txt");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    // About a minute each on an idle machine; generous, as the build machine may be shared.
    boolean done = p.waitFor(15, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(done).as("%s finished in 15 minutes", example.getSimpleName()).isTrue();
    assertThat(p.exitValue()).as("exit status; output:%n%s", output).isZero();
    return output;
  }
}
