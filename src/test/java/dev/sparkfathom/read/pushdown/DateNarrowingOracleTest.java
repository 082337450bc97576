package dev.sparkfathom.read.pushdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.DateGrouping;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Date narrowing checked by brute force: every bucket of a span is found by walking its
 * instants a quarter of an hour at a time (no use of the code under test), its {@code date}
 * value is taken as Spark would see it, each generated filter is evaluated on that value in
 * Java, and the translated range must select exactly those buckets (or, for a widening
 * filter, at least those).
 */
class DateNarrowingOracleTest {
  private static final Duration STEP = Duration.ofMinutes(15);

  record Bucket(LocalDateTime start, Comparable<Object> value) {}

  static Stream<Arguments> spans() {
    return Stream.of(
        Arguments.of(DateGrouping.HOUR, "Europe/Berlin", "2024-03-29T00:00:00Z", 5),
        Arguments.of(DateGrouping.HOUR, "Europe/Berlin", "2024-10-25T00:00:00Z", 5),
        Arguments.of(DateGrouping.HOUR, "America/New_York", "2024-03-09T00:00:00Z", 3),
        Arguments.of(DateGrouping.HOUR, "America/New_York", "2024-11-02T00:00:00Z", 3),
        Arguments.of(DateGrouping.HOUR, "Australia/Lord_Howe", "2024-04-05T00:00:00Z", 3),
        Arguments.of(DateGrouping.HOUR, "Australia/Lord_Howe", "2024-10-04T00:00:00Z", 3),
        Arguments.of(DateGrouping.HOUR, "Asia/Kolkata", "2024-02-28T00:00:00Z", 3),
        Arguments.of(DateGrouping.HOUR, "Asia/Kathmandu", "2024-02-28T00:00:00Z", 2),
        Arguments.of(DateGrouping.HOUR, "UTC", "2024-02-28T00:00:00Z", 3),
        Arguments.of(DateGrouping.HOUR, "Pacific/Apia", "2011-12-28T00:00:00Z", 4),
        Arguments.of(DateGrouping.HOUR, "America/Sao_Paulo", "2018-11-03T00:00:00Z", 3),
        Arguments.of(DateGrouping.DAY, "Europe/Berlin", "2024-02-10T00:00:00Z", 60),
        Arguments.of(DateGrouping.DAY, "Pacific/Apia", "2011-12-10T00:00:00Z", 40),
        Arguments.of(DateGrouping.DAY, "America/Sao_Paulo", "2018-10-20T00:00:00Z", 30),
        Arguments.of(DateGrouping.MONTH, "America/New_York", "2023-10-01T00:00:00Z", 600),
        Arguments.of(DateGrouping.MONTH, "Asia/Kolkata", "2023-10-01T00:00:00Z", 600),
        Arguments.of(DateGrouping.YEAR, "UTC", "2019-06-01T00:00:00Z", 2600),
        Arguments.of(DateGrouping.YEAR, "Australia/Lord_Howe", "2019-06-01T00:00:00Z", 2600));
  }

  @ParameterizedTest(name = "{0} buckets in {1} from {2} for {3} days")
  @MethodSource("spans")
  void translatedRangeSelectsExactlyTheBucketsWhoseValuePasses(
      DateGrouping grouping, String zoneName, String from, int days) {
    ZoneId zone = ZoneId.of(zoneName);
    List<Bucket> buckets = enumerate(grouping, zone, Instant.parse(from), Duration.ofDays(days));
    PushdownContext ctx = new PushdownContext(List.of(), grouping, zone, true);
    Random random = new Random(days * 31L + zoneName.hashCode());
    List<Object> points = thresholds(grouping, buckets, random);
    int checked = 0;
    for (Object p : points) {
      for (int i = 0; i < 10; i++) {
        int op = i;
        org.apache.spark.sql.sources.Filter f = comparison(op, "date", sparkValue(p, random));
        checkExact(f, ctx, buckets, b -> compareOp(op, b.value(), p));
        checked++;
      }
      Object q = points.get(random.nextInt(points.size()));
      In in = new In("date", new Object[] {sparkValue(p, random), sparkValue(q, random)});
      check(in, ctx, buckets, b -> b.value().compareTo(p) == 0 || b.value().compareTo(q) == 0);
      Or or = new Or(new EqualTo("date", sparkValue(p, random)), new LessThan("date", sparkValue(q, random)));
      check(or, ctx, buckets, b -> b.value().compareTo(p) == 0 || b.value().compareTo(q) < 0);
    }
    assertThat(checked).isGreaterThan(100);
  }

