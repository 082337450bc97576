package dev.sparkfathom.catalog;

import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.read.FathomTable;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.List;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code fathom.<site>.conversions}: every event of the site by day, the event's name a column.
 * Each selected event is one event report ({@link FathomTable}, so every pushdown of the read
 * path applies to it), and the scan is their union; a filter on {@code event} chooses which
 * events are read before any request ({@link EventFilters}). Loading the table makes no
 * request; the event list is read when a query is planned.
 */
final class ConversionsTable implements SupportsRead {
  private final String name;
  private final String siteId;
  private final Supplier<List<Event>> events;
  private final Function<Event, FathomTable> reportOf;
  private final StructType schema;
  private final Map<String, String> properties;

  /**
   * @param reportOf the event report of one event (its schema: date, then the aggregates)
   * @param eventReport the report of an example event, for the schema
   */
  ConversionsTable(String name, String siteId, Supplier<List<Event>> events, Function<Event, FathomTable> reportOf,
      StructType eventReport, Map<String, String> properties) {
    this.name = name;
    this.siteId = siteId;
    this.events = events;
    this.reportOf = reportOf;
    StructField[] fields = new StructField[eventReport.fields().length + 1];
    fields[0] = DataTypes.createStructField(EventFilters.COLUMN, DataTypes.StringType, false).withComment(Columns.EVENT);
    System.arraycopy(Columns.withComments(eventReport).fields(), 0, fields, 1, eventReport.fields().length);
    this.schema = new StructType(fields);
    this.properties = Map.copyOf(properties);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  @SuppressWarnings("deprecation")
  public StructType schema() {
    return schema;
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new ConversionsScanBuilder(siteId, events, reportOf, schema, options);
  }
}
