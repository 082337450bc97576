package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Sort;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The query is refused before anything is sent when a field is wrong. */
class AggregationQueryTest {
  private AggregationQuery.Builder pageviews() {
    return AggregationQuery.builder(Entity.PAGEVIEW, "CDBUGS").aggregates(Aggregate.PAGEVIEWS);
  }

  @Test
  void anAggregateOfTheOtherEntityIsRefused() {
    assertThatThrownBy(() -> pageviews().aggregates(Aggregate.CONVERSIONS).build())
        .hasMessage("aggregate conversions is not valid for entity pageview; accepted: pageviews,"
            + " visits, uniques, avg_duration, bounce_rate");
  }

  @Test
  void sortByMustNameARequestedColumnOrTimestampWithDateGrouping() {
    assertThatThrownBy(() -> pageviews().sortBy(Sort.parse("visits:desc")).build())
        .hasMessage("sort_by field must be one of the requested aggregates or grouped fields; got: 'visits'");
    assertThatThrownBy(() -> pageviews().sortBy(Sort.parse("timestamp:asc")).build())
        .hasMessage("sort_by field must be one of the requested aggregates or grouped fields; got: 'timestamp'");
    assertThat(pageviews().dateGrouping(DateGrouping.HOUR).sortBy(Sort.parse("timestamp:asc")).build()
        .toParameters()).containsEntry("sort_by", "timestamp:asc");
  }

  @Test
  void badTimezoneLimitAndDatesAreRefused() {
    assertThatThrownBy(() -> pageviews().timezone("Mars/Base").build())
        .hasMessage("timezone must be a TZ database name such as UTC or Europe/Berlin; got: 'Mars/Base'");
    assertThatThrownBy(() -> pageviews().limit(0).build()).hasMessage("limit must be at least 1; got: 0");
    assertThatThrownBy(() -> pageviews().dateFrom(LocalDateTime.of(2024, 2, 1, 0, 0))
        .dateTo(LocalDateTime.of(2024, 1, 1, 0, 0)).build())
        .hasMessage("date_from 2024-02-01 00:00:00 is after date_to 2024-01-01 00:00:00");
    assertThatThrownBy(() -> pageviews().fieldGrouping(Field.PATHNAME, Field.PATHNAME).build())
        .hasMessage("field_grouping field pathname is given twice");
  }

  @Test
  void theBuilderDoesNotChangeABuiltQuery() {
    AggregationQuery.Builder b = pageviews();
    AggregationQuery q = b.build();
    b.aggregates(Aggregate.VISITS);

    assertThat(q.aggregates()).containsExactly(Aggregate.PAGEVIEWS);
    assertThat(q.toBuilder().build()).isEqualTo(q);
  }
}
