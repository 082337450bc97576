package dev.sparkfathom.catalog;

import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.read.FathomTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Splits what Spark offers between the event choice and the per-event reads: filters on
 * {@code event} alone choose the events (exact, not returned to Spark); filters that name
 * {@code event} with other columns stay in Spark; every other filter, and the columns, go to
 * each event's own scan builder, which pushes them as for any report (the same options but the
 * event, so each answers alike). Aggregates and limits are not pushed here: they would have to
 * hold across the union.
 */
final class ConversionsScanBuilder implements ScanBuilder, SupportsPushDownFilters, SupportsPushDownRequiredColumns {
  private final String siteId;
  private final Supplier<List<Event>> events;
  private final Function<Event, FathomTable> reportOf;
  private final CaseInsensitiveStringMap options;
  private final List<Filter> eventFilters = new ArrayList<>();
  private List<Event> selected;
  private List<ScanBuilder> builders;
  private Filter[] pushedToReads = new Filter[0];
  private StructType required;
  private int eventCount;

  ConversionsScanBuilder(String siteId, Supplier<List<Event>> events, Function<Event, FathomTable> reportOf,
      StructType schema, CaseInsensitiveStringMap options) {
    this.siteId = siteId;
    this.events = events;
    this.reportOf = reportOf;
    this.options = options;
    this.required = schema;
  }

  /** The events every decided filter lets through, and a scan builder for each (made once). */
  private List<ScanBuilder> builders() {
    if (builders == null) {
      List<Event> all = events.get();
      eventCount = all.size();
      selected = new ArrayList<>();
      builders = new ArrayList<>();
      for (Event e : all) {
        if (eventFilters.stream().allMatch(f -> EventFilters.test(f, e.name()))) {
          selected.add(e);
          builders.add(reportOf.apply(e).newScanBuilder(options));
        }
      }
    }
    return builders;
  }

  @Override
  public Filter[] pushFilters(Filter[] filters) {
    List<Filter> kept = new ArrayList<>();
    List<Filter> toReads = new ArrayList<>();
    for (Filter f : filters) {
      if (EventFilters.namesEvent(f)) {
        if (EventFilters.decidable(f)) {
          eventFilters.add(f);
        } else {
          kept.add(f);
        }
      } else {
        toReads.add(f);
      }
    }
    Filter[] offered = toReads.toArray(new Filter[0]);
    Filter[] post = offered;
    for (ScanBuilder b : builders()) {
      post = ((SupportsPushDownFilters) b).pushFilters(offered);
    }
    if (!builders.isEmpty()) {
      pushedToReads = ((SupportsPushDownFilters) builders.get(0)).pushedFilters();
    }
    kept.addAll(Arrays.asList(post));
    return kept.toArray(new Filter[0]);
  }

  @Override
  public Filter[] pushedFilters() {
    List<Filter> out = new ArrayList<>(eventFilters);
    out.addAll(Arrays.asList(pushedToReads));
    return out.toArray(new Filter[0]);
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    required = requiredSchema;
    StructType inner = withoutEvent(requiredSchema);
    for (ScanBuilder b : builders()) {
      ((SupportsPushDownRequiredColumns) b).pruneColumns(inner);
    }
  }

  private static StructType withoutEvent(StructType s) {
    return new StructType(Arrays.stream(s.fields()).filter(f -> !f.name().equals(EventFilters.COLUMN))
        .toArray(StructField[]::new));
  }

  @Override
  public Scan build() {
    List<Scan> scans = new ArrayList<>();
    for (ScanBuilder b : builders()) {
      scans.add(b.build());
    }
    boolean withEvent = Arrays.stream(required.fields()).anyMatch(f -> f.name().equals(EventFilters.COLUMN));
    StructType inner = scans.isEmpty() ? withoutEvent(required) : scans.get(0).readSchema();
    return new ConversionsScan(siteId, selected.stream().map(Event::name).toList(), eventCount,
        List.copyOf(eventFilters), scans, withEvent, inner);
  }
}
