package dev.sparkfathom.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.client.model.CurrentContent;
import dev.sparkfathom.client.model.CurrentReferrer;
import dev.sparkfathom.client.model.CurrentVisitors;
import dev.sparkfathom.emulator.server.EmulatorClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream's offsets, pacing and recorded answers, without Spark and without the network. */
class CurrentVisitorsStreamTest {
  private static final Instant T0 = Instant.parse("2024-03-12T14:00:00.123456789Z");
  private static final TriggerPacer PACER = TriggerPacer.forRate(10); // one fetch per 6 s

  @TempDir
  Path dir;

  private final EmulatorClock clock = EmulatorClock.fixedAt(T0);
  private final List<Boolean> asked = new ArrayList<>();
  private long visitors = 3;
  private SnapshotLog log;

  @BeforeEach
  void openLog() {
    log = SnapshotLog.at(dir.resolve("sources/0").toUri().toString(), new Configuration());
  }

  private CurrentVisitorsStream stream(CurrentVisitorsResource resource) {
    VisitorsFetcher fetcher = (site, detailed) -> {
      asked.add(detailed);
      clock.advance(Duration.ofMillis(40)); // the answer takes a while to arrive
      return new CurrentVisitors(visitors,
          List.of(new CurrentContent("https://a.example", "/p" + visitors, visitors)),
          List.of(new CurrentReferrer("https://r.example", null, 1)));
    };
    return new CurrentVisitorsStream(resource, "CDBUGS", fetcher, clock, log, PACER);
  }

  private static Offset next(CurrentVisitorsStream s, Offset start) {
    return s.latestOffset(start, ReadLimit.allAvailable());
  }

