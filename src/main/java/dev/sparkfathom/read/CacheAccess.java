package dev.sparkfathom.read;

import dev.sparkfathom.cache.CacheKey;
import dev.sparkfathom.cache.CachedRequest;
import dev.sparkfathom.cache.ResponseCache;
import dev.sparkfathom.client.AggregationRow;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.config.ScheduleSpec;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Where the read path meets the response cache: which planned requests may be cached (the
 * driver's decision), the read-through a partition does, and the probe EXPLAIN counts with.
 * A failing cache file system never fails a read: the request is made as without a cache, and
 * the failure is logged.
 */
final class CacheAccess {
  private static final Logger LOG = LoggerFactory.getLogger(CacheAccess.class);
  private static final String SPARK_HADOOP = "spark.hadoop.";

  private CacheAccess() {}

  /**
   * The window's end instant: the second after its inclusive local {@code date_to}, in the
   * read's zone (the later instant of a repeated DST hour).
   */
  static Instant end(PlannedRequest r, ZoneId zone) {
    return r.window().dateTo().plusSeconds(1).atZone(zone).withLaterOffsetAtOverlap().toInstant();
  }

  /** Whether the window closed before the settle time at {@code now}: end + settle has passed. */
  static boolean closed(PlannedRequest r, ZoneId zone, ScheduleSpec s, Instant now) {
    return !end(r, zone).plus(s.settle()).isAfter(now);
  }

  /** The request's cache use, or null when the cache is off or the window is open. */
  static CachedRequest decide(ScheduleSpec s, ClientConfig client, PlannedRequest r, ZoneId zone,
      Instant now, List<String> readExtras) {
    if (!s.cacheEnabled() || !closed(r, zone, s, now)) {
      return null;
    }
    List<String> extras = new java.util.ArrayList<>(readExtras);
    extras.add(r.window().toString());
    extras.add(zone.getId());
    CacheKey key = CacheKey.of(client.token().digest(),
        client.baseUrl() + " " + client.apiVersion() + " GET aggregations", r.query().toParameters(), extras);
    return new CachedRequest(s.cachePath(), key, now.toEpochMilli(), s.cacheTtl());
  }

  /** The cached answer, else {@code fetch}'s, which is then stored. */
  static List<AggregationRow> readThrough(CachedRequest c, Supplier<List<AggregationRow>> fetch) {
    ResponseCache cache = new ResponseCache(c.path(), hadoopConf());
    try {
      ResponseCache.Lookup found = cache.get(c.key(), c.plannedMillis(), c.ttl());
      if (found.hit()) {
        return found.rows();
      }
      if (found.state() == ResponseCache.State.DAMAGED) {
        LOG.warn("Fathom response cache: ignoring entry {} of {} ({}); refetching", c.key(), cache, found.why());
      }
    } catch (IOException e) {
      LOG.warn("Fathom response cache: cannot read {}; fetching from Fathom", cache, e);
    }
    List<AggregationRow> rows = fetch.get();
    try {
      cache.put(c.key(), c.plannedMillis(), rows);
    } catch (IOException e) {
      LOG.warn("Fathom response cache: cannot write {}; the answer was not cached", cache, e);
    }
    return rows;
  }

  /** Whether the cache holds a usable answer now (EXPLAIN); reads the file, sends nothing. */
  static boolean answers(CachedRequest c) {
    try {
      return new ResponseCache(c.path(), hadoopConf()).get(c.key(), c.plannedMillis(), c.ttl()).hit();
    } catch (IOException e) {
      return false;
    }
  }

  /** Hadoop's defaults plus the application's {@code spark.hadoop.*} settings, on driver or executor. */
  static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    SparkEnv env = SparkEnv.get();
    if (env != null) {
      for (Tuple2<String, String> kv : env.conf().getAll()) {
        if (kv._1().startsWith(SPARK_HADOOP)) {
          conf.set(kv._1().substring(SPARK_HADOOP.length()), kv._2());
        }
      }
    }
    return conf;
  }
}
