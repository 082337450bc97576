package dev.sparkfathom.read;

import dev.sparkfathom.config.ReadSpec;
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

  public FathomTable(ReadSpec spec, StructType schema) {
    this.spec = spec;
    this.schema = schema;
  }

  @Override
  public String name() {
    return "fathom." + spec.entity().apiName() + "." + spec.entityId();
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

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    SparkHooks.install();
    return new FathomScanBuilder(spec, schema);
  }
}
