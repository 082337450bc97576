package dev.sparkfathom.emulator;

import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.DataStore;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import dev.sparkfathom.emulator.generator.LiveFeed;
import dev.sparkfathom.emulator.server.EmulatorClock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The emulator on the command line: {@code java -cp ... dev.sparkfathom.emulator.EmulatorMain
 * --port 8080}. Prints the base URL and how to authenticate, then serves until killed. The
 * generated admin token (when no {@code --token} is given) is printed once; tokens given on
 * the command line are listed by name only.
 *
 * <p>The store, the demo-data generator and the live feed come in through {@link
 * #EmulatorMain(Supplier, DemoDataLoader, LiveFeedStarter)}; {@link #main} wires the
 * project's implementations.
 */
public final class EmulatorMain {
  private final Supplier<DataStore> storeFactory;
  private final DemoDataLoader demoData;
  private final LiveFeedStarter liveFeed;

  public EmulatorMain(Supplier<DataStore> storeFactory, DemoDataLoader demoData, LiveFeedStarter liveFeed) {
    this.storeFactory = storeFactory;
    this.demoData = demoData;
    this.liveFeed = liveFeed;
  }

  public static void main(String[] args) {
    EmulatorMain main = new EmulatorMain(ColumnarDataStore::new, EmulatorMain::loadDemoData,
        EmulatorMain::startLiveFeed);
    System.exit(main.run(args, System.out, System.err));
  }

  /** Demo traffic for the {@code days} up to today (UTC), so "the last 30 days" has data. */
  static void loadDemoData(DataStore store, long seed, int days, int pageviewsPerDay) {
    LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(days);
    DemoData.generate(store, DemoDataSettings.defaults().withSeed(seed).withStartDate(start)
        .withDays(days).withPageviewsPerDay(pageviewsPerDay));
  }

  static LiveFeedStarter.Running startLiveFeed(DataStore store, long seed, int pageviewsPerDay, Clock clock) {
    LiveFeed feed = new LiveFeed(store, clock, seed, pageviewsPerDay / (24.0 * 60));
    feed.start();
    return feed::close;
  }

  /** Parses, starts, prints, then blocks until the JVM is told to stop. Returns an exit code. */
  public int run(String[] args, PrintStream out, PrintStream err) {
    EmulatorOptions options;
    try {
      options = EmulatorOptions.parse(args);
    } catch (UsageException e) {
      err.println("fathom-emulator: " + e.getMessage());
      return 2;
    }
    if (options.help()) {
      out.print(EmulatorOptions.USAGE);
      return 0;
    }
    try {
      Running running = start(options, out);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        running.close();
        stopped.countDown();
      }, "fathom-emulator-shutdown"));
      stopped.await();
      return 0;
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      err.println("fathom-emulator: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** A started emulator with its live feed, if any. */
  public record Running(FathomEmulator emulator, LiveFeedStarter.Running liveFeed)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        if (liveFeed != null) {
          liveFeed.close();
        }
      } finally {
        emulator.close();
      }
    }
  }

  /** Loads data, starts the server and prints where it listens. */
  public Running start(EmulatorOptions o, PrintStream out) throws IOException {
    DataStore store = storeFactory.get();
    String what;
    if (o.data() != null) {
      try (Reader in = Files.newBufferedReader(o.data(), StandardCharsets.UTF_8)) {
        store.load(in, true);
      } catch (IOException e) {
        throw new IOException("cannot read --data " + o.data() + ": " + e, e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--data " + o.data() + ": " + e.getMessage(), e);
      }
      what = "loaded from " + o.data();
    } else {
      demoData.load(store, o.seed(), o.days(), o.pageviewsPerDay());
      what = "demo data, seed " + o.seed() + ", " + o.days() + " days x "
          + o.pageviewsPerDay() + " pageviews/day";
    }
    FathomEmulator.Builder b = FathomEmulator.builder().store(store).port(o.port())
        .style(o.style()).rateLimits(o.rateLimits()).rangeLimits(o.rangeLimits())
        .faults(o.faults()).seed(o.seed()).clock(EmulatorClock.system()).api(o.api())
        .rowLimits(o.rowLimits()).concurrencyLimit(o.concurrencyLimit());
    o.tokens().forEach(b::token);
    FathomEmulator emulator;
    try {
      emulator = b.start();
    } catch (IOException e) {
      throw new IOException("cannot listen on 127.0.0.1:" + o.port() + " (see --port): " + e.getMessage(), e);
    }
    LiveFeedStarter.Running feed = o.live()
        ? liveFeed.start(store, o.seed(), o.pageviewsPerDay(), emulator.clock()) : null;
    out.println("Fathom emulator listening on " + emulator.baseUrl());
    out.println("Control API: " + emulator.controlUrl() + "/health");
    out.println("Data: " + store.sites().size() + " sites, " + store.recordCount()
        + " records (" + what + ")" + (o.live() ? ", live" : ""));
    out.println(describeTokens(emulator));
    out.println("API: " + o.api() + (o.api() == dev.sparkfathom.api.ApiVersion.CURRENT
        ? " (row cap " + o.rowLimits().defaultLimit() + ", limit up to "
            + o.rowLimits().maxLimit() + "; " + o.concurrencyLimit()
            + " aggregations in flight per token)" : " (the docs page's behaviour)"));
    out.println("Style: " + o.style().flag() + "; limits: " + o.rateLimits().aggregationsPerMinute()
        + " aggregations/min, " + o.rateLimits().entityPerHour() + " other requests/hour per token");
    return new Running(emulator, feed);
  }

  static String describeTokens(FathomEmulator e) {
    if (e.generatedAdminToken()) {
      return "Token (admin, generated for this run, shown once): " + e.adminToken()
          + "\n  e.g. curl -H \"Authorization: Bearer $TOKEN\" " + e.baseUrl() + "/account";
    }
    return "Tokens (secrets as given on the command line): " + e.tokens().stream()
        .map(t -> t.name() + " (" + t.permission().spec() + ")")
        .collect(Collectors.joining(", "));
  }
}
