package dev.sparkfathom.read;

import dev.sparkfathom.api.ApiTime;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Sort;
import dev.sparkfathom.budget.BudgetRoute;
import dev.sparkfathom.budget.BudgetSchedule;
import dev.sparkfathom.budget.Budgets;
import dev.sparkfathom.budget.Tally;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.config.FathomOptions;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.pushdown.FilterTranslation;
import dev.sparkfathom.read.pushdown.GroupedSums;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A planned read. The plan (date range defaults and clipping, windows, queries) is made once,
 * lazily, on the driver; it may cost one site lookup for the site's creation (see
 * {@link #plan()}; once per site, token and JVM), which the scan reports as a driver metric.
 * {@link #description()} and {@link #planInputPartitions()} (which Spark calls while planning,
 * also for EXPLAIN) take no rate budget and start nothing: only {@link #createReaderFactory()},
 * which Spark calls when the scan is about to run, finds the budget coordinator (starting the
 * driver's on first use) and hands its route to the tasks, whose every HTTP request then leases
 * its slot when it is sent.
 */
public final class FathomScan implements Scan, Batch {
  /** Where the docs say aggregations become accurate; the default start without a site. */
  static final LocalDateTime DATA_START = LocalDateTime.of(2021, 3, 1, 0, 0);
  private static final System.Logger LOG = System.getLogger(FathomScan.class.getName());

  private final ReadSpec spec;
  private final StructType readSchema;
  private final FilterTranslation pushed;
  private final Cut cut;
  private final GroupedSums grouped;
  /** The read columns by name (what the layout and the planner go by); see {@link #FathomScan(ReadSpec, StructType, FilterTranslation, Cut, GroupedSums, Clock, SiteLookup, Range, AtomicLong)}. */
  private final StructType columns;
  private final Clock clock;
  private final SiteLookup sites;
  /** The range the scan builder resolved (and decided a complete push with), or null. */
  private final Range range;
  private ReadPlan plan;
  /** What planning clipped off the asked range, for EXPLAIN; empty when nothing. */
  private List<String> clipped = List.of();
  /** Site lookups this scan's planning sent (at most one; none when the JVM knew the answer). */
  private final AtomicLong siteLookups;
  private long reportedSiteLookups;
  private volatile boolean ran;
  private InputPartition[] partitions;
  /** Where this scan's tasks lease budget; null until it first runs. */
  private BudgetRoute budget;
  /** "Now" when the plan was made: the clip of the range, and what counts as closed for the cache. */
  private Instant plannedAt;

  /**
   * A {@code LIMIT} or top-N Spark pushed: Fathom's {@code sort_by} (null for a bare limit)
   * and {@code limit} (null for none).
   */
  record Cut(Sort sort, Integer limit) {
    static final Cut NONE = new Cut(null, null);

    @Override
    public String toString() {
      return (sort == null ? "" : "sort_by=" + sort.apiValue() + " ") + "limit=" + limit;
    }
  }

  /** Where planning learns a site's creation: {@link SiteCreation#utc}, or a stand-in in tests. */
  interface SiteLookup {
    /** The site's {@code created_at} in UTC, or null when unknown; {@code asking} runs before a request. */
    LocalDateTime createdUtc(ClientConfig client, String siteId, Runnable asking);
  }

  /**
   * A read's range as local times, defaults resolved and clipped to what can hold data, since
   * every request costs the user: {@code date_to} (or its default) to now (fixed here, once),
   * and {@code date_from} to the start of the local day the site was created. Without
   * {@code date_from} the site's creation is the default start anyway (one site lookup, once
   * per site, token and JVM, shared with the lookup of the site's timezone); with it, the site
   * is looked up only when the unclipped range needs more than one request, so a lookup is
   * spent only where it can save requests.
   *
   * @param clipped what was clipped off the asked range, for EXPLAIN; empty when nothing
   */
  record Range(LocalDateTime from, LocalDateTime to, List<String> clipped) {
    Range {
      clipped = List.copyOf(clipped);
    }

    /** @param asking runs just before a site lookup is sent */
    static Range resolve(ReadSpec spec, FilterTranslation pushed, GroupedSums grouped, Clock clock,
        SiteLookup sites, Runnable asking) {
      LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), spec.timezone()).truncatedTo(ChronoUnit.SECONDS);
      LocalDateTime to = spec.dateTo() != null && !spec.dateTo().isAfter(now) ? spec.dateTo() : now;
      List<String> notes = new ArrayList<>();
      if (spec.dateTo() != null && spec.dateTo().isAfter(now)) {
        notes.add("date_to " + ApiTime.FORMAT.format(spec.dateTo()) + " to now");
      }
      LocalDateTime from;
      if (spec.dateFrom() == null) {
        LocalDateTime created = createdLocal(spec, sites, asking);
        from = created == null ? DATA_START : created;
      } else {
        from = spec.dateFrom();
        if (spec.entity() == Entity.PAGEVIEW && !from.isAfter(to)
            && ReadPlanner.requestCount(spec, pushed, grouped, from, to) > 1) {
          LocalDateTime created = createdLocal(spec, sites, asking);
          if (created != null && created.toLocalDate().atStartOfDay().isAfter(from)) {
            notes.add("date_from " + ApiTime.FORMAT.format(from) + " to the site's creation");
            from = created.toLocalDate().atStartOfDay();
          }
        }
      }
      return new Range(from, to, notes);
    }
  }

  /** A scan without pushed cut or aggregation, for tests: {@code sites} stands in for Fathom. */
  FathomScan(ReadSpec spec, StructType readSchema, FilterTranslation pushed, Clock clock, SiteLookup sites) {
    this(spec, readSchema, pushed, Cut.NONE, null, clock, sites);
  }

  FathomScan(ReadSpec spec, StructType readSchema, FilterTranslation pushed, Cut cut,
      GroupedSums grouped, Clock clock) {
    this(spec, readSchema, pushed, cut, grouped, clock, SiteCreation::utc);
  }

  FathomScan(ReadSpec spec, StructType readSchema, FilterTranslation pushed, Cut cut,
      GroupedSums grouped, Clock clock, SiteLookup sites) {
    this(spec, readSchema, pushed, cut, grouped, clock, sites, null, new AtomicLong());
  }

  /**
   * @param readSchema what the scan returns. With a pushed aggregation, Spark's layout for it
   *     (as the JDBC source's): the group-by columns, then one column per aggregate, matched
   *     by position; the aggregate columns are named {@code agg_func_<i>}, so the rows are laid
   *     out by {@link #columnsOf} instead, which names each aggregate column by its metric.
   * @param grouped the pushed aggregation, or null
   * @param sites where planning learns the site's creation
   * @param range the range the scan builder resolved (and decided a complete push with), or
   *     null to resolve it at planning
   * @param siteLookups the site lookups planning sent so far (the scan builder's, for the
   *     site's timezone or range), to which the scan's own are added
   */
  FathomScan(ReadSpec spec, StructType readSchema, FilterTranslation pushed, Cut cut,
      GroupedSums grouped, Clock clock, SiteLookup sites, Range range, AtomicLong siteLookups) {
    this.spec = spec;
    this.readSchema = readSchema;
    this.pushed = pushed;
    this.cut = cut;
    this.grouped = grouped;
    this.columns = grouped == null ? FathomSchema.withoutReread(readSchema) : columnsOf(readSchema, grouped);
    this.clock = clock;
    this.sites = sites;
    this.range = range;
    this.siteLookups = siteLookups;
  }

  /** The pushed read's columns named by what fills them: the group columns, then each sum's metric. */
  static StructType columnsOf(StructType readSchema, GroupedSums grouped) {
    StructField[] fields = readSchema.fields().clone();
    int groups = grouped.groupColumns().size();
    for (int i = 0; i < grouped.sums().size(); i++) {
      StructField f = fields[groups + i];
      fields[groups + i] = new StructField(grouped.sums().get(i).apiName(), f.dataType(), f.nullable(), f.metadata());
    }
    return new StructType(fields);
  }

  @Override
  public StructType readSchema() {
    return readSchema;
  }

  /** A batch read; refused with {@code stream.lookback}, which only a stream can honour. */
  @Override
  public Batch toBatch() {
    if (spec.schedule().lookback() > 0) {
      throw new IllegalArgumentException("'" + FathomOptions.STREAM_LOOKBACK + "' (" + spec.schedule().lookback()
          + ") applies to streams (spark.readStream) only: a batch read reads every bucket once;"
          + " accepted for a batch read: 0 (leave it unset)");
    }
    return this;
  }

  /** This read as a stream of closed buckets; each micro-batch is this scan over its range. */
  @Override
  public org.apache.spark.sql.connector.read.streaming.MicroBatchStream toMicroBatchStream(String checkpointLocation) {
    return new dev.sparkfathom.stream.FathomMicroBatchStream(this, spec);
  }

  /**
   * The same read (columns, pushdown, cut) over another spec: a micro-batch's range, resolved
   * again at its planning.
   */
  public FathomScan withSpec(ReadSpec other) {
    return new FathomScan(other, readSchema, pushed, cut, grouped, clock, sites, null, new AtomicLong());
  }

  /**
   * The plan, made on first use, over the range {@link Range#resolve} gives (or the scan
   * builder's). "Now" is fixed once here, for the range's clip and for which windows count as
   * closed to the response cache.
   */
  synchronized ReadPlan plan() {
    if (plan == null) {
      plannedAt = clock().instant();
      Range r = range != null ? range : Range.resolve(spec, pushed, grouped, Clock.fixed(plannedAt, ZoneOffset.UTC),
          sites, siteLookups::incrementAndGet);
      clipped = r.clipped();
      plan = ReadPlanner.plan(spec, columns, pushed, grouped, cut.sort(), cut.limit(), r.from(), r.to());
    }
    return plan;
  }

  /**
   * What "now" is: the {@code clock} option's registered clock when one is named (a test hook,
   * {@link dev.sparkfathom.config.ScheduleSpec#clock()}), else the scan's clock.
   */
  private Clock clock() {
    return spec.schedule().clockName() == null ? clock : spec.schedule().clock();
  }

  /**
   * The site's creation in the read's timezone, or null when unknown (for a legacy event read,
   * which names no site, or when the token may not read the site); {@code asking} runs before a
   * lookup is sent.
   */
  private static LocalDateTime createdLocal(ReadSpec spec, SiteLookup sites, Runnable asking) {
    if (spec.siteId() == null) {
      return null;
    }
    LocalDateTime created = sites.createdUtc(spec.client(), spec.siteId(), asking);
    return created == null ? null
        : created.atOffset(ZoneOffset.UTC).atZoneSameInstant(spec.timezone()).toLocalDateTime();
  }

  /**
   * Called by Spark on the driver when an execution first runs this scan (once per physical
   * plan): the site lookups planning sent, each reported once. Also marks the scan as run, which
   * {@link dev.sparkfathom.FathomMetrics#of} checks.
   */
  @Override
  public synchronized CustomTaskMetric[] reportDriverMetrics() {
    ran = true;
    long now = siteLookups.get();
    long unreported = now - reportedSiteLookups;
    reportedSiteLookups = now;
    return ScanMetrics.driver(unreported);
  }

  /** Whether an execution has run this scan. */
  public boolean hasRun() {
    return ran;
  }

  /** Site lookups this scan's planning sent so far. */
  long siteLookups() {
    return siteLookups.get();
  }

  /** The same partitions however often Spark asks (it asks while planning, also for EXPLAIN). */
  @Override
  public synchronized InputPartition[] planInputPartitions() {
    if (partitions == null) {
      List<PlannedRequest> requests = plan().requests();
      RowLayout layout = requests.isEmpty() ? null : RowLayout.of(columns, requests.get(0).query());
      String scanId = UUID.randomUUID().toString();
      partitions = new InputPartition[requests.size()];
      for (int i = 0; i < partitions.length; i++) {
        PlannedRequest r = requests.get(i);
        Integer cap = ReadPlanner.rowCap(spec, r.query());
        boolean alwaysCheck = !spec.assumeDocumentedSemantics();
        partitions[i] = new FathomInputPartition(scanId, i, r, spec.client(), layout, spec.timezone(), cap, alwaysCheck,
            CacheAccess.decide(spec.schedule(), spec.client(), r, spec.timezone(), plannedAt, cap, alwaysCheck),
            spec.cachePartitionBytes());
      }
      logLongRead(requests.size());
    }
    return partitions.clone();
  }

  /** Row-based only: tells Spark so, which keeps it from making the reader factory at planning. */
  @Override
  public ColumnarSupportMode columnarSupportMode() {
    return ColumnarSupportMode.UNSUPPORTED;
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return ScanMetrics.supported();
  }

  /** The driver's line for a read that will take over a minute at the token's rate. */
  private void logLongRead(int n) {
    int rate = spec.client().aggregationRequestsPerMinute();
    Duration least = BudgetSchedule.minimumDuration(n, rate);
    if (least.compareTo(Duration.ofMinutes(1)) >= 0) {
      LOG.log(System.Logger.Level.INFO, () -> "Fathom read of " + spec.entity().apiName() + " "
          + spec.entityId() + ": " + n + " planned requests take at least "
          + ReadPlanner.describe(least) + " at " + rate + " a minute");
    }
  }

  /**
   * Called on the driver when the scan is about to run: finds the scan's budget coordinator
   * (the standalone one of {@code budget.coordinator}, else the driver's own, started on first
   * use) and ships its route to the tasks. Nothing is booked ahead: every request leases its
   * slot from the coordinator when it is sent.
   */
  @Override
  public synchronized PartitionReaderFactory createReaderFactory() {
    if (budget == null) {
      budget = DriverBudget.route(spec, UUID.randomUUID().toString());
    }
    return new FathomReaderFactory(budget);
  }

  /**
   * What this scan's runs cost, counted by its coordinator lease by lease (every HTTP attempt,
   * those of failed task attempts included); empty before it ran or when the coordinator cannot
   * be asked.
   */
  public synchronized java.util.Optional<Tally> budgetTally() {
    return budget == null ? java.util.Optional.empty() : Budgets.tally(budget);
  }

  /** The tally as of the end of the last execution that ran this scan (see {@link #executionEnded()}). */
  private Tally tallyAtLastEnd = Tally.NONE;
  private Tally lastExecution;

  /**
   * Called once when an execution that ran this scan ended (by the session's
   * {@link dev.sparkfathom.FathomQueryListener}): what that execution added to the coordinator's
   * tally, which counts every run of the scan; empty when the coordinator cannot be asked.
   */
  public synchronized java.util.Optional<Tally> executionEnded() {
    java.util.Optional<Tally> now = budgetTally();
    if (now.isEmpty()) {
      return now;
    }
    lastExecution = now.get().minus(tallyAtLastEnd);
    tallyAtLastEnd = now.get();
    return java.util.Optional.of(lastExecution);
  }

  /**
   * What the last ended execution of this scan added to the coordinator's tally, or the whole
   * tally when no end was told; empty when the coordinator cannot be asked.
   */
  public synchronized java.util.Optional<Tally> lastExecutionTally() {
    return lastExecution != null ? java.util.Optional.of(lastExecution) : budgetTally();
  }

  /** What EXPLAIN shows: what was pushed, what stayed in Spark, and what it will cost. */
  @Override
  public String description() {
    ReadPlan p = plan();
    int n = p.requests().size();
    StringBuilder s = new StringBuilder("FathomScan[")
        .append(spec.entity().apiName()).append(' ').append(spec.entityId())
        .append(spec.eventName() == null ? "" : " event '" + spec.eventName() + "'")
        .append(", aggregates=").append(p.aggregates())
        .append(", field_grouping=").append(n == 0 ? spec.fieldGrouping() : p.requests().get(0).query().fieldGrouping())
        .append(", date_grouping=").append(Objects.requireNonNullElse(
            n == 0 ? spec.dateGrouping() : p.requests().get(0).query().dateGrouping(), "none"))
        .append(grouped == null ? "" : ", pushed aggregation=" + grouped)
        .append(", timezone=").append(spec.timezone().getId())
        .append(spec.timezoneGiven() || spec.api() == ApiVersion.LEGACY ? "" : " (the site's)")
        .append(spec.api() == ApiVersion.LEGACY ? ", api=legacy" : "")
        .append(", range=").append(ApiTime.FORMAT.format(p.from())).append(" to ").append(ApiTime.FORMAT.format(p.to()))
        .append(clipped.isEmpty() ? "" : " (clipped " + String.join(", ", clipped) + ")")
        .append(spec.filters().isEmpty() ? "" : ", option filters=" + spec.filters())
        .append(", ").append(pushed.describe());
    if (!spec.pushdown()) {
      s.append(", pushdown=false");
    }
    if (cut.limit() != null) {
      s.append(", ").append(cut).append(n == 1 && p.requests().get(0).query().limit() != null ? " (sent to Fathom)"
          : n == 1 && spec.api() == ApiVersion.CURRENT && cut.limit() > spec.rowLimit()
              ? " (left to Spark: more than the row cap of " + spec.rowLimit() + " rows, read whole past the cap)"
          : n == 1 ? " (left to Spark: the request is widened at a DST edge into a bucket it does not own)"
          : n == 0 ? " (no request)" : " (left to Spark: several windows)");
    }
    s.append(", windows=").append(n);
    if (n > 0) {
      s.append(" (").append(p.requests().stream()
          .map(r -> ApiTime.FORMAT.format(r.window().dateFrom()) + ".." + ApiTime.FORMAT.format(r.window().dateTo()))
          .limit(3).collect(Collectors.joining(", "))).append(n > 3 ? ", ..." : "").append(')');
    }
    long capped = p.requests().stream().filter(r -> ReadPlanner.rowCap(spec, r.query()) != null).count();
    if (spec.schedule().cacheEnabled()) {
      InputPartition[] parts = planInputPartitions();
      int closed = 0;
      int answered = 0;
      for (InputPartition part : parts) {
        FathomInputPartition fp = (FathomInputPartition) part;
        if (fp.cache() != null) {
          closed++;
          answered += CacheAccess.answers(fp.cache()) ? 1 : 0;
        }
      }
      s.append(", cache: ").append(answered).append(" of ").append(n).append(" planned requests answered by the cache (")
          .append(closed).append(" closed and cacheable, ").append(n - closed).append(" open)");
    }
    s.append(", planned requests=").append(n);
    if (capped > 0) {
      s.append(" (a least count: an answer that fills the row cap of ").append(spec.rowLimit())
          .append(" rows is read on with follow-up requests)");
    }
    s
        .append(", least time at ").append(spec.client().aggregationRequestsPerMinute()).append("/min=")
        .append(ReadPlanner.describe(BudgetSchedule.minimumDuration(n, spec.client().aggregationRequestsPerMinute())))
        .append(']');
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FathomScan other && spec.equals(other.spec)
        && readSchema.equals(other.readSchema) && pushed.equals(other.pushed)
        && cut.equals(other.cut) && Objects.equals(grouped, other.grouped);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spec, readSchema, pushed, cut, grouped);
  }

  /** Unlike {@link #description()}, never plans (so never makes a request). */
  @Override
  public String toString() {
    return "FathomScan[" + spec + ", readSchema=" + readSchema.simpleString() + "]";
  }
}
