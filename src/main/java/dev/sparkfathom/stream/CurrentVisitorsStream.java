package dev.sparkfathom.stream;

import dev.sparkfathom.client.model.CurrentVisitors;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReportsSourceMetrics;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.apache.spark.sql.connector.read.streaming.SupportsTriggerAvailableNow;

/**
 * Current visitors as a micro-batch stream: a trigger whose budget slot has come fetches one
 * answer on the driver, records it ({@link SnapshotLog}) and offers it as the next offset; a
 * trigger that comes sooner than {@link TriggerPacer} allows is held (no new offset, so Spark
 * runs no batch and waits for the next trigger). A batch's rows are its recorded answer, so a
 * batch replayed from the checkpoint returns what it returned the first time, with no request.
 * With {@code Trigger.AvailableNow} the run fetches one answer (when its slot has come) and stops.
 *
 * <p>Spark calls a source from one thread of the query; the counters are for
 * {@link #metrics}, which Spark shows in the query's progress ({@code sources[].metrics}).
 */
public final class CurrentVisitorsStream implements MicroBatchStream, SupportsAdmissionControl,
    SupportsTriggerAvailableNow, ReportsSourceMetrics {
  private final CurrentVisitorsResource resource;
  private final String siteId;
  private final VisitorsFetcher fetcher;
  private final Clock clock;
  private final SnapshotLog log;
  private final TriggerPacer pacer;
  private Instant lastFetch;
  private long fetches;
  private long held;
  private boolean availableNow;
  private VisitorsOffset availableNowEnd;

  public CurrentVisitorsStream(CurrentVisitorsResource resource, String siteId, VisitorsFetcher fetcher,
      Clock clock, SnapshotLog log, TriggerPacer pacer) {
    this.resource = resource;
    this.siteId = siteId;
    this.fetcher = fetcher;
    this.clock = clock;
    this.log = log;
    this.pacer = pacer;
    // A restarted query keeps the pace of the one before: its last answer is in the checkpoint.
    this.lastFetch = log.latestSnapshot().map(VisitorsSnapshot::readAt).orElse(null);
  }

  @Override
  public Offset initialOffset() {
    return VisitorsOffset.START;
  }

  @Override
  public Offset deserializeOffset(String json) {
    return VisitorsOffset.fromJson(json);
  }

  /** Spark calls {@link #latestOffset(Offset, ReadLimit)} on sources with admission control. */
  @Override
  public Offset latestOffset() {
    throw new UnsupportedOperationException("the current-visitors stream is asked with its start offset:"
        + " latestOffset(start, limit)");
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    return ReadLimit.allAvailable();
  }

  @Override
  public void prepareForTriggerAvailableNow() {
    availableNow = true;
  }

  /**
   * The next offset: {@code start} plus one answer when the budget slot has come (the answer is
   * fetched and recorded here, before Spark logs the offset), else {@code start} itself.
   */
  @Override
  public Offset latestOffset(Offset startOffset, ReadLimit limit) {
    VisitorsOffset start = VisitorsOffset.of(startOffset);
    if (availableNowEnd != null) {
      return availableNowEnd.fetch() > start.fetch() ? availableNowEnd : start;
    }
    Instant now = clock.instant();
    if (!pacer.due(now, lastFetch)) {
      held++;
      if (availableNow) {
        availableNowEnd = start;
      }
      return start;
    }
    VisitorsOffset next = start.next();
    CurrentVisitors answer = fetcher.fetch(siteId, resource.detailed());
    Instant readAt = clock.instant();
    log.write(next.fetch(), new VisitorsSnapshot(siteId, readAt, answer));
    lastFetch = readAt;
    fetches++;
    if (availableNow) {
      availableNowEnd = next;
    }
    return next;
  }

  /** One partition per recorded answer in {@code (start, end]}: normally exactly one. */
  @Override
  public InputPartition[] planInputPartitions(Offset start, Offset end) {
    long from = VisitorsOffset.of(start).fetch();
    long to = VisitorsOffset.of(end).fetch();
    List<InputPartition> parts = new ArrayList<>();
    for (long n = from + 1; n <= to; n++) {
      parts.add(new CurrentVisitorsPartitions.Recorded(resource, log.read(n)));
    }
    return parts.toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new CurrentVisitorsPartitions.ReaderFactory(null);
  }

  /** The batch up to {@code end} is committed: its answer and those before are no longer needed. */
  @Override
  public void commit(Offset end) {
    log.purgeBefore(VisitorsOffset.of(end).fetch());
  }

  @Override
  public void stop() {
    // Nothing is held open: each fetch opens and closes its own client.
  }

  /** Answers fetched and triggers held by the budget in this run of the query. */
  @Override
  public Map<String, String> metrics(Optional<Offset> latestConsumedOffset) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fetches", Long.toString(fetches));
    m.put("heldTriggers", Long.toString(held));
    m.put("spacingMillis", Long.toString(pacer.spacing().toMillis()));
    m.put("lastReadAt", lastFetch == null ? "" : lastFetch.toString());
    return m;
  }

  long fetches() {
    return fetches;
  }

  long heldTriggers() {
    return held;
  }

  @Override
  public String toString() {
    return "CurrentVisitorsStream[" + resource.resourceName() + " of site " + siteId + "]";
  }
}
