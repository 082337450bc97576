package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.AggregationRow;
import dev.sparkfathom.client.PackedRows;
import dev.sparkfathom.read.plan.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class PackedRowCursorTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Window ALL = new Window(0, LocalDateTime.of(2024, 1, 1, 0, 0),
      LocalDateTime.of(2024, 12, 31, 23, 59, 59), null, null);

  private static AggregationQuery query(DateGrouping g) {
    return AggregationQuery.builder(Entity.PAGEVIEW, "S")
        .aggregates(Aggregate.PAGEVIEWS, Aggregate.AVG_DURATION)
        .fieldGrouping(Field.PATHNAME, Field.BROWSER).dateGrouping(g).timezone("Europe/Berlin").build();
  }

  private static Window window(LocalDateTime first, LocalDateTime last) {
    return new Window(0, first, last.plusDays(1).minusSeconds(1), first, last);
  }

  private static AggregationRow row(LocalDateTime bucket, String path, String browser, Long pageviews,
      Double duration) {
    return new AggregationRow(bucket, new String[] {path, browser}, new Number[] {pageviews, duration});
  }

  /** The cursor's rows over the one page of {@code rows}, each copied (the cursor reuses its row). */
  private static List<InternalRow> read(StructType columns, AggregationQuery q, Window w,
      AggregationRow... rows) {
    PackedRowCursor c = new PackedRowCursor(RowLayout.of(columns, q), q.dateGrouping(), BERLIN, w);
    c.reset(PackedRows.of(q, List.of(rows)));
    List<InternalRow> out = new ArrayList<>();
    while (c.next()) {
      out.add(c.row().copy());
    }
    return out;
  }

  @Test
  void columnsComeFromTheirPlaceInTheRequestWhateverTheReadOrder() {
    AggregationQuery q = query(DateGrouping.DAY);
    StructType read = new StructType().add("avg_duration", DataTypes.DoubleType)
        .add("browser", DataTypes.StringType).add("date", DataTypes.DateType)
        .add("pageviews", DataTypes.LongType).add("pathname", DataTypes.StringType);
    InternalRow row = read(read, q, ALL, row(LocalDateTime.of(2024, 3, 31, 0, 0), "/東京", null, 12L, 3.5))
        .get(0);
    assertThat(row.getDouble(0)).isEqualTo(3.5);
    assertThat(row.isNullAt(1)).isTrue();
    assertThat(row.getInt(2)).isEqualTo((int) LocalDate.of(2024, 3, 31).toEpochDay());
    assertThat(row.getLong(3)).isEqualTo(12L);
    assertThat(row.getUTF8String(4)).isEqualTo(UTF8String.fromString("/東京"));
  }

  @Test
  void eachRowIsItsOwnAlthoughTheCursorReusesOneRow() {
    AggregationQuery q = query(DateGrouping.DAY);
    StructType read = new StructType().add("pathname", DataTypes.StringType)
        .add("pageviews", DataTypes.LongType).add("avg_duration", DataTypes.DoubleType);
    LocalDateTime d = LocalDateTime.of(2024, 3, 1, 0, 0);
    List<InternalRow> rows = read(read, q, ALL, row(d, "/a", "x", 1L, null), row(d, null, "x", null, 2.0),
        row(d, "/a", "y", 3L, 4.0));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).getUTF8String(0).toString()).isEqualTo("/a");
    assertThat(rows.get(0).isNullAt(2)).isTrue();
    assertThat(rows.get(1).isNullAt(0)).isTrue();
    assertThat(rows.get(1).isNullAt(1)).isTrue();
    assertThat(rows.get(1).getDouble(2)).isEqualTo(2.0);
    assertThat(rows.get(2).getUTF8String(0).toString()).isEqualTo("/a");
    assertThat(rows.get(2).getLong(1)).isEqualTo(3L);
  }

  @Test
  void rowsOfBucketsTheWindowDoesNotOwnAreDropped() {
    AggregationQuery q = query(DateGrouping.DAY);
    StructType read = new StructType().add("date", DataTypes.DateType);
    LocalDateTime first = LocalDateTime.of(2024, 3, 2, 0, 0);
    LocalDateTime last = LocalDateTime.of(2024, 3, 3, 0, 0);
    List<InternalRow> rows = read(read, q, window(first, last), row(first.minusDays(1), "/", "x", 1L, 1.0),
        row(first, "/", "x", 1L, 1.0), row(last, "/", "x", 1L, 1.0), row(last.plusDays(1), "/", "x", 1L, 1.0),
        row(first, "/b", "x", 1L, 1.0));
    assertThat(rows).extracting(r -> LocalDate.ofEpochDay(r.getInt(0)))
        .containsExactly(first.toLocalDate(), last.toLocalDate(), first.toLocalDate());
  }

  @Test
  void hourOfAFallBackOverlapIsItsEarlierInstant() {
    AggregationQuery q = query(DateGrouping.HOUR);
    StructType read = new StructType().add("date", DataTypes.TimestampType);
    InternalRow row = read(read, q, ALL, row(LocalDateTime.of(2024, 10, 27, 2, 0), "/", "x", 1L, 0.0)).get(0);
    assertThat(row.getLong(0)).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2024-10-27T00:00:00Z")));
  }

  @Test
  void aLocalHourIsItsWallClockTimeAndTheMergedFallBackHourIsOneValue() {
    AggregationQuery q = query(DateGrouping.HOUR);
    StructType read = new StructType().add("date", DataTypes.TimestampNTZType);
    InternalRow row = read(read, q, ALL, row(LocalDateTime.of(2024, 10, 27, 2, 0), "/", "x", 1L, 0.0)).get(0);
    // TIMESTAMP_NTZ holds the wall-clock time as microseconds since 1970-01-01T00:00, no zone.
    assertThat(row.getLong(0)).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2024-10-27T02:00:00Z")));
    assertThatThrownBy(() -> read(read, q, ALL, row(LocalDateTime.of(2024, 3, 31, 2, 0), "/", "x", 1L, 0.0)))
        .hasMessage("Fathom sent hour 2024-03-31T02:00, which does not exist in Europe/Berlin (skipped by a DST change)");
  }

  @Test
  void anHourSkippedByDstIsAnErrorWhenTheWindowOwnsIt() {
    AggregationQuery q = query(DateGrouping.HOUR);
    StructType read = new StructType().add("date", DataTypes.TimestampType);
    LocalDateTime skipped = LocalDateTime.of(2024, 3, 31, 2, 0);
    assertThatThrownBy(() -> read(read, q, ALL, row(skipped, "/", "x", 1L, 0.0)))
        .hasMessage("Fathom sent hour 2024-03-31T02:00, which does not exist in Europe/Berlin (skipped by a DST change)");
    Window later = new Window(0, LocalDateTime.of(2024, 4, 1, 0, 0), LocalDateTime.of(2024, 4, 1, 23, 59, 59),
        LocalDateTime.of(2024, 4, 1, 0, 0), LocalDateTime.of(2024, 4, 1, 23, 0));
    assertThat(read(read, q, later, row(skipped, "/", "x", 1L, 0.0))).isEmpty();
  }

  @Test
  void aMissingMetricStaysNullNotZero() {
    AggregationQuery q = query(null);
    StructType read = new StructType().add("pageviews", DataTypes.LongType);
    assertThat(read(read, q, ALL, row(null, "/", "x", null, 1.0)).get(0).isNullAt(0)).isTrue();
  }

  @Test
  void pagesFollowOneAnother() {
    AggregationQuery q = query(null);
    StructType read = new StructType().add("pathname", DataTypes.StringType);
    PackedRowCursor c = new PackedRowCursor(RowLayout.of(read, q), null, BERLIN, ALL);
    assertThat(c.next()).isFalse();
    List<String> seen = new ArrayList<>();
    for (String page : List.of("/a", "/b")) {
      c.reset(PackedRows.of(q, List.of(row(null, page, "x", 1L, 1.0), row(null, page + "2", "x", 1L, 1.0))));
      while (c.next()) {
        seen.add(c.row().getUTF8String(0).toString());
      }
    }
    assertThat(seen).containsExactly("/a", "/a2", "/b", "/b2");
  }
}
