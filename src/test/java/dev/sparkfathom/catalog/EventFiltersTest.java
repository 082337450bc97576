package dev.sparkfathom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;
import org.junit.jupiter.api.Test;

class EventFiltersTest {
  private static final String E = EventFilters.COLUMN;

  @Test
  void comparisonsAndPatternsOnTheNameAreDecidedExactly() {
    assertThat(EventFilters.test(new EqualTo(E, "Purchase"), "Purchase")).isTrue();
    assertThat(EventFilters.test(new EqualTo(E, "purchase"), "Purchase")).isFalse();
    assertThat(EventFilters.test(new EqualNullSafe(E, "Purchase"), "Purchase")).isTrue();
    assertThat(EventFilters.test(new In(E, new Object[] {"A", "Purchase"}), "Purchase")).isTrue();
    assertThat(EventFilters.test(new In(E, new Object[] {"A"}), "Purchase")).isFalse();
    assertThat(EventFilters.test(new StringStartsWith(E, "Pur"), "Purchase")).isTrue();
    assertThat(EventFilters.test(new StringEndsWith(E, "up"), "Signed up")).isTrue();
    assertThat(EventFilters.test(new StringContains(E, "gned"), "Signed up")).isTrue();
    assertThat(EventFilters.test(new IsNotNull(E), "x")).isTrue();
    assertThat(EventFilters.test(new IsNull(E), "x")).isFalse();
  }

  @Test
  void threeValuedLogic_aNullInAnInListDropsTheNameUnderNotAsSqlDoes() {
    Filter inWithNull = new In(E, new Object[] {"A", null});
    assertThat(EventFilters.test(inWithNull, "A")).isTrue();
    assertThat(EventFilters.test(inWithNull, "B")).isFalse();
    assertThat(EventFilters.test(new Not(inWithNull), "B")).isFalse();
    assertThat(EventFilters.test(new Not(new In(E, new Object[] {"A"})), "B")).isTrue();
    assertThat(EventFilters.test(new Or(inWithNull, new EqualTo(E, "B")), "B")).isTrue();
    assertThat(EventFilters.test(new And(new Not(new EqualTo(E, "A")), new StringStartsWith(E, "B")), "Bee")).isTrue();
  }

  @Test
  void onlyFiltersWhollyOnTheNameAreDecidable() {
    assertThat(EventFilters.decidable(new Or(new EqualTo(E, "A"), new StringContains(E, "x")))).isTrue();
    assertThat(EventFilters.decidable(new Or(new EqualTo(E, "A"), new GreaterThan("conversions", 3)))).isFalse();
    assertThat(EventFilters.decidable(new LessThan(E, "M"))).isFalse();
    assertThat(EventFilters.namesEvent(new Or(new EqualTo(E, "A"), new GreaterThan("conversions", 3)))).isTrue();
    assertThat(EventFilters.namesEvent(new GreaterThan("conversions", 3))).isFalse();
  }
}
