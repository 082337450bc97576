package dev.sparkfathom.read.pushdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.DateGrouping;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import org.apache.spark.sql.sources.AlwaysFalse;
import org.apache.spark.sql.sources.AlwaysTrue;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;
import org.junit.jupiter.api.Test;

/**
 * {@link ExactnessOracleTest} for today's API: a text property (all six operators), a
 * categorical one ({@code is} / {@code is not} only) and one that cannot be filtered; the API
 * evaluated with the emulator's today semantics ({@code is like} with {@code *} as its only
 * wildcard, {@code matching} a Java regex found anywhere), and, when the documented semantics
 * are not assumed, with {@code is} and {@code matching} ignoring case as well. Every Fathom
 * filter sent must use an operator its property accepts.
 *
 * <p>The law of "Exactness", checked by brute force on random filters over string, metric and
 * hourly {@code date} columns (around a DST fall-back): the rows the API returns for the Fathom
 * filters and the date range, filtered by Spark with the handed-back filters, are exactly the rows
 * Spark's own evaluation of the offered filters keeps. Spark is evaluated here with SQL's
 * three-valued logic; the API with the documented semantics, and, when they are not assumed,
 * with a case-insensitive {@code is} as well.
 */
class TodayExactnessOracleTest {
  private static final List<String> VALUES =
      Arrays.asList(null, "", "a", "A", "ab", "aB", "b", "xab", "a%b", "a_b", "axb", "%", "_", "a*b",
          "*", "a.b", "ab\n", "(a", "^a$", "a\\b", "é");
  private static final List<String> COLUMNS = List.of("pathname", "country_code", "keyword", "pageviews", "date");
  private static final List<Field> GROUPED = List.of(Field.PATHNAME, Field.COUNTRY_CODE, Field.KEYWORD);
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** Hour buckets around Berlin's fall-back, with their values: 02:00 is two hours long. */
  private static final List<LocalDateTime> BUCKETS = List.of(
      LocalDateTime.parse("2024-10-27T00:00"), LocalDateTime.parse("2024-10-27T01:00"),
      LocalDateTime.parse("2024-10-27T02:00"), LocalDateTime.parse("2024-10-27T03:00"),
      LocalDateTime.parse("2024-10-27T04:00"));
  private static final List<Instant> BUCKET_VALUES = List.of(
      Instant.parse("2024-10-26T22:00:00Z"), Instant.parse("2024-10-26T23:00:00Z"),
      Instant.parse("2024-10-27T00:00:00Z"), Instant.parse("2024-10-27T02:00:00Z"),
      Instant.parse("2024-10-27T03:00:00Z"));
  private static final List<Instant> THRESHOLDS = thresholds();

  record Row(String pathname, String country, String keyword, long pageviews, int bucket) {
    Object get(String column) {
      return switch (column) {
        case "pathname" -> pathname;
        case "country_code" -> country;
        case "keyword" -> keyword;
        case "date" -> BUCKET_VALUES.get(bucket);
        default -> pageviews;
      };
    }
  }

  private static List<Instant> thresholds() {
    List<Instant> out = new ArrayList<>();
    for (Instant v : BUCKET_VALUES) {
      out.addAll(List.of(v, v.minusSeconds(1), v.plusSeconds(1), v.plusSeconds(3600)));
    }
    return out;
  }

  private final List<Row> rows = rows();

  private static List<Row> rows() {
    List<Row> out = new ArrayList<>();
    long n = 0;
    for (String p : VALUES) {
      for (String h : VALUES) {
        for (int b = 0; b < 2; b++) {
          out.add(new Row(p, h, VALUES.get((int) (n % VALUES.size())), n % 7,
              (int) ((n + b * 3) % BUCKETS.size())));
          n++;
        }
      }
    }
    return out;
  }

  @Test
  void documentedSemanticsAreExactEndToEnd() {
    check(true, 3_000, 1L);
  }

  @Test
  void undocumentedSettingIsExactEndToEndUnderEitherReadingOfIs() {
    check(false, 3_000, 2L);
  }

