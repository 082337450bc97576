package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.emulator.data.ConversionRecord;
import dev.sparkfathom.emulator.data.PageviewRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The expected answer of an aggregation, computed the slow and obvious way from the raw
 * records and the spec's text, sharing no code with the engine: streams over record lists, a
 * regex for {@code is like}, {@link ZonedDateTime} and string padding for the buckets, and
 * for the derived fields a map from each session to its pageviews sorted by timestamp then
 * list position ({@code entry_page} / {@code exit_page}: the first / last one's pathname, the
 * record's own without a session or when its session has no pageview; {@code domain}: the
 * record's domain, else its hostname).
 */
public final class Oracle {
  private Oracle() {}

  /** A raw record of either kind, as the spec describes it. */
  private record Raw(Instant timestamp, String[] dims, boolean newSession, boolean unique,
      boolean bounce, int duration, long value) {}

  public static List<ResultRow> answer(EngineQuery q, List<PageviewRecord> pageviews,
      List<ConversionRecord> conversions) {
    Map<List<String>, String[]> sessions = sessions(pageviews);
    List<Raw> records = q.entity() == Entity.PAGEVIEW
        ? pageviews.stream().filter(p -> p.siteId().equals(q.entityId()))
            .map(p -> new Raw(p.timestamp().truncatedTo(ChronoUnit.SECONDS),
                derived(p.dimensions(), p.siteId(), p.sessionId(), sessions),
                p.newSession(), p.unique(), p.bounce(), p.duration(), 0))
            .toList()
        : conversions.stream().filter(c -> c.eventId().equals(q.entityId()))
            .map(c -> new Raw(c.timestamp().truncatedTo(ChronoUnit.SECONDS),
                derived(c.dimensions(), c.siteId(), c.sessionId(), sessions),
                false, c.unique(), false, 0, c.value()))
            .toList();
    ZoneId zone = q.zone() == null ? ZoneId.of("UTC") : q.zone();
    List<Filter> filters = q.filters() == null ? List.of() : q.filters();
    Map<Filter, Pattern> patterns = new HashMap<>();
    filters.forEach(f -> patterns.put(f, q.api() == ApiVersion.LEGACY
        ? likeRegex(f.value()) : starRegex(f.value())));
    List<Field> grouped = q.fieldGrouping() == null ? List.of() : q.fieldGrouping();
    Map<List<String>, List<Raw>> groups = records.stream()
        .filter(r -> q.from() == null || !r.timestamp().isBefore(q.from()))
        .filter(r -> q.to() == null || !r.timestamp().isAfter(q.to()))
        .filter(r -> filters.stream().allMatch(f -> passes(f, patterns.get(f), r)))
        .collect(Collectors.groupingBy(r -> key(r, q.dateGrouping(), zone, grouped),
            LinkedHashMap::new, Collectors.toList()));
    List<ResultRow> rows = new ArrayList<>();
    groups.forEach((key, rs) -> rows.add(new ResultRow(key.get(0),
        key.subList(1, key.size()).toArray(new String[0]),
        q.aggregates().stream().map(a -> metric(a, rs)).toArray(Number[]::new))));
    rows.sort(order(q, grouped));
    return q.limit() == null || q.limit() >= rows.size() ? rows : rows.subList(0, q.limit());
  }

  private static boolean passes(Filter f, Pattern like, Raw r) {
    String v = r.dims()[f.property().ordinal()];
    boolean equal = v != null && v.equals(f.value());
    boolean isLike = v != null && like.matcher(v).matches();
    return switch (f.operator()) {
      case IS -> equal;
      case IS_NOT -> !equal;
      case IS_LIKE -> isLike;
      case IS_NOT_LIKE -> !isLike;
      case MATCHING -> v != null && Pattern.compile(f.value()).matcher(v).find();
      case NOT_MATCHING -> v == null || !Pattern.compile(f.value()).matcher(v).find();
    };
  }

  /**
   * Per (site, session id): the pathnames of its first and last pageview, the pageviews sorted
   * by whole-second timestamp, then by their place in the list.
   */
  private static Map<List<String>, String[]> sessions(List<PageviewRecord> pageviews) {
    Map<List<String>, List<Integer>> positions = new HashMap<>();
    for (int i = 0; i < pageviews.size(); i++) {
      PageviewRecord p = pageviews.get(i);
      if (p.sessionId() != null) {
        positions.computeIfAbsent(List.of(p.siteId(), p.sessionId()), k -> new ArrayList<>())
            .add(i);
      }
    }
    Map<List<String>, String[]> out = new HashMap<>();
    positions.forEach((key, list) -> {
      list.sort(Comparator.comparing((Integer i) ->
          pageviews.get(i).timestamp().truncatedTo(ChronoUnit.SECONDS)).thenComparing(i -> i));
      out.put(key, new String[] {
          pageviews.get(list.get(0)).dimensions()[Field.PATHNAME.ordinal()],
          pageviews.get(list.get(list.size() - 1)).dimensions()[Field.PATHNAME.ordinal()]});
    });
    return out;
  }

  /** The record's dimensions with entry_page, exit_page and domain filled in. */
  private static String[] derived(String[] dims, String siteId, String sessionId,
      Map<List<String>, String[]> sessions) {
    String[] out = dims.clone();
    String path = dims[Field.PATHNAME.ordinal()];
    String[] entryExit = sessionId == null ? null : sessions.get(List.of(siteId, sessionId));
    out[Field.ENTRY_PAGE.ordinal()] = entryExit == null ? path : entryExit[0];
    out[Field.EXIT_PAGE.ordinal()] = entryExit == null ? path : entryExit[1];
    if (out[Field.DOMAIN.ordinal()] == null) {
      out[Field.DOMAIN.ordinal()] = dims[Field.HOSTNAME.ordinal()];
    }
    return out;
  }

  /** Today's "contains value, * any run" as a whole-string regex; % and _ are plain. */
  static Pattern starRegex(String value) {
    StringBuilder regex = new StringBuilder(".*");
    value.codePoints().forEach(cp -> regex.append(cp == '*' ? ".*"
        : Pattern.quote(new String(Character.toChars(cp)))));
    return Pattern.compile(regex.append(".*").toString(), Pattern.DOTALL);
  }

  /** "contains value, % any run, _ one character" as a whole-string regex. */
  static Pattern likeRegex(String value) {
    StringBuilder regex = new StringBuilder(".*");
    value.codePoints().forEach(cp -> {
      if (cp == '%') {
        regex.append(".*");
      } else if (cp == '_') {
        regex.append(".");
      } else {
        regex.append(Pattern.quote(new String(Character.toChars(cp))));
      }
    });
    return Pattern.compile(regex.append(".*").toString(), Pattern.DOTALL);
  }

  private static List<String> key(Raw r, DateGrouping g, ZoneId zone, List<Field> grouped) {
    List<String> key = new ArrayList<>();
    key.add(g == null ? null : label(r.timestamp().atZone(zone), g));
    for (Field f : grouped) {
      key.add(r.dims()[f.ordinal()]);
    }
    return key;
  }

  private static String label(ZonedDateTime t, DateGrouping g) {
    String year = pad(t.getYear(), 4);
    String month = year + "-" + pad(t.getMonthValue(), 2);
    String day = month + "-" + pad(t.getDayOfMonth(), 2);
    return switch (g) {
      case HOUR -> day + " " + pad(t.getHour(), 2) + ":00:00";
      case DAY -> day;
      case MONTH -> month;
      case YEAR -> year;
    };
  }

  private static String pad(int n, int width) {
    StringBuilder s = new StringBuilder(Integer.toString(n));
    while (s.length() < width) {
      s.insert(0, '0');
    }
    return s.toString();
  }

  private static Number metric(Aggregate a, List<Raw> rs) {
    long visits = rs.stream().filter(Raw::newSession).count();
    return switch (a) {
      case PAGEVIEWS, CONVERSIONS -> (long) rs.size();
      case VISITS -> visits;
      case UNIQUES, UNIQUE_CONVERSIONS -> rs.stream().filter(Raw::unique).count();
      case AVG_DURATION -> {
        List<Integer> positive =
            rs.stream().map(Raw::duration).filter(d -> d > 0).toList();
        long sum = positive.stream().mapToLong(Integer::longValue).sum();
        yield positive.isEmpty() ? 0.0 : (double) sum / positive.size();
      }
      case BOUNCE_RATE -> visits == 0 ? 0.0
          : (double) rs.stream().filter(r -> r.newSession() && r.bounce()).count() / visits;
      case VALUE -> rs.stream().mapToLong(Raw::value).sum();
    };
  }

  private static Comparator<ResultRow> order(EngineQuery q, List<Field> grouped) {
    Comparator<String> s = Comparator.nullsFirst(Comparator.naturalOrder());
    Comparator<ResultRow> natural = Comparator.comparing(ResultRow::date, s);
    for (int i = 0; i < grouped.size(); i++) {
      int k = i;
      natural = natural.thenComparing(r -> r.fields()[k], s);
    }
    if (q.sort() == null) {
      return natural;
    }
    String name = q.sort().field();
    Comparator<ResultRow> by;
    int metric = q.aggregates().stream().map(Aggregate::apiName).toList().indexOf(name);
    if (name.equals("timestamp")) {
      by = Comparator.comparing(ResultRow::date, s);
    } else if (metric >= 0) {
      by = Comparator.comparing(r -> r.metrics()[metric].doubleValue());
    } else {
      int field = grouped.indexOf(Field.byName(name));
      by = Comparator.comparing(r -> r.fields()[field], s);
    }
    return (q.sort().descending() ? by.reversed() : by).thenComparing(natural);
  }

  /** A row as a plain comparable value, for assertions. */
  static List<Object> plain(ResultRow r) {
    return List.of(Objects.toString(r.date()), Arrays.asList(r.fields()),
        Arrays.asList(r.metrics()));
  }
}
