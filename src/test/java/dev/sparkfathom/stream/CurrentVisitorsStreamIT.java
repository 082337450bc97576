package dev.sparkfathom.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.SparkTestSession;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.engine.CurrentVisitors;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Current visitors as a Spark stream against the emulator, whose clock follows the system's (so
 * its rate limit is real time) and whose live visitors the test adds between triggers: one row
 * per trigger with the site's total at that moment; triggers far faster than the budget are held
 * to it (one request per batch, requests spaced by the budget slot, no 429); a batch replayed
 * from the checkpoint returns its recorded answer without a request.
 */
class CurrentVisitorsStreamIT {
  private static final String SITE = "LIVEVS";
  private static final String TOKEN = "vis-secret-7f3a";
  /** The emulator's limit and the connector's budget: one request per 5 s. */
  private static final int PER_MINUTE = 12;
  private static FathomEmulator emulator;
  private static SparkSession spark;

  @TempDir
  Path dir;

  /** One delivered micro-batch: its id, its rows, and the requests the emulator had seen by then. */
  record Delivered(long batchId, List<String> rows, int requestsSoFar) {}

  @BeforeAll
  static void start() throws Exception {
    emulator = FathomEmulator.builder().store(new ColumnarDataStore()).token("visitors:" + TOKEN + ":admin")
        .rateLimits(new RateLimits(PER_MINUTE, 2000)).start();
    spark = SparkTestSession.get();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void freshSite() throws IOException {
    emulator.loadJsonl("{\"type\":\"site\",\"id\":\"" + SITE + "\",\"name\":\"Live\",\"sharing\":\"none\","
        + "\"created_at\":\"2024-01-01 00:00:00\"}\n", true);
    emulator.clearRequestLog();
  }

  /** {@code n} visitors arriving now on {@code path} from {@code referrer}. */
  private static void arrive(int n, String path, String referrer) {
    StringBuilder jsonl = new StringBuilder();
    String at = emulator.clock().instant().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
    for (int i = 0; i < n; i++) {
      jsonl.append("{\"type\":\"pageview\",\"site_id\":\"").append(SITE).append("\",\"timestamp\":\"").append(at)
          .append("\",\"hostname\":\"https://live.example\",\"pathname\":\"").append(path)
          .append("\",\"referrer_hostname\":\"").append(referrer).append("\",\"new_session\":true,\"unique\":true,")
          .append("\"bounce\":false,\"duration\":5}\n");
    }
    try {
      emulator.loadJsonl(jsonl.toString(), false);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, String> options(String resource) {
    Map<String, String> o = new HashMap<>();
    o.put("resource", resource);
    o.put("site_id", SITE);
    o.put("token", TOKEN);
    o.put("base_url", emulator.baseUrl());
    o.put("rate.aggregations_per_minute", Integer.toString(PER_MINUTE));
    return o;
  }

  private static List<RequestLogEntry> visitorRequests() {
    return emulator.requestLog().stream().filter(r -> r.path().equals("/v1/current_visitors")).toList();
  }

  private static List<String> text(Dataset<Row> df, boolean withoutTime) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        if (withoutTime && df.schema().fields()[i].name().equals("read_at")) {
          continue;
        }
        b.append(b.length() == 0 ? "" : " ").append(r.get(i));
      }
      out.add(b.toString());
    }
    return out;
  }

  /** Runs the stream, calling {@code each} after every batch, until {@code batches} batches arrived. */
  private StreamingQuery run(String resource, String checkpoint, List<Delivered> out, int batches,
      java.util.function.LongConsumer each) throws Exception {
    return run(resource, checkpoint, out, batches, each, Trigger.ProcessingTime("100 milliseconds"));
  }

