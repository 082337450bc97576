package dev.sparkfathom.read;

import dev.sparkfathom.FathomQueryListener;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;

/**
 * What the connector hooks into a running Spark application, from the driver when a read is
 * first planned: per context, a listener that releases the partition cache's entries of each SQL
 * execution as it ends ({@link PartitionResultCache}) and clears the cache when the application
 * ends; per session, the {@link FathomQueryListener}. Without an active session (a unit test
 * building a scan by hand) it does nothing.
 */
final class SparkHooks {
  private static final Map<SparkContext, Boolean> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

  private SparkHooks() {}

  /** Installs the hooks in the active session's context, unless they are there already. */
  static void install() {
    SparkSession session = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
        : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
    if (session == null) {
      return;
    }
    FathomQueryListener.of(session);
    SparkContext context = session.sparkContext();
    if (INSTALLED.putIfAbsent(context, Boolean.TRUE) == null) {
      context.addSparkListener(new CacheRelease());
    }
  }

  /** Drops the cached partitions of each execution when it ends, and all at the application's end. */
  static final class CacheRelease extends SparkListener {
    @Override
    public void onOtherEvent(SparkListenerEvent event) {
      if (event instanceof SparkListenerSQLExecutionEnd end) {
        PartitionResultCache.executionEnded(end.executionId());
      }
    }

    @Override
    public void onApplicationEnd(SparkListenerApplicationEnd end) {
      PartitionResultCache.SHARED.clear();
    }
  }
}