  private void check(boolean documented, int cases, long seed) {
    PushdownContext ctx = new PushdownContext(GROUPED, DateGrouping.HOUR, BERLIN, documented,
        dev.sparkfathom.api.ApiVersion.CURRENT);
    Random random = new Random(seed);
    int exactCases = 0;
    int pushedCases = 0;
    for (int i = 0; i < cases; i++) {
      org.apache.spark.sql.sources.Filter[] offered = new org.apache.spark.sql.sources.Filter[1 + random.nextInt(3)];
      for (int j = 0; j < offered.length; j++) {
        offered[j] = randomFilter(random, 2);
      }
      FilterTranslation t = FilterTranslator.translate(offered, ctx);
      assertHandedBackAreOfferedConjuncts(offered, t);
      for (Filter f : t.fathomFilters()) {
        assertThat(f.property().accepts(f.operator(), dev.sparkfathom.api.ApiVersion.CURRENT))
            .as("%s in %s", f, Arrays.toString(offered)).isTrue();
      }
      List<Boolean> readings = documented ? List.of(false) : List.of(false, true);
      for (boolean ignoreCase : readings) {
        for (Row row : rows) {
          boolean spark = Arrays.stream(offered).allMatch(f -> eval(f, row) == Boolean.TRUE);
          boolean api = !t.alwaysFalse() && t.dateRange().contains(BUCKETS.get(row.bucket()))
              && t.fathomFilters().stream().allMatch(f -> api(f, row, ignoreCase));
          boolean after = api && t.postScan().stream().allMatch(f -> eval(f, row) == Boolean.TRUE);
          if (after != spark) {
            throw new AssertionError("row " + row + ", offered " + Arrays.toString(offered)
                + ", translation " + t + ": Spark keeps it: " + spark + ", the scan: " + after);
          }
        }
      }
      if (!t.fathomFilters().isEmpty()) {
        pushedCases++;
        exactCases += t.fullyExact() ? 1 : 0;
      }
    }
    // Guards against an oracle that passes because nothing is pushed.
    assertThat(pushedCases).as("cases with some Fathom filter").isGreaterThan(cases / 10);
    if (documented) {
      assertThat(exactCases).as("cases pushed exactly").isGreaterThan(cases / 20);
    }
  }

  /** Spark rebuilds handed-back filters from the leaves it offered: they must be offered conjuncts. */
  private static void assertHandedBackAreOfferedConjuncts(
      org.apache.spark.sql.sources.Filter[] offered, FilterTranslation t) {
    Map<org.apache.spark.sql.sources.Filter, Boolean> conjuncts = new IdentityHashMap<>();
    for (org.apache.spark.sql.sources.Filter f : offered) {
      addConjuncts(f, conjuncts);
    }
    for (org.apache.spark.sql.sources.Filter f : t.postScan()) {
      assertThat(conjuncts).containsKey(f);
    }
  }

  private static void addConjuncts(org.apache.spark.sql.sources.Filter f,
      Map<org.apache.spark.sql.sources.Filter, Boolean> out) {
    if (f instanceof And and) {
      addConjuncts(and.left(), out);
      addConjuncts(and.right(), out);
    } else {
      out.put(f, true);
    }
  }

  private static org.apache.spark.sql.sources.Filter randomFilter(Random r, int depth) {
    int kind = r.nextInt(depth > 0 ? 18 : 14);
    String col = COLUMNS.get(r.nextInt(COLUMNS.size()));
    boolean metric = col.equals("pageviews") || col.equals("date");
    Object v = value(col, r);
    String s = VALUES.get(1 + r.nextInt(VALUES.size() - 1));
    return switch (kind) {
      case 0, 1 -> new EqualTo(col, v);
      case 2 -> new EqualNullSafe(col, v);
      case 3 -> {
        Object[] values = new Object[r.nextInt(4)];
        for (int i = 0; i < values.length; i++) {
          values[i] = value(col, r);
        }
        yield new In(col, values);
      }
      case 4 -> new IsNull(col);
      case 5 -> new IsNotNull(col);
      case 6 -> metric ? new GreaterThan(col, v) : new StringContains(col, s);
      case 7 -> metric ? new LessThanOrEqual(col, v) : new StringStartsWith(col, s);
      case 8 -> metric ? new GreaterThanOrEqual(col, v) : new StringEndsWith(col, s);
      case 9 -> new GreaterThan(col, v);
      case 10 -> r.nextInt(4) == 0 ? new AlwaysFalse() : new AlwaysTrue();
      case 11, 12 -> new Not(randomFilter(r, 0));
      case 13 -> metric ? new LessThan(col, v) : new StringEndsWith(col, s);
      case 14 -> new And(randomFilter(r, depth - 1), randomFilter(r, depth - 1));
      case 15 -> new Or(randomFilter(r, depth - 1), randomFilter(r, depth - 1));
      default -> new Not(randomFilter(r, depth - 1));
    };
  }

