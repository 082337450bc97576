package dev.sparkfathom.read;

import dev.sparkfathom.api.Entity;
import dev.sparkfathom.budget.BudgetSchedule;
import dev.sparkfathom.budget.BudgetSchedules;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.FathomNotFoundException;
import dev.sparkfathom.client.FathomUnauthorizedException;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.pushdown.FilterTranslation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

/**
 * A planned read. The plan (date range defaults, windows, queries) is made once, lazily, on
 * the driver: {@link #description()} shows it without spending rate budget;
 * {@link #planInputPartitions()} books each request a start time in the token's schedule.
 */
public final class FathomScan implements Scan, Batch {
  /** Where the docs say aggregations become accurate; the default start without a site. */
  static final LocalDateTime DATA_START = LocalDateTime.of(2021, 3, 1, 0, 0);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ReadSpec spec;
  private final StructType readSchema;
  private final FilterTranslation pushed;
  private final Clock clock;
  private ReadPlan plan;

  FathomScan(ReadSpec spec, StructType readSchema, FilterTranslation pushed, Clock clock) {
    this.spec = spec;
    this.readSchema = readSchema;
    this.pushed = pushed;
    this.clock = clock;
  }

  @Override
  public StructType readSchema() {
    return readSchema;
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  synchronized ReadPlan plan() {
    if (plan == null) {
      LocalDateTime to = spec.dateTo() != null ? spec.dateTo()
          : LocalDateTime.ofInstant(clock.instant(), spec.timezone()).truncatedTo(ChronoUnit.SECONDS);
      LocalDateTime from = spec.dateFrom() != null ? spec.dateFrom() : defaultFrom();
      if (from.isAfter(to)) {
        from = to;
      }
      plan = ReadPlanner.plan(spec, readSchema, pushed, from, to);
    }
    return plan;
  }

  /**
   * The site's creation in the read's timezone (one entity request); for events, or when the
   * token may not read the site, the start of accurate data.
   */
  private LocalDateTime defaultFrom() {
    if (spec.entity() != Entity.PAGEVIEW) {
      return DATA_START;
    }
    try {
      Site site = FathomClient.create(spec.client()).getSite(spec.entityId());
      LocalDateTime created = site.createdAtUtc();
      return created == null ? DATA_START
          : created.atOffset(ZoneOffset.UTC).atZoneSameInstant(spec.timezone()).toLocalDateTime();
    } catch (FathomUnauthorizedException | FathomNotFoundException e) {
      return DATA_START;
    }
  }

  @Override
  public InputPartition[] planInputPartitions() {
    List<PlannedRequest> requests = plan().requests();
    ClientConfig client = spec.client();
    List<Instant> starts = BudgetSchedules
        .forKey(budgetKey(client), client.aggregationRequestsPerMinute(), clock)
        .reserve(requests.size());
    RowLayout layout = requests.isEmpty() ? null : RowLayout.of(readSchema, requests.get(0).query());
    String scanId = UUID.randomUUID().toString();
    InputPartition[] out = new InputPartition[requests.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new FathomInputPartition(scanId, i, requests.get(i), starts.get(i).toEpochMilli(), client, layout);
    }
    return out;
  }

  static String budgetKey(ClientConfig client) {
    return client.baseUrl() + "#" + client.token().fingerprint();
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return ScanMetrics.supported();
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new FathomReaderFactory();
  }

  /** What EXPLAIN shows: what was pushed, what stayed in Spark, and what it will cost. */
  @Override
  public String description() {
    ReadPlan p = plan();
    int n = p.requests().size();
    StringBuilder s = new StringBuilder("FathomScan[")
        .append(spec.entity().apiName()).append(' ').append(spec.entityId())
        .append(", aggregates=").append(p.aggregates())
        .append(", field_grouping=").append(spec.fieldGrouping())
        .append(", date_grouping=").append(spec.dateGrouping() == null ? "none" : spec.dateGrouping())
        .append(", timezone=").append(spec.timezone().getId())
        .append(", range=").append(TIME.format(p.from())).append(" to ").append(TIME.format(p.to()))
        .append(spec.filters().isEmpty() ? "" : ", option filters=" + spec.filters())
        .append(", ").append(pushed.describe());
    if (!spec.pushdown()) {
      s.append(", pushdown=false");
    }
    s.append(", windows=").append(n);
    if (n > 0) {
      s.append(" (").append(p.requests().stream()
          .map(r -> TIME.format(r.window().dateFrom()) + ".." + TIME.format(r.window().dateTo()))
          .limit(3).collect(Collectors.joining(", "))).append(n > 3 ? ", ..." : "").append(')');
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
        && readSchema.equals(other.readSchema) && pushed.equals(other.pushed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spec, readSchema, pushed);
  }

  /** Unlike {@link #description()}, never plans (so never makes a request). */
  @Override
  public String toString() {
    return "FathomScan[" + spec + ", readSchema=" + readSchema.simpleString() + "]";
  }
}
