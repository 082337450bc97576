package dev.sparkfathom.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.AggregationRow;
import dev.sparkfathom.client.ApiToken;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.model.PageRequest;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.SiteRecord;
import dev.sparkfathom.emulator.engine.EngineQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's command line in this JVM: {@link EmulatorMain#start} with parsed flags (as
 * {@link EmulatorMain#run} does before it blocks), then the typed client with the base URL and
 * token the CLI printed. Usage errors go through {@code run}, which returns without blocking.
 */
class EmulatorCliIT {
  private static final Pattern URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/v1)");
  private static final Pattern TOKEN = Pattern.compile("shown once\\): (\\S+)");

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private static EmulatorMain main() {
    return new EmulatorMain(ColumnarDataStore::new, EmulatorMain::loadDemoData,
        EmulatorMain::startLiveFeed);
  }

  private EmulatorMain.Running start(String... args) throws Exception {
    return main().start(EmulatorOptions.parse(args), out);
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as("'%s' in:%n%s", p, text).isTrue();
    return m.group(1);
  }

  private static FathomClient client(String baseUrl, String token) {
    // The emulator CLI answers as the docs page did: the client speaks that revision.
    return FathomClient.create(ClientConfig.defaults(ApiToken.of(token)).withBaseUrl(baseUrl)
        .withApiVersion(ApiVersion.LEGACY)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20)));
  }

  @Test
  void demoDataRunPrintsAUrlAndTokenTheClientCanUse() throws Exception {
    try (EmulatorMain.Running running = start("--port", "0", "--days", "3",
        "--pageviews-per-day", "500", "--seed", "1")) {
      String text = printed();
      String baseUrl = group(URL, text);
      String token = group(TOKEN, text);
      assertThat(text).contains("demo data, seed 1, 3 days x 500 pageviews/day")
          .contains("Style: observed; limits: 10 aggregations/min, 2000 other requests/hour per token");
      assertThat(baseUrl).isEqualTo(running.emulator().baseUrl());
      FathomClient client = client(baseUrl, token);

      List<Site> sites = client.listSites(PageRequest.FIRST).data();
      assertThat(sites).extracting(Site::id)
          .isEqualTo(running.emulator().store().sites().stream().map(SiteRecord::id).toList())
          .hasSize(3);

      AggregationQuery q = AggregationQuery.builder(Entity.PAGEVIEW, sites.get(0).id())
          .apiVersion(ApiVersion.LEGACY).aggregates(Aggregate.PAGEVIEWS, Aggregate.VISITS).build();
      long t = System.nanoTime();
      List<AggregationRow> rows = client.aggregate(q).rows();
      System.out.printf("CLI emulator: first aggregation in %.1f ms%n", (System.nanoTime() - t) / 1e6);
      long total = running.emulator().store().aggregate(new EngineQuery(Entity.PAGEVIEW,
          sites.get(0).id(), List.of(Aggregate.PAGEVIEWS, Aggregate.VISITS), List.of(), null,
          ZoneOffset.UTC, null, running.emulator().clock().instant(), List.of(), null, null))
          .get(0).metrics()[0].longValue();
      assertThat(total).as("3 days of about 500 a day, the first site the busiest").isBetween(300L, 1500L);
      assertThat(rows).singleElement().satisfies(r -> assertThat(r.metrics()[0]).isEqualTo(total));
    }
  }

  @Test
  void dataFileReplacesTheDemoData(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("small.jsonl");
    Files.writeString(file, """
        {"type":"site","id":"TESTAA","name":"From a file","sharing":"public","created_at":"2024-01-01 00:00:00"}
        {"type":"event","id":"signup","site_id":"TESTAA","name":"Signup","created_at":"2024-01-02 00:00:00"}
        {"type":"pageview","site_id":"TESTAA","timestamp":"2024-01-03T10:00:00Z","pathname":"/a","new_session":true,"unique":true,"bounce":false,"duration":30}
        {"type":"pageview","site_id":"TESTAA","timestamp":"2024-01-03T10:01:00Z","pathname":"/a","new_session":false,"unique":false,"bounce":false,"duration":10}
        {"type":"pageview","site_id":"TESTAA","timestamp":"2024-01-03T11:00:00Z","pathname":"/b","new_session":true,"unique":true,"bounce":true,"duration":0}
        {"type":"conversion","site_id":"TESTAA","event_id":"signup","timestamp":"2024-01-03T10:02:00Z","unique":true,"value":250}
        """);
    try (EmulatorMain.Running running = start("--port=0", "--api", "legacy", "--data",
        file.toString())) {
      String text = printed();
      assertThat(text).contains("Data: 1 sites, 4 records (loaded from " + file + ")");
      FathomClient client = client(group(URL, text), group(TOKEN, text));

      assertThat(client.listSites(PageRequest.FIRST).data())
          .containsExactly(new Site("TESTAA", "From a file", "public", "2024-01-01 00:00:00"));
      List<AggregationRow> rows = client.aggregate(AggregationQuery.builder(Entity.PAGEVIEW, "TESTAA")
          .apiVersion(ApiVersion.LEGACY).aggregates(Aggregate.PAGEVIEWS, Aggregate.VISITS).fieldGrouping(Field.PATHNAME).build()).rows();
      assertThat(rows).containsExactlyInAnyOrder(
          new AggregationRow(null, new String[] {"/a"}, new Number[] {2L, 1L}),
          new AggregationRow(null, new String[] {"/b"}, new Number[] {1L, 1L}));
      List<AggregationRow> value = client.aggregate(AggregationQuery.builder(Entity.EVENT, "signup")
          .apiVersion(ApiVersion.LEGACY).aggregates(Aggregate.CONVERSIONS, Aggregate.VALUE).build()).rows();
      assertThat(value).containsExactly(new AggregationRow(null, new String[0], new Number[] {1L, 250L}));
    }
  }

  @Test
  void documentedStyleAnswersTheListObjectAndTheClientDecodesIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("one.jsonl");
    Files.writeString(file, """
        {"type":"site","id":"DOCSAA","name":"Docs","created_at":"2024-01-01 00:00:00"}
        {"type":"pageview","site_id":"DOCSAA","timestamp":"2024-01-03T10:00:00Z","pathname":"/","new_session":true,"unique":true,"bounce":true,"duration":0}
        """);
    try (EmulatorMain.Running running = start("--port", "0", "--style", "documented",
        "--token", "ci:ci-secret-123:read", "--data", file.toString())) {
      String text = printed();
      assertThat(text).contains("Tokens (secrets as given on the command line): ci (read)")
          .doesNotContain("ci-secret-123")
          .contains("Style: documented;");
      String baseUrl = group(URL, text);

      HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
              baseUrl + "/aggregations?entity=pageview&entity_id=DOCSAA&aggregates=pageviews,bounce_rate"))
          .header("Authorization", "Bearer ci-secret-123").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(raw.body()).isEqualTo("{\"object\":\"list\",\"url\":\"/v1/aggregations\","
          + "\"has_more\":false,\"data\":[{\"pageviews\":1,\"bounce_rate\":1.0}]}");

      List<AggregationRow> rows = client(baseUrl, "ci-secret-123").aggregate(AggregationQuery
          .builder(Entity.PAGEVIEW, "DOCSAA").apiVersion(ApiVersion.LEGACY).aggregates(Aggregate.PAGEVIEWS, Aggregate.BOUNCE_RATE)
          .build()).rows();
      assertThat(rows).containsExactly(new AggregationRow(null, new String[0], new Number[] {1L, 1.0}));
    }
  }

  @Test
  void unknownFlagExitsWithTwoNamingTheFlag() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = main().run(new String[] {"--port", "0", "--colour", "blue"}, out,
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("fathom-emulator: unknown flag '--colour'; see --help" + System.lineSeparator());
    assertThat(printed()).isEmpty();
  }

  @Test
  void badFlagValueExitsWithTwoNamingTheFlagAndWhatItAccepts() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = main().run(new String[] {"--days", "0"}, out, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "fathom-emulator: --days must be a whole number from 1 to 3660; got: '0'" + System.lineSeparator());
  }

  @Test
  void badDataFileExitsWithOneNamingTheFileAndLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, """
        {"type":"site","id":"BADAAA","name":"Bad","created_at":"2024-01-01 00:00:00"}
        {"type":"pageview","site_id":"NOSITE","timestamp":"2024-01-03T10:00:00Z","new_session":true,"unique":true,"bounce":true,"duration":0}
        """);
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = main().run(new String[] {"--port", "0", "--data", file.toString()}, out,
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("fathom-emulator: --data " + file
        + ": line 2: a pageview for unknown site 'NOSITE' (define the site on an earlier line)"
        + System.lineSeparator());
  }

  @Test
  void helpPrintsUsageAndExitsWithZero() {
    int code = main().run(new String[] {"--help"}, out, out);

    assertThat(code).isZero();
    assertThat(printed()).isEqualTo(EmulatorOptions.USAGE);
  }
}
