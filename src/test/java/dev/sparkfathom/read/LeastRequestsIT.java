package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.SiteRecord;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Aggregation requests of typical reads against the least today's API allows (issue 14's
 * "requests = the least"). For each read the least is computed here, apart from the planner,
 * from the API's limits and the data: the range is first clipped to what can hold data (from
 * the start of the site's creation day, to now); a date-grouped read is cut into the fewest
 * consecutive requests, walking its buckets in order and closing a request when the next
 * bucket would take it past the API's widest span ({@code hour}: 7 days; {@code day}: 6
 * calendar months; {@code month}, {@code year} and totals: no limit) or past the row cap (the
 * read's {@code request.row_limit}, only when grouped by a field: without a field Fathom does
 * not cap); a bucket with more rows than the cap needs ceil(rows / cap) requests of its own; an
 * undated read needs ceil(rows / cap) (at least 1). Rows are those of the read as Fathom answers
 * it, computed from the raw records by the emulator's engine ({@link ExpectedRelation}); for a
 * pushed aggregate, top-N or date filter, those of the narrower read Fathom is asked. The least
 * knows every bucket's rows in advance, which no reader does: it is a lower bound, met exactly
 * where no answer fills the cap.
 *
 * <p>Each read's requests are counted in the emulator's log. A read must never need fewer than
 * the least (that would show the least wrong), must equal it where {@link Case#why} is null,
 * and otherwise stays within what its reason explains. Writes the table to
 * {@code target/least-requests.md} (BENCHMARKS.md's section "Requests against the least").
 */
class LeastRequestsIT {
  private static TestAccount account;
  private static FathomEmulator fathom;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    account = TestAccount.shared();
    fathom = FathomEmulator.builder().store(account.store)
        .rateLimits(new RateLimits(1_000_000, 1_000_000)).concurrencyLimit(64).start();
    spark = SparkTestSession.get();
  }

  @AfterAll
  static void stop() {
    fathom.close();
  }

  /**
   * One read: its options, the query over it ({@code df -> df} for all rows), the options of
   * the read Fathom is asked when something is pushed (null: the same), whether a top-N is
   * pushed (one request), and why it may take more than the least (null: it must not).
   */
  record Case(String name, String options, Function<Dataset<Row>, Dataset<Row>> query, String asked,
      boolean topN, String why) {}

  private static final String MARCH = "date_from=2024-03-01|date_to=2024-04-14";
  private static final String CAP = "the cap: an answer that fills it is presumed cut (one more request),"
      + " and a continuation asks again for its last, partly read bucket";

  static List<Case> cases() {
    Function<Dataset<Row>, Dataset<Row>> all = df -> df;
    List<Case> c = new ArrayList<>();
    c.add(new Case("totals, 45 days", "site_id=SITE|timezone=UTC|" + MARCH, all, null, false, null));
    c.add(new Case("by day, 45 days", "site_id=SITE|timezone=UTC|date_grouping=day|" + MARCH, all, null, false, null));
    c.add(new Case("by day, a year (range clipped to the site's creation)", "site_id=SITE|timezone=UTC"
        + "|date_grouping=day|date_from=2023-06-01|date_to=2024-12-31", all, null, false, null));
    c.add(new Case("by day, two years", "site_id=SITE|timezone=UTC|date_grouping=day"
        + "|date_from=2024-01-01|date_to=2025-12-31", all, null, false, null));
    c.add(new Case("by hour, 3 days", "site_id=SITE|timezone=UTC|date_grouping=hour"
        + "|date_from=2024-03-05|date_to=2024-03-07", all, null, false, null));
    c.add(new Case("by hour, 30 days", "site_id=SITE|timezone=UTC|date_grouping=hour"
        + "|date_from=2024-03-01|date_to=2024-03-30", all, null, false, null));
    c.add(new Case("by month, a year", "site_id=SITE|timezone=UTC|date_grouping=month"
        + "|date_from=2024-01-01|date_to=2024-12-31", all, null, false, null));
    c.add(new Case("by year", "site_id=SITE|timezone=UTC|date_grouping=year"
        + "|date_from=2024-01-01|date_to=2024-12-31", all, null, false, null));
    c.add(new Case("by pathname, 45 days", "site_id=SITE|timezone=UTC|field_grouping=pathname|" + MARCH,
        all, null, false, null));
    c.add(new Case("by day and browser, 45 days", "site_id=SITE|timezone=UTC|date_grouping=day"
        + "|field_grouping=browser|" + MARCH, all, null, false, CAP));
    c.add(new Case("by day and pathname, 45 days (over 1000 rows)", "site_id=SITE|timezone=UTC|date_grouping=day"
        + "|field_grouping=pathname|" + MARCH, all, null, false, CAP));
    c.add(new Case("by day and pathname, row limit 200", "site_id=SITE|timezone=UTC|date_grouping=day"
        + "|field_grouping=pathname|request.row_limit=200|" + MARCH, all, null, false, CAP));
    c.add(new Case("by hour and pathname, 3 days, row limit 100", "site_id=SITE|timezone=UTC|date_grouping=hour"
        + "|field_grouping=pathname|request.row_limit=100|date_from=2024-03-09|date_to=2024-03-11", all, null,
        false, CAP));
    c.add(new Case("by referrer, row limit 40 (value split)", "site_id=SITE|timezone=UTC|field_grouping=referrer_hostname"
        + "|request.row_limit=40|" + MARCH, all, null, false,
        "the cap without dates: the answer is split by values of the property, and a part that fills the cap is split again"));
    c.add(new Case("events by name, by day", "entity=event|site_id=SITE|event=EVENTNAME|timezone=UTC"
        + "|date_grouping=day|" + MARCH, all, null, false, null));
    c.add(new Case("by day, partitions=4 asked", "site_id=SITE|timezone=UTC|date_grouping=day|partitions=4|" + MARCH,
        all, null, false, "the user asked for 4 partitions: one request each"));
    c.add(new Case("in the site's timezone (no option), by day", "site_id=SITE|date_grouping=day|" + MARCH,
        all, null, false, null));
    c.add(new Case("pushed date filter: a year narrowed to a week", "site_id=SITE|timezone=UTC|date_grouping=day"
        + "|date_from=2024-01-01|date_to=2024-12-31",
        df -> df.where("date >= '2024-03-05' AND date < '2024-03-12'"),
        "site_id=SITE|timezone=UTC|date_grouping=day|date_from=2024-03-05|date_to=2024-03-11", false, null));
    c.add(new Case("pushed sum by pathname over a day-grouped read", "site_id=SITE|timezone=UTC|date_grouping=day"
        + "|field_grouping=pathname|" + MARCH, df -> df.groupBy("pathname").sum("pageviews"),
        "site_id=SITE|timezone=UTC|field_grouping=pathname|" + MARCH, false, null));
    c.add(new Case("pushed top 10 pathnames", "site_id=SITE|timezone=UTC|field_grouping=pathname|" + MARCH,
        df -> df.orderBy(df.col("pageviews").desc(), df.col("pathname")).limit(10), null, true, null));
    return c;
  }

  private static Map<String, String> options(String text) {
    Map<String, String> m = new HashMap<>();
    for (String kv : text.split("\\|")) {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), kv.substring(eq + 1).replace("EVENTNAME", account.eventName)
          .replace("SITE", account.site));
    }
    m.put("base_url", fathom.baseUrl());
    m.put("token", fathom.adminToken());
    m.put("rate.aggregations_per_minute", "100000");
    m.put("max_requests", "10000");
    return m;
  }

  @Test
  void typicalReadsTakeTheLeastRequestsOrAReasonSaysWhyNot() throws Exception {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(15);
    StringBuilder table = new StringBuilder("| read | rows asked | cap | least (how) | requests | why more |\n"
        + "| --- | ---: | ---: | --- | ---: | --- |\n");
    List<String> wrong = new ArrayList<>();
    int atLeast = 0;
    for (Case c : cases) {
      Map<String, String> o = options(c.options());
      fathom.clearRequestLog();
      Dataset<Row> df = c.query().apply(spark.read().format("fathom").options(o).load());
      assertThat(df.collectAsList()).as("rows of %s", c.name()).isNotEmpty();
      long requests = fathom.requestLog().stream().map(RequestLogEntry::path).filter("/v1/aggregations"::equals).count();
      ReadSpec asked = ReadSpec.parse(options(c.asked() == null ? c.options() : c.asked()), Map.of());
      Least least = least(asked, c.topN());
      String cap = asked.fieldGrouping().isEmpty() ? "none" : Integer.toString(asked.rowLimit());
      table.append("| ").append(c.name()).append(" | ").append(least.rows).append(" | ").append(cap).append(" | ")
          .append(least.value).append(" (").append(least.how).append(") | ").append(requests).append(" | ")
          .append(requests == least.value ? "" : c.why() == null ? "UNEXPLAINED" : c.why()).append(" |\n");
      if (requests < least.value) {
        wrong.add(c.name() + ": " + requests + " requests, fewer than the least " + least.value);
      } else if (requests > least.value && c.why() == null) {
        wrong.add(c.name() + ": " + requests + " requests, the least is " + least.value + " and nothing explains more");
      }
      if (requests == least.value) {
        atLeast++;
      }
    }
    table.append("\n").append(atLeast).append(" of ").append(cases.size()).append(" reads take the least.\n");
    Path out = Path.of("target", "least-requests.md");
    Files.writeString(out, table);
    System.out.println("LeastRequestsIT:\n" + table);
    assertThat(wrong).as("reads against the least").isEmpty();
  }

  /** The least, the rows it is computed from, and how. */
  record Least(long value, long rows, String how) {}

  /** The least number of aggregation requests Fathom's limits allow for {@code spec} (see the class). */
  static Least least(ReadSpec spec, boolean topN) {
    List<Row> rows = ExpectedRelation.of(spark, spec, account).collectAsList();
    long cap = spec.fieldGrouping().isEmpty() ? Long.MAX_VALUE : spec.rowLimit();
    if (topN) {
      return new Least(1, rows.size(), "top-N within the cap: one sorted request");
    }
    if (spec.dateGrouping() == null) {
      long least = Math.max(1, ceil(rows.size(), cap));
      return new Least(least, rows.size(), cap == Long.MAX_VALUE ? "one request" : "ceil(rows / cap)");
    }
    ZoneId zone = spec.timezone() != null ? spec.timezone() : account.siteZone;
    SiteRecord site = account.store.sites().stream().filter(s -> s.id().equals(account.site)).findFirst().orElseThrow();
    LocalDateTime created = site.createdAt().atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDateTime()
        .truncatedTo(ChronoUnit.DAYS);
    LocalDateTime from = spec.dateFrom().isBefore(created) ? created : spec.dateFrom();
    LocalDateTime now = LocalDateTime.now(zone);
    LocalDateTime to = spec.dateTo().isAfter(now) ? now : spec.dateTo();
    int dateColumn = spec.fieldGrouping().size();
    TreeMap<LocalDateTime, Long> perBucket = new TreeMap<>();
    for (Row r : rows) {
      perBucket.merge(bucket(r.get(dateColumn)), 1L, Long::sum);
    }
    DateGrouping g = spec.dateGrouping();
    long least = 0;
    LocalDateTime start = null;
    long held = 0;
    for (LocalDateTime b = truncate(from, g); !b.isAfter(to); b = next(b, g)) {
      long n = perBucket.getOrDefault(b, 0L);
      if (n > cap) {
        least += (start == null ? 0 : 1) + ceil(n, cap);
        start = null;
        continue;
      }
      if (start != null && withinSpan(start, b, g) && held + n <= cap) {
        held += n;
        continue;
      }
      least += start == null ? 0 : 1;
      start = b;
      held = n;
    }
    least += start == null ? 0 : 1;
    String how = "buckets " + from.toLocalDate() + " to " + to.toLocalDate() + " by " + g.name().toLowerCase(java.util.Locale.ROOT)
        + (g == DateGrouping.HOUR ? ", 7 days a request" : g == DateGrouping.DAY ? ", 6 months a request" : "")
        + (cap == Long.MAX_VALUE ? "" : ", cap " + cap + " rows a request");
    return new Least(Math.max(1, least), rows.size(), how);
  }

  private static long ceil(long n, long d) {
    return d == Long.MAX_VALUE ? 1 : (n + d - 1) / d;
  }

  private static boolean withinSpan(LocalDateTime start, LocalDateTime bucket, DateGrouping g) {
    return switch (g) {
      case HOUR -> bucket.isBefore(start.plusDays(7));
      case DAY -> bucket.isBefore(start.plusMonths(6));
      default -> true;
    };
  }

  private static LocalDateTime truncate(LocalDateTime t, DateGrouping g) {
    return switch (g) {
      case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
      case DAY -> t.truncatedTo(ChronoUnit.DAYS);
      case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case YEAR -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
    };
  }

  private static LocalDateTime next(LocalDateTime t, DateGrouping g) {
    return switch (g) {
      case HOUR -> t.plusHours(1);
      case DAY -> t.plusDays(1);
      case MONTH -> t.plusMonths(1);
      case YEAR -> t.plusYears(1);
    };
  }

  private static LocalDateTime bucket(Object date) {
    if (date instanceof java.sql.Date d) {
      return d.toLocalDate().atStartOfDay();
    }
    if (date instanceof java.time.LocalDate d) {
      return d.atStartOfDay();
    }
    if (date instanceof LocalDateTime t) {
      return t;
    }
    if (date instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    throw new IllegalArgumentException("not a date bucket: " + date);
  }
}
