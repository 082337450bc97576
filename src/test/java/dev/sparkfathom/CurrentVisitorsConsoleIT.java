package dev.sparkfathom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import dev.sparkfathom.examples.CurrentVisitorsConsole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import scala.runtime.AbstractFunction0;

/**
 * Runs examples/java CurrentVisitorsConsole against its emulator and checks what the console
 * sink printed: one batch per answer, each one row with the site and the total the emulator
 * computed for that request, requests spaced by the budget, none refused.
 */
class CurrentVisitorsConsoleIT {
  private static final Pattern BATCH = Pattern.compile("^Batch: (\\d+)$", Pattern.MULTILINE);
  private static final Pattern ROW = Pattern.compile("^\\|" + CurrentVisitorsConsole.SITE
      + "\\s*\\|(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)\\s*\\|(\\d+)\\s*\\|$", Pattern.MULTILINE);

  @Test
  void theConsoleShowsOneRowPerAnswerWithTheTotalOfItsMoment() throws Exception {
    SparkSession spark = SparkTestSession.get();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StreamingQuery q;
    List<RequestLogEntry> requests;
    List<Long> expected = new ArrayList<>();
    try (FathomEmulator emulator = CurrentVisitorsConsole.emulator();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      // The console sink prints through Scala's Console from the query's thread, which inherits
      // the stream given here when it is created (in start()).
      PrintStream system = System.out;
      System.setOut(out); // the example's own summary line
      try {
        q = scala.Console.withOut(out, new AbstractFunction0<StreamingQuery>() {
        @Override
        public StreamingQuery apply() {
          try {
            return CurrentVisitorsConsole.run(spark, CurrentVisitorsConsole.options(emulator), 3);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
        });
      } finally {
        System.setOut(system);
      }
      requests = emulator.requestLog().stream().filter(r -> r.path().equals("/v1/current_visitors")).toList();
      for (RequestLogEntry r : requests) {
        expected.add(emulator.store().currentVisitors(CurrentVisitorsConsole.SITE, r.time(), false).total());
      }
    }
    String console = captured.toString(StandardCharsets.UTF_8);
    System.out.print(console);

    List<String> batchIds = new ArrayList<>();
    Matcher b = BATCH.matcher(console);
    while (b.find()) {
      batchIds.add(b.group(1));
    }
    List<Long> totals = new ArrayList<>();
    Matcher r = ROW.matcher(console);
    while (r.find()) {
      totals.add(Long.parseLong(r.group(2)));
    }
    assertThat(batchIds).containsExactly("0", "1", "2");
    assertThat(totals).hasSameSizeAs(batchIds);
    // one request per answer; the stop may cut off one trigger after it fetched (its batch never ran)
    assertThat(requests.size()).isBetween(totals.size(), totals.size() + 1);
    assertThat(totals).isEqualTo(expected.subList(0, totals.size()));
    assertThat(totals).isSorted().doesNotHaveDuplicates(); // a visitor a second, answers >= 2 s apart
    assertThat(requests).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
    for (int i = 1; i < requests.size(); i++) {
      assertThat(Duration.between(requests.get(i - 1).time(), requests.get(i).time()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(60 / CurrentVisitorsConsole.PER_MINUTE));
    }
    assertThat(console).containsPattern("current visitors: 3 batches, 3 requests for them, \\d+ triggers held by the"
        + " budget \\(one request per 2000 ms\\)");
  }
}
