package dev.sparkfathom.read.pushdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import java.util.List;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.expressions.aggregate.Avg;
import org.apache.spark.sql.connector.expressions.aggregate.CountStar;
import org.apache.spark.sql.connector.expressions.aggregate.Max;
import org.apache.spark.sql.connector.expressions.aggregate.Sum;
import org.junit.jupiter.api.Test;

class AggregateTranslatorTest {
  private static final List<Field> FIELDS = List.of(Field.PATHNAME, Field.COUNTRY_CODE);
  private static final List<Aggregate> AGGREGATES =
      List.of(Aggregate.PAGEVIEWS, Aggregate.VISITS, Aggregate.UNIQUES, Aggregate.BOUNCE_RATE);

  private static Sum sum(String column) {
    return new Sum(Expressions.column(column), false);
  }

  private static Expression[] by(String... columns) {
    Expression[] out = new Expression[columns.length];
    for (int i = 0; i < columns.length; i++) {
      out[i] = Expressions.column(columns[i]);
    }
    return out;
  }

  private static GroupedSums translate(DateGrouping grouping, Expression[] groupBy, AggregateFunc... funcs) {
    return AggregateTranslator.translate(new Aggregation(funcs, groupBy), FIELDS, grouping, AGGREGATES);
  }

  @Test
  void sumsOfSummableAggregatesByGroupedFieldsArePushedInGroupByOrder() {
    assertThat(translate(DateGrouping.DAY, by("country_code", "pathname"), sum("visits"), sum("pageviews"), sum("visits")))
        .isEqualTo(new GroupedSums(List.of("country_code", "pathname"), List.of(Field.COUNTRY_CODE, Field.PATHNAME),
            false, List.of(Aggregate.VISITS, Aggregate.PAGEVIEWS, Aggregate.VISITS)));
  }

  @Test
  void dateIsAGroupColumnOnlyWhenTheReadGroupsByDate() {
    assertThat(translate(DateGrouping.DAY, by("DATE", "pathname"), sum("uniques")))
        .isEqualTo(new GroupedSums(List.of("date", "pathname"), List.of(Field.PATHNAME), true,
            List.of(Aggregate.UNIQUES)));
    assertThat(translate(null, by("date"), sum("uniques"))).isNull();
  }

  @Test
  void ratiosDistinctSumsAndOtherFunctionsAreNotPushed() {
    assertThat(translate(null, by("pathname"), sum("bounce_rate"))).isNull();
    assertThat(translate(null, by("pathname"), new Sum(Expressions.column("visits"), true))).isNull();
    assertThat(translate(null, by("pathname"), new Avg(Expressions.column("visits"), false))).isNull();
    assertThat(translate(null, by("pathname"), new CountStar())).isNull();
    assertThat(translate(null, by("pathname"), new Max(Expressions.column("visits")))).isNull();
    assertThat(translate(null, by("pathname"), sum("visits"), new CountStar())).isNull();
  }

  @Test
  void aColumnOutsideTheReadOrAGlobalSumIsNotPushed() {
    assertThat(translate(null, by("browser"), sum("visits"))).isNull();
    assertThat(translate(null, by("pathname"), sum("conversions"))).isNull();
    assertThat(translate(null, by("pageviews"), sum("visits"))).isNull();
    assertThat(translate(null, by(), sum("visits"))).isNull();
    assertThat(translate(null, by("pathname"))).isNull();
  }

  @Test
  void anExpressionThatIsNotAPlainColumnIsNotPushed() {
    assertThat(translate(null, by("pathname"), new Sum(Expressions.literal(1L), false))).isNull();
    assertThat(translate(null, new Expression[] {Expressions.column("a.b")}, sum("visits"))).isNull();
  }
}
