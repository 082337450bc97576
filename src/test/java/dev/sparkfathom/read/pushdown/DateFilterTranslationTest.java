package dev.sparkfathom.read.pushdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringStartsWith;
import org.junit.jupiter.api.Test;

class DateFilterTranslationTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static PushdownContext ctx(DateGrouping grouping, ZoneId zone) {
    return new PushdownContext(List.of(Field.PATHNAME), grouping, zone, true);
  }

  static FilterTranslation translate(DateGrouping grouping, org.apache.spark.sql.sources.Filter... filters) {
    return FilterTranslator.translate(filters, ctx(grouping, BERLIN));
  }

  static LocalDateTime at(String local) {
    return LocalDateTime.parse(local);
  }

  static LocalDate day(String d) {
    return LocalDate.parse(d);
  }

  static Instant instant(String t) {
    return Instant.parse(t);
  }

  static BucketRange exactRange(FilterTranslation t) {
    assertThat(t.alwaysFalse()).as("always false").isFalse();
    assertThat(t.postScan()).as("handed back").isEmpty();
    assertThat(t.fathomFilters()).isEmpty();
    return t.dateRange();
  }

  @Test
  void dayBoundsOnABucketStart() {
    LocalDate d = day("2024-03-15");
    assertThat(exactRange(translate(DateGrouping.DAY, new GreaterThanOrEqual("date", d))))
        .isEqualTo(BucketRange.from(at("2024-03-15T00:00")));
    assertThat(exactRange(translate(DateGrouping.DAY, new GreaterThan("date", d))))
        .isEqualTo(BucketRange.from(at("2024-03-16T00:00")));
    assertThat(exactRange(translate(DateGrouping.DAY, new LessThan("date", d))))
        .isEqualTo(BucketRange.upTo(at("2024-03-14T00:00")));
    assertThat(exactRange(translate(DateGrouping.DAY, new LessThanOrEqual("date", d))))
        .isEqualTo(BucketRange.upTo(at("2024-03-15T00:00")));
    assertThat(exactRange(translate(DateGrouping.DAY, new EqualTo("date", d))))
        .isEqualTo(BucketRange.only(at("2024-03-15T00:00")));
  }

  @Test
  void javaSqlDateValuesAreAccepted() {
    assertThat(exactRange(translate(DateGrouping.DAY, new EqualTo("date", java.sql.Date.valueOf("2024-02-29")))))
        .isEqualTo(BucketRange.only(at("2024-02-29T00:00")));
  }

  @Test
  void monthLowerBoundInsideAMonthStartsAtTheNextMonth() {
    assertThat(exactRange(translate(DateGrouping.MONTH, new GreaterThanOrEqual("date", day("2024-03-15")))))
        .isEqualTo(BucketRange.from(at("2024-04-01T00:00")));
    assertThat(exactRange(translate(DateGrouping.MONTH, new GreaterThanOrEqual("date", day("2024-03-01")))))
        .isEqualTo(BucketRange.from(at("2024-03-01T00:00")));
    assertThat(exactRange(translate(DateGrouping.MONTH, new GreaterThan("date", day("2024-03-01")))))
        .isEqualTo(BucketRange.from(at("2024-04-01T00:00")));
  }

  @Test
  void monthUpperBoundInsideAMonthEndsWithThatMonth() {
    assertThat(exactRange(translate(DateGrouping.MONTH, new LessThan("date", day("2024-03-15")))))
        .isEqualTo(BucketRange.upTo(at("2024-03-01T00:00")));
    assertThat(exactRange(translate(DateGrouping.MONTH, new LessThan("date", day("2024-03-01")))))
        .isEqualTo(BucketRange.upTo(at("2024-02-01T00:00")));
    assertThat(exactRange(translate(DateGrouping.MONTH, new LessThanOrEqual("date", day("2024-02-29")))))
        .isEqualTo(BucketRange.upTo(at("2024-02-01T00:00")));
  }

  @Test
  void equalityWithADateThatStartsNoBucketIsNeverTrue() {
    FilterTranslation t = translate(DateGrouping.MONTH, new EqualTo("date", day("2024-03-15")));
    assertThat(t.alwaysFalse()).isTrue();
    assertThat(t.describe()).isEqualTo("no request: the filters can never be true "
        + "(EqualTo(date,2024-03-15): no bucket's date is 2024-03-15)");
  }

  @Test
  void yearGroupingAroundALeapDay() {
    assertThat(exactRange(translate(DateGrouping.YEAR, new GreaterThanOrEqual("date", day("2024-02-29")))))
        .isEqualTo(BucketRange.from(at("2025-01-01T00:00")));
    assertThat(exactRange(translate(DateGrouping.YEAR, new LessThanOrEqual("date", day("2024-02-29")))))
        .isEqualTo(BucketRange.upTo(at("2024-01-01T00:00")));
    assertThat(translate(DateGrouping.YEAR, new EqualTo("date", day("2024-02-29"))).alwaysFalse()).isTrue();
  }

  @Test
  void betweenIsTheIntersectionOfItsBounds() {
    FilterTranslation t = translate(DateGrouping.DAY, new And(
        new GreaterThanOrEqual("date", day("2024-03-01")), new LessThanOrEqual("date", day("2024-03-31"))));
    assertThat(exactRange(t)).isEqualTo(new BucketRange(at("2024-03-01T00:00"), at("2024-03-31T00:00")));
    assertThat(t.describe()).isEqualTo("Fathom filters: [], date buckets: 2024-03-01T00:00 .. 2024-03-31T00:00, "
        + "re-checked in Spark: [], kept in Spark: []");
  }

  @Test
  void boundsThatShareNoBucketAreNeverTrue() {
    FilterTranslation t = translate(DateGrouping.MONTH,
        new GreaterThan("date", day("2024-03-01")), new LessThan("date", day("2024-04-01")));
    assertThat(t.alwaysFalse()).isTrue();
    assertThat(t.describe()).isEqualTo(
        "no request: no row passes all of [GreaterThan(date,2024-03-01), LessThan(date,2024-04-01)]");
  }

  @Test
  void hourBoundsOnAndJustAfterABucketStart() {
    Instant start = instant("2024-06-01T10:00:00Z"); // 12:00 in Berlin
    assertThat(exactRange(translate(DateGrouping.HOUR, new GreaterThanOrEqual("date", start))))
        .isEqualTo(BucketRange.from(at("2024-06-01T12:00")));
    assertThat(exactRange(translate(DateGrouping.HOUR, new GreaterThanOrEqual("date", start.plusNanos(1000)))))
        .isEqualTo(BucketRange.from(at("2024-06-01T13:00")));
    assertThat(exactRange(translate(DateGrouping.HOUR, new LessThan("date", Timestamp.from(start)))))
        .isEqualTo(BucketRange.upTo(at("2024-06-01T11:00")));
    assertThat(exactRange(translate(DateGrouping.HOUR, new LessThan("date", Timestamp.from(start.plusSeconds(1))))))
        .isEqualTo(BucketRange.upTo(at("2024-06-01T12:00")));
  }

  @Test
  void hourEqualityNeedsTheExactStartInstant() {
    assertThat(exactRange(translate(DateGrouping.HOUR, new EqualTo("date", instant("2024-06-01T10:00:00Z")))))
        .isEqualTo(BucketRange.only(at("2024-06-01T12:00")));
    assertThat(translate(DateGrouping.HOUR, new EqualTo("date", instant("2024-06-01T10:30:00Z"))).alwaysFalse())
        .isTrue();
  }

  @Test
  void springForwardSkipsTheMissingHour() {
    assertThat(exactRange(translate(DateGrouping.HOUR, new EqualTo("date", instant("2024-03-31T01:00:00Z")))))
        .isEqualTo(BucketRange.only(at("2024-03-31T03:00")));
    assertThat(exactRange(translate(DateGrouping.HOUR, new LessThan("date", instant("2024-03-31T01:00:00Z")))))
        .isEqualTo(BucketRange.upTo(at("2024-03-31T01:00")));
    assertThat(exactRange(translate(DateGrouping.HOUR, new GreaterThan("date", instant("2024-03-31T00:00:00Z")))))
        .isEqualTo(BucketRange.from(at("2024-03-31T03:00")));
  }

  @Test
  void fallBackMergedHourHasItsEarlierInstantAsValue() {
    assertThat(exactRange(translate(DateGrouping.HOUR, new EqualTo("date", instant("2024-10-27T00:00:00Z")))))
        .isEqualTo(BucketRange.only(at("2024-10-27T02:00")));
    assertThat(translate(DateGrouping.HOUR, new EqualTo("date", instant("2024-10-27T01:00:00Z"))).alwaysFalse())
        .isTrue();
    assertThat(exactRange(translate(DateGrouping.HOUR, new GreaterThanOrEqual("date", instant("2024-10-27T01:00:00Z")))))
        .isEqualTo(BucketRange.from(at("2024-10-27T03:00")));
    assertThat(exactRange(translate(DateGrouping.HOUR, new LessThanOrEqual("date", instant("2024-10-27T01:00:00Z")))))
        .isEqualTo(BucketRange.upTo(at("2024-10-27T02:00")));
  }

  @Test
  void inOfConsecutiveBucketsIsExact() {
    assertThat(exactRange(translate(DateGrouping.MONTH,
        new In("date", new Object[] {day("2024-02-01"), day("2024-01-01"), null, day("2024-01-15")}))))
        .isEqualTo(new BucketRange(at("2024-01-01T00:00"), at("2024-02-01T00:00")));
  }

  @Test
  void inOfScatteredBucketsWidensToTheirHull() {
    In in = new In("date", new Object[] {day("2024-01-01"), day("2024-03-01")});
    FilterTranslation t = translate(DateGrouping.MONTH, in);
    assertThat(t.dateRange()).isEqualTo(new BucketRange(at("2024-01-01T00:00"), at("2024-03-01T00:00")));
    assertThat(t.postScan()).containsExactly(in);
    assertThat(t.classifications().get(0).reason()).isEqualTo(
        "date buckets 2024-01-01T00:00 .. 2024-03-01T00:00; re-checked: the values are not consecutive buckets");
  }

  @Test
  void inOfNoBucketValueIsNeverTrue() {
    assertThat(translate(DateGrouping.MONTH, new In("date", new Object[] {day("2024-01-02"), null})).alwaysFalse())
        .isTrue();
  }

  @Test
  void negatedComparisonsAreTheirComplements() {
    assertThat(exactRange(translate(DateGrouping.DAY, new Not(new LessThan("date", day("2024-03-15"))))))
        .isEqualTo(BucketRange.from(at("2024-03-15T00:00")));
    assertThat(exactRange(translate(DateGrouping.MONTH, new Not(new GreaterThan("date", day("2024-03-15"))))))
        .isEqualTo(BucketRange.upTo(at("2024-03-01T00:00")));
  }

  @Test
  void notEqualToABucketValueIsKeptAndToAnotherValueIsAlwaysTrue() {
    Not hole = new Not(new EqualTo("date", day("2024-03-01")));
    FilterTranslation kept = translate(DateGrouping.MONTH, hole);
    assertThat(kept.postScan()).containsExactly(hole);
    assertThat(kept.classifications()).containsExactly(
        new FilterClassification(hole, PushKind.KEPT, "it removes buckets from the middle of the range"));
    assertThat(exactRange(translate(DateGrouping.MONTH, new Not(new EqualTo("date", day("2024-03-15"))))))
        .isEqualTo(BucketRange.ALL);
  }

  @Test
  void notInWithNullIsNeverTrue() {
    assertThat(translate(DateGrouping.DAY, new Not(new In("date", new Object[] {day("2024-03-01"), null})))
        .alwaysFalse()).isTrue();
  }

  @Test
  void nullTestsOnDate() {
    assertThat(translate(DateGrouping.DAY, new IsNull("date")).alwaysFalse()).isTrue();
    assertThat(translate(DateGrouping.DAY, new EqualNullSafe("date", null)).alwaysFalse()).isTrue();
    assertThat(translate(DateGrouping.DAY, new EqualTo("date", null)).alwaysFalse()).isTrue();
    assertThat(exactRange(translate(DateGrouping.DAY, new IsNotNull("date")))).isEqualTo(BucketRange.ALL);
    assertThat(exactRange(translate(DateGrouping.DAY, new EqualNullSafe("date", day("2024-01-01")))))
        .isEqualTo(BucketRange.only(at("2024-01-01T00:00")));
  }

  @Test
  void valuesOfTheWrongTypeAreKept() {
    EqualTo text = new EqualTo("date", "2024-01-01");
    assertThat(translate(DateGrouping.DAY, text).classifications()).containsExactly(
        new FilterClassification(text, PushKind.KEPT, "the value is not a date"));
    EqualTo local = new EqualTo("date", at("2024-01-01T00:00"));
    assertThat(translate(DateGrouping.HOUR, local).classifications()).containsExactly(
        new FilterClassification(local, PushKind.KEPT, "the value is not a timestamp"));
    StringStartsWith sw = new StringStartsWith("date", "2024");
    assertThat(translate(DateGrouping.DAY, sw).postScan()).containsExactly(sw);
  }

  @Test
  void orOfAdjacentBucketsIsExactAndOfDistantOnesWidening() {
    Or adjacent = new Or(new EqualTo("date", day("2024-01-01")), new EqualTo("date", day("2024-01-02")));
    assertThat(exactRange(translate(DateGrouping.DAY, adjacent)))
        .isEqualTo(new BucketRange(at("2024-01-01T00:00"), at("2024-01-02T00:00")));
    Or distant = new Or(new EqualTo("date", day("2024-01-01")), new EqualTo("date", day("2024-01-05")));
    FilterTranslation t = translate(DateGrouping.DAY, distant);
    assertThat(t.dateRange()).isEqualTo(new BucketRange(at("2024-01-01T00:00"), at("2024-01-05T00:00")));
    assertThat(t.postScan()).containsExactly(distant);
  }

  @Test
  void orOfOpenRangesOnBothSidesIsKept() {
    Or outside = new Or(new LessThan("date", day("2024-01-01")), new GreaterThan("date", day("2024-02-01")));
    FilterTranslation t = translate(DateGrouping.DAY, outside);
    assertThat(t.pushed()).isEmpty();
    assertThat(t.postScan()).containsExactly(outside);
  }

  @Test
  void dateAndFieldFiltersCombine() {
    FilterTranslation t = translate(DateGrouping.DAY, new GreaterThanOrEqual("date", day("2024-03-01")),
        new EqualTo("pathname", "/"), new IsNotNull("date"), new IsNotNull("pathname"));
    assertThat(t.fathomFilters()).containsExactly(Filter.is(Field.PATHNAME, "/"));
    assertThat(t.dateRange()).isEqualTo(BucketRange.from(at("2024-03-01T00:00")));
    assertThat(t.fullyExact()).isTrue();
  }

  @Test
  void dateFiltersStayExactWithoutTheDocumentedSemantics() {
    PushdownContext worst = new PushdownContext(List.of(Field.PATHNAME), DateGrouping.DAY, BERLIN, false);
    FilterTranslation t = FilterTranslator.translate(
        new org.apache.spark.sql.sources.Filter[] {new LessThan("date", day("2024-03-01"))}, worst);
    assertThat(exactRange(t)).isEqualTo(BucketRange.upTo(at("2024-02-29T00:00")));
  }

  @Test
  void skippedDayInApiaIsNoBucket() {
    PushdownContext apia = ctx(DateGrouping.DAY, ZoneId.of("Pacific/Apia"));
    FilterTranslation eq = FilterTranslator.translate(
        new org.apache.spark.sql.sources.Filter[] {new EqualTo("date", day("2011-12-30"))}, apia);
    assertThat(eq.alwaysFalse()).isTrue();
    FilterTranslation ge = FilterTranslator.translate(
        new org.apache.spark.sql.sources.Filter[] {new GreaterThanOrEqual("date", day("2011-12-30"))}, apia);
    assertThat(exactRange(ge)).isEqualTo(BucketRange.from(at("2011-12-31T00:00")));
  }

  @Test
  void instantsBeyondTheSupportedRangeAreKept() {
    GreaterThan far = new GreaterThan("date", Instant.MAX);
    FilterTranslation t = translate(DateGrouping.HOUR, far);
    assertThat(t.postScan()).containsExactly(far);
    assertThat(t.classifications().get(0).reason()).startsWith("date out of range: ");
  }

  /** Hour buckets of Berlin valued by their local start (TIMESTAMP_NTZ, the default). */
  static FilterTranslation local(org.apache.spark.sql.sources.Filter... filters) {
    return FilterTranslator.translate(filters, new PushdownContext(List.of(Field.PATHNAME), DateGrouping.HOUR, BERLIN, true, false));
  }

  @Test
  void localHourBoundsCompareWithLabelsAndSkipTheSpringForwardGap() {
    assertThat(exactRange(local(new GreaterThanOrEqual("date", at("2024-03-31T02:30")))))
        .isEqualTo(BucketRange.from(at("2024-03-31T03:00")));
    assertThat(exactRange(local(new GreaterThanOrEqual("date", at("2024-03-31T02:00")))))
        .isEqualTo(BucketRange.from(at("2024-03-31T03:00")));
    assertThat(exactRange(local(new LessThan("date", at("2024-03-31T03:00")))))
        .isEqualTo(BucketRange.upTo(at("2024-03-31T01:00")));
    assertThat(exactRange(local(new LessThanOrEqual("date", at("2024-03-31T02:00")))))
        .isEqualTo(BucketRange.upTo(at("2024-03-31T01:00")));
    assertThat(exactRange(local(new GreaterThan("date", at("2024-03-31T01:00")))))
        .isEqualTo(BucketRange.from(at("2024-03-31T03:00")));
  }

  @Test
  void theMergedFallBackHourIsOneLocalValue() {
    assertThat(exactRange(local(new LessThan("date", at("2024-10-27T03:00")))))
        .isEqualTo(BucketRange.upTo(at("2024-10-27T02:00")));
    assertThat(exactRange(local(new EqualTo("date", at("2024-10-27T02:00")))))
        .isEqualTo(BucketRange.only(at("2024-10-27T02:00")));
    assertThat(exactRange(local(new GreaterThan("date", at("2024-10-27T02:15")))))
        .isEqualTo(BucketRange.from(at("2024-10-27T03:00")));
    assertThat(exactRange(local(new In("date", new Object[] {at("2024-10-27T01:00"), at("2024-10-27T02:00")}))))
        .isEqualTo(new BucketRange(at("2024-10-27T01:00"), at("2024-10-27T02:00")));
  }

  @Test
  void aLocalHourSkippedByDstOrInsideABucketIsNoValue() {
    assertThat(local(new EqualTo("date", at("2024-03-31T02:00"))).alwaysFalse()).isTrue();
    assertThat(local(new EqualTo("date", at("2024-03-31T05:30"))).alwaysFalse()).isTrue();
  }

  @Test
  void anInstantOnALocalHourColumnIsKept() {
    FilterTranslation t = local(new LessThan("date", instant("2024-10-27T02:00:00Z")));
    assertThat(t.postScan()).hasSize(1);
    assertThat(t.describe()).contains("the value is not a timestamp_ntz");
  }
}
