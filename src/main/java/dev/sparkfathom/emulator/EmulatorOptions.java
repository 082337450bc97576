package dev.sparkfathom.emulator;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.emulator.server.FaultSettings;
import dev.sparkfathom.emulator.server.RangeLimits;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.ResponseStyle;
import dev.sparkfathom.emulator.server.RowLimits;
import dev.sparkfathom.emulator.server.TokenGrant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link EmulatorMain}, parsed and checked: a pure function of the
 * arguments. Flags take their value as the next argument or after {@code =}.
 */
public record EmulatorOptions(
    int port,
    List<TokenGrant> tokens,
    ResponseStyle style,
    Path data,
    long seed,
    int days,
    int pageviewsPerDay,
    boolean live,
    RateLimits rateLimits,
    RangeLimits rangeLimits,
    FaultSettings faults,
    boolean help,
    ApiVersion api,
    RowLimits rowLimits,
    int concurrencyLimit) {
  public static final int DEFAULT_CONCURRENCY_LIMIT = 2;

  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_DAYS = 90;
  public static final int DEFAULT_PAGEVIEWS_PER_DAY = 2000;

  public static final String USAGE = """
      Usage: fathom-emulator [flags]
        --port N                   port on 127.0.0.1 (default 8080; 0 = a free one)
        --token NAME:SECRET:PERM   a token; PERM is admin, read or site=SITE_ID[,SITE_ID..];
                                   repeatable (default: one generated admin token, printed once)
        --api current|legacy       the API revision answered (default current: today's API,
                                   with site timezones, row cap, events by name, six
                                   operators; legacy: the docs page's, UTC, no cap)
        --style observed|documented  aggregation response style (default observed)
        --data FILE.jsonl          load these records instead of generating demo data
        --seed N                   seed of the demo data, new ids and faults (default 42)
        --days N                   days of demo data (default 90)
        --pageviews-per-day N      demo data volume (default 2000)
        --live                     keep adding records in real time
        --aggregation-limit N      aggregations + current visitors per minute per token (default 10)
        --entity-limit N           other requests per hour per token (default 2000)
        --day-range-months N       widest date range with date_grouping=day (default 6)
        --hour-range-days N        widest date range with date_grouping=hour (default 7;
                                   31 with --api legacy)
        --default-row-limit N      rows of a grouped aggregation without limit (default 500)
        --max-row-limit N          largest limit accepted; above it a 400 (default 1000)
        --concurrency-limit N      aggregations of one token in flight at once (default 2)
        --fault-error-rate R       share of requests answered 500/503 (0..1, default 0)
        --fault-delay-ms N         delay before every answer (default 0)
        --fault-disconnect-rate R  share of connections closed mid-body
        --fault-truncate-rate R    share of bodies cut short of their Content-Length
        --fault-garbage-rate R     share of bodies that are not JSON
        --fault-seed N             seed of the fault sequence (default: --seed)
        --help                     this text
      """;

  /** @throws UsageException naming the flag and the values it accepts */
  public static EmulatorOptions parse(String... args) throws UsageException {
    int port = DEFAULT_PORT;
    List<TokenGrant> tokens = new ArrayList<>();
    ResponseStyle style = ResponseStyle.OBSERVED;
    Path data = null;
    long seed = DEFAULT_SEED;
    Long faultSeed = null;
    int days = DEFAULT_DAYS;
    int perDay = DEFAULT_PAGEVIEWS_PER_DAY;
    boolean live = false;
    int aggLimit = RateLimits.FATHOM.aggregationsPerMinute();
    int entityLimit = RateLimits.FATHOM.entityPerHour();
    int dayMonths = RangeLimits.FATHOM.dayGroupingMonths();
    Integer hourDays = null;
    ApiVersion api = ApiVersion.CURRENT;
    int defaultRows = RowLimits.FATHOM.defaultLimit();
    int maxRows = RowLimits.FATHOM.maxLimit();
    int concurrency = DEFAULT_CONCURRENCY_LIMIT;
    double errorRate = 0;
    double disconnectRate = 0;
    double truncateRate = 0;
    double garbageRate = 0;
    long delayMs = 0;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      if (flag.equals("--help") || flag.equals("-h")) {
        help = true;
        continue;
      }
      if (flag.equals("--live")) {
        if (inline != null) {
          throw new UsageException("--live takes no value; got: '" + inline + "'");
        }
        live = true;
        continue;
      }
      if (!isValued(flag)) {
        throw new UsageException("unknown flag '" + arg + "'; see --help");
      }
      String value = inline;
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException(flag + " needs a value");
        }
        value = args[++i];
      }
      switch (flag) {
        case "--port" -> port = intFlag(flag, value, 0, 65535);
        case "--token" -> {
          try {
            tokens.add(TokenGrant.parse(value));
          } catch (IllegalArgumentException e) {
            throw new UsageException("--token: " + e.getMessage());
          }
        }
        case "--style" -> {
          try {
            style = ResponseStyle.parse(value);
          } catch (IllegalArgumentException e) {
            throw new UsageException("--style must be one of observed, documented; got: '" + value + "'");
          }
        }
        case "--api" -> {
          try {
            api = ApiVersion.parse(value);
          } catch (IllegalArgumentException e) {
            throw new UsageException("--api must be one of current, legacy; got: '" + value + "'");
          }
        }
        case "--default-row-limit" -> defaultRows = intFlag(flag, value, 1, Integer.MAX_VALUE);
        case "--max-row-limit" -> maxRows = intFlag(flag, value, 1, Integer.MAX_VALUE);
        case "--concurrency-limit" -> concurrency = intFlag(flag, value, 1, Integer.MAX_VALUE);
        case "--data" -> data = Path.of(value);
        case "--seed" -> seed = longFlag(flag, value);
        case "--fault-seed" -> faultSeed = longFlag(flag, value);
        case "--days" -> days = intFlag(flag, value, 1, 3660);
        case "--pageviews-per-day" -> perDay = intFlag(flag, value, 0, 100_000_000);
        case "--aggregation-limit" -> aggLimit = intFlag(flag, value, 1, Integer.MAX_VALUE);
        case "--entity-limit" -> entityLimit = intFlag(flag, value, 1, Integer.MAX_VALUE);
        case "--day-range-months" -> dayMonths = intFlag(flag, value, 1, Integer.MAX_VALUE);
        case "--hour-range-days" -> hourDays = intFlag(flag, value, 1, Integer.MAX_VALUE);
        case "--fault-error-rate" -> errorRate = rateFlag(flag, value);
        case "--fault-disconnect-rate" -> disconnectRate = rateFlag(flag, value);
        case "--fault-truncate-rate" -> truncateRate = rateFlag(flag, value);
        case "--fault-garbage-rate" -> garbageRate = rateFlag(flag, value);
        case "--fault-delay-ms" -> delayMs = intFlag(flag, value, 0, Integer.MAX_VALUE);
        default -> throw new IllegalStateException("unhandled flag " + flag);
      }
    }
    if (tokens.stream().map(TokenGrant::name).distinct().count() != tokens.size()) {
      throw new UsageException("--token names must be unique");
    }
    if (tokens.stream().map(TokenGrant::secret).distinct().count() != tokens.size()) {
      throw new UsageException("--token: two tokens have the same secret");
    }
    if (maxRows < defaultRows) {
      throw new UsageException("--max-row-limit (" + maxRows
          + ") must be at least --default-row-limit (" + defaultRows + ")");
    }
    if (hourDays == null) {
      hourDays = RangeLimits.defaults(api).hourGroupingDays();
    }
    FaultSettings faults = new FaultSettings(errorRate, Duration.ofMillis(delayMs),
        disconnectRate, truncateRate, garbageRate, faultSeed != null ? faultSeed : seed);
    return new EmulatorOptions(port, List.copyOf(tokens), style, data, seed, days, perDay, live,
        new RateLimits(aggLimit, entityLimit), new RangeLimits(dayMonths, hourDays), faults, help,
        api, new RowLimits(defaultRows, maxRows), concurrency);
  }

  private static boolean isValued(String flag) {
    return switch (flag) {
      case "--port", "--token", "--style", "--data", "--api", "--default-row-limit",
          "--max-row-limit", "--concurrency-limit", "--seed", "--fault-seed", "--days",
          "--pageviews-per-day", "--aggregation-limit", "--entity-limit", "--day-range-months",
          "--hour-range-days", "--fault-error-rate", "--fault-disconnect-rate",
          "--fault-truncate-rate", "--fault-garbage-rate", "--fault-delay-ms" -> true;
      default -> false;
    };
  }

  private static int intFlag(String flag, String value, int min, int max) throws UsageException {
    String accepted = max == Integer.MAX_VALUE
        ? "a whole number of at least " + min : "a whole number from " + min + " to " + max;
    if (!value.matches("[0-9]{1,10}")) {
      throw new UsageException(flag + " must be " + accepted + "; got: '" + value + "'");
    }
    long v = Long.parseLong(value);
    if (v < min || v > max) {
      throw new UsageException(flag + " must be " + accepted + "; got: '" + value + "'");
    }
    return (int) v;
  }

  private static long longFlag(String flag, String value) throws UsageException {
    if (!value.matches("-?[0-9]{1,18}")) {
      throw new UsageException(flag + " must be a whole number; got: '" + value + "'");
    }
    return Long.parseLong(value);
  }

  private static double rateFlag(String flag, String value) throws UsageException {
    if (!value.matches("[0-9]*\\.?[0-9]+") || Double.parseDouble(value) > 1) {
      throw new UsageException(flag + " must be a number from 0 to 1; got: '" + value + "'");
    }
    return Double.parseDouble(value);
  }

  @Override
  public String toString() {
    return "EmulatorOptions[port=" + port + ", tokens=" + tokens + ", style=" + style.flag()
        + ", data=" + data + ", seed=" + seed + ", days=" + days + ", pageviewsPerDay="
        + pageviewsPerDay + ", live=" + live + ", rateLimits=" + rateLimits + ", rangeLimits="
        + rangeLimits + ", faults=" + faults + ", api=" + api + ", rowLimits=" + rowLimits
        + ", concurrencyLimit=" + concurrencyLimit + "]";
  }
}
