package dev.sparkfathom.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.client.model.CurrentContent;
import dev.sparkfathom.client.model.CurrentReferrer;
import dev.sparkfathom.client.model.CurrentVisitors;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Offsets, recorded answers, pacing, rows and options of current-visitors reads: plain values. */
class CurrentVisitorsValuesTest {
  private static final Instant AT = Instant.parse("2024-03-12T14:00:01.5Z");
  private static final VisitorsSnapshot ANSWER = new VisitorsSnapshot("CDBUGS", AT, new CurrentVisitors(144,
      List.of(new CurrentContent("https://bugsbunny.com", "/spacejam", 100), new CurrentContent(null, "/blog", 44)),
      List.of(new CurrentReferrer("https://usefathom.com", "/why", 50))));

  @Test
  void offsetsRoundTripThroughTheirJsonAndRefuseAnythingElse() {
    assertThat(VisitorsOffset.fromJson(new VisitorsOffset(7).json())).isEqualTo(new VisitorsOffset(7));
    assertThat(VisitorsOffset.START.next().json()).isEqualTo("{\"fetch\":1}");
    for (String bad : List.of("{\"fetch\":-1}", "{\"fetch\":\"1\"}", "{\"bucket\":1}", "{\"fetch\":1,\"x\":2}", "17", "nope")) {
      assertThatThrownBy(() -> VisitorsOffset.fromJson(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("not a current-visitors offset (expected {\"fetch\":<n>}, n >= 0): " + bad);
    }
  }

  @Test
  void aRecordedAnswerReadsBackEqualIncludingNulls() {
    assertThat(VisitorsSnapshot.fromJson(ANSWER.toJson())).isEqualTo(ANSWER);
    assertThat(new VisitorsSnapshot("S", Instant.parse("2024-01-01T00:00:00.123456789Z"), ANSWER.answer()).readAt())
        .isEqualTo(Instant.parse("2024-01-01T00:00:00.123456Z"));
  }

  @Test
  void aRecordedAnswerMissingAPartIsRefusedNamingIt() {
    assertThatThrownBy(() -> VisitorsSnapshot.fromJson(ANSWER.toJson().replace("\"total\":144,", "")))
        .hasMessage("'total' is not a count: null");
    assertThatThrownBy(() -> VisitorsSnapshot.fromJson(ANSWER.toJson().replace("\"referrers\":[", "\"referrers\":{\"x\":[")
        .replace("]}", "]}}"))).hasMessageStartingWith("'referrers' is not an array: ");
    assertThatThrownBy(() -> VisitorsSnapshot.fromJson(ANSWER.toJson().replace("2024-03-12T14:00:01.500Z", "yesterday")))
        .hasMessage("'read_at' is not an ISO-8601 instant: \"yesterday\"");
    assertThatThrownBy(() -> VisitorsSnapshot.fromJson("[]")).hasMessage("not a JSON object");
  }

  @Test
  void thePacerAllowsOneFetchPerBudgetSlot() {
    assertThat(TriggerPacer.forRate(10).spacing()).isEqualTo(Duration.ofSeconds(6));
    assertThat(TriggerPacer.forRate(7).spacing()).isEqualTo(Duration.ofMillis(8572)); // rounded up: never faster
    assertThat(TriggerPacer.forRate(60_001).spacing()).isEqualTo(Duration.ofMillis(1));
    TriggerPacer p = TriggerPacer.forRate(30);
    assertThat(p.due(AT, null)).isTrue();
    assertThat(p.due(AT.plusMillis(1999), AT)).isFalse();
    assertThat(p.early(AT.plusMillis(1500), AT)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.due(AT.plusMillis(2000), AT)).isTrue();
    assertThat(p.early(AT.plusMillis(2500), AT)).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> TriggerPacer.forRate(0)).hasMessage("a rate is at least 1 a minute; got: 0");
  }

  @Test
  void theTotalIsOneRowAndTheDetailOneRowPerPageAndReferrer() {
    long micros = 1_710_252_001_500_000L;
    List<InternalRow> total = CurrentVisitorsResource.TOTAL.rows(ANSWER);
    assertThat(total).hasSize(1);
    assertThat(text(total.get(0), 3)).isEqualTo("CDBUGS " + micros + " 144");

    assertThat(CurrentVisitorsResource.DETAIL.rows(ANSWER)).extracting(r -> text(r, 6)).containsExactly(
        "CDBUGS " + micros + " page https://bugsbunny.com /spacejam 100",
        "CDBUGS " + micros + " page null /blog 44",
        "CDBUGS " + micros + " referrer https://usefathom.com /why 50");
    assertThat(CurrentVisitorsResource.DETAIL.rows(new VisitorsSnapshot("S", AT, new CurrentVisitors(0, List.of(), List.of()))))
        .isEmpty();
    assertThat(CurrentVisitorsResource.TOTAL.schema().simpleString())
        .isEqualTo("struct<site_id:string,read_at:timestamp,total:bigint>");
    assertThat(CurrentVisitorsResource.DETAIL.schema().simpleString())
        .isEqualTo("struct<site_id:string,read_at:timestamp,kind:string,hostname:string,pathname:string,total:bigint>");
  }

  private static String text(InternalRow row, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : " ").append(row.isNullAt(i) ? "null" : row.get(i, DataTypes.StringType).toString());
    }
    return b.toString();
  }

  @Test
  void optionsNameTheResourceTheSiteAndTheConnectionOnly() {
    CurrentVisitorsSpec spec = CurrentVisitorsSpec.parse(Map.of("RESOURCE", " Current_Visitors_Detail ", "site_id", "CDBUGS",
        "token", "secret-1", "rate.aggregations_per_minute", "30", "budget.coordinator", "127.0.0.1:7480"), Map.of());
    assertThat(spec.resource()).isEqualTo(CurrentVisitorsResource.DETAIL);
    assertThat(spec.siteId()).isEqualTo("CDBUGS");
    assertThat(spec.client().aggregationRequestsPerMinute()).isEqualTo(30);
    assertThat(spec.budgetCoordinator()).isEqualTo("127.0.0.1:7480");
    assertThat(spec.toString()).doesNotContain("secret-1");
    assertThat(CurrentVisitorsSpec.isCurrentVisitorsRead(Map.of("Resource", "current_visitors"))).isTrue();
    assertThat(CurrentVisitorsSpec.isCurrentVisitorsRead(Map.of("resource", "current_pages"))).isFalse();
    assertThat(CurrentVisitorsSpec.isCurrentVisitorsRead(Map.of("site_id", "current_visitors"))).isFalse();
  }

  @Test
  void badOptionsAreRefusedSayingWhatIsAccepted() {
    assertThatThrownBy(() -> CurrentVisitorsSpec.parse(Map.of("resource", "current_visitors", "site_id", "CDBUGS",
        "token", "t", "date_grouping", "day", "filters", "[]"), Map.of()))
        .hasMessage("options 'date_grouping', 'filters' do not apply to resource 'current_visitors'; accepted: resource,"
            + " site_id, api, base_url, budget.coordinator, max_retries, rate.aggregations_per_minute,"
            + " rate.entity_requests_per_hour, rate.max_in_flight, rate.max_wait, timeout.call_seconds,"
            + " timeout.connect_seconds, timeout.read_seconds, token, token.file");
    assertThatThrownBy(() -> CurrentVisitorsSpec.parse(Map.of("resource", "current_visitors", "token", "t"), Map.of()))
        .hasMessage("resource 'current_visitors' needs 'site_id': the site whose current visitors to read");
    assertThatThrownBy(() -> CurrentVisitorsSpec.parse(Map.of("resource", "current_visitors", "site_id", "../x",
        "token", "t"), Map.of())).hasMessageStartingWith("'site_id': ");
    assertThatThrownBy(() -> CurrentVisitorsSpec.parse(Map.of("resource", "current_visitors", "site_id", "S",
        "token", "t", "budget.coordinator", "nowhere"), Map.of()))
        .hasMessage("'budget.coordinator' must be host:port with a port from 1 to 65535, e.g. coordinator.example.com:7480;"
            + " got: 'nowhere'");
    assertThatThrownBy(() -> CurrentVisitorsSpec.parse(Map.of("resource", "visitors", "site_id", "S"), Map.of()))
        .hasMessage("'resource' must be one of current_visitors, current_visitors_detail for a current-visitors read;"
            + " got: 'visitors'");
  }
}
