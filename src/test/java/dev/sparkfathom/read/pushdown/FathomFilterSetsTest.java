package dev.sparkfathom.read.pushdown;

import static dev.sparkfathom.api.Field.HOSTNAME;
import static dev.sparkfathom.api.Field.PATHNAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Filter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FathomFilterSetsTest {
  static Set<Filter> set(Filter... filters) {
    return new LinkedHashSet<>(List.of(filters));
  }

  @Test
  void differentIsValuesOnOneFieldContradict() {
    assertThat(FathomFilterSets.contradictory(set(Filter.is(PATHNAME, "/a"), Filter.is(PATHNAME, "/b")))).isTrue();
    assertThat(FathomFilterSets.contradictory(set(Filter.is(PATHNAME, "/a"), Filter.is(HOSTNAME, "/b")))).isFalse();
  }

  @Test
  void isWithIsNotOfTheSameValueContradicts() {
    assertThat(FathomFilterSets.contradictory(set(Filter.is(PATHNAME, "/a"), Filter.isNot(PATHNAME, "/a")))).isTrue();
    assertThat(FathomFilterSets.contradictory(set(Filter.is(PATHNAME, "/a"), Filter.isNot(PATHNAME, "/b")))).isFalse();
  }

  @Test
  void nonNullTestWithNullTestContradicts() {
    assertThat(FathomFilterSets.contradictory(set(Filter.isLike(PATHNAME, "x"), Filter.isNotLike(PATHNAME, "")))).isTrue();
    assertThat(FathomFilterSets.contradictory(set(Filter.isNot(PATHNAME, "x"), Filter.isNotLike(PATHNAME, "")))).isFalse();
  }

  @Test
  void notNullIsImpliedByIsOrIsLikeOnTheSameFieldOnly() {
    Filter notNull = Filter.isLike(PATHNAME, "");
    assertThat(FathomFilterSets.impliedNotNull(set(notNull, Filter.is(PATHNAME, "/")))).containsExactly(notNull);
    assertThat(FathomFilterSets.impliedNotNull(set(Filter.isLike(PATHNAME, "a"), notNull))).containsExactly(notNull);
    assertThat(FathomFilterSets.impliedNotNull(set(notNull, Filter.isNot(PATHNAME, "/")))).isEmpty();
    assertThat(FathomFilterSets.impliedNotNull(set(notNull, Filter.is(HOSTNAME, "/")))).isEmpty();
    assertThat(FathomFilterSets.impliedNotNull(set(notNull))).isEmpty();
  }
}
