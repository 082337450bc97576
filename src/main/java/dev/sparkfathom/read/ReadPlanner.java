package dev.sparkfathom.read;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.Sort;
import dev.sparkfathom.budget.BudgetSchedule;
import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.config.FathomOptions;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.plan.BucketBounds;
import dev.sparkfathom.read.plan.PlanInput;
import dev.sparkfathom.read.plan.Window;
import dev.sparkfathom.read.plan.WindowLimits;
import dev.sparkfathom.read.plan.WindowPlanner;
import dev.sparkfathom.read.pushdown.BucketRange;
import dev.sparkfathom.read.pushdown.FilterTranslation;
import dev.sparkfathom.read.pushdown.GroupedSums;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns a validated read, what was pushed, and the resolved date range into the list of
 * requests. Pure: the caller resolves defaults that need a clock or a request.
 */
public final class ReadPlanner {
  private ReadPlanner() {}

  /**
   * @param grouped a pushed aggregation, or null. Its requests group by its fields only; when
   *     it does not group by {@code date} they also drop the date grouping and the read is one
   *     request over the allowed buckets ({@link WindowPlanner#span}), or, when a DST edge
   *     makes that range impossible to say exactly, the usual dated windows, whose per-bucket
   *     rows Spark then sums (the push is partial in that case, see
   *     {@link FathomScanBuilder#supportCompletePushDown}).
   * @param sort a pushed top-N's order, or null
   * @param limit a pushed {@code LIMIT} or top-N's count, or null. Both are sent only when the
   *     read is a single request that asks only for buckets it owns
   *     ({@link WindowPlanner#asksOnlyOwned}): a request widened at a DST edge brings rows of a
   *     bucket the reader drops, and Fathom's cut could keep those instead of the rows the read
   *     needs.
   * @throws IllegalArgumentException when the read needs more than {@code max_requests}
   *     requests, with the count and the least time it would take at the rate limit
   */
  public static ReadPlan plan(ReadSpec spec, StructType readSchema, FilterTranslation pushed,
      GroupedSums grouped, Sort sort, Integer limit, LocalDateTime from, LocalDateTime to) {
    List<Aggregate> aggregates = withSortKey(requestedAggregates(spec, readSchema), spec, sort);
    List<Filter> filters = new ArrayList<>(spec.filters());
    filters.addAll(pushed.fathomFilters());
    // No row can match, or the range ends before the site existed: no request at all.
    if (pushed.alwaysFalse() || from.isAfter(to)) {
      return new ReadPlan(from, to, aggregates, List.copyOf(filters), List.of());
    }
    List<Field> fieldGrouping = grouped == null ? spec.fieldGrouping() : grouped.fields();
    Windows planned = windows(spec, pushed, grouped, from, to);
    List<Window> windows = planned.list();
    DateGrouping dateGrouping = planned.dateGrouping();
    if (windows.size() > spec.maxRequests()) {
      Duration least = BudgetSchedule.minimumDuration(windows.size(), spec.client().aggregationRequestsPerMinute());
      throw new IllegalArgumentException("this read needs " + windows.size() + " requests, more than '"
          + FathomOptions.MAX_REQUESTS + "' (" + spec.maxRequests() + ")"
          + (least.isZero() ? "" : "; at " + spec.client().aggregationRequestsPerMinute()
              + " a minute it would take at least " + describe(least))
          + ". Narrow the date range, use a coarser date_grouping, or raise '"
          + FathomOptions.MAX_REQUESTS + "'");
    }
    // A pushed cut is sent when the read is one request that asks only for buckets it owns
    // and, today, within the row cap (a larger one is read whole past the cap and cut by Spark).
    boolean cutByFathom = windows.size() == 1
        && WindowPlanner.asksOnlyOwned(spec.dateGrouping(), spec.timezone(), windows.get(0))
        && (limit == null || spec.api() == ApiVersion.LEGACY || limit <= spec.rowLimit());
    List<PlannedRequest> requests = new ArrayList<>();
    for (Window w : windows) {
      AggregationQuery.Builder b = spec.eventName() != null
          ? AggregationQuery.event(spec.entityId(), spec.eventName())
          : AggregationQuery.builder(spec.entity(), spec.entityId());
      AggregationQuery query = b
          .apiVersion(spec.api())
          .aggregates(aggregates)
          .fieldGrouping(fieldGrouping)
          .dateGrouping(dateGrouping)
          // Today a read without the option is in the site's timezone: the request names none.
          .timezone(spec.timezoneGiven() || spec.api() == ApiVersion.LEGACY ? spec.timezone().getId() : null)
          .dateFrom(w.dateFrom())
          .dateTo(w.dateTo())
          .filters(filters)
          .sortBy(cutByFathom ? sort : null)
          .limit(cutByFathom ? limit : null)
          .build();
      requests.add(new PlannedRequest(w, query));
    }
    return new ReadPlan(from, to, aggregates, List.copyOf(filters), List.copyOf(requests));
  }