  private static Object value(String col, Random r) {
    if (col.equals("pageviews")) {
      return (long) r.nextInt(7);
    }
    if (col.equals("date")) {
      return r.nextInt(10) == 0 ? null : THRESHOLDS.get(r.nextInt(THRESHOLDS.size()));
    }
    return VALUES.get(r.nextInt(VALUES.size()));
  }

  /** Spark's value of the filter for the row: TRUE, FALSE or null. */
  static Boolean eval(org.apache.spark.sql.sources.Filter f, Row row) {
    if (f instanceof AlwaysTrue) {
      return true;
    }
    if (f instanceof AlwaysFalse) {
      return false;
    }
    if (f instanceof And and) {
      Boolean l = eval(and.left(), row);
      Boolean r = eval(and.right(), row);
      if (l == Boolean.FALSE || r == Boolean.FALSE) {
        return false;
      }
      return l == null || r == null ? null : true;
    }
    if (f instanceof Or or) {
      Boolean l = eval(or.left(), row);
      Boolean r = eval(or.right(), row);
      if (l == Boolean.TRUE || r == Boolean.TRUE) {
        return true;
      }
      return l == null || r == null ? null : false;
    }
    if (f instanceof Not not) {
      Boolean c = eval(not.child(), row);
      return c == null ? null : !c;
    }
    String col = f.references()[0];
    Object a = row.get(col);
    if (f instanceof EqualTo eq) {
      return a == null || eq.value() == null ? null : a.equals(eq.value());
    }
    if (f instanceof EqualNullSafe eq) {
      return a == null || eq.value() == null ? a == eq.value() : a.equals(eq.value());
    }
    if (f instanceof In in) {
      if (in.values().length == 0) {
        return false;
      }
      if (a == null) {
        return null;
      }
      boolean sawNull = false;
      for (Object v : in.values()) {
        if (v == null) {
          sawNull = true;
        } else if (a.equals(v)) {
          return true;
        }
      }
      return sawNull ? null : false;
    }
    if (f instanceof IsNull) {
      return a == null;
    }
    if (f instanceof IsNotNull) {
      return a != null;
    }
    if (f instanceof StringContains c) {
      return a == null ? null : ((String) a).contains(c.value());
    }
    if (f instanceof StringStartsWith c) {
      return a == null ? null : ((String) a).startsWith(c.value());
    }
    if (f instanceof StringEndsWith c) {
      return a == null ? null : ((String) a).endsWith(c.value());
    }
    if (f instanceof GreaterThan c) {
      return a == null || c.value() == null ? null : compare(a, c.value()) > 0;
    }
    if (f instanceof LessThanOrEqual c) {
      return a == null || c.value() == null ? null : compare(a, c.value()) <= 0;
    }
    if (f instanceof GreaterThanOrEqual c) {
      return a == null || c.value() == null ? null : compare(a, c.value()) >= 0;
    }
    if (f instanceof LessThan c) {
      return a == null || c.value() == null ? null : compare(a, c.value()) < 0;
    }
    throw new AssertionError("no evaluation for " + f);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  /** The emulator's today semantics; {@code ignoreCase} for the worst plausible reading. */
  static boolean api(Filter f, Row row, boolean ignoreCase) {
    String v = (String) row.get(f.property().apiName());
    BiPredicate<String, String> is = ignoreCase ? String::equalsIgnoreCase : String::equals;
    int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
    return switch (f.operator()) {
      case IS -> v != null && is.test(v, f.value());
      case IS_NOT -> v == null || !is.test(v, f.value());
      case IS_LIKE -> v != null && like(v, f.value());
      case IS_NOT_LIKE -> v == null || !like(v, f.value());
      case MATCHING -> v != null && Pattern.compile(f.value(), flags).matcher(v).find();
      case NOT_MATCHING -> v == null || !Pattern.compile(f.value(), flags).matcher(v).find();
    };
  }

  private static final Map<String, Pattern> LIKE = new java.util.concurrent.ConcurrentHashMap<>();

  private static boolean like(String v, String pattern) {
    return LIKE.computeIfAbsent(pattern, TodayExactnessOracleTest::likePattern).matcher(v).matches();
  }

  private static Pattern likePattern(String pattern) {
    StringBuilder regex = new StringBuilder(".*");
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.append(".*").toString(), Pattern.DOTALL);
  }

  @Test
  void oracleLikeMatchesSubstringsAndWildcards() {
    assertThat(like("xab", "ab")).isTrue();
    assertThat(like("axb", "a_b")).isFalse();
    assertThat(like("axxb", "a*b")).isTrue();
    assertThat(like("ba", "ab")).isFalse();
    assertThat(like("", "")).isTrue();
    assertThat(like("a", "")).isTrue();
  }
}
