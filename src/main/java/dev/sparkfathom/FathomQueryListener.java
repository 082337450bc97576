package dev.sparkfathom;

import dev.sparkfathom.budget.Tally;
import dev.sparkfathom.read.FathomScan;
import dev.sparkfathom.budget.Tally;
import dev.sparkfathom.read.FathomScan;
import dev.sparkfathom.read.ScanMetrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * The Fathom metrics of every query execution of a session that read from Fathom, whatever the
 * action: {@code collect}, {@code show}, {@code count}, {@code write}, SQL. A scheduled job can
 * report its API cost from it:
 *
 * <pre>{@code
 * FathomQueryListener fathom = FathomQueryListener.of(spark);
 * df.write().parquet("out");
 * FathomQueryListener.Execution last = fathom.awaitLast(Duration.ofSeconds(10));
 * long requests = last.metrics().get(ScanMetrics.REQUESTS);
 * }</pre>
 *
 * <p>One per session, registered with the session's {@code listenerManager()}; the connector
 * registers it itself when a read is first planned, so {@link #of} may be called before or
 * after the first action. Spark tells listeners of an execution's end asynchronously, just
 * after the action returns: {@link #awaitLast} waits for that. It keeps the last
 * {@value #KEPT} executions.
 */
public final class FathomQueryListener implements QueryExecutionListener {
  /** How many executions are kept, oldest dropped first. */
  public static final int KEPT = 1000;
  private static final Map<SparkSession, FathomQueryListener> BY_SESSION =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * One query execution that read from Fathom.
   *
   * @param sequence its number among the executions this listener saw, from 1
   * @param action Spark's name of the action ({@code collect}, {@code head} for show,
   *     {@code count}, {@code save}, {@code command}, ...)
   * @param succeeded false when the execution failed (the metrics say what it spent anyway)
   * @param metrics each metric of {@link ScanMetrics}, summed over the execution's Fathom scans
   */
  public record Execution(long sequence, String action, boolean succeeded, Map<String, Long> metrics) {}

  private final SparkSession session;
  private final Deque<Execution> executions = new ArrayDeque<>();
  private long seen;

  private FathomQueryListener(SparkSession session) {
    this.session = session;
  }

  /** The session's listener, registered now if it was not yet. */
  public static FathomQueryListener of(SparkSession session) {
    synchronized (BY_SESSION) {
      FathomQueryListener l = BY_SESSION.get(session);
      if (l == null) {
        l = new FathomQueryListener(session);
        session.listenerManager().register(l);
        BY_SESSION.put(session, l);
      }
      return l;
    }
  }

  @Override
  public void onSuccess(String action, QueryExecution qe, long durationNs) {
    record(action, qe, true);
  }

  @Override
  public void onFailure(String action, QueryExecution qe, Exception exception) {
    record(action, qe, false);
  }

  private void record(String action, QueryExecution qe, boolean succeeded) {
    List<BatchScanExec> scans;
    try {
      scans = FathomMetrics.scanNodes(qe.executedPlan());
    } catch (RuntimeException e) {
      // An execution that failed before it had a physical plan (e.g. a refused write fails
      // analysis) read nothing; Spark would log the rethrown failure as the listener's own.
      return;
    }
    if (scans.isEmpty()) {
      return;
    }
    // Each scan once, even when the plan holds it twice: the execution's share of its tally.
    Map<FathomScan, Optional<Tally>> ended = new java.util.IdentityHashMap<>();
    for (BatchScanExec scan : scans) {
      for (FathomScan part : FathomMetrics.fathomScans(scan)) {
        ended.computeIfAbsent(part, FathomScan::executionEnded);
      }
    }
    Map<String, Long> metrics = FathomMetrics.sum(scans, ended::get);
    synchronized (this) {
      executions.addLast(new Execution(++seen, action, succeeded, Collections.unmodifiableMap(metrics)));
      while (executions.size() > KEPT) {
        executions.removeFirst();
      }
      notifyAll();
    }
  }

  /** Waits until Spark has delivered the events of every action that returned before this call. */
  void awaitEvents(Duration timeout) {
    try {
      session.sparkContext().listenerBus().waitUntilEmpty(timeout.toMillis());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listeners did not catch up within " + timeout, e);
    }
  }

  /** The executions that read from Fathom, oldest first, as far as Spark has told of them. */
  public synchronized List<Execution> executions() {
    return List.copyOf(executions);
  }

  /** Each metric summed over {@link #executions()}: what the session's Fathom reads cost. */
  public synchronized Map<String, Long> total() {
    Map<String, Long> sums = new LinkedHashMap<>();
    for (String name : ScanMetrics.NAMES) {
      sums.put(name, executions.stream().mapToLong(e -> e.metrics().getOrDefault(name, 0L)).sum());
    }
    return sums;
  }

  /**
   * The latest execution that read from Fathom, once Spark has delivered the events of every
   * action that returned before this call.
   *
   * @throws IllegalStateException when no execution read from Fathom, or Spark's listeners did
   *     not catch up within {@code timeout}
   */
  public Execution awaitLast(Duration timeout) {
    awaitEvents(timeout);
    synchronized (this) {
      if (executions.isEmpty()) {
        throw new IllegalStateException("no query execution of this session has read from Fathom");
      }
      return executions.getLast();
    }
  }

  /** Forgets the executions seen so far (numbering goes on). */
  public synchronized void clear() {
    executions.clear();
  }

  @Override
  public String toString() {
    return "FathomQueryListener[" + executions().size() + " executions]";
  }
}
