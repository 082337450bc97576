package dev.sparkfathom.read;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.client.AggregationQuery;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where each output column comes from in a decoded row: a grouped field, the date, or a
 * metric, by position in the request. Computed once on the driver; small and serializable.
 */
public final class RowLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  static final byte FIELD = 0;
  static final byte DATE = 1;
  static final byte LONG_METRIC = 2;
  static final byte DOUBLE_METRIC = 3;
  /** The date as the local hour's label ({@code TimestampNTZType}), not its instant. */
  static final byte DATE_LABEL = 4;

  private final byte[] kinds;
  private final int[] indexes;

  private RowLayout(byte[] kinds, int[] indexes) {
    this.kinds = kinds;
    this.indexes = indexes;
  }

  /** Lays out {@code columns} over what {@code query} asks for. */
  public static RowLayout of(StructType columns, AggregationQuery query) {
    StructField[] fields = columns.fields();
    byte[] kinds = new byte[fields.length];
    int[] indexes = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name();
      if (name.equalsIgnoreCase(FathomSchema.DATE) && query.dateGrouping() != null) {
        kinds[i] = fields[i].dataType().equals(DataTypes.TimestampNTZType) ? DATE_LABEL : DATE;
        continue;
      }
      int f = indexOfField(query, name);
      if (f >= 0) {
        kinds[i] = FIELD;
        indexes[i] = f;
        continue;
      }
      int m = indexOfAggregate(query, name);
      if (m < 0) {
        throw new IllegalStateException("column " + name + " is not requested by " + query);
      }
      kinds[i] = query.aggregates().get(m).integral() ? LONG_METRIC : DOUBLE_METRIC;
      indexes[i] = m;
    }
    return new RowLayout(kinds, indexes);
  }

  private static int indexOfField(AggregationQuery q, String name) {
    for (int i = 0; i < q.fieldGrouping().size(); i++) {
      Field f = q.fieldGrouping().get(i);
      if (f.apiName().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfAggregate(AggregationQuery q, String name) {
    for (int i = 0; i < q.aggregates().size(); i++) {
      Aggregate a = q.aggregates().get(i);
      if (a.apiName().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  int size() {
    return kinds.length;
  }

  byte kind(int column) {
    return kinds[column];
  }

  int index(int column) {
    return indexes[column];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowLayout l && Arrays.equals(kinds, l.kinds) && Arrays.equals(indexes, l.indexes);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(kinds) + Arrays.hashCode(indexes);
  }
}
