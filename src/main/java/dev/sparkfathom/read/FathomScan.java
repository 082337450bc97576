package dev.sparkfathom.read;

import dev.sparkfathom.api.ApiTime;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Sort;
import dev.sparkfathom.budget.BudgetSchedule;
import dev.sparkfathom.budget.BudgetSchedules;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.RateLimiter;
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
 * also for EXPLAIN) book no rate budget: only
 * {@link #createReaderFactory()}, which Spark calls when the scan is about to run, books each
 * request a start time in the token's schedule.
 */
public final class FathomScan implements Scan, Batch {
  /** Where the docs say aggregations become accurate; the default start without a site. */
  static final LocalDateTime DATA_START = LocalDateTime.of(2021, 3, 1, 0, 0);
  static final Duration BUDGET_WINDOW = Duration.ofMinutes(1).plus(RateLimiter.DEFAULT_MARGIN);

  private final ReadSpec spec;
  private final StructType readSchema;
  private final FilterTranslation pushed;
  private final Cut cut;
  private final GroupedSums grouped;
  /** The read columns by name (what the layout and the planner go by); see {@link #FathomScan(ReadSpec, StructType, FilterTranslation, Cut, GroupedSums, Clock, SiteLookup)}. */
  private final StructType columns;
  private final Clock clock;
  private final SiteLookup sites;
  private ReadPlan plan;
  /** What planning clipped off the asked range, for EXPLAIN; empty when nothing. */
  private List<String> clipped = List.of();
  /** Site lookups this scan's planning sent (at most one; none when the JVM knew the answer). */
  private final AtomicLong siteLookups = new AtomicLong();
  private long reportedSiteLookups;
  private volatile boolean ran;
  private InputPartition[] partitions;
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

  /** A scan without pushed cut or aggregation, for tests: {@code sites} stands in for Fathom. */
  FathomScan(ReadSpec spec, StructType readSchema, FilterTranslation pushed, Clock clock, SiteLookup sites) {
    this(spec, readSchema, pushed, Cut.NONE, null, clock, sites);
  }

  FathomScan(ReadSpec spec, StructType readSchema, FilterTranslation pushed, Cut cut,
      GroupedSums grouped, Clock clock) {
    this(spec, readSchema, pushed, cut, grouped, clock, SiteCreation::utc);
  }

  /**
   * @param readSchema what the scan returns. With a pushed aggregation, Spark's layout for it
   *     (as the JDBC source's): the group-by columns, then one column per aggregate, matched
   *     by position; the aggregate columns are named {@code agg_func_<i>}, so the rows are laid
   *     out by {@link #columnsOf} instead, which names each aggregate column by its metric.
   * @param grouped the pushed aggregation, or null
   * @param sites where planning learns the site's creation
   */
  FathomScan(ReadSpec spec, StructType readSchema, FilterTranslation pushed, Cut cut,
      GroupedSums grouped, Clock clock, SiteLookup sites) {
    this.spec = spec;
    this.readSchema = readSchema;
    this.pushed = pushed;
    this.cut = cut;
    this.grouped = grouped;
    this.columns = grouped == null ? readSchema : columnsOf(readSchema, grouped);
    this.clock = clock;
    this.sites = sites;
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

  @Override
  public Batch toBatch() {
    return this;
  }

  /** This read as a stream of closed buckets; each micro-batch is this scan over its range. */
  @Override
  public org.apache.spark.sql.connector.read.streaming.MicroBatchStream toMicroBatchStream(String checkpointLocation) {
    return new dev.sparkfathom.stream.FathomMicroBatchStream(this, spec);
  }

  /** The same read (columns, pushdown, cut) over another spec: a micro-batch's range. */
  public FathomScan withSpec(ReadSpec other) {
    return new FathomScan(other, readSchema, pushed, cut, grouped, clock, sites);
  }

  /**
   * The plan, made on first use. The range is clipped to what can hold data, since every
   * request costs the user: {@code date_to} (or its default) to now, and {@code date_from} to the
   * start of the local day the site was created. Without {@code date_from} the site's creation
   * is the default start anyway (one site lookup, once per site, token and JVM); with it, the
   * site is looked up only when the unclipped range needs more than one request, so a lookup
   * is spent only where it can save requests.
   */
  synchronized ReadPlan plan() {
    if (plan == null) {
      plannedAt = now();
      LocalDateTime now = LocalDateTime.ofInstant(plannedAt, spec.timezone()).truncatedTo(ChronoUnit.SECONDS);
      LocalDateTime to = spec.dateTo() != null && !spec.dateTo().isAfter(now) ? spec.dateTo() : now;
      List<String> notes = new ArrayList<>();
      if (spec.dateTo() != null && spec.dateTo().isAfter(now)) {
        notes.add("date_to " + ApiTime.FORMAT.format(spec.dateTo()) + " to now");
      }
      LocalDateTime from;
      if (spec.dateFrom() == null) {
        from = defaultFrom();
      } else {
        from = spec.dateFrom();
        if (spec.entity() == Entity.PAGEVIEW && !from.isAfter(to)
            && ReadPlanner.requestCount(spec, pushed, grouped, from, to) > 1) {
          LocalDateTime created = createdLocal();
          if (created != null && created.toLocalDate().atStartOfDay().isAfter(from)) {
            notes.add("date_from " + ApiTime.FORMAT.format(from) + " to the site's creation");
            from = created.toLocalDate().atStartOfDay();
          }
        }
      }
      clipped = List.copyOf(notes);
      plan = ReadPlanner.plan(spec, columns, pushed, grouped, cut.sort(), cut.limit(), from, to);
    }
    return plan;
  }

  /**
   * What "now" is for the range and the settle rule: the {@code clock} option's clock when
   * one is named (a test hook), else the scan's clock.
   */
  private Instant now() {
    return spec.schedule().clockName() == null ? clock.instant() : spec.schedule().clock().instant();
  }

  /**
   * The site's creation in the read's timezone; for events, or when the token may not read
   * the site, the start of accurate data.
   */
  private LocalDateTime defaultFrom() {
    if (spec.entity() != Entity.PAGEVIEW) {
      return DATA_START;
    }
    LocalDateTime created = createdLocal();
    return created == null ? DATA_START : created;
  }

  /** The site's creation in the read's timezone, or null when unknown; counts a lookup it makes. */
  private LocalDateTime createdLocal() {
    LocalDateTime created = sites.createdUtc(spec.client(), spec.entityId(), siteLookups::incrementAndGet);
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
        partitions[i] = new FathomInputPartition(scanId, i, requests.get(i), spec.client(), layout,
            CacheAccess.decide(spec.schedule(), spec.client(), requests.get(i), spec.timezone(), plannedAt, List.of()));
      }
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

  /**
   * Called once per execution of the scan, on the driver, before any task: books every
   * request a start time in the token's schedule, shared by all scans of this JVM. The window
   * is a minute plus the client's margin, so requests from different executors still reach
   * Fathom at most {@code rate.aggregations_per_minute} in any minute.
   */
  @Override
  public PartitionReaderFactory createReaderFactory() {
    ClientConfig client = spec.client();
    List<Instant> starts = BudgetSchedules
        .forKey(client.budgetKey(), client.aggregationRequestsPerMinute(), BUDGET_WINDOW, clock)
        .reserve(planInputPartitions().length);
    return new FathomReaderFactory(starts.stream().mapToLong(Instant::toEpochMilli).toArray());
  }

  /** What EXPLAIN shows: what was pushed, what stayed in Spark, and what it will cost. */
  @Override
  public String description() {
    ReadPlan p = plan();
    int n = p.requests().size();
    StringBuilder s = new StringBuilder("FathomScan[")
        .append(spec.entity().apiName()).append(' ').append(spec.entityId())
        .append(", aggregates=").append(p.aggregates())
        .append(", field_grouping=").append(n == 0 ? spec.fieldGrouping() : p.requests().get(0).query().fieldGrouping())
        .append(", date_grouping=").append(Objects.requireNonNullElse(
            n == 0 ? spec.dateGrouping() : p.requests().get(0).query().dateGrouping(), "none"))
        .append(grouped == null ? "" : ", pushed aggregation=" + grouped)
        .append(", timezone=").append(spec.timezone().getId())
        .append(", range=").append(ApiTime.FORMAT.format(p.from())).append(" to ").append(ApiTime.FORMAT.format(p.to()))
        .append(clipped.isEmpty() ? "" : " (clipped " + String.join(", ", clipped) + ")")
        .append(spec.filters().isEmpty() ? "" : ", option filters=" + spec.filters())
        .append(", ").append(pushed.describe());
    if (!spec.pushdown()) {
      s.append(", pushdown=false");
    }
    if (cut.limit() != null) {
      s.append(", ").append(cut).append(n == 1 && p.requests().get(0).query().limit() != null ? " (sent to Fathom)"
          : n == 1 ? " (left to Spark: the request is widened at a DST edge into a bucket it does not own)"
          : n == 0 ? " (no request)" : " (left to Spark: several windows)");
    }
    s.append(", windows=").append(n);
    if (n > 0) {
      s.append(" (").append(p.requests().stream()
          .map(r -> ApiTime.FORMAT.format(r.window().dateFrom()) + ".." + ApiTime.FORMAT.format(r.window().dateTo()))
          .limit(3).collect(Collectors.joining(", "))).append(n > 3 ? ", ..." : "").append(')');
    }
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
    s.append(", planned requests=").append(n)
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
