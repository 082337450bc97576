package dev.sparkfathom.read.pushdown;

import static dev.sparkfathom.api.Field.HOSTNAME;
import static dev.sparkfathom.api.Field.PATHNAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.sources.AlwaysFalse;
import org.apache.spark.sql.sources.AlwaysTrue;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StringFilterTranslationTest {
  static final PushdownContext DOCUMENTED = new PushdownContext(
      List.of(HOSTNAME, PATHNAME, Field.Q), null, ZoneOffset.UTC, true);
  static final PushdownContext UNDOCUMENTED = new PushdownContext(
      List.of(HOSTNAME, PATHNAME, Field.Q), null, ZoneOffset.UTC, false);

  static FilterTranslation translate(PushdownContext ctx, org.apache.spark.sql.sources.Filter... filters) {
    return FilterTranslator.translate(filters, ctx);
  }

  static void assertExact(FilterTranslation t, Filter... fathom) {
    assertThat(t.alwaysFalse()).isFalse();
    assertThat(t.fathomFilters()).containsExactly(fathom);
    assertThat(t.postScan()).isEmpty();
    assertThat(t.classifications()).allMatch(c -> c.kind() == PushKind.EXACT, "all exact");
  }

  static void assertWidening(FilterTranslation t, org.apache.spark.sql.sources.Filter offered,
      Filter... fathom) {
    assertThat(t.alwaysFalse()).isFalse();
    assertThat(t.fathomFilters()).containsExactly(fathom);
    assertThat(t.pushed()).containsExactly(offered);
    assertThat(t.postScan()).containsExactly(offered);
    assertThat(t.classifications()).extracting(FilterClassification::kind)
        .containsExactly(PushKind.WIDENING);
  }

  static void assertKept(FilterTranslation t, org.apache.spark.sql.sources.Filter offered,
      String reason) {
    assertThat(t.alwaysFalse()).isFalse();
    assertThat(t.fathomFilters()).isEmpty();
    assertThat(t.pushed()).isEmpty();
    assertThat(t.postScan()).containsExactly(offered);
    assertThat(t.classifications()).containsExactly(
        new FilterClassification(offered, PushKind.KEPT, reason));
  }

  static void assertNever(FilterTranslation t) {
    assertThat(t.alwaysFalse()).isTrue();
    assertThat(t.fathomFilters()).isEmpty();
    assertThat(t.postScan()).isEmpty();
  }

  @Nested
  class DocumentedSemantics {
    @Test
    void equalityIsExactIs() {
      assertExact(translate(DOCUMENTED, new EqualTo("pathname", "/blog")), Filter.is(PATHNAME, "/blog"));
    }

    @Test
    void equalityAcceptsUtf8StringValues() {
      assertExact(translate(DOCUMENTED, new EqualTo("pathname", UTF8String.fromString("/ü"))),
          Filter.is(PATHNAME, "/ü"));
    }

    @Test
    void equalityWithEmptyStringIsExactIsEmpty() {
      assertExact(translate(DOCUMENTED, new EqualTo("pathname", "")), Filter.is(PATHNAME, ""));
    }

    @Test
    void equalityWithWildcardCharactersIsStillPlainIs() {
      assertExact(translate(DOCUMENTED, new EqualTo("pathname", "/50%_off")),
          Filter.is(PATHNAME, "/50%_off"));
    }

    @Test
    void equalityWithNonStringValueIsKept() {
      EqualTo f = new EqualTo("pathname", 42);
      assertKept(translate(DOCUMENTED, f), f, "the value is not a string");
    }

    @Test
    void equalityWithNullIsNeverTrue() {
      FilterTranslation t = translate(DOCUMENTED, new EqualTo("pathname", null),
          new GreaterThan("pageviews", 3L));
      assertNever(t);
      assertThat(t.describe()).isEqualTo(
          "no request: the filters can never be true (EqualTo(pathname,null): a comparison with null)");
    }

    @Test
    void notEqualIsIsNotAndNotNull() {
      assertExact(translate(DOCUMENTED, new Not(new EqualTo("pathname", "/"))),
          Filter.isNot(PATHNAME, "/"), Filter.isLike(PATHNAME, ""));
    }

    @Test
    void nullSafeEqualityWithValueIsIs() {
      assertExact(translate(DOCUMENTED, new EqualNullSafe("pathname", "/")), Filter.is(PATHNAME, "/"));
    }

    @Test
    void nullSafeEqualityWithNullIsIsNull() {
      assertExact(translate(DOCUMENTED, new EqualNullSafe("pathname", null)),
          Filter.isNotLike(PATHNAME, ""));
    }

    @Test
    void negatedNullSafeEqualityLetsNullsThrough() {
      assertExact(translate(DOCUMENTED, new Not(new EqualNullSafe("pathname", "/"))),
          Filter.isNot(PATHNAME, "/"));
    }

    @Test
    void negatedNullSafeEqualityWithNullIsNotNull() {
      assertExact(translate(DOCUMENTED, new Not(new EqualNullSafe("pathname", null))),
          Filter.isLike(PATHNAME, ""));
    }

    @Test
    void isNotNullIsLikeEmpty() {
      assertExact(translate(DOCUMENTED, new IsNotNull("pathname")), Filter.isLike(PATHNAME, ""));
    }

    @Test
    void isNullIsNotLikeEmpty() {
      assertExact(translate(DOCUMENTED, new IsNull("pathname")), Filter.isNotLike(PATHNAME, ""));
    }

    @Test
    void doubleNegationsOfNullTestsAreUnwrapped() {
      assertExact(translate(DOCUMENTED, new Not(new IsNull("pathname"))), Filter.isLike(PATHNAME, ""));
      assertExact(translate(DOCUMENTED, new Not(new IsNotNull("pathname"))),
          Filter.isNotLike(PATHNAME, ""));
      assertExact(translate(DOCUMENTED, new Not(new Not(new EqualTo("pathname", "/")))),
          Filter.is(PATHNAME, "/"));
    }

    @Test
    void isNotNullNextToEqualityAddsNothingInEitherOrder() {
      EqualTo eq = new EqualTo("pathname", "/");
      IsNotNull nn = new IsNotNull("pathname");
      FilterTranslation before = translate(DOCUMENTED, nn, eq);
      FilterTranslation after = translate(DOCUMENTED, eq, nn);
      assertExact(before, Filter.is(PATHNAME, "/"));
      assertExact(after, Filter.is(PATHNAME, "/"));
      assertThat(before.pushed()).containsExactly(nn, eq);
      assertThat(before.classifications().get(0).reason())
          .isEqualTo("implied by the other filters on pathname");
    }

    @Test
    void isNotNullNextToContainsAddsNothing() {
      assertExact(translate(DOCUMENTED, new IsNotNull("pathname"), new StringContains("pathname", "blog")),
          Filter.isLike(PATHNAME, "blog"));
    }

    @Test
    void isNotNullNextToWideningStartsWithAddsNothingButStaysExact() {
      StringStartsWith sw = new StringStartsWith("pathname", "/blog");
      FilterTranslation t = translate(DOCUMENTED, new IsNotNull("pathname"), sw);
      assertThat(t.fathomFilters()).containsExactly(Filter.isLike(PATHNAME, "/blog"));
      assertThat(t.postScan()).containsExactly(sw);
      assertThat(t.classifications()).extracting(FilterClassification::kind)
          .containsExactly(PushKind.EXACT, PushKind.WIDENING);
    }

    @Test
    void isNotNullNextToNotEqualIsSentOnce() {
      assertExact(translate(DOCUMENTED, new IsNotNull("pathname"), new Not(new EqualTo("pathname", "/"))),
          Filter.isLike(PATHNAME, ""), Filter.isNot(PATHNAME, "/"));
    }

    @Test
    void isNotNullOnAnotherFieldIsNotImplied() {
      assertExact(translate(DOCUMENTED, new IsNotNull("hostname"), new EqualTo("pathname", "/")),
          Filter.isLike(HOSTNAME, ""), Filter.is(PATHNAME, "/"));
    }

    @Test
    void duplicateFiltersAreSentOnce() {
      EqualTo eq = new EqualTo("pathname", "/");
      FilterTranslation t = translate(DOCUMENTED, eq, eq);
      assertExact(t, Filter.is(PATHNAME, "/"));
      assertThat(t.pushed()).containsExactly(eq, eq);
    }

    @Test
    void severalFiltersOnOnePropertyAreAllSentWithoutTheImpliedNotNull() {
      assertExact(translate(DOCUMENTED, new StringContains("pathname", "blog"),
              new Not(new StringContains("pathname", "draft"))),
          Filter.isLike(PATHNAME, "blog"), Filter.isNotLike(PATHNAME, "draft"));
    }

    @Test
    void containsWithoutWildcardsIsExactIsLike() {
      assertExact(translate(DOCUMENTED, new StringContains("pathname", "blog")),
          Filter.isLike(PATHNAME, "blog"));
    }

    @Test
    void containsWithPercentIsWidening() {
      StringContains f = new StringContains("pathname", "50%");
      FilterTranslation t = translate(DOCUMENTED, f);
      assertWidening(t, f, Filter.isLike(PATHNAME, "50%"));
      assertThat(t.classifications().get(0).reason()).isEqualTo(
          "pathname is like '50%'; re-checked: '50%' holds % or _, wildcards to the API's is like");
    }

    @Test
    void containsWithUnderscoreIsWidening() {
      StringContains f = new StringContains("pathname", "a_b");
      assertWidening(translate(DOCUMENTED, f), f, Filter.isLike(PATHNAME, "a_b"));
    }

    @Test
    void containsEmptyStringIsNotNull() {
      assertExact(translate(DOCUMENTED, new StringContains("pathname", "")), Filter.isLike(PATHNAME, ""));
    }

    @Test
    void notContainsIsIsNotLikeAndNotNull() {
      assertExact(translate(DOCUMENTED, new Not(new StringContains("pathname", "draft"))),
          Filter.isNotLike(PATHNAME, "draft"), Filter.isLike(PATHNAME, ""));
    }

    @Test
    void notContainsWithWildcardIsKept() {
      Not f = new Not(new StringContains("pathname", "a_b"));
      assertKept(translate(DOCUMENTED, f), f, "'a_b' holds % or _, wildcards to the API's is like");
    }

    @Test
    void notContainsEmptyStringIsNeverTrue() {
      assertNever(translate(DOCUMENTED, new Not(new StringContains("pathname", ""))));
    }

    @Test
    void startsWithAndEndsWithAreWideningIsLike() {
      StringStartsWith sw = new StringStartsWith("pathname", "/blog");
      StringEndsWith ew = new StringEndsWith("pathname", ".html");
      assertWidening(translate(DOCUMENTED, sw), sw, Filter.isLike(PATHNAME, "/blog"));
      assertWidening(translate(DOCUMENTED, ew), ew, Filter.isLike(PATHNAME, ".html"));
      assertThat(translate(DOCUMENTED, sw).classifications().get(0).reason()).isEqualTo(
          "pathname is like '/blog'; re-checked: the API's is like tests for a substring anywhere");
    }

    @Test
    void startsWithEmptyStringIsNotNull() {
      assertExact(translate(DOCUMENTED, new StringStartsWith("pathname", "")),
          Filter.isLike(PATHNAME, ""));
    }

    @Test
    void notStartsWithIsKept() {
      Not f = new Not(new StringStartsWith("pathname", "/blog"));
      assertKept(translate(DOCUMENTED, f), f, "the API has no negated prefix or suffix test");
    }

    @Test
    void inWithOneValueIsIs() {
      assertExact(translate(DOCUMENTED, new In("pathname", new Object[] {"/"})), Filter.is(PATHNAME, "/"));
    }

    @Test
    void inIgnoresNullElements() {
      assertExact(translate(DOCUMENTED, new In("pathname", new Object[] {"/", null, "/"})),
          Filter.is(PATHNAME, "/"));
    }

    @Test
    void inWithOnlyNullIsNeverTrue() {
      assertNever(translate(DOCUMENTED, new In("pathname", new Object[] {null})));
    }

    @Test
    void inWithSeveralValuesIsKept() {
      In f = new In("pathname", new Object[] {"/a", "/b"});
      assertKept(translate(DOCUMENTED, f), f, "IN with several values: the API ANDs filters");
    }

    @Test
    void notInIsIsNotEachAndNotNull() {
      assertExact(translate(DOCUMENTED, new Not(new In("pathname", new Object[] {"/a", "/b", "/a"}))),
          Filter.isNot(PATHNAME, "/a"), Filter.isNot(PATHNAME, "/b"), Filter.isLike(PATHNAME, ""));
    }

    @Test
    void notInWithNullElementIsNeverTrue() {
      FilterTranslation t = translate(DOCUMENTED, new Not(new In("pathname", new Object[] {"/a", null})));
      assertNever(t);
      assertThat(t.describe()).isEqualTo("no request: the filters can never be true "
          + "(Not(In(pathname, [/a,null])): NOT IN a list holding null is never true)");
    }

    @Test
    void notInEmptyListIsKept() {
      Not f = new Not(new In("pathname", new Object[0]));
      assertKept(translate(DOCUMENTED, f), f, "NOT IN an empty list: Spark versions disagree on nulls");
    }

    @Test
    void inWithNonStringValueIsKept() {
      In f = new In("pathname", new Object[] {"/a", 1});
      assertKept(translate(DOCUMENTED, f), f, "the value is not a string");
    }

    @Test
    void orderComparisonsOnStringsAreKept() {
      GreaterThan f = new GreaterThan("pathname", "/m");
      assertKept(translate(DOCUMENTED, f), f, "the API cannot compare strings by order");
      Not g = new Not(new LessThanOrEqual("pathname", "/m"));
      assertKept(translate(DOCUMENTED, g), g, "the API cannot compare strings by order");
    }

    @Test
    void filtersOnMetricsAreKept() {
      GreaterThan f = new GreaterThan("pageviews", 10L);
      assertKept(translate(DOCUMENTED, f), f, "not a grouped field or date");
    }

    @Test
    void filtersOnFieldsTheApiCannotFilterAreKept() {
      EqualTo f = new EqualTo("q", "spark");
      assertKept(translate(DOCUMENTED, f), f, "the API cannot filter on q");
    }

    @Test
    void filtersOnUngroupedFieldsAreKept() {
      EqualTo f = new EqualTo("browser", "Firefox");
      assertKept(translate(DOCUMENTED, f), f, "not a grouped field or date");
    }

    @Test
    void dateFilterWithoutDateGroupingIsKept() {
      EqualTo f = new EqualTo("date", java.time.LocalDate.of(2024, 1, 1));
      assertKept(translate(DOCUMENTED, f), f, "not a grouped field or date");
    }

    @Test
    void alwaysTrueAddsNothing() {
      FilterTranslation t = translate(DOCUMENTED, new AlwaysTrue());
      assertExact(t);
      assertThat(t.classifications().get(0).reason()).isEqualTo("always true");
    }

    @Test
    void alwaysFalseMeansNoRequest() {
      FilterTranslation t = translate(DOCUMENTED, new AlwaysFalse(), new EqualTo("pathname", "/"));
      assertNever(t);
      assertThat(t.pushed()).hasSize(2);
      assertThat(t.describe()).isEqualTo(
          "no request: the filters can never be true (AlwaysFalse(): always false)");
    }
  }

  @Nested
  class AndsAndOrs {
    @Test
    void andIsSplitSoOnlyTheKeptHalfIsHandedBack() {
      EqualTo eq = new EqualTo("pathname", "/");
      GreaterThan gt = new GreaterThan("pageviews", 10L);
      FilterTranslation t = translate(DOCUMENTED, new And(eq, gt));
      assertThat(t.fathomFilters()).containsExactly(Filter.is(PATHNAME, "/"));
      assertThat(t.pushed()).containsExactly(eq);
      assertThat(t.postScan()).containsExactly(gt);
    }

    @Test
    void nestedAndsAreSplitIntoAllTheirConjuncts() {
      EqualTo a = new EqualTo("pathname", "/");
      EqualTo b = new EqualTo("hostname", "x.org");
      StringStartsWith c = new StringStartsWith("hostname", "x");
      FilterTranslation t = translate(DOCUMENTED, new And(a, new And(b, c)));
      assertThat(t.fathomFilters()).containsExactly(
          Filter.is(PATHNAME, "/"), Filter.is(HOSTNAME, "x.org"), Filter.isLike(HOSTNAME, "x"));
      assertThat(t.pushed()).containsExactly(a, b, c);
      assertThat(t.postScan()).containsExactly(c);
    }

    @Test
    void orAcrossPropertiesIsKept() {
      Or f = new Or(new EqualTo("pathname", "/"), new EqualTo("hostname", "x.org"));
      assertKept(translate(DOCUMENTED, f), f, "an OR of filters the API cannot combine (it ANDs filters)");
    }

    @Test
    void orWithinOnePropertyIsKept() {
      Or f = new Or(new EqualTo("pathname", "/a"), new EqualTo("pathname", "/b"));
      assertKept(translate(DOCUMENTED, f), f, "an OR of filters the API cannot combine (it ANDs filters)");
    }

    @Test
    void orWithKeptSideIsKept() {
      Or f = new Or(new EqualTo("pathname", "/a"), new GreaterThan("pageviews", 1L));
      assertKept(translate(DOCUMENTED, f), f, "an OR with a side that is not pushed: not a grouped field or date");
    }

    @Test
    void orWithNeverSideIsTheOtherSide() {
      Or f = new Or(new AlwaysFalse(), new EqualTo("pathname", "/a"));
      FilterTranslation t = translate(DOCUMENTED, f);
      assertExact(t, Filter.is(PATHNAME, "/a"));
      assertThat(t.pushed()).containsExactly(f);
    }

    @Test
    void orWithAlwaysTrueSideIsAlwaysTrue() {
      assertExact(translate(DOCUMENTED, new Or(new GreaterThan("pageviews", 1L), new AlwaysTrue())));
    }

    @Test
    void orOfSidesSharingAFilterPushesTheSharedFilterAsWidening() {
      Or f = new Or(new And(new EqualTo("pathname", "/a"), new EqualTo("hostname", "x")),
          new And(new EqualTo("pathname", "/a"), new EqualTo("hostname", "y")));
      assertWidening(translate(DOCUMENTED, f), f, Filter.is(PATHNAME, "/a"));
    }

    @Test
    void orOfTheSameFilterTwiceIsExact() {
      Or f = new Or(new EqualTo("pathname", "/a"), new EqualTo("pathname", "/a"));
      assertExact(translate(DOCUMENTED, f), Filter.is(PATHNAME, "/a"));
    }

    @Test
    void notOfOrIsAndOfNots() {
      Not f = new Not(new Or(new EqualTo("pathname", "/a"), new IsNull("hostname")));
      assertExact(translate(DOCUMENTED, f),
          Filter.isNot(PATHNAME, "/a"), Filter.isLike(PATHNAME, ""), Filter.isLike(HOSTNAME, ""));
    }

    @Test
    void notOfAndIsKeptWhenItsNegatedSidesShareNothing() {
      Not f = new Not(new And(new EqualTo("pathname", "/a"), new EqualTo("hostname", "x")));
      assertKept(translate(DOCUMENTED, f), f, "an OR of filters the API cannot combine (it ANDs filters)");
    }

    @Test
    void andInsideOrWithKeptHalfWidensToTheOtherHalf() {
      Or f = new Or(new And(new EqualTo("pathname", "/a"), new GreaterThan("pageviews", 1L)),
          new EqualTo("pathname", "/a"));
      assertWidening(translate(DOCUMENTED, f), f, Filter.is(PATHNAME, "/a"));
    }

    @Test
    void describeListsFathomFiltersDateRangeAndWhatStaysInSpark() {
      FilterTranslation t = translate(DOCUMENTED, new EqualTo("pathname", "/"),
          new StringStartsWith("hostname", "www."), new GreaterThan("pageviews", 10L));
      assertThat(t.describe()).isEqualTo("Fathom filters: [pathname is '/', hostname is like 'www.'], "
          + "date buckets: all buckets, "
          + "re-checked in Spark: [StringStartsWith(hostname,www.) (hostname is like 'www.'; re-checked: "
          + "the API's is like tests for a substring anywhere)], "
          + "kept in Spark: [GreaterThan(pageviews,10) (not a grouped field or date)]");
      assertThat(t).hasToString(t.describe());
    }

    @Test
    void noFiltersPushNothing() {
      FilterTranslation t = translate(DOCUMENTED);
      assertThat(t).isEqualTo(FilterTranslation.NONE);
      assertThat(t.fullyExact()).isTrue();
    }
  }

  @Nested
  class UndocumentedSemantics {
    @Test
    void equalityIsWideningIs() {
      EqualTo f = new EqualTo("pathname", "/Blog");
      FilterTranslation t = translate(UNDOCUMENTED, f);
      assertWidening(t, f, Filter.is(PATHNAME, "/Blog"));
      assertThat(t.classifications().get(0).reason())
          .isEqualTo("pathname is '/Blog'; re-checked: the API's is might ignore case");
    }

    @Test
    void inWithOneValueAndNullSafeEqualityAreWideningIs() {
      In in = new In("pathname", new Object[] {"/"});
      EqualNullSafe ens = new EqualNullSafe("pathname", "/");
      assertWidening(translate(UNDOCUMENTED, in), in, Filter.is(PATHNAME, "/"));
      assertWidening(translate(UNDOCUMENTED, ens), ens, Filter.is(PATHNAME, "/"));
    }

    @Test
    void everythingElseOnStringsIsKept() {
      assertKept(translate(UNDOCUMENTED, new Not(new EqualTo("pathname", "/"))),
          new Not(new EqualTo("pathname", "/")),
          "assume_documented_semantics is off: the API's is not is not trusted");
      assertKept(translate(UNDOCUMENTED, new IsNotNull("pathname")), new IsNotNull("pathname"),
          "assume_documented_semantics is off: the API's is like is not trusted");
      assertKept(translate(UNDOCUMENTED, new IsNull("pathname")), new IsNull("pathname"),
          "assume_documented_semantics is off: the API's is not like is not trusted");
      assertKept(translate(UNDOCUMENTED, new StringContains("pathname", "a")),
          new StringContains("pathname", "a"),
          "assume_documented_semantics is off: the API's is like is not trusted");
      assertKept(translate(UNDOCUMENTED, new Not(new StringContains("pathname", "a"))),
          new Not(new StringContains("pathname", "a")),
          "assume_documented_semantics is off: the API's is not like is not trusted");
      assertKept(translate(UNDOCUMENTED, new StringStartsWith("pathname", "a")),
          new StringStartsWith("pathname", "a"),
          "assume_documented_semantics is off: the API's is like is not trusted");
      assertKept(translate(UNDOCUMENTED, new Not(new In("pathname", new Object[] {"a"}))),
          new Not(new In("pathname", new Object[] {"a"})),
          "assume_documented_semantics is off: the API's is not is not trusted");
      assertKept(translate(UNDOCUMENTED, new Not(new EqualNullSafe("pathname", "a"))),
          new Not(new EqualNullSafe("pathname", "a")),
          "assume_documented_semantics is off: the API's is not is not trusted");
    }

    @Test
    void isNotNullNextToEqualityIsStillKept() {
      IsNotNull nn = new IsNotNull("pathname");
      FilterTranslation t = translate(UNDOCUMENTED, nn, new EqualTo("pathname", "/"));
      assertThat(t.fathomFilters()).containsExactly(Filter.is(PATHNAME, "/"));
      assertThat(t.postScan()).containsExactly(nn, new EqualTo("pathname", "/"));
    }

    @Test
    void neverTrueFormsAreStillNeverTrue() {
      assertNever(translate(UNDOCUMENTED, new EqualTo("pathname", null)));
      assertNever(translate(UNDOCUMENTED, new Not(new In("pathname", new Object[] {null}))));
      assertNever(translate(UNDOCUMENTED, new AlwaysFalse()));
    }
  }
}
