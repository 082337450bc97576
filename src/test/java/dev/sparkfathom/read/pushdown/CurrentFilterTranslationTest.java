package dev.sparkfathom.read.pushdown;

import static dev.sparkfathom.api.Field.COUNTRY_CODE;
import static dev.sparkfathom.api.Field.PATHNAME;
import static dev.sparkfathom.read.pushdown.StringFilterTranslationTest.assertExact;
import static dev.sparkfathom.read.pushdown.StringFilterTranslationTest.assertKept;
import static dev.sparkfathom.read.pushdown.StringFilterTranslationTest.assertWidening;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;
import org.junit.jupiter.api.Test;

/** Per-property pushdown of today's API: only the operators each property accepts. */
class CurrentFilterTranslationTest {
  static final PushdownContext TODAY = new PushdownContext(
      List.of(PATHNAME, COUNTRY_CODE, Field.KEYWORD), null, ZoneOffset.UTC, true, ApiVersion.CURRENT);
  static final PushdownContext TODAY_UNDOCUMENTED = new PushdownContext(
      List.of(PATHNAME, COUNTRY_CODE, Field.KEYWORD), null, ZoneOffset.UTC, false, ApiVersion.CURRENT);

  static FilterTranslation translate(PushdownContext ctx, org.apache.spark.sql.sources.Filter... f) {
    return FilterTranslator.translate(f, ctx);
  }

  static Filter matching(Field f, String regex) {
    return new Filter(f, FilterOperator.MATCHING, regex);
  }

  static Filter notMatching(Field f, String regex) {
    return new Filter(f, FilterOperator.NOT_MATCHING, regex);
  }

  @Test
  void startsWithAndEndsWithAreAnchoredRegexesOfEscapedLiterals() {
    assertExact(translate(TODAY, new StringStartsWith("pathname", "/a.b(")), matching(PATHNAME, "^/a\\.b\\("));
    assertExact(translate(TODAY, new StringEndsWith("pathname", ".html")), matching(PATHNAME, "\\.html\\z"));
  }

  @Test
  void negatedAffixesAreNotMatchingAndNotNull() {
    assertExact(translate(TODAY, new Not(new StringStartsWith("pathname", "/blog"))),
        notMatching(PATHNAME, "^/blog"), Filter.isLike(PATHNAME, ""));
    assertExact(translate(TODAY, new Not(new StringEndsWith("pathname", "/"))),
        notMatching(PATHNAME, "/\\z"), Filter.isLike(PATHNAME, ""));
  }

  @Test
  void containsUsesIsLikeOnlyForValuesFreeOfAllWildcards() {
    assertExact(translate(TODAY, new StringContains("pathname", "blog")), Filter.isLike(PATHNAME, "blog"));
    assertExact(translate(TODAY, new StringContains("pathname", "a*b")), matching(PATHNAME, "a\\*b"));
    assertExact(translate(TODAY, new StringContains("pathname", "a_b%")), matching(PATHNAME, "a_b%"));
    assertExact(translate(TODAY, new Not(new StringContains("pathname", "a*"))),
        notMatching(PATHNAME, "a\\*"), Filter.isLike(PATHNAME, ""));
  }

  @Test
  void inListsAreOneAnchoredAlternation() {
    assertExact(translate(TODAY, new In("pathname", new Object[] {"/a", "/b|c", "/a"})),
        matching(PATHNAME, "^(?:/a|/b\\|c)\\z"));
    assertExact(translate(TODAY, new Not(new In("pathname", new Object[] {"/a", "/b"}))),
        Filter.isNot(PATHNAME, "/a"), Filter.isNot(PATHNAME, "/b"), Filter.isLike(PATHNAME, ""));
  }

  @Test
  void categoricalPropertiesGetIsAndIsNotOnly() {
    assertExact(translate(TODAY, new EqualTo("country_code", "DE")), Filter.is(COUNTRY_CODE, "DE"));
    Not ne = new Not(new EqualTo("country_code", "DE"));
    assertWidening(translate(TODAY, ne), ne, Filter.isNot(COUNTRY_CODE, "DE"));
    IsNull isNull = new IsNull("country_code");
    assertKept(translate(TODAY, isNull), isNull, "the API accepts only is / is not on country_code");
    IsNotNull notNull = new IsNotNull("country_code");
    assertKept(translate(TODAY, notNull), notNull, "the API accepts only is / is not on country_code");
    StringStartsWith sw = new StringStartsWith("country_code", "D");
    assertKept(translate(TODAY, sw), sw, "the API accepts only is / is not on country_code");
    In in = new In("country_code", new Object[] {"DE", "FR"});
    assertKept(translate(TODAY, in), in, "the API accepts only is / is not on country_code, and ANDs filters");
  }

  @Test
  void keywordIsNeverPushed() {
    EqualTo eq = new EqualTo("keyword", "x");
    assertKept(translate(TODAY, eq), eq, "the API cannot filter on keyword");
  }

  @Test
  void withoutTheDocumentedSemanticsMatchingIsWideningAndNegationsAreKept() {
    StringStartsWith sw = new StringStartsWith("pathname", "/a");
    assertWidening(translate(TODAY_UNDOCUMENTED, sw), sw, matching(PATHNAME, "^/a"));
    Not nsw = new Not(sw);
    assertKept(translate(TODAY_UNDOCUMENTED, nsw), nsw,
        "assume_documented_semantics is off: the API's not matching is not trusted");
    assertThat(translate(TODAY_UNDOCUMENTED, new In("pathname", new Object[] {"/a", "/b"})).fullyExact()).isFalse();
  }
}
