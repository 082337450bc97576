package dev.sparkfathom.catalog;

import dev.sparkfathom.read.FathomScan;
import dev.sparkfathom.read.ScanMetrics;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The union of one event report scan per selected event. Each inner scan plans, books its
 * budget and reads exactly as it would alone; this scan only lays their partitions side by
 * side and puts the event's name in front of each row.
 */
public final class ConversionsScan implements Scan, Batch {
  private final String siteId;
  private final List<String> events;
  private final int eventCount;
  private final List<Filter> eventFilters;
  private final List<Scan> scans;
  private final boolean withEvent;
  private final StructType inner;

  ConversionsScan(String siteId, List<String> events, int eventCount, List<Filter> eventFilters, List<Scan> scans,
      boolean withEvent, StructType inner) {
    this.siteId = siteId;
    this.events = events;
    this.eventCount = eventCount;
    this.eventFilters = eventFilters;
    this.scans = scans;
    this.withEvent = withEvent;
    this.inner = inner;
  }

  @Override
  public StructType readSchema() {
    if (!withEvent) {
      return inner;
    }
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField(EventFilters.COLUMN, DataTypes.StringType, false));
    f.addAll(List.of(inner.fields()));
    return new StructType(f.toArray(new StructField[0]));
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  /** The inner scans' partitions, each tagged with its scan and event. */
  @Override
  public InputPartition[] planInputPartitions() {
    List<InputPartition> out = new ArrayList<>();
    for (int i = 0; i < scans.size(); i++) {
      for (InputPartition p : scans.get(i).toBatch().planInputPartitions()) {
        out.add(new Part(i, events.get(i), p));
      }
    }
    return out.toArray(new InputPartition[0]);
  }

  /** Each inner scan books its own requests, as it would alone. */
  @Override
  public PartitionReaderFactory createReaderFactory() {
    List<PartitionReaderFactory> factories = new ArrayList<>();
    for (Scan s : scans) {
      factories.add(s.toBatch().createReaderFactory());
    }
    return new Factory(factories, withEvent);
  }

  @Override
  public ColumnarSupportMode columnarSupportMode() {
    return ColumnarSupportMode.UNSUPPORTED;
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return ScanMetrics.supported();
  }

  /**
   * The event report scans' driver metrics (site lookups at planning), summed; asking them also
   * marks each as run, as Spark would were it reading it alone.
   */
  @Override
  public CustomTaskMetric[] reportDriverMetrics() {
    Map<String, Long> sums = new LinkedHashMap<>();
    for (Scan s : scans) {
      for (CustomTaskMetric m : s.reportDriverMetrics()) {
        sums.merge(m.name(), m.value(), Long::sum);
      }
    }
    List<CustomTaskMetric> out = new ArrayList<>();
    sums.forEach((name, value) -> out.add(new CustomTaskMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long value() {
        return value;
      }
    }));
    return out.toArray(new CustomTaskMetric[0]);
  }

  /** The event report scans, one per selected event, in order: what Fathom metrics are summed over. */
  public List<FathomScan> eventScans() {
    List<FathomScan> out = new ArrayList<>();
    for (Scan s : scans) {
      out.add((FathomScan) s);
    }
    return out;
  }

  /** The planned requests of all inner scans (planning is free: no request but the event list). */
  public int plannedRequests() {
    int n = 0;
    for (Scan s : scans) {
      n += s.toBatch().planInputPartitions().length;
    }
    return n;
  }

  @Override
  public String description() {
    StringBuilder s = new StringBuilder("FathomConversions[site ").append(siteId)
        .append(", events=").append(events).append(" (").append(events.size()).append(" of ").append(eventCount)
        .append(eventFilters.isEmpty() ? "" : ", chosen by " + eventFilters).append(')')
        .append(", one event report each, planned requests=").append(plannedRequests());
    if (!scans.isEmpty()) {
      s.append(", each like: ").append(scans.get(0).description());
    }
    return s.append(']').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConversionsScan c && siteId.equals(c.siteId) && events.equals(c.events)
        && scans.equals(c.scans) && withEvent == c.withEvent;
  }

  @Override
  public int hashCode() {
    return Objects.hash(siteId, events, scans, withEvent);
  }

  record Part(int scan, String event, InputPartition inner) implements InputPartition, Serializable {}

  /** Opens each partition with its own scan's factory; prepends the event name. */
  private record Factory(List<PartitionReaderFactory> factories, boolean withEvent)
      implements PartitionReaderFactory, Serializable {
    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      Part p = (Part) partition;
      PartitionReader<InternalRow> reader = factories.get(p.scan()).createReader(p.inner());
      if (!withEvent) {
        return reader;
      }
      InternalRow name = new GenericInternalRow(new Object[] {UTF8String.fromString(p.event())});
      return new PartitionReader<>() {
        private final JoinedRow joined = new JoinedRow();

        @Override
        public boolean next() throws IOException {
          return reader.next();
        }

        @Override
        public InternalRow get() {
          return joined.apply(name, reader.get());
        }

        @Override
        public CustomTaskMetric[] currentMetricsValues() {
          return reader.currentMetricsValues();
        }

        @Override
        public void close() throws IOException {
          reader.close();
        }
      };
    }
  }
}
