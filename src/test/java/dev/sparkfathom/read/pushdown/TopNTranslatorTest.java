package dev.sparkfathom.read.pushdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Sort;
import java.util.List;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.SortDirection;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.expressions.aggregate.Sum;
import dev.sparkfathom.api.Field;
import org.junit.jupiter.api.Test;

class TopNTranslatorTest {
  private static final List<Aggregate> AGGREGATES = List.of(Aggregate.PAGEVIEWS, Aggregate.BOUNCE_RATE);

  private static SortOrder by(String column, SortDirection direction) {
    return Expressions.sort(Expressions.column(column), direction);
  }

  private static Sort translate(DateGrouping grouping, boolean documented, SortOrder... orders) {
    return TopNTranslator.translate(orders, AGGREGATES, grouping, documented);
  }

  @Test
  void aSingleAggregateKeyBecomesSortBy() {
    assertThat(translate(null, true, by("pageviews", SortDirection.DESCENDING)))
        .isEqualTo(new Sort("pageviews", true));
    assertThat(translate(null, true, by("bounce_rate", SortDirection.ASCENDING)))
        .isEqualTo(new Sort("bounce_rate", false));
  }

  @Test
  void dateBecomesTimestampOnlyWhenGroupedByDate() {
    assertThat(translate(DateGrouping.DAY, true, by("date", SortDirection.DESCENDING)))
        .isEqualTo(new Sort(Sort.TIMESTAMP, true));
    assertThat(translate(null, true, by("date", SortDirection.DESCENDING))).isNull();
  }

  @Test
  void groupedStringsSecondKeysUnknownColumnsAndWorstCaseSemanticsAreNotPushed() {
    assertThat(translate(null, true, by("pathname", SortDirection.ASCENDING))).isNull();
    assertThat(translate(null, true, by("pageviews", SortDirection.DESCENDING), by("pathname", SortDirection.ASCENDING)))
        .isNull();
    assertThat(translate(null, true, by("visits", SortDirection.DESCENDING))).isNull();
    assertThat(translate(null, false, by("pageviews", SortDirection.DESCENDING))).isNull();
  }

  private static final GroupedSums BY_PATH = new GroupedSums(List.of("pathname"), List.of(Field.PATHNAME), false,
      List.of(Aggregate.PAGEVIEWS));

  private static SortOrder bySum(String column, boolean distinct, SortDirection direction) {
    return Expressions.sort(new Sum(Expressions.column(column), distinct), direction);
  }

  @Test
  void overAPushedAggregationTheSumItPushedBecomesSortBy() {
    assertThat(TopNTranslator.translate(new SortOrder[] {bySum("pageviews", false, SortDirection.DESCENDING)},
        AGGREGATES, DateGrouping.DAY, true, BY_PATH)).isEqualTo(new Sort("pageviews", true));
    assertThat(TopNTranslator.translate(new SortOrder[] {bySum("pageviews", false, SortDirection.ASCENDING)},
        AGGREGATES, DateGrouping.DAY, true, BY_PATH)).isEqualTo(new Sort("pageviews", false));
  }

  @Test
  void overAPushedAggregationGroupKeysDistinctSumsOtherSumsAndWorstCaseAreNotPushed() {
    assertThat(TopNTranslator.translate(new SortOrder[] {by("pathname", SortDirection.ASCENDING)},
        AGGREGATES, DateGrouping.DAY, true, BY_PATH)).isNull();
    assertThat(TopNTranslator.translate(new SortOrder[] {bySum("pageviews", true, SortDirection.DESCENDING)},
        AGGREGATES, DateGrouping.DAY, true, BY_PATH)).isNull();
    assertThat(TopNTranslator.translate(new SortOrder[] {bySum("visits", false, SortDirection.DESCENDING)},
        AGGREGATES, DateGrouping.DAY, true, BY_PATH)).isNull();
    assertThat(TopNTranslator.translate(new SortOrder[] {by("pageviews", SortDirection.DESCENDING)},
        AGGREGATES, DateGrouping.DAY, true, BY_PATH)).isNull();
    assertThat(TopNTranslator.translate(new SortOrder[] {bySum("pageviews", false, SortDirection.DESCENDING)},
        AGGREGATES, DateGrouping.DAY, false, BY_PATH)).isNull();
  }
}
