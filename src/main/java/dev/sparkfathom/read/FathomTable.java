package dev.sparkfathom.read;

import dev.sparkfathom.config.ReadSpec;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** A Fathom report as a read-only, batch- and stream-readable table. */
public final class FathomTable implements SupportsRead {
  private final ReadSpec spec;
  private final StructType schema;
  private final String name;
  private final Map<String, String> properties;

  public FathomTable(ReadSpec spec, StructType schema) {
    this(spec, schema, "fathom." + spec.entity().apiName() + "." + spec.entityId(), Map.of());
  }

  /**
   * A report under a name of the caller's (the catalog's {@code fathom.<site>.pages}), with
   * properties {@code DESCRIBE TABLE EXTENDED} shows.
   */
  public FathomTable(ReadSpec spec, StructType schema, String name, Map<String, String> properties) {
    this.spec = spec;
    this.schema = schema;
    this.name = name;
    this.properties = Map.copyOf(properties);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  /** The validated read this table stands for. */
  public ReadSpec spec() {
    return spec;
  }

  @Override
  @SuppressWarnings("deprecation")
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ, TableCapability.MICRO_BATCH_READ);
  }

  /**
   * Today a read without option {@code timezone} is in its site's timezone: the scan builder
   * asks for it on the driver while planning, once per site and JVM ({@link FathomScanBuilder}).
   */
  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    SparkHooks.install();
    return new FathomScanBuilder(spec, schema);
  }
}
