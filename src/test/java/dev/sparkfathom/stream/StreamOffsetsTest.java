package dev.sparkfathom.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.config.ScheduleSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stream's offsets as pure decisions over a chosen clock: no Spark session, no network. */
class StreamOffsetsTest {
  private static final String CLOCK = "stream-offsets-test";

  @AfterEach
  void unregister() {
    ScheduleSpec.unregisterClock(CLOCK);
  }

  private static FathomMicroBatchStream stream(String now, Map<String, String> extra) {
    ScheduleSpec.registerClock(CLOCK, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    Map<String, String> o = new HashMap<>(Map.of("site_id", "S", "token", "t", "date_grouping", "hour",
        "date_from", "2024-05-01 00:30:00", "timezone", "Europe/Berlin", "clock", CLOCK));
    o.putAll(extra);
    return new FathomMicroBatchStream(null, ReadSpec.parse(o, Map.of()));
  }

  private static LocalDateTime at(String local) {
    return LocalDateTime.parse(local);
  }

  @Test
  void theFirstOffsetIsDateFromFlooredToItsBucket() {
    assertThat(((BucketOffset) stream("2024-05-01T00:00:00Z", Map.of()).initialOffset()).boundary())
        .isEqualTo(at("2024-05-01T00:00"));
  }

  @Test
  void aBucketIsAvailableOnlyOnceItsEndPlusTheSettleDelayHasPassed() {
    // 2024-05-01 12:59:59 UTC is 14:59:59 in Berlin: the 13:00 bucket ends 14:00, settles 15:00
    BucketOffset before = stream("2024-05-01T12:59:59Z", Map.of()).closedBoundary();
    BucketOffset after = stream("2024-05-01T13:00:00Z", Map.of()).closedBoundary();
    assertThat(before.boundary()).isEqualTo(at("2024-05-01T13:00"));
    assertThat(after.boundary()).isEqualTo(at("2024-05-01T14:00"));
    assertThat(stream("2024-05-01T13:00:00Z", Map.of("stream.settle", "90m")).closedBoundary().boundary())
        .isEqualTo(at("2024-05-01T13:00"));
  }

  @Test
  void maxBucketsPerTriggerBoundsABatch() {
    FathomMicroBatchStream s = stream("2024-05-02T00:00:00Z", Map.of("maxBucketsPerTrigger", "5"));
    BucketOffset start = new BucketOffset(at("2024-05-01T03:00"));
    assertThat(s.getDefaultReadLimit()).isEqualTo(ReadLimit.maxRows(5));
    assertThat(((BucketOffset) s.latestOffset(start, s.getDefaultReadLimit())).boundary()).isEqualTo(at("2024-05-01T08:00"));
    assertThat(((BucketOffset) s.latestOffset(start, ReadLimit.allAvailable())).boundary()).isEqualTo(at("2024-05-02T01:00"));
  }

  @Test
  void availableNowStopsAtTheBoundaryClosedWhenItStarted() {
    ScheduleSpec.registerClock(CLOCK, Clock.fixed(Instant.parse("2024-05-01T05:00:00Z"), ZoneOffset.UTC));
    FathomMicroBatchStream s = stream("2024-05-01T05:00:00Z", Map.of());
    s.prepareForTriggerAvailableNow();
    ScheduleSpec.registerClock(CLOCK, Clock.fixed(Instant.parse("2024-05-03T05:00:00Z"), ZoneOffset.UTC));
    BucketOffset start = new BucketOffset(at("2024-05-01T00:00"));
    assertThat(((BucketOffset) s.latestOffset(start, ReadLimit.allAvailable())).boundary()).isEqualTo(at("2024-05-01T06:00"));
  }

  @Test
  void offsetsRoundTripThroughTheirJson() {
    BucketOffset o = new BucketOffset(at("2024-05-01T06:00"));
    assertThat(o.json()).isEqualTo("\"2024-05-01T06:00\"");
    assertThat(stream("2024-05-01T05:00:00Z", Map.of()).deserializeOffset(o.json())).isEqualTo(o);
    assertThatThrownBy(() -> BucketOffset.parse("12")).hasMessage("a Fathom stream offset is a quoted local date-time; got: 12");
  }

  @Test
  void aStreamNeedsHourOrDayBucketsAndADateFromAndNoDateTo() {
    assertThatThrownBy(() -> stream("2024-05-01T05:00:00Z", Map.of("date_grouping", "month")))
        .hasMessage("a Fathom stream needs 'date_grouping' hour or day; got: 'month'");
    assertThatThrownBy(() -> stream("2024-05-01T05:00:00Z", Map.of("date_to", "2024-06-01")))
        .hasMessageStartingWith("a Fathom stream reads on as buckets close; 'date_to' is for batch reads");
  }

  @Test
  void withLookbackABatchReadsTheLastClosedBucketsBeforeItsStartAgainButNothingBeforeDateFrom() {
    FathomMicroBatchStream s = stream("2024-05-02T00:00:00Z", Map.of("stream.lookback", "2"));
    FathomMicroBatchStream.BatchRange r = s.range(new BucketOffset(at("2024-05-01T05:00")), new BucketOffset(at("2024-05-01T08:00")));
    assertThat(r).isEqualTo(new FathomMicroBatchStream.BatchRange(at("2024-05-01T03:00"), at("2024-05-01T05:00"), at("2024-05-01T08:00")));
    FathomMicroBatchStream.BatchRange first = s.range(s.initialOffset(), new BucketOffset(at("2024-05-01T03:00")));
    assertThat(first.readFrom()).isEqualTo(at("2024-05-01T00:00"));
    assertThat(s.range(new BucketOffset(at("2024-05-01T01:00")), new BucketOffset(at("2024-05-01T02:00"))).readFrom())
        .isEqualTo(at("2024-05-01T00:00"));
    FathomMicroBatchStream none = stream("2024-05-02T00:00:00Z", Map.of());
    assertThat(none.range(new BucketOffset(at("2024-05-01T05:00")), new BucketOffset(at("2024-05-01T08:00"))).readFrom())
        .isEqualTo(at("2024-05-01T05:00"));
    assertThat(s.range(new BucketOffset(at("2024-05-01T05:00")), new BucketOffset(at("2024-05-01T05:00"))).empty()).isTrue();
  }

  @Test
  void aRowIsMarkedAReReadWhenItsBucketStartsBeforeTheBatchStart() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    RereadMarks days = new RereadMarks(DataTypes.DateType, 0, berlin, at("2024-05-03T00:00"));
    assertThat(days.reread(row((int) LocalDate.parse("2024-05-02").toEpochDay()))).isTrue();
    assertThat(days.reread(row((int) LocalDate.parse("2024-05-03").toEpochDay()))).isFalse();
    InternalRow marked = days.mark(row((int) LocalDate.parse("2024-05-02").toEpochDay()));
    assertThat(marked.numFields()).isEqualTo(2);
    assertThat(marked.getBoolean(1)).isTrue();

    RereadMarks labels = new RereadMarks(DataTypes.TimestampNTZType, 0, berlin, at("2024-05-01T05:00"));
    assertThat(labels.reread(row(micros(at("2024-05-01T04:00").toInstant(ZoneOffset.UTC))))).isTrue();
    assertThat(labels.reread(row(micros(at("2024-05-01T05:00").toInstant(ZoneOffset.UTC))))).isFalse();

    // hour_type=timestamp: the instant 03:00 UTC is 05:00 in Berlin (summer time), the batch start
    RereadMarks instants = new RereadMarks(DataTypes.TimestampType, 0, berlin, at("2024-05-01T05:00"));
    assertThat(instants.reread(row(micros(Instant.parse("2024-05-01T03:00:00Z"))))).isFalse();
    assertThat(instants.reread(row(micros(Instant.parse("2024-05-01T02:00:00Z"))))).isTrue();

    assertThatThrownBy(() -> new RereadMarks(DataTypes.StringType, 0, berlin, at("2024-05-01T05:00")))
        .hasMessage("a re-read mark needs a date, timestamp_ntz or timestamp bucket; got: string");
  }

  private static InternalRow row(Object date) {
    return new GenericInternalRow(new Object[] {date});
  }

  private static long micros(Instant i) {
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  @Test
  void anUnregisteredClockIsRefused() {
    Map<String, String> o = Map.of("site_id", "S", "token", "t", "clock", "nope");
    assertThatThrownBy(() -> ReadSpec.parse(o, Map.of()))
        .hasMessageStartingWith("'clock' names no clock registered in this JVM: 'nope'");
  }
}