  private static List<String> rows(CurrentVisitorsStream s, Offset start, Offset end) throws IOException {
    List<String> out = new ArrayList<>();
    for (InputPartition p : s.planInputPartitions(start, end)) {
      try (PartitionReader<InternalRow> r = s.createReaderFactory().createReader(p)) {
        while (r.next()) {
          InternalRow row = r.get();
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < row.numFields(); i++) {
            // a generic row answers get() with its value whatever type is asked for
            b.append(i == 0 ? "" : " ").append(row.isNullAt(i) ? "null" : row.get(i, DataTypes.StringType).toString());
          }
          out.add(b.toString());
        }
      }
    }
    return out;
  }

  private static long micros(Instant i) {
    return java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, i);
  }

  @Test
  void aTriggerWhoseSlotHasComeFetchesOneAnswerAndOffersItAsTheNextOffset() throws IOException {
    CurrentVisitorsStream s = stream(CurrentVisitorsResource.TOTAL);
    Offset start = s.initialOffset();
    Offset end = next(s, start);

    assertThat(end.json()).isEqualTo("{\"fetch\":1}");
    assertThat(asked).containsExactly(false);
    Instant readAt = T0.plusMillis(40);
    assertThat(rows(s, start, end)).containsExactly("CDBUGS " + micros(readAt) + " 3");
    assertThat(log.read(1).readAt()).isEqualTo(readAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
  }

  @Test
  void aTriggerSoonerThanTheBudgetSlotIsHeldWithoutARequest() {
    CurrentVisitorsStream s = stream(CurrentVisitorsResource.TOTAL);
    Offset first = next(s, s.initialOffset());
    clock.advance(Duration.ofMillis(5_000)); // 5 s after the answer arrived: 6 s not yet passed
    assertThat(next(s, first)).isEqualTo(first);
    clock.advance(Duration.ofMillis(999));
    assertThat(next(s, first)).isEqualTo(first);
    clock.advance(Duration.ofMillis(1));
    Offset second = next(s, first);

    assertThat(second.json()).isEqualTo("{\"fetch\":2}");
    assertThat(asked).hasSize(2);
    assertThat(s.fetches()).isEqualTo(2);
    assertThat(s.heldTriggers()).isEqualTo(2);
    assertThat(s.metrics(Optional.of(second))).containsEntry("fetches", "2").containsEntry("heldTriggers", "2")
        .containsEntry("spacingMillis", "6000");
  }

  @Test
  void aBatchReplayedAfterARestartReturnsItsRecordedAnswerWithoutARequest() throws IOException {
    CurrentVisitorsStream first = stream(CurrentVisitorsResource.DETAIL);
    Offset o1 = next(first, first.initialOffset());
    clock.advance(Duration.ofSeconds(6));
    Offset o2 = next(first, o1);
    List<String> batch = rows(first, o1, o2);
    first.stop();
    visitors = 99; // the live value has moved on since
    asked.clear();

    // A new run of the query (same checkpoint) replays batch (1, 2] from Spark's offset log.
    CurrentVisitorsStream restarted = stream(CurrentVisitorsResource.DETAIL);
    Offset replayStart = restarted.deserializeOffset(o1.json());
    Offset replayEnd = restarted.deserializeOffset(o2.json());
    List<String> replayed = rows(restarted, replayStart, replayEnd);

    assertThat(replayed).isEqualTo(batch);
    assertThat(batch).hasSize(2);
    assertThat(batch.get(0)).endsWith(" page https://a.example /p3 3");
    assertThat(batch.get(1)).endsWith(" referrer https://r.example null 1");
    assertThat(asked).isEmpty();
    // and it keeps the pace of the run before: its last answer is only just in
    assertThat(next(restarted, replayEnd)).isEqualTo(replayEnd);
    assertThat(asked).isEmpty();
  }

  @Test
  void aReplayedBatchWhoseAnswerIsGoneFailsSayingSoRatherThanAskingAgain() throws IOException {
    CurrentVisitorsStream s = stream(CurrentVisitorsResource.TOTAL);
    Offset o1 = next(s, s.initialOffset());
    Files.delete(dir.resolve("sources/0/current_visitors/1.json"));
    asked.clear();

    assertThatThrownBy(() -> s.planInputPartitions(VisitorsOffset.START, o1))
        .isInstanceOf(SnapshotLog.MissingAnswerException.class)
        .hasMessageContaining("the current-visitors answer of fetch 1 was recorded at ")
        .hasMessageEndingWith("current_visitors/1.json, but it is not there; a live value cannot be asked for again,"
            + " so this batch cannot be replayed exactly. Restore the file, or start the query on a new checkpoint location");
    assertThat(asked).isEmpty();
  }

  @Test
  void aDamagedAnswerIsRefusedNotHalfRead() throws IOException {
    CurrentVisitorsStream s = stream(CurrentVisitorsResource.TOTAL);
    Offset o1 = next(s, s.initialOffset());
    Path f = dir.resolve("sources/0/current_visitors/1.json");
    String json = Files.readString(f);
    Files.writeString(f, json.substring(0, json.length() / 2));

    // the local file system keeps a checksum beside the file, which catches the cut first
    assertThatThrownBy(() -> s.planInputPartitions(VisitorsOffset.START, o1))
        .isInstanceOf(SnapshotLog.MissingAnswerException.class)
        .hasMessageContaining(", but it cannot be read (Checksum error: ");
    Files.delete(f.resolveSibling(".1.json.crc"));
    assertThatThrownBy(() -> s.planInputPartitions(VisitorsOffset.START, o1))
        .isInstanceOf(SnapshotLog.MissingAnswerException.class)
        .hasMessageContaining(", but it is damaged (not JSON: ");
  }

  @Test
  void committingABatchDeletesTheAnswersBeforeIt() {
    CurrentVisitorsStream s = stream(CurrentVisitorsResource.TOTAL);
    Offset o = s.initialOffset();
    for (int i = 0; i < 3; i++) {
      o = next(s, o);
      clock.advance(Duration.ofSeconds(6));
    }
    s.commit(new VisitorsOffset(2));

    assertThat(dir.resolve("sources/0/current_visitors").toFile().list((d, n) -> n.endsWith(".json")))
        .containsExactlyInAnyOrder("2.json", "3.json");
    assertThat(log.latest()).hasValue(3);
  }

  @Test
  void availableNowFetchesOneAnswerThenReportsNoMore() {
    CurrentVisitorsStream s = stream(CurrentVisitorsResource.TOTAL);
    s.prepareForTriggerAvailableNow();
    Offset o1 = next(s, new VisitorsOffset(4));
    clock.advance(Duration.ofMinutes(5));

    assertThat(o1.json()).isEqualTo("{\"fetch\":5}");
    assertThat(next(s, o1)).isEqualTo(o1);
    assertThat(asked).hasSize(1);
  }

  @Test
  void availableNowBeforeTheSlotHasComeEndsWithoutABatch() {
    CurrentVisitorsStream before = stream(CurrentVisitorsResource.TOTAL);
    Offset o1 = next(before, before.initialOffset());
    CurrentVisitorsStream s = stream(CurrentVisitorsResource.TOTAL);
    s.prepareForTriggerAvailableNow();
    clock.advance(Duration.ofSeconds(1));

    assertThat(next(s, o1)).isEqualTo(o1);
    clock.advance(Duration.ofSeconds(10));
    assertThat(next(s, o1)).isEqualTo(o1); // the run is over: it does not wait for the slot
    assertThat(asked).hasSize(1);
  }

  @Test
  void aFailedFetchRecordsNothingAndOffersNoOffset() {
    VisitorsFetcher failing = (site, detailed) -> {
      throw new IllegalStateException("boom");
    };
    CurrentVisitorsStream s = new CurrentVisitorsStream(CurrentVisitorsResource.TOTAL, "CDBUGS", failing, clock, log, PACER);

    assertThatThrownBy(() -> next(s, s.initialOffset())).hasMessage("boom");
    assertThat(log.latest()).isEmpty();
  }
}
