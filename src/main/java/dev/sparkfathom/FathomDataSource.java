package dev.sparkfathom;

import dev.sparkfathom.catalog.EntityTable;
import dev.sparkfathom.catalog.ResourceOptions;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.FathomSchema;
import dev.sparkfathom.read.FathomTable;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.SessionConfigSupport;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read.format("fathom")}: a Fathom aggregation report as a relation. The schema
 * comes from the options alone; no request is made until the scan is planned. Session
 * settings {@code spark.datasource.fathom.<option>} apply to every read (Spark merges them
 * into the options through {@link SessionConfigSupport}). With {@code resource} the read is an
 * entity table instead ({@link ResourceOptions}: sites, events, current visitors, ...).
 */
public final class FathomDataSource implements TableProvider, DataSourceRegister, SessionConfigSupport {
  public static final String SHORT_NAME = "fathom";

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public String keyPrefix() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    if (ResourceOptions.isResourceRead(options)) {
      return ResourceOptions.table(options, System.getenv()).readSchema();
    }
    return FathomSchema.infer(spec(options));
  }

  @Override
  public boolean supportsExternalMetadata() {
    return true;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    if (ResourceOptions.isResourceRead(properties)) {
      EntityTable entities = ResourceOptions.table(properties, System.getenv());
      if (schema != null && !schema.equals(entities.readSchema())) {
        throw new IllegalArgumentException("a resource read has a fixed schema; give none, or exactly: "
            + entities.readSchema().simpleString());
      }
      return entities;
    }
    ReadSpec spec = spec(properties);
    StructType inferred = FathomSchema.infer(spec);
    if (schema != null && !schema.equals(inferred)) {
      FathomSchema.check(schema, inferred);
    }
    return new FathomTable(spec, schema == null ? inferred : schema);
  }

  private static ReadSpec spec(Map<String, String> options) {
    return ReadSpec.parse(options, System.getenv());
  }
}
