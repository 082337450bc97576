package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules of each API revision, checked by {@link AggregationQuery.Builder#build()} before
 * anything is sent: today's by default, the docs page's with {@code apiVersion(LEGACY)}.
 */
class AggregationQueryVersionTest {
  private static final LocalDateTime JAN_1 = LocalDateTime.of(2024, 1, 1, 0, 0);

  private static AggregationQuery.Builder pageviews() {
    return AggregationQuery.pageviews("CDBUGS").aggregates(Aggregate.PAGEVIEWS);
  }

  private static AggregationQuery.Builder legacy() {
    return pageviews().apiVersion(ApiVersion.LEGACY);
  }

  @Test
  void todayIsTheDefaultAndSendsNoTimezoneSoTheSiteTimezoneApplies() {
    AggregationQuery q = pageviews().build();

    assertThat(q.apiVersion()).isEqualTo(ApiVersion.CURRENT);
    assertThat(q.timezone()).isNull();
    assertThat(q.toParameters()).containsExactly(Map.entry("entity", "pageview"),
        Map.entry("entity_id", "CDBUGS"), Map.entry("aggregates", "pageviews"));
  }

  @Test
  void legacyKeepsSendingUtcAsTheDocsPageDefault() {
    AggregationQuery q = legacy().build();

    assertThat(q.timezone()).isEqualTo("UTC");
    assertThat(q.toParameters()).containsEntry("timezone", "UTC");
  }

  @Test
  void anExplicitTimezoneIsSentInBothRevisions() {
    assertThat(pageviews().timezone("Europe/Berlin").build().toParameters())
        .containsEntry("timezone", "Europe/Berlin");
    assertThat(legacy().timezone("Europe/Berlin").build().toParameters())
        .containsEntry("timezone", "Europe/Berlin");
  }

  @Test
  void anOffsetIsNotATimezoneName() {
    assertThatThrownBy(() -> pageviews().timezone("+02:00").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timezone must be a TZ database name such as UTC or Europe/Berlin; got: '+02:00'");
  }

  @Test
  void aCategoricalPropertyWithIsLikeIsRefusedNamingTheOperatorsItAccepts() {
    assertThatThrownBy(() -> pageviews().addFilter(Filter.isLike(Field.BROWSER, "Fire")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("filter property browser does not accept operator 'is like'; it accepts: is, is not");
    assertThatThrownBy(() -> pageviews()
        .addFilter(new Filter(Field.CITY, FilterOperator.MATCHING, "^Ber")).build())
        .hasMessage("filter property city does not accept operator 'matching'; it accepts: is, is not");
  }

  @Test
  void theLegacyApiAcceptsIsLikeOnBrowserButNotTheNewOperators() {
    assertThat(legacy().addFilter(Filter.isLike(Field.BROWSER, "Fire")).build().filters()).hasSize(1);
    assertThatThrownBy(() -> legacy()
        .addFilter(new Filter(Field.PATHNAME, FilterOperator.MATCHING, "^/blog")).build())
        .hasMessage("filter property pathname does not accept operator 'matching'; it accepts:"
            + " is, is not, is like, is not like");
  }

  @Test
  void aTextPropertyTakesRegexTodayAndTheFilterJsonNamesTheOperator() {
    AggregationQuery q = pageviews()
        .addFilter(new Filter(Field.PATHNAME, FilterOperator.NOT_MATCHING, "^/blog/\\d{4}/"))
        .addFilter(new Filter(Field.DOMAIN, FilterOperator.IS, "example.com"))
        .build();

    assertThat(q.toParameters().get("filters")).isEqualTo("[{\"property\":\"pathname\","
        + "\"operator\":\"not matching\",\"value\":\"^/blog/\\\\d{4}/\"},"
        + "{\"property\":\"domain\",\"operator\":\"is\",\"value\":\"example.com\"}]");
  }

  @Test
  void aNewPropertyIsRefusedByTheLegacyApi() {
    assertThatThrownBy(() -> legacy().addFilter(Filter.is(Field.CITY, "Berlin")).build())
        .hasMessageStartingWith("filter property city cannot be filtered in the legacy API;"
            + " filterable properties: hostname, pathname,");
    assertThatThrownBy(() -> legacy().fieldGrouping(Field.OPERATING_SYSTEM).build())
        .hasMessageStartingWith("field_grouping field must be one of hostname,")
        .hasMessageEndingWith(", s; got: 'operating_system'");
  }

  @Test
  void qAndSAreRefusedTodayAndKeptInLegacy() {
    assertThatThrownBy(() -> pageviews().fieldGrouping(Field.Q).build())
        .hasMessage("field_grouping field must be one of " + Field.groupingNames(ApiVersion.CURRENT)
            + "; got: 'q'");
    assertThatThrownBy(() -> pageviews().fieldGrouping(Field.PATHNAME, Field.S).build())
        .hasMessageEndingWith("; got: 's'");
    assertThat(legacy().fieldGrouping(Field.Q, Field.S).build().fieldGrouping())
        .containsExactly(Field.Q, Field.S);
  }

  @Test
  void domainIsFilterOnly() {
    assertThatThrownBy(() -> pageviews().fieldGrouping(Field.DOMAIN).build())
        .hasMessage("field_grouping field must be one of " + Field.groupingNames(ApiVersion.CURRENT)
            + "; got: 'domain' (domain can be filtered but not grouped)");
  }

  @Test
  void theNewGroupingFieldsAreAcceptedToday() {
    AggregationQuery q = pageviews().fieldGrouping(Field.ENTRY_PAGE, Field.EXIT_PAGE,
        Field.REFERRER_SOURCE, Field.CITY, Field.STATE, Field.REGION, Field.OPERATING_SYSTEM).build();

    assertThat(q.toParameters()).containsEntry("field_grouping",
        "entry_page,exit_page,referrer_source,city,state,region,operating_system");
  }

  @Test
  void aLimitOverTheMaximumIsRefusedTodayOnly() {
    assertThatThrownBy(() -> pageviews().fieldGrouping(Field.PATHNAME).limit(1001).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be at most 1000 in the current API (Fathom answers 400 above it and"
            + " does not page aggregations; narrow the filters or the date range and send more"
            + " requests); got: 1001");
    assertThat(pageviews().limit(1000).build().limit()).isEqualTo(1000);
    assertThat(legacy().limit(5000).build().toParameters()).containsEntry("limit", "5000");
  }

  @Test
  void hourGroupingOverMoreThanSevenDaysIsRefusedToday() {
    AggregationQuery.Builder week = pageviews().dateGrouping(DateGrouping.HOUR).dateFrom(JAN_1);

    assertThat(week.dateTo(JAN_1.plusDays(7)).build().dateGrouping()).isEqualTo(DateGrouping.HOUR);
    assertThatThrownBy(() -> week.dateTo(JAN_1.plusDays(7).plusSeconds(1)).build())
        .hasMessage("date_grouping hour covers at most 7 days in the current API; date_from"
            + " 2024-01-01 00:00:00 to date_to 2024-01-08 00:00:01 is longer: shorten the range or"
            + " group by day");
    assertThat(legacy().dateGrouping(DateGrouping.HOUR).dateFrom(JAN_1).dateTo(JAN_1.plusDays(30))
        .build().dateGrouping()).isEqualTo(DateGrouping.HOUR);
    // Days over a long range are not the hour rule's business.
    assertThat(pageviews().dateGrouping(DateGrouping.DAY).dateFrom(JAN_1).dateTo(JAN_1.plusDays(30))
        .build().dateGrouping()).isEqualTo(DateGrouping.DAY);
  }

  @Test
  void anEventIsReportedBySiteAndNameToday() {
    AggregationQuery q = AggregationQuery.event("CDBUGS", "Purchase early access")
        .aggregates(Aggregate.CONVERSIONS, Aggregate.VALUE).build();

    assertThat(q.entity()).isEqualTo(Entity.EVENT);
    assertThat(q.siteId()).isEqualTo("CDBUGS");
    assertThat(q.entityName()).isEqualTo("Purchase early access");
    assertThat(q.entityId()).isNull();
    assertThat(q.toParameters()).containsExactly(Map.entry("entity", "event"),
        Map.entry("site_id", "CDBUGS"), Map.entry("entity_name", "Purchase early access"),
        Map.entry("aggregates", "conversions,value"));
    assertThat(q.toBuilder().build()).isEqualTo(q);
  }

  @Test
  void aGoalCodeIsRefusedTodaySayingWhyAndWhatToUse() {
    assertThatThrownBy(() -> AggregationQuery.builder(Entity.EVENT, "signed-up")
        .aggregates(Aggregate.CONVERSIONS).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entity_id 'signed-up' is not accepted for events in the current API: Fathom no"
            + " longer reports events by goal code, only by site and name; use"
            + " AggregationQuery.event(siteId, eventName), which sends site_id and entity_name"
            + " (or apiVersion(ApiVersion.LEGACY) for the old API)");
  }

  @Test
  void theLegacyApiReportsAnEventByGoalCodeAndRefusesANameInstead() {
    AggregationQuery q = AggregationQuery.builder(Entity.EVENT, "signed-up")
        .apiVersion(ApiVersion.LEGACY).aggregates(Aggregate.CONVERSIONS).build();
    assertThat(q.toParameters()).containsEntry("entity_id", "signed-up").doesNotContainKey("site_id");

    assertThatThrownBy(() -> AggregationQuery.event("CDBUGS", "Signed up")
        .apiVersion(ApiVersion.LEGACY).aggregates(Aggregate.CONVERSIONS).build())
        .hasMessage("site_id and entity_name are not accepted by the legacy API, which reports an"
            + " event by its goal code: use AggregationQuery.builder(Entity.EVENT, goalCode)");
  }

  @Test
  void anEventByNameNeedsBothSiteAndName() {
    assertThatThrownBy(() -> AggregationQuery.event(" ", "Signed up")
        .aggregates(Aggregate.CONVERSIONS).build())
        .hasMessage("site_id is required for an event by name");
    assertThatThrownBy(() -> AggregationQuery.event("CDBUGS", "")
        .aggregates(Aggregate.CONVERSIONS).build())
        .hasMessage("entity_name (the event's name) is required");
  }

  @Test
  void theRowCapIsTheLimitElseFiveHundredWhenFieldGroupedToday() {
    assertThat(pageviews().fieldGrouping(Field.PATHNAME).build().rowCap()).isEqualTo(500);
    assertThat(pageviews().fieldGrouping(Field.PATHNAME).dateGrouping(DateGrouping.DAY).build()
        .rowCap()).isEqualTo(500);
    assertThat(pageviews().fieldGrouping(Field.PATHNAME).limit(1000).build().rowCap()).isEqualTo(1000);
    assertThat(pageviews().limit(7).build().rowCap()).isEqualTo(7);
    // date_grouping alone does not trigger the default cap; totals are one row
    assertThat(pageviews().dateGrouping(DateGrouping.DAY).build().rowCap()).isNull();
    assertThat(pageviews().build().rowCap()).isNull();
    // the docs page had no cap: only a limit cuts
    assertThat(legacy().fieldGrouping(Field.PATHNAME).build().rowCap()).isNull();
    assertThat(legacy().fieldGrouping(Field.PATHNAME).limit(20).build().rowCap()).isEqualTo(20);
  }

  @Test
  void theVersionIsPartOfTheQuerysIdentity() {
    AggregationQuery today = pageviews().timezone("UTC").build();
    AggregationQuery old = legacy().timezone("UTC").build();

    assertThat(today.toParameters()).isEqualTo(old.toParameters());
    assertThat(today).isNotEqualTo(old);
    assertThat(today.toBuilder().build()).isEqualTo(today);
    assertThat(old.toBuilder().build().apiVersion()).isEqualTo(ApiVersion.LEGACY);
    assertThat(today.toString()).startsWith("AggregationQuery[current]{entity=pageview");
  }
}
