package dev.sparkfathom.read.cap;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiTime;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import dev.sparkfathom.api.Sort;
import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.AggregationRow;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads every row of one aggregation although Fathom answers at most {@code rowLimit} rows of
 * a grouped request and cannot page: an answer of exactly {@code rowLimit} rows is presumed
 * cut, and the rest is fetched exactly.
 * <ul>
 *   <li>Date-grouped: ask with {@code sort_by=timestamp:asc}; the buckets before the last one
 *       of a cut answer are complete; continue from that last bucket, fetched again.
 *   <li>One bucket over the cap (or an undated answer that is cut): split the values of a
 *       property into disjoint {@code matching} / {@code not matching} sets that together
 *       hold every value, null included ({@link ValueNode}), recursively where a part is still
 *       cut; a part is read by continuation in time as above. Grouped text properties are
 *       tried first (every row of a part is checked to lie in it); where none can split, a
 *       text property that is not grouped splits the pageviews, and the additive aggregates of
 *       each group are summed across parts (only when every aggregate is additive).
 *   <li>A split whose exactness rests on the null rule of {@code not matching} (or every split,
 *       with {@code alwaysCheck}) compares the sum of an additive aggregate over its rows with
 *       one ungrouped request over the same range and filters.
 *   <li>Where nothing can split, a {@link RowCapException} names the range, the cap and what
 *       would help. A query with its own {@code limit} (a pushed top-N or LIMIT no larger than
 *       the cap) and an ungrouped query are one request, as they are.
 * </ul>
 * Every request goes through the {@link CapFetcher}, so it takes rate budget like any other.
 */
public final class CappedRead {
  private static final Sort TIME_ASC = new Sort(Sort.TIMESTAMP, false);
  /** Text properties that may split pageviews when not grouped: pageview-level ones first. */
  private static final List<Field> FILTER_ONLY_ORDER = List.of(Field.PATHNAME, Field.HOSTNAME,
      Field.REFERRER_HOSTNAME, Field.REFERRER_PATHNAME, Field.REFERRER_SOURCE, Field.UTM_SOURCE,
      Field.UTM_MEDIUM, Field.UTM_CAMPAIGN, Field.UTM_CONTENT, Field.UTM_TERM, Field.REF);

  /**
   * @param rowLimit the {@code limit} every grouped request sends (1..1000)
   * @param alwaysCheck check every value split against an ungrouped request
   * @param zone the read's timezone, to tell whether a bucket's last second is unambiguous
   */
  public record Settings(int rowLimit, boolean alwaysCheck, ZoneId zone) {
    public Settings {
      if (rowLimit < 1) {
        throw new IllegalArgumentException("rowLimit must be at least 1; got: " + rowLimit);
      }
      Objects.requireNonNull(zone, "zone");
    }
  }

  /** All rows, laid out as the query asked, and the number of requests made (at least one). */
  public record Result(List<AggregationRow> rows, int requests, int splits) {}

  private final Settings settings;
  private final CapFetcher fetcher;
  private final Aggregate check;
  private int requests;
  private int splits;

  private CappedRead(Settings settings, CapFetcher fetcher, Aggregate check) {
    this.settings = settings;
    this.fetcher = fetcher;
    this.check = check;
  }

  /** Reads {@code query} completely; see the class comment. */
  public static Result read(AggregationQuery query, Settings settings, CapFetcher fetcher) {
    Pages pages = pages(query, settings, fetcher);
    List<AggregationRow> rows = new ArrayList<>();
    for (List<AggregationRow> page; (page = pages.next()) != null; ) {
      rows.addAll(page);
    }
    return new Result(rows, pages.requests(), pages.splits());
  }

  /**
   * Reads {@code query} page by page, as {@link #read} does at once: each page holds the rows
   * of buckets that are complete (a date-grouped answer cut at the cap gives the buckets
   * before its last one, and the next request starts at that last bucket); a bucket or an
   * undated answer that must be split comes whole, after its split is read and checked. So a
   * reader may return a page's rows before the next request is made: no later answer can
   * change them.
   */
  public static Pages pages(AggregationQuery query, Settings settings, CapFetcher fetcher) {
    if (query.limit() != null || query.fieldGrouping().isEmpty()) {
      return new Pages(new CappedRead(settings, fetcher, null), query, false, true);
    }
    Aggregate check = query.entity() == Entity.PAGEVIEW ? Aggregate.PAGEVIEWS : Aggregate.CONVERSIONS;
    boolean added = !query.aggregates().contains(check);
    AggregationQuery withCheck = query;
    if (added) {
      List<Aggregate> aggs = new ArrayList<>(query.aggregates());
      aggs.add(check);
      withCheck = query.toBuilder().aggregates(aggs).build();
    }
    return new Pages(new CappedRead(settings, fetcher, check),
        withCheck.toBuilder().limit(settings.rowLimit()).build(), added, false);
  }

