package dev.sparkfathom.read;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.config.ReadSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The relation's schema, from the options alone (no request): the grouped fields as
 * strings, then {@code date} when grouped by date, then the aggregates; with
 * {@code stream.lookback} above 0, last, {@link #REREAD}.
 */
public final class FathomSchema {
  public static final String DATE = "date";
  /**
   * With {@code stream.lookback}: true on the rows of a bucket a micro-batch reads again (it was
   * delivered before, and its rows replace the earlier ones), false on a bucket's first delivery.
   */
  public static final String REREAD = "reread";

  private FathomSchema() {}

  public static StructType infer(ReadSpec spec) {
    List<StructField> fields = new ArrayList<>();
    for (Field f : spec.fieldGrouping()) {
      fields.add(DataTypes.createStructField(f.apiName(), DataTypes.StringType, true));
    }
    if (spec.dateGrouping() != null) {
      fields.add(DataTypes.createStructField(DATE, dateType(spec.dateGrouping(), spec.hourAsTimestamp()), false));
    }
    for (Aggregate a : spec.aggregates()) {
      // Nullable: a service that leaves a metric out must not become a silent 0.
      fields.add(DataTypes.createStructField(a.apiName(), metricType(a), true));
    }
    if (spec.schedule().lookback() > 0) {
      fields.add(DataTypes.createStructField(REREAD, DataTypes.BooleanType, false));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * {@code hour} buckets are local hours as Fathom labels them ({@code TimestampNTZType}), or
   * with {@code hour_type=timestamp} the instants they start ({@code TimestampType}); the
   * others calendar dates.
   */
  public static DataType dateType(DateGrouping grouping, boolean hourAsTimestamp) {
    if (grouping != DateGrouping.HOUR) {
      return DataTypes.DateType;
    }
    return hourAsTimestamp ? DataTypes.TimestampType : DataTypes.TimestampNTZType;
  }

  /** {@code schema} without the {@link #REREAD} column, which no request fills (the stream does). */
  public static StructType withoutReread(StructType schema) {
    List<StructField> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!f.name().equalsIgnoreCase(REREAD)) {
        out.add(f);
      }
    }
    return out.size() == schema.size() ? schema : DataTypes.createStructType(out);
  }

  public static DataType metricType(Aggregate a) {
    return a.integral() ? DataTypes.LongType : DataTypes.DoubleType;
  }

  /**
   * Accepts a user schema that names a subset of the inferred columns with the same types
   * (nullable where the inferred column is); refuses anything else, showing the inferred
   * schema.
   */
  public static void check(StructType user, StructType inferred) {
    List<String> problems = new ArrayList<>();
    for (StructField f : user.fields()) {
      StructField match = null;
      for (StructField g : inferred.fields()) {
        if (g.name().equalsIgnoreCase(f.name())) {
          match = g;
        }
      }
      if (match == null) {
        problems.add("column '" + f.name() + "' is not in the report");
      } else if (!match.dataType().equals(f.dataType())) {
        problems.add("column '" + f.name() + "' is " + match.dataType().simpleString()
            + ", not " + f.dataType().simpleString());
      } else if (match.nullable() && !f.nullable()) {
        // Spark would trust NOT NULL and drop null checks, but Fathom does send nulls here.
        problems.add("column '" + f.name() + "' can be null");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("the given schema does not fit the report: "
          + String.join("; ", problems) + ". The options give: " + inferred.simpleString());
    }
  }
}
