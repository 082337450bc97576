package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.pushdown.FilterTranslation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The range a scan plans, without Spark or network (a stand-in answers the site lookup and
 * counts it): {@code date_to} is clipped to now, {@code date_from} to the day of the site's
 * creation when the read would otherwise need several requests, and a read that is one
 * request anyway makes no site lookup.
 */
class FathomScanRangeTest {
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-29T12:34:56Z"), ZoneOffset.UTC);

  private static ReadSpec spec(String... kv) {
    Map<String, String> o = new HashMap<>();
    o.put("token", "secret");
    o.put("base_url", "http://127.0.0.1:9/v1");
    o.put("site_id", "ABCDEF");
    for (int i = 0; i < kv.length; i += 2) {
      o.put(kv[i], kv[i + 1]);
    }
    return ReadSpec.parse(o, Map.of());
  }

  /** Site lookups the stand-in answered. */
  private final java.util.List<String> lookups = new java.util.ArrayList<>();

  /** A scan whose site was created on 2026-11-09 at 23:30 UTC. */
  private FathomScan scan(ReadSpec spec) {
    return new FathomScan(spec, FathomSchema.infer(spec), FilterTranslation.NONE, NOW, (client, site, asking) -> {
      asking.run();
      lookups.add(site);
      return LocalDateTime.parse("2026-11-09T23:30:00");
    });
  }

  @Test
  void aDateFromLongBeforeTheSitesCreationStartsOnTheDayOfCreation() {
    ReadSpec spec = spec("date_grouping", "day", "timezone", "Europe/Berlin", "date_from", "2000-01-01");
    FathomScan scan = scan(spec);

    ReadPlan p = scan.plan();

    // Created 2026-11-09 23:30 UTC is 2026-11-10 00:30 in Berlin: the read starts that local day.
    assertThat(p.from()).isEqualTo(LocalDateTime.parse("2026-11-10T00:00"));
    assertThat(p.requests()).singleElement()
        .satisfies(r -> assertThat(r.query().dateFrom()).isEqualTo(LocalDateTime.parse("2026-11-10T00:00")));
    assertThat(ReadPlanner.requestCount(spec, FilterTranslation.NONE, null, spec.dateFrom(), p.to())).isEqualTo(54);
    assertThat(scan.description()).contains("(clipped date_from 2000-01-01 00:00:00 to the site's creation)")
        .contains("planned requests=1,");
    assertThat(lookups).containsExactly("ABCDEF");
    assertThat(scan.siteLookups()).isEqualTo(1);
  }

  @Test
  void aRangeEndingBeforeTheSitesCreationMakesNoAggregationRequest() {
    FathomScan scan = scan(spec("date_grouping", "day", "date_from", "2020-01-01", "date_to", "2021-12-31"));

    assertThat(scan.plan().requests()).isEmpty();
    assertThat(scan.description()).contains("planned requests=0,");
  }

  @Test
  void aDateToInTheFutureEndsAtNowAndExplainSaysSo() {
    FathomScan scan = scan(spec("date_grouping", "day", "timezone", "Europe/Berlin",
        "date_from", "2026-11-20", "date_to", "2028-12-31"));

    ReadPlan p = scan.plan();

    assertThat(p.to()).isEqualTo(LocalDateTime.parse("2026-11-29T13:34:56"));
    assertThat(p.requests()).singleElement()
        .satisfies(r -> assertThat(r.query().dateTo()).isEqualTo(LocalDateTime.parse("2026-11-29T13:34:56")));
    assertThat(scan.description()).contains("range=2026-11-20 00:00:00 to 2026-11-29 13:34:56 (clipped date_to 2028-12-31 23:59:59 to now)");
    assertThat(scan.siteLookups()).isZero();
    assertThat(lookups).isEmpty();
  }

  @Test
  void aRangeEntirelyInTheFutureMakesNoRequest() {
    FathomScan scan = scan(spec("date_grouping", "hour", "date_from", "2027-01-01", "date_to", "2027-01-02"));

    assertThat(scan.plan().requests()).isEmpty();
    assertThat(scan.planInputPartitions()).isEmpty();
  }

  @Test
  void aSingleRequestReadWithDateFromMakesNoSiteLookup() {
    FathomScan scan = scan(spec("field_grouping", "pathname", "date_from", "2000-01-01"));

    assertThat(scan.plan().requests()).singleElement()
        .satisfies(r -> assertThat(r.query().dateFrom()).isEqualTo(LocalDateTime.parse("2000-01-01T00:00")));
    assertThat(scan.siteLookups()).isZero();
    assertThat(lookups).isEmpty();
  }
}