  /** The windows of a read, and the date grouping their requests send (none for a {@link WindowPlanner#span}). */
  private record Windows(List<Window> list, DateGrouping dateGrouping) {}

  /**
   * How many requests the read of {@code from} to {@code to} needs, without refusing any count:
   * what the scan asks before deciding whether a site lookup to clip the range could pay off.
   */
  public static int requestCount(ReadSpec spec, FilterTranslation pushed, GroupedSums grouped,
      LocalDateTime from, LocalDateTime to) {
    if (pushed.alwaysFalse() || from.isAfter(to)) {
      return 0;
    }
    return windows(spec, pushed, grouped, from, to).list().size();
  }

  private static Windows windows(ReadSpec spec, FilterTranslation pushed, GroupedSums grouped,
      LocalDateTime from, LocalDateTime to) {
    PlanInput input = input(spec, pushed, from, to);
    if (grouped != null && !grouped.byDate()) {
      List<Window> span = WindowPlanner.span(input).orElse(null);
      if (span != null) {
        return new Windows(span, null);
      }
    }
    return new Windows(WindowPlanner.plan(input), spec.dateGrouping());
  }

  /**
   * Whether a pushed aggregation without {@code date} is read by one request over exactly the
   * buckets the pushed date filters allow ({@link WindowPlanner#span}), or by none: then its
   * rows are the final groups. False when a DST edge keeps local time from saying the range.
   */
  public static boolean spansOneRequest(ReadSpec spec, FilterTranslation pushed,
      LocalDateTime from, LocalDateTime to) {
    if (pushed.alwaysFalse() || from.isAfter(to)) {
      return true;
    }
    return WindowPlanner.span(input(spec, pushed, from, to)).isPresent();
  }

  private static PlanInput input(ReadSpec spec, FilterTranslation pushed, LocalDateTime from, LocalDateTime to) {
    return new PlanInput(spec.dateGrouping(), spec.timezone(),
        from, to, bounds(pushed.dateRange()), spec.partitions(),
        new WindowLimits(spec.dayWindowMonths(), Duration.ofDays(spec.hourWindowDays())));
  }

  /**
   * The row cap a partition must read past: today's {@code request.row_limit} for a grouped
   * request that carries no pushed cut of its own; null when its answer is not capped.
   */
  static Integer rowCap(ReadSpec spec, AggregationQuery query) {
    return spec.api() == ApiVersion.CURRENT && !query.fieldGrouping().isEmpty() && query.limit() == null
        ? spec.rowLimit() : null;
  }

  /**
   * The aggregates the read columns need, in the spec's order; when none is read (a count,
   * or only grouped columns) the first one, since a request must ask for at least one.
   */
  static List<Aggregate> requestedAggregates(ReadSpec spec, StructType readSchema) {
    List<Aggregate> out = new ArrayList<>();
    for (Aggregate a : spec.aggregates()) {
      for (StructField f : readSchema.fields()) {
        if (f.name().equalsIgnoreCase(a.apiName())) {
          out.add(a);
          break;
        }
      }
    }
    return out.isEmpty() ? List.of(spec.aggregates().get(0)) : List.copyOf(out);
  }

  /** Fathom sorts only by a requested aggregate: ask for the sort key too. */
  private static List<Aggregate> withSortKey(List<Aggregate> requested, ReadSpec spec, Sort sort) {
    if (sort == null || requested.stream().anyMatch(a -> a.apiName().equals(sort.field()))) {
      return requested;
    }
    List<Aggregate> out = new ArrayList<>();
    for (Aggregate a : spec.aggregates()) {
      if (requested.contains(a) || a.apiName().equals(sort.field())) {
        out.add(a);
      }
    }
    return List.copyOf(out);
  }

  private static BucketBounds bounds(BucketRange range) {
    return range == null ? null : new BucketBounds(range.first(), range.last());
  }

  static String describe(Duration d) {
    long s = d.toSeconds();
    return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
  }
}
