package dev.sparkfathom.read.pushdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Sort;
import java.util.List;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.SortDirection;
import org.apache.spark.sql.connector.expressions.SortOrder;
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
}
