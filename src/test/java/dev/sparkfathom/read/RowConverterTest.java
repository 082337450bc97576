package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.AggregationRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RowConverterTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static AggregationQuery query(DateGrouping g) {
    return AggregationQuery.builder(Entity.PAGEVIEW, "S")
        .aggregates(Aggregate.PAGEVIEWS, Aggregate.AVG_DURATION)
        .fieldGrouping(Field.PATHNAME, Field.BROWSER).dateGrouping(g).timezone("Europe/Berlin").build();
  }

  @Test
  void columnsComeFromTheirPlaceInTheRequestWhateverTheReadOrder() {
    AggregationQuery q = query(DateGrouping.DAY);
    StructType read = new StructType().add("avg_duration", DataTypes.DoubleType)
        .add("browser", DataTypes.StringType).add("date", DataTypes.DateType)
        .add("pageviews", DataTypes.LongType);
    RowConverter c = new RowConverter(RowLayout.of(read, q), DateGrouping.DAY, BERLIN);
    InternalRow row = c.convert(new AggregationRow(LocalDateTime.of(2024, 3, 31, 0, 0), new String[] {"/", null},
        new Number[] {12L, 3.5}), LocalDateTime.of(2024, 3, 31, 0, 0));
    assertThat(row.getDouble(0)).isEqualTo(3.5);
    assertThat(row.isNullAt(1)).isTrue();
    assertThat(row.getInt(2)).isEqualTo((int) LocalDate.of(2024, 3, 31).toEpochDay());
    assertThat(row.getLong(3)).isEqualTo(12L);
  }

  @Test
  void hourOfAFallBackOverlapIsItsEarlierInstant() {
    AggregationQuery q = query(DateGrouping.HOUR);
    StructType read = new StructType().add("date", DataTypes.TimestampType);
    RowConverter c = new RowConverter(RowLayout.of(read, q), DateGrouping.HOUR, BERLIN);
    InternalRow row = c.convert(new AggregationRow(LocalDateTime.of(2024, 10, 27, 2, 0), new String[] {"/", "x"},
        new Number[] {1L, 0.0}), LocalDateTime.of(2024, 10, 27, 2, 0));
    assertThat(row.getLong(0)).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2024-10-27T00:00:00Z")));
  }

  @Test
  void aLocalHourIsItsWallClockTimeAndTheMergedFallBackHourIsOneValue() {
    AggregationQuery q = query(DateGrouping.HOUR);
    StructType read = new StructType().add("date", DataTypes.TimestampNTZType);
    RowConverter c = new RowConverter(RowLayout.of(read, q), DateGrouping.HOUR, BERLIN);
    InternalRow row = c.convert(new AggregationRow(LocalDateTime.of(2024, 10, 27, 2, 0), new String[] {"/", "x"},
        new Number[] {1L, 0.0}), LocalDateTime.of(2024, 10, 27, 2, 0));
    // TIMESTAMP_NTZ holds the wall-clock time as microseconds since 1970-01-01T00:00, no zone.
    assertThat(row.getLong(0)).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2024-10-27T02:00:00Z")));
    assertThatThrownBy(() -> c.convert(new AggregationRow(LocalDateTime.of(2024, 3, 31, 2, 0), new String[] {"/", "x"},
        new Number[] {1L, 0.0}), LocalDateTime.of(2024, 3, 31, 2, 0)))
        .hasMessage("Fathom sent hour 2024-03-31T02:00, which does not exist in Europe/Berlin (skipped by a DST change)");
  }

  @Test
  void anHourSkippedByDstIsAnError() {
    AggregationQuery q = query(DateGrouping.HOUR);
    StructType read = new StructType().add("date", DataTypes.TimestampType);
    RowConverter c = new RowConverter(RowLayout.of(read, q), DateGrouping.HOUR, BERLIN);
    assertThatThrownBy(() -> c.convert(new AggregationRow(LocalDateTime.of(2024, 3, 31, 2, 0), new String[] {"/", "x"},
        new Number[] {1L, 0.0}), LocalDateTime.of(2024, 3, 31, 2, 0)))
        .hasMessage("Fathom sent hour 2024-03-31T02:00, which does not exist in Europe/Berlin (skipped by a DST change)");
  }

  @Test
  void aMissingMetricStaysNullNotZero() {
    AggregationQuery q = query(null);
    StructType read = new StructType().add("pageviews", DataTypes.LongType);
    RowConverter c = new RowConverter(RowLayout.of(read, q), null, BERLIN);
    assertThat(c.convert(new AggregationRow(null, new String[] {"/", "x"}, new Number[] {null, 1.0}), null)
        .isNullAt(0)).isTrue();
  }
}
