package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What the filter translator needs to know about the relation.
 *
 * @param groupedFields the string columns, each named {@code field.apiName()}, nullable
 *     {@code StringType}
 * @param dateGrouping null when the relation has no {@code date} column
 * @param zone the read's timezone: the buckets are local to it
 * @param assumeDocumentedSemantics the option {@code pushdown.assume_documented_semantics}
 *     (see {@link dev.sparkfathom.read.pushdown package docs})
 * @param hourAsTimestamp for {@code hour} grouping: true when {@code date} is a
 *     {@code TIMESTAMP} (filter values are instants), false when a {@code TIMESTAMP_NTZ} (filter
 *     values are local times, compared with the buckets' labels)
 */
public record PushdownContext(
    List<Field> groupedFields,
    DateGrouping dateGrouping,
    ZoneId zone,
    boolean assumeDocumentedSemantics,
    boolean hourAsTimestamp)
    implements Serializable {

  /** A context whose hourly {@code date} is a {@code TIMESTAMP} (the instant a bucket starts). */
  public PushdownContext(List<Field> groupedFields, DateGrouping dateGrouping, ZoneId zone,
      boolean assumeDocumentedSemantics) {
    this(groupedFields, dateGrouping, zone, assumeDocumentedSemantics, true);
  }

  /** The name of the date column, present only with a {@code date_grouping}. */
  public static final String DATE_COLUMN = "date";

  public PushdownContext {
    groupedFields = List.copyOf(Objects.requireNonNull(groupedFields, "groupedFields"));
    Objects.requireNonNull(zone, "zone");
  }

  /** The grouped field whose column is called {@code column}; null when there is none. */
  Field groupedField(String column) {
    for (Field f : groupedFields) {
      if (f.apiName().equals(column)) {
        return f;
      }
    }
    return null;
  }

  boolean isDateColumn(String column) {
    return dateGrouping != null && DATE_COLUMN.equals(column);
  }
}
