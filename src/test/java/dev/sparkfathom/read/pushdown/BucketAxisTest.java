package dev.sparkfathom.read.pushdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.DateGrouping;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BucketAxisTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

  static LocalDateTime at(String local) {
    return LocalDateTime.parse(local);
  }

  @Test
  void skippedSpringForwardHourHasNoBucket() {
    BucketAxis axis = new BucketAxis(DateGrouping.HOUR, BERLIN);
    assertThat(axis.exists(at("2024-03-31T02:00"))).isFalse();
    assertThat(axis.firstInstant(at("2024-03-31T02:00"))).isNull();
    assertThat(axis.next(at("2024-03-31T01:00"))).isEqualTo(at("2024-03-31T03:00"));
    assertThat(axis.previous(at("2024-03-31T03:00"))).isEqualTo(at("2024-03-31T01:00"));
    assertThat(axis.firstInstant(at("2024-03-31T03:00"))).isEqualTo(Instant.parse("2024-03-31T01:00:00Z"));
  }

  @Test
  void mergedFallBackHourStartsAtItsEarlierOffset() {
    BucketAxis axis = new BucketAxis(DateGrouping.HOUR, BERLIN);
    assertThat(axis.firstInstant(at("2024-10-27T02:00"))).isEqualTo(Instant.parse("2024-10-27T00:00:00Z"));
    assertThat(axis.bucketOf(Instant.parse("2024-10-27T01:30:00Z"))).isEqualTo(at("2024-10-27T02:00"));
    assertThat(axis.next(at("2024-10-27T02:00"))).isEqualTo(at("2024-10-27T03:00"));
    assertThat(axis.firstInstant(at("2024-10-27T03:00"))).isEqualTo(Instant.parse("2024-10-27T02:00:00Z"));
  }

  @Test
  void halfHourSpringForwardLeavesTheHourWithItsSecondHalf() {
    BucketAxis axis = new BucketAxis(DateGrouping.HOUR, LORD_HOWE);
    // 02:00 (+10:30) becomes 02:30 (+11:00): the 02:00 hour holds 02:30..02:59 only.
    assertThat(axis.firstInstant(at("2024-10-06T02:00"))).isEqualTo(Instant.parse("2024-10-05T15:30:00Z"));
    assertThat(axis.bucketOf(Instant.parse("2024-10-05T15:30:00Z"))).isEqualTo(at("2024-10-06T02:00"));
  }

  @Test
  void halfHourFallBackLengthensTheHourBefore() {
    BucketAxis axis = new BucketAxis(DateGrouping.HOUR, LORD_HOWE);
    // 02:00 (+11:00) becomes 01:30 (+10:30): the 01:00 hour lasts 90 minutes.
    assertThat(axis.firstInstant(at("2024-04-07T01:00"))).isEqualTo(Instant.parse("2024-04-06T14:00:00Z"));
    assertThat(axis.bucketOf(Instant.parse("2024-04-06T15:20:00Z"))).isEqualTo(at("2024-04-07T01:00"));
    assertThat(axis.firstInstant(at("2024-04-07T02:00"))).isEqualTo(Instant.parse("2024-04-06T15:30:00Z"));
  }

  @Test
  void nonHourOffsetsTruncateLocalTime() {
    BucketAxis kolkata = new BucketAxis(DateGrouping.HOUR, ZoneId.of("Asia/Kolkata"));
    assertThat(kolkata.bucketOf(Instant.parse("2024-01-01T00:00:00Z"))).isEqualTo(at("2024-01-01T05:00"));
    assertThat(kolkata.firstInstant(at("2024-01-01T05:00"))).isEqualTo(Instant.parse("2023-12-31T23:30:00Z"));
    BucketAxis kathmandu = new BucketAxis(DateGrouping.HOUR, ZoneId.of("Asia/Kathmandu"));
    assertThat(kathmandu.firstInstant(at("2024-01-01T06:00"))).isEqualTo(Instant.parse("2024-01-01T00:15:00Z"));
  }

  @Test
  void skippedDayHasNoDayBucketAndNoHourBuckets() {
    ZoneId apia = ZoneId.of("Pacific/Apia");
    BucketAxis days = new BucketAxis(DateGrouping.DAY, apia);
    assertThat(days.exists(at("2011-12-30T00:00"))).isFalse();
    assertThat(days.next(at("2011-12-29T00:00"))).isEqualTo(at("2011-12-31T00:00"));
    BucketAxis hours = new BucketAxis(DateGrouping.HOUR, apia);
    assertThat(hours.next(at("2011-12-29T23:00"))).isEqualTo(at("2011-12-31T00:00"));
  }

  @Test
  void dayWhoseMidnightIsSkippedStartsAtTheGapsEnd() {
    BucketAxis days = new BucketAxis(DateGrouping.DAY, ZoneId.of("America/Sao_Paulo"));
    assertThat(days.firstInstant(at("2018-11-04T00:00"))).isEqualTo(Instant.parse("2018-11-04T03:00:00Z"));
  }

  @Test
  void calendarBucketsHoldTheirDates() {
    BucketAxis months = new BucketAxis(DateGrouping.MONTH, BERLIN);
    assertThat(months.bucketOf(LocalDate.of(2024, 2, 29))).isEqualTo(at("2024-02-01T00:00"));
    assertThat(months.next(at("2024-01-01T00:00"))).isEqualTo(at("2024-02-01T00:00"));
    BucketAxis years = new BucketAxis(DateGrouping.YEAR, BERLIN);
    assertThat(years.previous(at("2024-01-01T00:00"))).isEqualTo(at("2023-01-01T00:00"));
    assertThat(years.firstInstant(at("2024-01-01T00:00"))).isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
  }

  @Test
  void equalAxesAreEqual() {
    assertThat(new BucketAxis(DateGrouping.DAY, BERLIN)).isEqualTo(new BucketAxis(DateGrouping.DAY, BERLIN))
        .hasSameHashCodeAs(new BucketAxis(DateGrouping.DAY, BERLIN))
        .isNotEqualTo(new BucketAxis(DateGrouping.HOUR, BERLIN))
        .hasToString("day buckets in Europe/Berlin");
  }
}