  private StreamingQuery run(String resource, String checkpoint, List<Delivered> out, int batches,
      java.util.function.LongConsumer each, Trigger trigger) throws Exception {
    VoidFunction2<Dataset<Row>, Long> sink = (df, id) -> {
      out.add(new Delivered(id, text(df, false), visitorRequests().size()));
      each.accept(id);
    };
    StreamingQuery q = spark.readStream().format("fathom").options(options(resource)).load()
        .writeStream().foreachBatch(sink).trigger(trigger)
        .option("checkpointLocation", checkpoint).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!done(q, out, batches) && q.exception().isEmpty() && System.nanoTime() < deadline) {
      q.awaitTermination(50);
    }
    q.stop();
    if (q.exception().isDefined()) {
      throw q.exception().get();
    }
    if (out.size() < batches) {
      throw new TimeoutException("only " + out.size() + " of " + batches + " batches in 90 s");
    }
    return q;
  }

  /** The batches arrived, and the last of them is committed and reported (its progress is out). */
  private static boolean done(StreamingQuery q, List<Delivered> out, int batches) {
    if (out.size() < batches) {
      return false;
    }
    long lastId = out.get(out.size() - 1).batchId();
    return java.util.Arrays.stream(q.recentProgress()).anyMatch(p -> p.batchId() == lastId && p.numInputRows() > 0);
  }

  @Test
  void eachTriggerIsOneAnswerAndTriggersFasterThanTheBudgetAreHeldToIt() throws Exception {
    arrive(1, "/", "https://a.example");
    List<Delivered> batches = new CopyOnWriteArrayList<>();
    StreamingQuery q = run("current_visitors", dir.resolve("ckpt").toString(), batches, 4,
        id -> arrive((int) id + 2, "/p" + id, "https://a.example"));

    List<RequestLogEntry> requests = visitorRequests();
    assertThat(batches).extracting(Delivered::batchId).containsExactly(0L, 1L, 2L, 3L);
    // one row per trigger: the site, when the answer came, and the total of that moment
    assertThat(batches).extracting(b -> b.rows().size()).containsExactly(1, 1, 1, 1);
    assertThat(batches).extracting(b -> b.rows().get(0).replaceAll(" .* ", " ")).containsExactly(
        SITE + " 1", SITE + " 3", SITE + " 6", SITE + " 10");
    // one request per answer, none refused, each in its own budget slot though triggers came every 100 ms;
    // the stop may cut off one trigger after it fetched (its answer recorded, its batch never run)
    assertThat(batches).extracting(Delivered::requestsSoFar).containsExactly(1, 2, 3, 4);
    assertThat((long) requests.size()).isEqualTo(answersRecorded(dir.resolve("ckpt"))).isBetween(4L, 5L);
    assertThat(requests).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    for (int i = 1; i < requests.size(); i++) {
      assertThat(Duration.between(requests.get(i - 1).time(), requests.get(i).time()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(60 / PER_MINUTE));
    }
    StreamingQueryProgress last = null;
    for (StreamingQueryProgress p : q.recentProgress()) {
      if (p.numInputRows() > 0) {
        last = p;
      }
    }
    assertThat(last).isNotNull();
    Map<String, String> metrics = last.sources()[0].metrics();
    assertThat(metrics).containsEntry("fetches", "4").containsEntry("spacingMillis", Integer.toString(60_000 / PER_MINUTE));
    long held = Long.parseLong(metrics.get("heldTriggers"));
    // 100 ms triggers between 5 s slots: held unless a batch itself takes the whole slot
    assertThat(held).isPositive();
    System.out.println("CurrentVisitorsStreamIT: 4 batches, " + requests.size() + " requests, " + held
        + " triggers held by the budget (" + PER_MINUTE + " a minute, 100 ms trigger), "
        + Duration.between(requests.get(0).time(), requests.get(3).time()).toMillis() + " ms from the first request to the fourth");
  }

  @Test
  void aBatchReplayedFromTheCheckpointReturnsItsRecordedAnswerWithoutARequest() throws Exception {
    arrive(2, "/", "https://a.example");
    String ckpt = dir.resolve("ckpt").toString();
    List<Delivered> first = new CopyOnWriteArrayList<>();
    run("current_visitors", ckpt, first, 2, id -> arrive(5, "/x", "https://a.example"));
    int requestsBefore = visitorRequests().size();
    assertThat((long) requestsBefore).isEqualTo(answersRecorded(dir.resolve("ckpt")));

    // The run "died" after its last batch ran but before it was committed, so Spark replays that
    // batch on restart (if the stop came after a fetch was logged, that batch is the one replayed).
    long logged = lastBatch(dir.resolve("ckpt/offsets"));
    if (lastBatch(dir.resolve("ckpt/commits")) == logged) {
      Files.delete(dir.resolve("ckpt/commits/" + logged));
      Files.deleteIfExists(dir.resolve("ckpt/commits/." + logged + ".crc"));
    }
    VisitorsSnapshot recorded = SnapshotLog.at(dir.resolve("ckpt/sources/0").toUri().toString(),
        new Configuration()).read(logged + 1); // batch k is answer k + 1
    arrive(100, "/later", "https://b.example"); // the live value moves on meanwhile
    List<Delivered> second = new CopyOnWriteArrayList<>();
    run("current_visitors", ckpt, second, 2, id -> { });

    assertThat(second.get(0).batchId()).isEqualTo(logged);
    assertThat(second.get(0).rows().get(0)).endsWith(" " + recorded.answer().total());
    if (logged < first.size()) {
      assertThat(second.get(0).rows()).isEqualTo(first.get((int) logged).rows()); // same total, same read_at
    }
    assertThat(second.get(0).requestsSoFar()).isEqualTo(requestsBefore); // replayed without asking
    assertThat(second.get(1).batchId()).isEqualTo(logged + 1);
    assertThat(second.get(1).rows().get(0)).endsWith(" " + (2 + 5 * first.size() + 100));
    assertThat(second.get(1).requestsSoFar()).isEqualTo(requestsBefore + 1);
    assertThat(visitorRequests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
  }

  /** How many answers the stream of this checkpoint fetched: the highest recorded fetch number. */
  private static long answersRecorded(Path checkpoint) {
    return SnapshotLog.at(checkpoint.resolve("sources/0").toUri().toString(), new Configuration()).latest().orElse(0);
  }

  /** The highest batch id among a checkpoint log's files. */
  private static long lastBatch(Path logDir) throws IOException {
    try (var files = Files.list(logDir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+")).mapToLong(Long::parseLong)
          .max().orElse(-1);
    }
  }

  @Test
  void theDetailStreamWithAvailableNowGivesPagesAndReferrersOnceAndABatchReadOneSnapshotNow() throws Exception {
    arrive(3, "/pricing", "https://a.example");
    arrive(1, "/", "https://b.example");
    CurrentVisitors expected = emulator.store().currentVisitors(SITE, emulator.clock().instant(), true);
    List<String> want = new ArrayList<>();
    expected.content().forEach(p -> want.add(SITE + " page " + p.hostname() + " " + p.pathname() + " " + p.total()));
    expected.referrers().forEach(r -> want.add(SITE + " referrer " + r.referrerHostname() + " "
        + r.referrerPathname() + " " + r.total()));

    List<Delivered> batches = new CopyOnWriteArrayList<>();
    StreamingQuery q = run("current_visitors_detail", dir.resolve("ckpt").toString(), batches, 1, id -> { },
        Trigger.AvailableNow());
    assertThat(q.awaitTermination(30_000)).as("AvailableNow stops by itself after its one answer").isTrue();
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0).rows()).extracting(s -> s.replaceFirst(" \\S+ \\S+ ", " "))
        .containsExactlyInAnyOrderElementsOf(want);
    assertThat(want).contains(SITE + " page https://live.example /pricing 3", SITE + " referrer https://b.example null 1");

    Dataset<Row> now = spark.read().format("fathom").options(options("current_visitors")).load();
    int before = visitorRequests().size();
    assertThat(text(now, true)).containsExactly(SITE + " 4");
    assertThat(visitorRequests()).hasSize(before + 1);
    assertThat(now.schema().simpleString()).isEqualTo("struct<site_id:string,read_at:timestamp,total:bigint>");
    assertThat(visitorRequests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
  }
}