  /** The pages of one capped read; see {@link #pages}. */
  public static final class Pages {
    private final CappedRead reader;
    private final AggregationQuery query;
    private final boolean dropCheck;
    private final boolean direct;
    private LocalDateTime from;
    private boolean done;

    private Pages(CappedRead reader, AggregationQuery query, boolean dropCheck, boolean direct) {
      this.reader = reader;
      this.query = query;
      this.dropCheck = dropCheck;
      this.direct = direct;
      this.from = query.dateFrom();
    }

    /** The next page's rows (possibly none), or null when every row has been given. */
    public List<AggregationRow> next() {
      if (done) {
        return null;
      }
      List<AggregationRow> out;
      if (direct) {
        done = true;
        out = reader.fetch(query);
      } else if (query.dateGrouping() == null) {
        done = true;
        out = new ArrayList<>();
        reader.readPart(query, null, out);
      } else {
        out = new ArrayList<>();
        Next next = reader.step(query, null, from, out);
        if (next == null) {
          done = true;
        } else {
          from = next.from();
        }
      }
      if (dropCheck) {
        out.replaceAll(CappedRead::dropLastMetric);
      }
      return out;
    }

    /** Requests made so far (at least one once a page was given). */
    public int requests() {
      return reader.requests;
    }

    /** Value splits made so far. */
    public int splits() {
      return reader.splits;
    }
  }

  private static AggregationRow dropLastMetric(AggregationRow row) {
    return new AggregationRow(row.bucket(), row.fields(),
        Arrays.copyOf(row.metrics(), row.metrics().length - 1));
  }

  private List<AggregationRow> fetch(AggregationQuery q) {
    requests++;
    return fetcher.fetch(q);
  }

  private boolean cut(List<AggregationRow> rows) {
    return rows.size() >= settings.rowLimit();
  }

  /**
   * Reads every row of {@code q} (grouped, with the limit) into {@code out}; {@code split} is
   * the value split {@code q} is a part of, or null.
   */
  private void readPart(AggregationQuery q, Split split, List<AggregationRow> out) {
    if (q.dateGrouping() == null) {
      List<AggregationRow> rows = fetch(q);
      accept(rows, split, q);
      if (cut(rows)) {
        splitAndRead(q, split, rows, out);
      } else {
        out.addAll(rows);
      }
      return;
    }
    for (Next next = new Next(q.dateFrom()); next != null; ) {
      next = step(q, split, next.from(), out);
    }
  }

  /** Where the next request of a continuation in time starts. */
  private record Next(LocalDateTime from) {}

  /**
   * One request of a continuation in time of {@code q} from {@code from}: adds the rows of the
   * buckets it completes (through a value split where one bucket alone fills the answer) to
   * {@code out}; returns where to continue, or null when {@code q} is read.
   */
  private Next step(AggregationQuery q, Split split, LocalDateTime from, List<AggregationRow> out) {
    DateGrouping grouping = q.dateGrouping();
    AggregationQuery r = q.toBuilder().dateFrom(from).sortBy(TIME_ASC).build();
    List<AggregationRow> rows = fetch(r);
    accept(rows, split, r);
    if (!cut(rows)) {
      out.addAll(rows);
      return null;
    }
    LocalDateTime first = rows.get(0).bucket();
    LocalDateTime last = rows.get(rows.size() - 1).bucket();
    if (!first.equals(last)) {
      for (AggregationRow row : rows) {
        if (row.bucket().isBefore(last)) {
          out.add(row);
        }
      }
      return new Next(last);
    }
    // One bucket alone fills the answer: split it, over that bucket only when its last
    // second names one instant (else over the rest of the range, still read by time).
    LocalDateTime nextStart = grouping.plus(last, 1);
    LocalDateTime bucketEnd = nextStart.minusSeconds(1);
    boolean narrow = (q.dateTo() == null || bucketEnd.isBefore(q.dateTo()))
        && settings.zone().getRules().getValidOffsets(bucketEnd).size() == 1;
    AggregationQuery rest = r.toBuilder().sortBy(null).dateTo(narrow ? bucketEnd : q.dateTo()).build();
    splitAndRead(rest, split, rows, out);
    return narrow ? new Next(nextStart) : null;
  }

  /** Checks the answer's order and, inside a split, that every row lies in its part. */
  private void accept(List<AggregationRow> rows, Split split, AggregationQuery q) {
    if (q.dateGrouping() != null && q.sortBy() != null) {
      for (int i = 0; i < rows.size(); i++) {
        LocalDateTime b = rows.get(i).bucket();
        if (b == null || (i > 0 && b.isBefore(rows.get(i - 1).bucket()))) {
          throw new RowCapException("Fathom did not sort the answer for " + describe(q)
              + " by timestamp:asc, so an answer cut at the row cap cannot be continued exactly");
        }
      }
    }
    if (split != null) {
      split.checkRows(rows, q);
    }
  }

