package dev.sparkfathom.read;

import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.emulator.engine.EngineQuery;
import dev.sparkfathom.emulator.engine.Oracle;
import dev.sparkfathom.emulator.engine.ResultRow;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The relation a read's options define, computed without the connector: the oracle's answer
 * to one unlimited request over the raw records, as a DataFrame with the inferred schema.
 */
final class ExpectedRelation {
  private ExpectedRelation() {}

  static Dataset<Row> of(SparkSession spark, ReadSpec spec, TestAccount account) {
    EngineQuery q = new EngineQuery(spec.entity(), spec.entityId(), spec.aggregates(),
        spec.fieldGrouping(), spec.dateGrouping(), spec.timezone(),
        ZonedDateTime.of(spec.dateFrom(), spec.timezone()).toInstant(),
        ZonedDateTime.of(spec.dateTo(), spec.timezone()).toInstant(), spec.filters(), null, null);
    List<Row> rows = new ArrayList<>();
    for (ResultRow r : Oracle.answer(q, account.pageviews, account.conversions)) {
      List<Object> values = new ArrayList<>();
      for (String f : r.fields()) {
        values.add(f);
      }
      if (spec.dateGrouping() != null) {
        values.add(dateValue(r.date(), spec.dateGrouping(), spec.timezone(), spec.hourAsTimestamp()));
      }
      for (Number n : r.metrics()) {
        values.add(n);
      }
      rows.add(RowFactory.create(values.toArray()));
    }
    StructType schema = FathomSchema.infer(spec);
    return spark.createDataFrame(rows, schema);
  }

  /**
   * The {@code date} value the spec gives a bucket label, written here with java.time alone
   * (not the connector's code): the first day of the bucket, or for hours the local hour itself
   * (TIMESTAMP_NTZ) or, with {@code hour_type=timestamp}, the instant it starts (earlier offset
   * in an overlap).
   */
  private static Object dateValue(String label, DateGrouping grouping, ZoneId zone, boolean hourAsTimestamp) {
    return switch (grouping) {
      case YEAR -> java.sql.Date.valueOf(LocalDate.of(Integer.parseInt(label), 1, 1));
      case MONTH -> java.sql.Date.valueOf(LocalDate.parse(label + "-01"));
      case DAY -> java.sql.Date.valueOf(LocalDate.parse(label));
      case HOUR -> hourAsTimestamp
          ? java.sql.Timestamp.from(
              LocalDateTime.parse(label.replace(' ', 'T')).atZone(zone).withEarlierOffsetAtOverlap().toInstant())
          : LocalDateTime.parse(label.replace(' ', 'T'));
    };
  }
}
