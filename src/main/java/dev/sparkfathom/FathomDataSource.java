package dev.sparkfathom;

import dev.sparkfathom.config.CatalogOptions;
import dev.sparkfathom.catalog.EntityTable;
import dev.sparkfathom.catalog.ResourceOptions;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.FathomSchema;
import dev.sparkfathom.read.FathomTable;
import dev.sparkfathom.stream.CurrentVisitorsSpec;
import dev.sparkfathom.stream.CurrentVisitorsTable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SessionConfigSupport;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.CreatableRelationProvider;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code spark.read.format("fathom")}: a Fathom aggregation report as a relation. The schema
 * comes from the options alone; no request is made until the scan is planned. Session
 * settings {@code spark.datasource.fathom.<option>} apply to every read (Spark merges them
 * into the options through {@link SessionConfigSupport}). With {@code resource} the read is an
 * entity table instead ({@link ResourceOptions}: sites, events, current visitors, ...); the
 * current-visitors readings that also stream are {@link CurrentVisitorsTable}.
 *
 * <p>Read-only: {@link CreatableRelationProvider} is implemented only so that a write
 * ({@code df.write().format("fathom")}, {@code CREATE TABLE ... USING fathom AS SELECT}) ends
 * in a message saying so rather than Spark's generic one.
 */
public final class FathomDataSource implements TableProvider, DataSourceRegister,
    SessionConfigSupport, CreatableRelationProvider {
  public static final String SHORT_NAME = "fathom";
  static final String SESSION_PREFIX = "spark.datasource." + SHORT_NAME + ".";

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
    if (CurrentVisitorsSpec.isCurrentVisitorsRead(options)) {
      return CurrentVisitorsSpec.parse(options, System.getenv()).resource().schema();
    }
    if (ResourceOptions.isResourceRead(options)) {
      return ResourceOptions.table(options, System.getenv()).readSchema();
    }
    return FathomSchema.infer(spec(options));
  }

  @Override
  public boolean supportsExternalMetadata() {
    return true;
  }

  /**
   * The report as a table. A given schema that does not fit the report gives a table whose
   * schema fails with the reason: a read shows it at {@code load()}, as before; a write (which
   * passes the DataFrame's schema here first) does not stop at it and reaches
   * {@link #createRelation}, which says the source is read-only.
   */
  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    if (CurrentVisitorsSpec.isCurrentVisitorsRead(properties)) {
      CurrentVisitorsSpec visitors = CurrentVisitorsSpec.parse(properties, System.getenv());
      if (schema != null && !schema.equals(visitors.resource().schema())) {
        throw new IllegalArgumentException("resource '" + visitors.resource().resourceName() + "' has a fixed"
            + " schema; give none, or exactly: " + visitors.resource().schema().simpleString());
      }
      return new CurrentVisitorsTable(visitors);
    }
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
      try {
        FathomSchema.check(schema, inferred);
      } catch (IllegalArgumentException misfit) {
        return new MisfitSchemaTable(new FathomTable(spec, inferred).name(), misfit);
      }
    }
    return new FathomTable(spec, schema == null ? inferred : schema);
  }

  /** Every write ends here (Spark's fallback for a source without batch writes): refused. */
  @Override
  public BaseRelation createRelation(SQLContext sqlContext, SaveMode mode,
      scala.collection.immutable.Map<String, String> parameters, Dataset<Row> data) {
    throw new UnsupportedOperationException("format(\"" + SHORT_NAME + "\") is read-only: a Fathom"
        + " report cannot be written to (save mode " + mode + "). Read it with"
        + " spark.read().format(\"" + SHORT_NAME + "\")");
  }

  /**
   * The read's options (from a catalog table's properties when it is one) over the session's
   * {@code spark.datasource.fathom.*} settings. Spark merges those itself for
   * {@code spark.read()}, but not for a table of its session catalog; merging again is harmless,
   * as an option of the read wins either way.
   */
  private static ReadSpec spec(Map<String, String> properties) {
    Map<String, String> session = sessionSettings();
    Map<String, String> options = new HashMap<>(session);
    Map<String, String> given = CatalogOptions.toReadOptions(properties);
    Set<String> givenKeys = new HashSet<>();
    given.keySet().forEach(k -> givenKeys.add(k.toLowerCase(Locale.ROOT)));
    options.keySet().removeIf(k -> givenKeys.contains(k.toLowerCase(Locale.ROOT)));
    options.putAll(given);
    return ReadSpec.parse(options, System.getenv(), session.keySet());
  }

  /** The settings (prefix dropped) {@code spark.datasource.fathom.<key>} of the active session. */
  static Map<String, String> sessionSettings() {
    Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    CollectionConverters.asJava(active.get().conf().getAll()).forEach((key, value) -> {
      if (key.startsWith(SESSION_PREFIX) && key.length() > SESSION_PREFIX.length()) {
        out.put(key.substring(SESSION_PREFIX.length()), value);
      }
    });
    return out;
  }
}
