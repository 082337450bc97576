package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.client.ApiToken;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.FathomException;
import dev.sparkfathom.client.model.PageRequest;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.server.EmulatorClock;
import dev.sparkfathom.emulator.server.FaultSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix: every read of {@link #reads()} (Spark reads of one and many windows, of
 * pageviews and events, with pushed filters and aggregates; entity reads through the client)
 * under each fault the emulator injects, at a rate high enough that some reads run out of
 * retries ({@code max_retries} 2). Each read either returns exactly what it returns without
 * faults (same rows, each once) or fails with a clear error: the connector's
 * {@link FathomReadException} naming the window, the HTTP status and Fathom's own message (or
 * what went wrong with the body or the connection), never the token. Prints the counts; the
 * number of wrong results must be 0.
 *
 * <p>Reads past today's row cap run against a second emulator that answers today's API
 * ({@code api=current}, a small {@code request.row_limit}): continuation in time and value
 * splits ({@code read.cap}), in one window, several windows, events by name. Each fault is set
 * on both emulators, and both logs count the faults injected. A cap read must go past the cap
 * when there is no fault (more requests than windows), or it would not test the follow-ups.
 */
class FaultMatrixIT {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final String RETRIES = "2";
  private static TestAccount account;
  private static FathomEmulator emulator;
  /** The emulator answering today's API, with its row cap, for the reads past the cap. */
  private static FathomEmulator today;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    account = TestAccount.shared();
    emulator = FathomEmulator.builder().api(ApiVersion.LEGACY).store(account.store)
        .clock(EmulatorClock.fixedAt(T0)).rateLimits(new RateLimits(1_000_000, 1_000_000))
        .threads(8).start();
    today = FathomEmulator.builder().api(ApiVersion.CURRENT).store(account.store)
        .clock(EmulatorClock.fixedAt(T0)).rateLimits(new RateLimits(1_000_000, 1_000_000))
        .concurrencyLimit(64).threads(8).start();
    spark = SparkTestSession.get();
  }

  @AfterAll
  static void stop() {
    emulator.close();
    today.close();
  }

  /**
   * One read: a name and how to run it, giving its rows as sorted text; {@code windows} is the
   * number of windows of a read past today's row cap (0 for the others).
   */
  record Read(String name, Function<FathomEmulator, List<String>> run, int windows) {
    Read(String name, Function<FathomEmulator, List<String>> run) {
      this(name, run, 0);
    }
  }

  /** A read of today's API past the row cap, planned as {@code windows} windows. */
  private static Read pastTheCap(String name, int windows, String... pairs) {
    return new Read(name, e -> {
      Map<String, String> o = new HashMap<>();
      o.put("base_url", today.baseUrl());
      o.put("token", today.adminToken());
      o.put("rate.aggregations_per_minute", "100000");
      o.put("api", "current");
      o.put("max_retries", RETRIES);
      o.put("timeout.read_seconds", "1");
      o.put("max_requests", "10000");
      for (int i = 0; i < pairs.length; i += 2) {
        o.put(pairs[i], pairs[i + 1]);
      }
      return ReadMatrixIT.normalise(spark.read().format("fathom").options(o).load().collectAsList());
    }, windows);
  }

  private static long aggregationsSentToday() {
    return today.requestLog().stream().filter(r -> r.path().equals("/v1/aggregations")).count();
  }

  private static Map<String, String> options(String... pairs) {
    Map<String, String> o = new HashMap<>();
    o.put("base_url", emulator.baseUrl());
    o.put("token", emulator.adminToken());
    o.put("rate.aggregations_per_minute", "100000");
    o.put("api", "legacy"); // the emulator here answers the docs page's API
    o.put("max_retries", RETRIES);
    o.put("timeout.read_seconds", "1");
    for (int i = 0; i < pairs.length; i += 2) {
      o.put(pairs[i], pairs[i + 1]);
    }
    return o;
  }

  private static Read spark(String name, Function<Dataset<Row>, Dataset<Row>> query, String... pairs) {
    return new Read(name, e -> ReadMatrixIT.normalise(
        query.apply(spark.read().format("fathom").options(options(pairs)).load()).collectAsList()));
  }

  private static Read spark(String name, String... pairs) {
    return spark(name, df -> df, pairs);
  }

  private static FathomClient client() {
    ClientConfig c = ClientConfig.defaults(ApiToken.of(emulator.adminToken()))
        .withBaseUrl(emulator.baseUrl()).withRateLimits(100_000, 100_000)
        .withRetries(Integer.parseInt(RETRIES))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(30))
        .withApiVersion(ApiVersion.LEGACY);
    return FathomClient.create(c);
  }

  private static Read entity(String name, Function<FathomClient, List<String>> run) {
    return new Read(name, e -> {
      try (FathomClient c = client()) {
        List<String> out = new ArrayList<>(run.apply(c));
        out.sort(null);
        return out;
      }
    });
  }

  private static <T> List<String> texts(Iterable<T> items) {
    return StreamSupport.stream(items.spliterator(), false).map(String::valueOf).toList();
  }

  static List<Read> reads() {
    String site = account.site;
    String event = account.event;
    return List.of(
        spark("pageviews by day and pathname, one window", "site_id", site, "date_grouping", "day",
            "field_grouping", "pathname", "date_from", "2024-03-01", "date_to", "2024-03-10"),
        spark("pageviews by day, four partitions", "site_id", site, "date_grouping", "day",
            "field_grouping", "browser", "date_from", "2024-03-01", "date_to", "2024-03-20",
            "partitions", "4"),
        spark("pageviews by hour, three windows", "site_id", site, "date_grouping", "hour",
            "date_from", "2024-03-01", "date_to", "2024-03-06", "window.hour_days", "2"),
        spark("pageviews by day and country, three month windows", "site_id", site,
            "date_grouping", "day", "field_grouping", "country_code", "date_from", "2024-03-01",
            "date_to", "2024-05-15", "window.day_months", "1"),
        spark("pageviews by month over both seasons", "site_id", site, "date_grouping", "month",
            "date_from", "2024-03-01", "date_to", "2024-11-30"),
        spark("pageviews by year", "site_id", site, "date_grouping", "year",
            "date_from", "2024-01-01", "date_to", "2024-12-31"),
        spark("pageview totals, no grouping", "site_id", site, "date_from", "2024-03-01",
            "date_to", "2024-04-14"),
        spark("pageviews by two fields", "site_id", site, "field_grouping", "pathname,device_type",
            "date_from", "2024-03-01", "date_to", "2024-03-31"),
        spark("two aggregates by day", "site_id", site, "aggregates", "visits,pageviews",
            "date_grouping", "day", "date_from", "2024-10-20", "date_to", "2024-11-10",
            "window.day_months", "1"),
        spark("pushed filter on browser", df -> df.where("browser = 'Chrome'"), "site_id", site,
            "field_grouping", "browser,pathname", "date_from", "2024-03-01", "date_to", "2024-03-31"),
        spark("pushed date range", df -> df.where("date >= '2024-03-05' AND date < '2024-03-09'"),
            "site_id", site, "date_grouping", "day", "field_grouping", "device_type",
            "date_from", "2024-03-01", "date_to", "2024-04-14"),
        spark("pushed sum by pathname", df -> df.groupBy("pathname").sum("visits"), "site_id", site,
            "field_grouping", "pathname", "date_from", "2024-03-01", "date_to", "2024-04-14"),
        spark("top 5 referrers", df -> df.orderBy(df.col("pageviews").desc(), df.col("referrer_hostname")).limit(5),
            "site_id", site, "field_grouping", "referrer_hostname", "date_from", "2024-03-01",
            "date_to", "2024-04-14"),
        spark("events by day", "entity", "event", "event_id", event, "date_grouping", "day",
            "date_from", "2024-03-01", "date_to", "2024-03-20"),
        spark("events by hour, two windows", "entity", "event", "event_id", event,
            "date_grouping", "hour", "date_from", "2024-03-01", "date_to", "2024-03-04",
            "window.hour_days", "2"),
        spark("event totals", "entity", "event", "event_id", event, "date_from", "2024-03-01",
            "date_to", "2024-11-30"),
        spark("events by browser, three partitions", "entity", "event", "event_id", event,
            "field_grouping", "browser", "date_grouping", "day", "date_from", "2024-03-01",
            "date_to", "2024-04-14", "partitions", "3"),
        pastTheCap("past the cap: one window, day by pathname, limit 100", 1, "site_id", site,
            "date_grouping", "day", "field_grouping", "pathname", "request.row_limit", "100",
            "timezone", "UTC", "date_from", "2024-03-01", "date_to", "2024-03-10"),
        pastTheCap("past the cap: three windows, day by pathname, limit 60", 3, "site_id", site,
            "date_grouping", "day", "field_grouping", "pathname", "request.row_limit", "60",
            "partitions", "3", "date_from", "2024-03-01", "date_to", "2024-03-15"),
        pastTheCap("past the cap: day by referrer, value split with nulls", 1, "site_id", site,
            "date_grouping", "day", "field_grouping", "referrer_hostname", "request.row_limit", "12",
            "date_from", "2024-03-01", "date_to", "2024-03-05"),
        pastTheCap("past the cap: events by name, undated by pathname", 1, "entity", "event",
            "site_id", site, "event", account.eventName, "field_grouping", "pathname",
            "request.row_limit", "10", "date_from", "2024-03-01", "date_to", "2024-04-14"),
        entity("sites, paged one at a time", c -> texts(c.allSites(PageRequest.ofLimit(1)))),
        entity("events of the site, paged one at a time",
            c -> texts(c.allEvents(site, PageRequest.ofLimit(1)))),
        entity("one site", c -> List.of(String.valueOf(c.getSite(site)))),
        entity("one event", c -> List.of(String.valueOf(c.getEvent(site, event)))),
        entity("account", c -> List.of(String.valueOf(c.account()))),
        entity("current visitors in detail", c -> List.of(String.valueOf(c.currentVisitors(site, true)))));
  }

  /** Each fault the emulator injects, at a rate that defeats 2 retries now and then. */
  static Map<String, FaultSettings> faults() {
    FaultSettings none = FaultSettings.NONE.withSeed(14);
    double rate = 0.3;
    Map<String, FaultSettings> f = new LinkedHashMap<>();
    f.put("500 and 503", none.withErrorRate(rate));
    f.put("429 storm with Retry-After", none.withThrottleRate(rate).withRetryAfterSeconds(1));
    f.put("429 storm without Retry-After", none.withThrottleRate(rate));
    f.put("slow answers past the read time-out",
        none.withSlowRate(rate).withSlowDelay(Duration.ofMillis(1600)));
    f.put("connections closed mid-body", none.withDisconnectRate(rate));
    f.put("bodies cut short", none.withTruncateRate(rate));
    f.put("bodies that are not JSON", none.withNotJsonRate(rate));
    f.put("an HTML page with status 200", none.withGarbageRate(rate));
    return f;
  }

  private enum Verdict { EXACT, CLEAN_FAILURE, WRONG }

  private record Outcome(Verdict verdict, String why) {}

  @Test
  void everyReadUnderEveryFaultIsExactOrFailsClearly() throws Exception {
    List<Read> reads = reads();
    assertThat(reads).hasSizeGreaterThanOrEqualTo(20);
    assertThat(reads).filteredOn(r -> r.windows() > 0).hasSizeGreaterThanOrEqualTo(3);
    emulator.faults(FaultSettings.NONE);
    today.faults(FaultSettings.NONE);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (Read r : reads) {
      today.clearRequestLog();
      List<String> rows = r.run().apply(emulator);
      assertThat(rows).as("fault-free rows of %s", r.name()).isNotEmpty();
      if (r.windows() > 0) {
        assertThat(aggregationsSentToday()).as("requests of %s: past the cap, more than its windows", r.name())
            .isGreaterThan(r.windows());
      }
      expected.put(r.name(), rows);
    }

    int runs = 0;
    int exact = 0;
    int clean = 0;
    long injected = 0;
    List<String> wrong = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (Map.Entry<String, FaultSettings> fault : faults().entrySet()) {
        emulator.clearRequestLog();
        today.clearRequestLog();
        emulator.faults(fault.getValue());
        today.faults(fault.getValue());
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (Read r : reads) {
          outcomes.add(pool.submit(() -> judge(r, expected.get(r.name()), fault.getKey())));
        }
        int faultExact = 0;
        int faultClean = 0;
        for (int i = 0; i < reads.size(); i++) {
          Outcome o = outcomes.get(i).get();
          runs++;
          switch (o.verdict()) {
            case EXACT -> faultExact++;
            case CLEAN_FAILURE -> faultClean++;
            case WRONG -> wrong.add(fault.getKey() + " / " + reads.get(i).name() + ": " + o.why());
          }
        }
        emulator.faults(FaultSettings.NONE);
        today.faults(FaultSettings.NONE);
        long met = java.util.stream.Stream.concat(emulator.requestLog().stream(), today.requestLog().stream())
            .map(RequestLogEntry::fault).filter(x -> x != null).count();
        assertThat(met).as("faults injected under %s", fault.getKey()).isPositive();
        injected += met;
        exact += faultExact;
        clean += faultClean;
        System.out.printf("fault matrix: %-38s reads %d, faults injected %d, exact %d, clean failures %d%n",
            fault.getKey(), reads.size(), met, faultExact, faultClean);
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("fault matrix: %d reads x %d faults = %d runs; faults injected %d; exact %d; "
        + "clean failures %d; wrong %d%n", reads.size(), faults().size(), runs, injected, exact,
        clean, wrong.size());
    assertThat(wrong).as("wrong results").isEmpty();
    assertThat(exact).as("exact results").isGreaterThan(runs / 2);
  }

  private static Outcome judge(Read r, List<String> expected, String fault) {
    List<String> rows;
    try {
      rows = r.run().apply(emulator);
    } catch (Throwable t) {
      return failure(t);
    }
    if (rows.equals(expected)) {
      return new Outcome(Verdict.EXACT, "");
    }
    return new Outcome(Verdict.WRONG, rows.size() + " rows instead of " + expected.size()
        + " (first difference: " + firstDifference(rows, expected) + ")");
  }

  private static String firstDifference(List<String> got, List<String> want) {
    for (int i = 0; i < Math.min(got.size(), want.size()); i++) {
      if (!got.get(i).equals(want.get(i))) {
        return "got " + got.get(i) + ", want " + want.get(i);
      }
    }
    return "lengths differ";
  }

  /** A failure is clean when it names the window (Spark reads), the status and Fathom's word. */
  private static Outcome failure(Throwable t) {
    String trace = everything(t);
    if (trace.contains(emulator.adminToken()) || trace.contains(today.adminToken())) {
      return new Outcome(Verdict.WRONG, "the token shows in the failure: " + t);
    }
    FathomReadException read = find(t, FathomReadException.class);
    FathomException fathom = find(t, FathomException.class);
    if (fathom == null) {
      return new Outcome(Verdict.WRONG, "not the connector's error: " + trace);
    }
    String message = read != null ? read.getMessage() : fathom.getMessage();
    if (read != null && !message.startsWith("Fathom request for window ")) {
      return new Outcome(Verdict.WRONG, "no window named: " + message);
    }
    boolean waitedOut429s = message.contains("'rate.max_wait'") && message.contains("429");
    if (!waitedOut429s && !message.contains("after " + (Integer.parseInt(RETRIES) + 1) + " attempts")) {
      return new Outcome(Verdict.WRONG, "attempts not said: " + message);
    }
    int status = read != null ? read.status() : fathom.status();
    if (status == 0) {
      return new Outcome(Verdict.CLEAN_FAILURE, message);
    }
    String word = switch (status) {
      case 500 -> "Server Error";
      case 503 -> "Service Unavailable";
      case 429 -> "Too Many Attempts.";
      case 200 -> "";
      default -> null;
    };
    if (word == null || !message.contains("HTTP " + status) || !message.contains(word)) {
      return new Outcome(Verdict.WRONG, "status or Fathom's message not named: " + message);
    }
    return new Outcome(Verdict.CLEAN_FAILURE, message);
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String everything(Throwable failure) {
    StringWriter s = new StringWriter();
    failure.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