  /** Walks the instants of the span; drops the first and last bucket, which it may only partly see. */
  @SuppressWarnings("unchecked")
  static List<Bucket> enumerate(DateGrouping grouping, ZoneId zone, Instant from, Duration length) {
    Map<LocalDateTime, Instant> first = new LinkedHashMap<>();
    for (Instant t = from; t.isBefore(from.plus(length)); t = t.plus(STEP)) {
      LocalDateTime local = LocalDateTime.ofInstant(t, zone);
      LocalDateTime start = switch (grouping) {
        case HOUR -> local.withMinute(0).withSecond(0).withNano(0);
        case DAY -> local.toLocalDate().atStartOfDay();
        case MONTH -> local.toLocalDate().withDayOfMonth(1).atStartOfDay();
        case YEAR -> local.toLocalDate().withDayOfYear(1).atStartOfDay();
      };
      first.putIfAbsent(start, t);
    }
    List<Bucket> out = new ArrayList<>();
    first.forEach((start, t) -> out.add(new Bucket(start, (Comparable<Object>) (Comparable<?>)
        (grouping == DateGrouping.HOUR ? t : start.toLocalDate()))));
    return out.subList(1, out.size() - 1);
  }

  /** Bucket values and points around them, plus random points, as Instants or LocalDates. */
  static List<Object> thresholds(DateGrouping grouping, List<Bucket> buckets, Random random) {
    List<Object> out = new ArrayList<>();
    for (Bucket b : buckets) {
      if (grouping == DateGrouping.HOUR) {
        Instant v = (Instant) (Object) b.value();
        Stream.of(v, v.plusNanos(1000), v.minusNanos(1000), v.plusSeconds(1800), v.minusSeconds(1800),
            v.plusSeconds(900), v.plusSeconds(random.nextInt(3600))).forEach(out::add);
      } else {
        LocalDate v = (LocalDate) (Object) b.value();
        Stream.of(v, v.minusDays(1), v.plusDays(1), v.plusDays(random.nextInt(40))).forEach(out::add);
      }
    }
    return out;
  }

  /** The point as Spark would pass it: Instant or Timestamp, LocalDate or java.sql.Date. */
  static Object sparkValue(Object p, Random random) {
    boolean legacy = random.nextBoolean();
    if (p instanceof Instant i) {
      return legacy ? Timestamp.from(i) : i;
    }
    return legacy ? java.sql.Date.valueOf((LocalDate) p) : p;
  }

  static org.apache.spark.sql.sources.Filter comparison(int op, String col, Object v) {
    return switch (op) {
      case 0 -> new EqualTo(col, v);
      case 1 -> new GreaterThan(col, v);
      case 2 -> new GreaterThanOrEqual(col, v);
      case 3 -> new LessThan(col, v);
      case 4 -> new LessThanOrEqual(col, v);
      case 5 -> new EqualNullSafe(col, v);
      case 6 -> new Not(new GreaterThan(col, v));
      case 7 -> new Not(new GreaterThanOrEqual(col, v));
      case 8 -> new Not(new LessThan(col, v));
      default -> new Not(new LessThanOrEqual(col, v));
    };
  }

  static boolean compareOp(int op, Comparable<Object> value, Object p) {
    int c = value.compareTo(p);
    return switch (op) {
      case 0, 5 -> c == 0;
      case 1, 9 -> c > 0;
      case 2, 8 -> c >= 0;
      case 3, 7 -> c < 0;
      default -> c <= 0;
    };
  }

  private static void checkExact(org.apache.spark.sql.sources.Filter f, PushdownContext ctx,
      List<Bucket> buckets, java.util.function.Predicate<Bucket> passes) {
    FilterTranslation t = check(f, ctx, buckets, passes);
    assertThat(t.postScan()).as("%s handed back", f).isEmpty();
  }

  private static FilterTranslation check(org.apache.spark.sql.sources.Filter f, PushdownContext ctx,
      List<Bucket> buckets, java.util.function.Predicate<Bucket> passes) {
    FilterTranslation t = FilterTranslator.translate(new org.apache.spark.sql.sources.Filter[] {f}, ctx);
    assertThat(t.fathomFilters()).isEmpty();
    for (Bucket b : buckets) {
      boolean spark = passes.test(b);
      boolean selected = !t.alwaysFalse() && t.dateRange().contains(b.start());
      boolean afterSpark = selected && (t.postScan().isEmpty() || spark);
      if (afterSpark != spark || (t.postScan().isEmpty() && selected != spark)) {
        throw new AssertionError(f + " on bucket " + b + ": Spark keeps it: " + spark
            + ", the range " + (t.alwaysFalse() ? "(no request)" : t.dateRange()) + " selects it: " + selected
            + ", handed back: " + t.postScan());
      }
    }
    return t;
  }
}
