package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.emulator.engine.EngineQuery;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregationParserTest {
  private final AggregationParser parser = new AggregationParser(new SimpleDataStore(), ApiVersion.LEGACY);
  private final AggregationParser.Target site =
      new AggregationParser.Target(Entity.PAGEVIEW, "SITE", "SITE");

  @Test
  void withoutDateToTheRangeEndsAtNowEvenInTheSecondCopyOfAFallBackHour() {
    // 2024-11-03 01:30 happens twice in New York; this is the second time (EST, -05:00).
    Instant now = Instant.parse("2024-11-03T06:30:00.250Z");
    EngineQuery q = parser.query(Params.of(Map.of("aggregates", "pageviews",
        "timezone", "America/New_York")), site, now, RangeLimits.FATHOM);
    assertThat(q.to()).isEqualTo(Instant.parse("2024-11-03T06:30:00Z"));
  }

  @Test
  void givenDateToIsResolvedInTheTimezone() {
    EngineQuery q = parser.query(Params.of(Map.of("aggregates", "pageviews",
        "timezone", "Europe/London", "date_to", "2024-07-01 12:00:00")), site,
        Instant.parse("2025-01-01T00:00:00Z"), RangeLimits.FATHOM);
    assertThat(q.to()).isEqualTo(Instant.parse("2024-07-01T11:00:00Z"));
  }
}
