package dev.sparkfathom;

import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A report asked for with a schema that does not fit it. Reading it fails with the reason as
 * soon as Spark asks for its schema (at {@code load()}); it exists so that a write, which hands
 * the DataFrame's schema to {@code getTable} before anything else, gets to say that the source
 * is read-only instead of that the schema does not fit.
 */
final class MisfitSchemaTable implements SupportsRead {
  private final String name;
  private final IllegalArgumentException misfit;

  MisfitSchemaTable(String name, IllegalArgumentException misfit) {
    this.name = name;
    this.misfit = misfit;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  @SuppressWarnings("deprecation")
  public StructType schema() {
    throw new IllegalArgumentException(misfit.getMessage(), misfit);
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    throw new IllegalArgumentException(misfit.getMessage(), misfit);
  }
}
