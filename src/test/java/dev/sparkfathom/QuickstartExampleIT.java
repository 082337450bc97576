package dev.sparkfathom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import dev.sparkfathom.examples.Quickstart;
import dev.sparkfathom.read.ScanMetrics;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Runs examples/java Quickstart (its {@code run}, as its {@code main} does against the demo
 * emulator, on the shared session) and checks its three reports and what they cost.
 */
class QuickstartExampleIT {
  @Test
  void theQuickstartsThreeReportsHoldWhatTheySayAtOneRequestEach() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    ColumnarDataStore store = new ColumnarDataStore();
    DemoData.generate(store, DemoDataSettings.defaults().withStartDate(today.minusDays(90)).withDays(91));
    try (FathomEmulator emulator = FathomEmulator.builder().store(store).start()) {
      List<Quickstart.Report> reports = Quickstart.run(SparkTestSession.get(), emulator.baseUrl(),
          emulator.adminToken(), store.sites().get(0).id(), today);

      assertThat(reports).extracting(Quickstart.Report::title).containsExactly("Daily series, last 30 days",
          "Top pages on phones, last 30 days", "Visits by country, last 30 days");
      assertThat(reports).allSatisfy(r -> {
        assertThat(r.cost().get(ScanMetrics.REQUESTS)).isEqualTo(1L);
        assertThat(r.cost().get(ScanMetrics.RETRIES)).isZero();
      });

      // The daily series: one row per day of the range (today's may still be to come in the
      // site's timezone), in order, each day once.
      List<Row> daily = reports.get(0).rows();
      assertThat(daily.size()).isBetween(29, 30);
      List<String> dates = daily.stream().map(r -> r.getAs("date").toString()).toList();
      assertThat(dates).doesNotHaveDuplicates().isSorted();
      assertThat(dates.get(0)).isGreaterThanOrEqualTo(today.minusDays(30).toString());
      assertThat(daily).allSatisfy(r -> assertThat(r.<Long>getAs("pageviews")).isPositive());

      // Top pages on phones: at most ten, by pageviews; the device filter went to Fathom.
      List<Row> top = reports.get(1).rows();
      assertThat(top).isNotEmpty().hasSizeLessThanOrEqualTo(10);
      assertThat(top.stream().map(r -> r.<Long>getAs("pageviews")).toList())
          .isSortedAccordingTo(java.util.Comparator.reverseOrder());
      List<RequestLogEntry> aggs = emulator.requestLog().stream()
          .filter(r -> r.path().equals("/v1/aggregations")).toList();
      assertThat(aggs).hasSize(3);
      assertThat(aggs.get(1).parameters().get("filters")).contains("device_type").contains("Phone");

      // Visits by country: by visits, and every visit of the range is in some country's row.
      List<Row> countries = reports.get(2).rows();
      assertThat(countries.stream().map(r -> r.<Long>getAs("visits")).toList())
          .isSortedAccordingTo(java.util.Comparator.reverseOrder());
      assertThat(countries.stream().mapToLong(r -> r.<Long>getAs("visits")).sum()).isPositive();
    }
  }
}
