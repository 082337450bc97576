package dev.sparkfathom.read.cap;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.Sort;
import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.AggregationRow;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An in-memory Fathom for the cap algorithm: records (one pageview each), the six operators
 * with the emulator's documented semantics, grouping by fields and buckets, and a row cap that
 * cuts the sorted answer silently. {@link Quirk}s make it behave like a service whose
 * unpublished rules differ, so the self-checks can be seen to fire.
 */
final class FakeFathom implements CapFetcher {
  record Rec(LocalDateTime time, Map<Field, String> values, boolean visit, long duration) {
    String get(Field f) {
      return values.get(f);
    }
  }

  enum Quirk {
    NONE,
    /** {@code not matching} drops nulls */
    NOT_MATCHING_DROPS_NULLS,
    /** {@code matching} ignores case */
    MATCHING_IGNORES_CASE,
    /** ignores {@code sort_by} and answers in a scrambled order */
    IGNORES_SORT
  }

  private final List<Rec> records;
  private final Quirk quirk;
  final List<AggregationQuery> log = new ArrayList<>();

  FakeFathom(List<Rec> records, Quirk quirk) {
    this.records = List.copyOf(records);
    this.quirk = quirk;
  }

  FakeFathom(List<Rec> records) {
    this(records, Quirk.NONE);
  }

  @Override
  public List<AggregationRow> fetch(AggregationQuery q) {
    log.add(q);
    List<AggregationRow> all = answer(q);
    Integer limit = q.limit();
    return limit == null || all.size() <= limit ? all : List.copyOf(all.subList(0, limit));
  }

  /** The whole answer, uncut, in the order the query asks. */
  List<AggregationRow> answer(AggregationQuery q) {
    Map<List<Object>, List<Rec>> groups = new LinkedHashMap<>();
    for (Rec r : records) {
      if (q.dateFrom() != null && r.time().isBefore(q.dateFrom())) {
        continue;
      }
      if (q.dateTo() != null && r.time().isAfter(q.dateTo())) {
        continue;
      }
      if (!q.filters().stream().allMatch(f -> passes(f, r.get(f.property())))) {
        continue;
      }
      List<Object> key = new ArrayList<>();
      key.add(q.dateGrouping() == null ? null : q.dateGrouping().truncate(r.time()));
      for (Field f : q.fieldGrouping()) {
        key.add(r.get(f));
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    if (groups.isEmpty() && q.fieldGrouping().isEmpty() && q.dateGrouping() == null) {
      groups.put(java.util.Arrays.asList((Object) null), List.of());
    }
    List<AggregationRow> rows = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Rec>> e : groups.entrySet()) {
      String[] fields = new String[q.fieldGrouping().size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = (String) e.getKey().get(i + 1);
      }
      Number[] metrics = new Number[q.aggregates().size()];
      for (int i = 0; i < metrics.length; i++) {
        metrics[i] = metric(q.aggregates().get(i), e.getValue());
      }
      rows.add(new AggregationRow((LocalDateTime) e.getKey().get(0), fields, metrics));
    }
    // A scrambled order within a bucket, so a cut takes arbitrary rows of the last bucket.
    Comparator<AggregationRow> scrambled = Comparator.comparingInt(r -> Objects.hash((Object[]) r.fields()) * 31 + 7);
    Sort sort = q.sortBy();
    if (quirk == Quirk.IGNORES_SORT) {
      rows.sort(scrambled);
    } else if (sort != null && sort.field().equals(Sort.TIMESTAMP)) {
      Comparator<AggregationRow> byTime = Comparator.comparing(AggregationRow::bucket);
      rows.sort((sort.descending() ? byTime.reversed() : byTime).thenComparing(scrambled));
    } else {
      // The emulator's default: date, then (here) scrambled.
      rows.sort(Comparator.comparing(AggregationRow::bucket, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(scrambled));
    }
    return rows;
  }

  private static Number metric(Aggregate a, List<Rec> recs) {
    return switch (a) {
      case PAGEVIEWS -> (long) recs.size();
      case VISITS -> recs.stream().filter(Rec::visit).count();
      case AVG_DURATION -> recs.isEmpty() ? 0.0 : recs.stream().mapToLong(Rec::duration).average().orElse(0);
      default -> throw new IllegalArgumentException("the fake computes no " + a);
    };
  }

  boolean passes(Filter f, String v) {
    return switch (f.operator()) {
      case IS -> v != null && v.equals(f.value());
      case IS_NOT -> v == null || !v.equals(f.value());
      case IS_LIKE -> v != null && like(f.value()).matcher(v).find();
      case IS_NOT_LIKE -> v == null || !like(f.value()).matcher(v).find();
      case MATCHING -> v != null && regex(f.value()).matcher(v).find();
      case NOT_MATCHING -> v == null ? quirk != Quirk.NOT_MATCHING_DROPS_NULLS : !regex(f.value()).matcher(v).find();
    };
  }

  private Pattern regex(String r) {
    return quirk == Quirk.MATCHING_IGNORES_CASE ? Pattern.compile(r, Pattern.CASE_INSENSITIVE) : Pattern.compile(r);
  }

  private static Pattern like(String value) {
    StringBuilder b = new StringBuilder();
    for (String part : value.split("\\*", -1)) {
      if (b.length() > 0) {
        b.append(".*");
      }
      b.append(Pattern.quote(part));
    }
    return Pattern.compile(b.toString(), Pattern.DOTALL);
  }
}