  /**
   * {@code q} is cut and {@code sample} is its answer: reads all its rows through a value
   * split. When {@code parent} is null this is a new split, checked against one ungrouped
   * request if it must be.
   */
  private void splitAndRead(AggregationQuery q, Split parent, List<AggregationRow> sample,
      List<AggregationRow> out) {
    if (parent != null) {
      parent.splitFurther(q, sample, out);
      return;
    }
    splits++;
    Split split = new Split(q);
    List<AggregationRow> rows = new ArrayList<>();
    split.start(sample, rows);
    if (split.filterOnlyUsed) {
      rows = merge(rows);
    }
    if (split.reliesOnNullRule || settings.alwaysCheck()) {
      long sum = 0;
      int i = q.aggregates().indexOf(check);
      for (AggregationRow row : rows) {
        sum += longValue(row.metrics()[i]);
      }
      long total = total(q);
      if (sum != total) {
        throw new RowCapException("the value split of the answer for " + describe(q)
            + " (over the row cap of " + settings.rowLimit() + ") does not add up: its parts hold "
            + sum + " " + check.apiName() + ", one ungrouped request says " + total
            + ". Fathom's matching / not matching (or their treatment of null) differ from the"
            + " documented ones; narrow the date range or add a filter so that no answer"
            + " reaches the row cap");
      }
    }
    out.addAll(rows);
  }

  private long total(AggregationQuery q) {
    AggregationQuery t = q.toBuilder().aggregates(List.of(check)).fieldGrouping(List.of())
        .dateGrouping(null).sortBy(null).limit(null).build();
    long sum = 0;
    for (AggregationRow row : fetch(t)) {
      sum += longValue(row.metrics()[0]);
    }
    return sum;
  }

  private static long longValue(Number n) {
    return n == null ? 0 : n.longValue();
  }

  /** Sums the metrics of rows with the same bucket and group (all metrics are additive here). */
  private static List<AggregationRow> merge(List<AggregationRow> rows) {
    Map<List<Object>, AggregationRow> byKey = new LinkedHashMap<>();
    for (AggregationRow row : rows) {
      List<Object> key = new ArrayList<>();
      key.add(row.bucket());
      key.addAll(Arrays.asList(row.fields()));
      byKey.merge(key, row, (a, b) -> {
        Number[] m = new Number[a.metrics().length];
        for (int i = 0; i < m.length; i++) {
          m[i] = a.metrics()[i] == null && b.metrics()[i] == null ? null
              : longValue(a.metrics()[i]) + longValue(b.metrics()[i]);
        }
        return new AggregationRow(a.bucket(), a.fields(), m);
      });
    }
    return new ArrayList<>(byKey.values());
  }

  static String describe(AggregationQuery q) {
    return (q.dateFrom() == null ? "the start" : ApiTime.FORMAT.format(q.dateFrom())) + " to "
        + (q.dateTo() == null ? "now" : ApiTime.FORMAT.format(q.dateTo()))
        + (q.filters().isEmpty() ? "" : " with filters " + q.filters());
  }

  /** A property a split may cut by: a grouped one (its values are in the rows) or not. */
  private record Prop(Field field, int column) {
    boolean grouped() {
      return column >= 0;
    }
  }

  /** One value split of a cut request: the properties it may cut by, and its parts. */
  private final class Split {
    private final AggregationQuery root;
    private final List<Prop> props = new ArrayList<>();
    private boolean filterOnlyUsed;
    private boolean reliesOnNullRule;
    /** The state each part query was made with, by the query's parameters. */
    private final Map<AggregationQuery, Part> parts = new java.util.HashMap<>();

    Split(AggregationQuery root) {
      this.root = root;
    }

    /** A part: fixed single values of exhausted properties, and the set of the current one. */
    private record Part(List<ValueNode> fixed, int prop, ValueNode node) {}

    void start(List<AggregationRow> sample, List<AggregationRow> out) {
      List<Field> grouping = root.fieldGrouping();
      List<Prop> grouped = new ArrayList<>();
      for (int i = 0; i < grouping.size(); i++) {
        if (grouping.get(i).accepts(FilterOperator.MATCHING, ApiVersion.CURRENT)) {
          grouped.add(new Prop(grouping.get(i), i));
        }
      }
      // Most distinct values in the sample first: they split best.
      grouped.sort((a, b) -> Long.compare(distinct(sample, b), distinct(sample, a)));
      props.addAll(grouped);
      if (root.aggregates().stream().allMatch(Aggregate::summable)) {
        for (Field f : FILTER_ONLY_ORDER) {
          if (!grouping.contains(f)) {
            props.add(new Prop(f, -1));
          }
        }
      }
      if (props.isEmpty()) {
        throw cannotSplit(root, "no grouped property accepts matching, and "
            + (root.aggregates().stream().allMatch(Aggregate::summable)
                ? "no text property is left to split by"
                : "avg_duration and bounce_rate cannot be summed across parts"));
      }
      explore(root, new Part(List.of(), 0, ValueNode.all()), sample, out);
    }

