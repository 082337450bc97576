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

  /**
   * How an answer past the row cap is read ({@link dev.sparkfathom.read.cap.CappedRead}'s
   * continuation in time and value splits). Part of every key, so a change to how a capped
   * answer is assembled must change this text and can never serve an answer assembled the old way.
   */
  static final String CAP_READ = "cap-read-1";

  /**
   * The request's cache use, or null when the cache is off or the window is open. The key is
   * everything that changes the partition's answer: the API revision (in the endpoint), every
   * query parameter, the window the partition owns and the zone it is read in, the row cap the
   * reader reads past ({@code request.row_limit}; "none" when the answer is not capped), whether
   * every value split checks itself ({@code pushdown.assume_documented_semantics=false}) and
   * how a capped answer is assembled ({@link #CAP_READ}); scoped by the token's digest.
   *
   * @param rowCap the row cap the reader reads past, or null
   */
  static CachedRequest decide(ScheduleSpec s, ClientConfig client, PlannedRequest r, ZoneId zone,
      Instant now, Integer rowCap, boolean alwaysCheck) {
    if (!s.cacheEnabled() || !closed(r, zone, s, now)) {
      return null;
    }
    CacheKey key = CacheKey.of(client.token().digest(), endpoint(client), r.query().toParameters(),
        keyExtras(r, zone, rowCap, alwaysCheck));
    return new CachedRequest(s.cachePath(), key, now.toEpochMilli(), s.cacheTtl());
  }

  /** Base URL, API revision and path of an aggregation. */
  static String endpoint(ClientConfig client) {
    return client.baseUrl() + " " + client.apiVersion() + " GET aggregations";
  }

  /** What decides a partition's answer besides the request's parameters (see {@link #decide}). */
  static List<String> keyExtras(PlannedRequest r, ZoneId zone, Integer rowCap, boolean alwaysCheck) {
    return List.of("window=" + r.window(), "zone=" + zone.getId(),
        "row_limit=" + (rowCap == null ? "none" : rowCap.toString()), "always_check=" + alwaysCheck,
        "reader=" + CAP_READ);
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