    private long distinct(List<AggregationRow> rows, Prop p) {
      return rows.stream().map(r -> r.fields()[p.column()]).distinct().count();
    }

    /** A part {@code q} (made by this split) is cut: cut it further. */
    void splitFurther(AggregationQuery q, List<AggregationRow> sample, List<AggregationRow> out) {
      Part part = parts.get(partKey(q));
      if (part == null) {
        throw new IllegalStateException("not a part of this split: " + q);
      }
      explore(q, part, sample, out);
    }

    /** The part's query without the bounds continuation moves, to find its state again. */
    private AggregationQuery partKey(AggregationQuery q) {
      return q.toBuilder().dateFrom(null).dateTo(null).sortBy(null).build();
    }

    /** {@code q} is the (cut) query of {@code part}; reads all its rows through its children. */
    private void explore(AggregationQuery q, Part part, List<AggregationRow> sample,
        List<AggregationRow> out) {
      Prop prop = props.get(part.prop());
      List<String> values = prop.grouped() ? column(sample, prop.column()) : probe(q, prop);
      List<ValueNode> children = part.node().split(values);
      if (children.isEmpty()) {
        if (part.prop() + 1 >= props.size()) {
          throw cannotSplit(q, "every part of the split is down to a single value of "
              + props.stream().map(p -> p.field().apiName()).toList());
        }
        List<ValueNode> fixed = new ArrayList<>(part.fixed());
        fixed.add(part.node());
        explore(q, new Part(fixed, part.prop() + 1, ValueNode.all()), sample, out);
        return;
      }
      filterOnlyUsed |= !prop.grouped();
      List<Filter> base = baseFilters(q, prop, part.node());
      for (ValueNode child : children) {
        reliesOnNullRule |= child.reliesOnNullRule();
        List<Filter> filters = new ArrayList<>(base);
        filters.addAll(child.filters(prop.field()));
        AggregationQuery cq = q.toBuilder().filters(filters).build();
        parts.put(partKey(cq), new Part(part.fixed(), part.prop(), child));
        readPart(cq, this, out);
      }
    }

    /** The query's filters without those that selected {@code node} on {@code prop}. */
    private List<Filter> baseFilters(AggregationQuery q, Prop prop, ValueNode node) {
      List<Filter> own = node.filters(prop.field());
      List<Filter> out = new ArrayList<>(q.filters());
      for (Filter f : own) {
        out.remove(f);
      }
      return out;
    }

    private List<String> column(List<AggregationRow> rows, int i) {
      return rows.stream().map(r -> r.fields()[i]).toList();
    }

    /** The values of a property that is not grouped, from one request grouped by it alone. */
    private List<String> probe(AggregationQuery q, Prop prop) {
      AggregationQuery p = q.toBuilder().fieldGrouping(List.of(prop.field())).dateGrouping(null)
          .aggregates(List.of(check)).sortBy(null).build();
      return column(fetch(p), 0);
    }

    /** Every row of a part must lie in the part's sets of its grouped properties. */
    void checkRows(List<AggregationRow> rows, AggregationQuery q) {
      Part part = parts.get(partKey(q));
      if (part == null) {
        return;
      }
      List<ValueNode> nodes = new ArrayList<>(part.fixed());
      nodes.add(part.node());
      for (int i = 0; i < nodes.size(); i++) {
        Prop prop = props.get(i);
        if (!prop.grouped()) {
          continue;
        }
        for (AggregationRow row : rows) {
          String v = row.fields()[prop.column()];
          if (!nodes.get(i).contains(v)) {
            throw new RowCapException("Fathom answered " + prop.field().apiName() + " = "
                + (v == null ? "null" : "'" + v + "'") + " to a request for " + prop.field().apiName()
                + " in " + nodes.get(i) + " (" + q.filters() + "), so its matching semantics differ"
                + " from the documented ones and the answer over the row cap of "
                + settings.rowLimit() + " for " + describe(root) + " cannot be split exactly;"
                + " narrow the date range or add a filter");
          }
        }
      }
    }

    private RowCapException cannotSplit(AggregationQuery q, String why) {
      return new RowCapException("the answer for " + describe(q) + " reaches the row cap of "
          + settings.rowLimit() + " rows (request.row_limit) and cannot be split exactly: " + why
          + ". A narrower date range, a finer date_grouping, fewer grouped fields or a filter"
          + " would help");
    }
  }
}
