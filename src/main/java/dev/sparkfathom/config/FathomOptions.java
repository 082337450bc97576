package dev.sparkfathom.config;

import dev.sparkfathom.client.ClientConfig;
import java.util.List;

/**
 * Every option of {@code format("fathom")}. Keys are case-insensitive; each can also be set
 * for the whole session as {@code spark.datasource.fathom.<key>}. The README's options table
 * is checked against {@link #ALL}.
 */
public final class FathomOptions {
  private FathomOptions() {}

  /**
   * Read an entity table instead of a report: {@code sites}, {@code events}, {@code milestones},
   * {@code current_visitors}, {@code current_pages}, {@code current_referrers} (batch), and
   * {@code current_visitors}, {@code current_visitors_detail} also as a stream
   * ({@code spark.readStream}). Takes only {@code site_id} and the connection options.
   */
  public static final String RESOURCE = "resource";

  /** What to report on: {@code pageview} (a site) or {@code event}. Default {@value #DEFAULT_ENTITY}. */
  public static final String ENTITY = "entity";
  public static final String DEFAULT_ENTITY = "pageview";

  /**
   * The revision of Fathom's API to speak: {@code current} (the service as it answers today:
   * row cap, site timezones, events by name) or {@code legacy} (the docs page the project
   * started from, for jobs and emulators that speak it). Default {@value #DEFAULT_API}.
   */
  public static final String API = "api";
  public static final String DEFAULT_API = "current";

  /** The event's name, for {@code entity=event} in today's API (with {@value #SITE_ID}). */
  public static final String EVENT = "event";

  /**
   * The {@code limit} every grouped request sends in today's API, 1 to 1000; an answer that
   * fills it is presumed cut and the rest is fetched exactly. Default {@value #DEFAULT_ROW_LIMIT}.
   */
  public static final String ROW_LIMIT = "request.row_limit";
  public static final int DEFAULT_ROW_LIMIT = 1000;

  /** The site id (pageview) or event id (event, legacy API) to report on. Required (or an alias below). */
  public static final String ENTITY_ID = "entity_id";

  /** Alias of {@value #ENTITY_ID} for pageview reads; the event's site for event reads in today's API. */
  public static final String SITE_ID = "site_id";

  /** Alias of {@value #ENTITY_ID} for event reads of the legacy API (refused today: goal codes are gone). */
  public static final String EVENT_ID = "event_id";

  /** Comma-separated aggregates, in column order. Default: all of the entity's. */
  public static final String AGGREGATES = "aggregates";

  /** Comma-separated fields to group by, in column order. Default: none. */
  public static final String FIELD_GROUPING = "field_grouping";

  /** {@code hour}, {@code day}, {@code month} or {@code year}; adds the {@code date} column. Default: none. */
  public static final String DATE_GROUPING = "date_grouping";

  /**
   * TZ database name for the date range and the buckets. Default: the site's own timezone
   * (today's API; asked once per site and JVM, not sent), {@value #DEFAULT_TIMEZONE} (legacy).
   */
  public static final String TIMEZONE = "timezone";
  public static final String DEFAULT_TIMEZONE = "UTC";

  /**
   * Start of the range, inclusive, local time: {@code YYYY-MM-DD} or {@code YYYY-MM-DD HH:MM:SS}.
   * Default: the site's created_at (one entity request at planning), else 2021-03-01.
   */
  public static final String DATE_FROM = "date_from";

  /**
   * End of the range, inclusive, local time: {@code YYYY-MM-DD} (the whole day) or
   * {@code YYYY-MM-DD HH:MM:SS}. Default: now, fixed once when the scan is planned.
   */
  public static final String DATE_TO = "date_to";

  /**
   * The type of the hourly {@code date} column: {@value #HOUR_TYPE_NTZ}, the local hour as
   * Fathom labels it, or {@value #HOUR_TYPE_TIMESTAMP}, the instant it starts (shown in the
   * session's timezone). Only {@code hour} grouping has it. Default {@value #HOUR_TYPE_NTZ}.
   */
  public static final String HOUR_TYPE = "hour_type";
  public static final String HOUR_TYPE_NTZ = "timestamp_ntz";
  public static final String HOUR_TYPE_TIMESTAMP = "timestamp";

  /** Fathom filter JSON array, always applied (ANDed with pushed filters). Default: none. */
  public static final String FILTERS = "filters";

  /** Least number of partitions (date windows) to split a date-grouped read into. Default {@value #DEFAULT_PARTITIONS}. */
  public static final String PARTITIONS = "partitions";
  public static final int DEFAULT_PARTITIONS = 1;

  /** Widest window of one day-grouped request, in months (the API allows 6). Default {@value #DEFAULT_DAY_WINDOW_MONTHS}. */
  public static final String DAY_WINDOW_MONTHS = "window.day_months";
  public static final int DEFAULT_DAY_WINDOW_MONTHS = 6;

  /**
   * Widest window of one hour-grouped request, in days: 1 to 7 today, default
   * {@value #DEFAULT_HOUR_WINDOW_DAYS}; 1 to 31 in the legacy API, default
   * {@value #DEFAULT_LEGACY_HOUR_WINDOW_DAYS}.
   */
  public static final String HOUR_WINDOW_DAYS = "window.hour_days";
  public static final int DEFAULT_HOUR_WINDOW_DAYS = 7;
  public static final int DEFAULT_LEGACY_HOUR_WINDOW_DAYS = 14;

  /** Budget of aggregation and current-visitor requests per minute, per token. Default {@value #DEFAULT_RATE_PER_MINUTE}. */
  public static final String RATE_PER_MINUTE = "rate.aggregations_per_minute";
  public static final int DEFAULT_RATE_PER_MINUTE = ClientConfig.DEFAULT_AGGREGATIONS_PER_MINUTE;

  /** Budget of entity requests per hour, per token. Default {@value #DEFAULT_RATE_PER_HOUR}. */
  public static final String RATE_PER_HOUR = "rate.entity_requests_per_hour";
  public static final int DEFAULT_RATE_PER_HOUR = ClientConfig.DEFAULT_ENTITY_REQUESTS_PER_HOUR;

  /** Requests of one token in flight at once, across the cluster. Default {@value #DEFAULT_MAX_IN_FLIGHT}. */
  public static final String MAX_IN_FLIGHT = "rate.max_in_flight";
  public static final int DEFAULT_MAX_IN_FLIGHT = ClientConfig.DEFAULT_MAX_IN_FLIGHT;

  /**
   * Seconds one request may wait, in all, for the token's pauses after 429 answers before it
   * fails. Default {@value #DEFAULT_MAX_WAIT_SECONDS}.
   */
  public static final String MAX_WAIT = "rate.max_wait";
  public static final int DEFAULT_MAX_WAIT_SECONDS = 600;

  /**
   * {@code host:port} of a standalone budget coordinator shared by several applications
   * ({@code dev.sparkfathom.budget.CoordinatorMain}). Default: the driver hosts one.
   */
  public static final String BUDGET_COORDINATOR = "budget.coordinator";

  /** Retries of a read after 5xx, time-outs and dropped connections (429s wait instead). Default {@value #DEFAULT_MAX_RETRIES}. */
  public static final String MAX_RETRIES = "max_retries";
  public static final int DEFAULT_MAX_RETRIES = ClientConfig.DEFAULT_MAX_RETRIES;

  /** Connect time-out in seconds. Default {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS}. */
  public static final String CONNECT_TIMEOUT = "timeout.connect_seconds";
  public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

  /** Read time-out in seconds; generous, as a new query shape can take seconds. Default {@value #DEFAULT_READ_TIMEOUT_SECONDS}. */
  public static final String READ_TIMEOUT = "timeout.read_seconds";
  public static final int DEFAULT_READ_TIMEOUT_SECONDS = 120;

  /** Time-out of one whole call in seconds. Default {@value #DEFAULT_CALL_TIMEOUT_SECONDS}. */
  public static final String CALL_TIMEOUT = "timeout.call_seconds";
  public static final int DEFAULT_CALL_TIMEOUT_SECONDS = 300;

  /** Refuse, before any request, a read that would need more requests. Default {@value #DEFAULT_MAX_REQUESTS}. */
  public static final String MAX_REQUESTS = "max_requests";
  public static final int DEFAULT_MAX_REQUESTS = 100;

  /** API base URL; http:// only on loopback (the emulator). Default {@value #DEFAULT_BASE_URL}. */
  public static final String BASE_URL = "base_url";
  public static final String DEFAULT_BASE_URL = ClientConfig.DEFAULT_BASE_URL;

  /** The API token; else {@code spark.datasource.fathom.token}, else the environment variable {@value #TOKEN_ENV}. */
  public static final String TOKEN = "token";
  public static final String TOKEN_ENV = "FATHOM_API_TOKEN";

  /**
   * A file holding the API token (e.g. a mounted secret), read at {@code load()} on the driver;
   * surrounding whitespace (a final newline) is dropped. Only the path ever shows in SQL text,
   * plans and logs. Give either this or {@value #TOKEN}.
   */
  public static final String TOKEN_FILE = "token.file";

  /** Push filters, columns and the date range into requests. Default true. */
  public static final String PUSHDOWN = "pushdown";

  /**
   * Trust the documented filter semantics (exact {@code is}, {@code is not}, {@code is like}).
   * False assumes the worst plausible reading and keeps more in Spark. Default true.
   */
  public static final String ASSUME_DOCUMENTED_SEMANTICS = "pushdown.assume_documented_semantics";

  /** Hadoop path (any Hadoop-compatible file system) of the response cache; opt-in. Default: none. */
  public static final String CACHE_PATH = "cache.path";

  /** How long a cached answer is served after it was written (e.g. {@code 30d}). Default: no expiry. */
  public static final String CACHE_TTL = "cache.ttl";

  /** How long after its end a bucket counts as closed (cache and stream). Default 1h. */
  public static final String STREAM_SETTLE = "stream.settle";

  /** Most closed buckets one micro-batch reads; 0 for no bound. Default 0. Keys are case-insensitive: Spark's usual spelling {@code maxBucketsPerTrigger} works. */
  public static final String MAX_BUCKETS_PER_TRIGGER = "maxbucketspertrigger";

  /**
   * Stream only: closed buckets before each micro-batch that it reads again (for late data),
   * its rows marked by the {@code reread} column for an upsert sink; a batch read refuses it.
   * Default 0.
   */
  public static final String STREAM_LOOKBACK = "stream.lookback";

  /** Test hook: the name of a clock registered with {@code ScheduleSpec.registerClock}. Default: the system clock. */
  public static final String CLOCK = "clock";

  /**
   * The largest decoded answer of one partition that an executor keeps, for Spark's reruns
   * within one action, in bytes as estimated when held; {@code k}, {@code m} or {@code g}
   * (KiB, MiB, GiB) may follow the number; 0 keeps none (every rerun asks Fathom again).
   * Default: the JVM's bound for all reads together, 1/16 of its heap, which also caps this.
   */
  public static final String CACHE_PARTITION_BYTES = "cache.partition_bytes";

  /** One option: its key, its default as text ("" for none) and what it does. */
  public record Info(String key, String defaultValue, String doc) {}

  /** All options, in the order the README lists them. */
  public static final List<Info> ALL = List.of(
      new Info(ENTITY, DEFAULT_ENTITY, "`pageview` (a site) or `event`"),
      new Info(RESOURCE, "", "read an entity instead of a report: `sites`, `events`, `milestones`, `current_visitors`, `current_pages`, `current_referrers`, `current_visitors_detail`; `current_visitors` and `current_visitors_detail` also stream (`spark.readStream`)"),
      new Info(API, DEFAULT_API, "`current` (Fathom's API today) or `legacy` (the old docs page's API)"),
      new Info(ENTITY_ID, "", "site id (pageview); with `api=legacy` also an event id (event); aliases `site_id`, `event_id`"),
      new Info(SITE_ID, "", "alias of `entity_id` for pageview reads; the event's site for event reads"),
      new Info(EVENT, "", "the event's name, for `entity=event` (with `site_id`)"),
      new Info(EVENT_ID, "", "alias of `entity_id` for event reads with `api=legacy`; refused today (goal codes are gone)"),
      new Info(AGGREGATES, "all of the entity's", "comma-separated aggregates, in column order"),
      new Info(FIELD_GROUPING, "", "comma-separated fields to group by, in column order"),
      new Info(DATE_GROUPING, "", "`hour`, `day`, `month` or `year`; adds the `date` column"),
      new Info(TIMEZONE, "the site's; legacy: UTC", "TZ database name for the range and the buckets; sent only when given"),
      new Info(HOUR_TYPE, HOUR_TYPE_NTZ, "hourly `date` as `timestamp_ntz` (local hour) or `timestamp` (instant)"),
      new Info(DATE_FROM, "site's created_at, else 2021-03-01", "inclusive start, local: `YYYY-MM-DD[ HH:MM:SS]`"),
      new Info(DATE_TO, "now (fixed at planning)", "inclusive end, local: `YYYY-MM-DD` (whole day) or `YYYY-MM-DD HH:MM:SS`"),
      new Info(FILTERS, "", "Fathom filter JSON array, always applied"),
      new Info(PARTITIONS, Integer.toString(DEFAULT_PARTITIONS), "least number of date windows (partitions) of a date-grouped read"),
      new Info(DAY_WINDOW_MONTHS, Integer.toString(DEFAULT_DAY_WINDOW_MONTHS), "widest day-grouped request, in months (1 to 6)"),
      new Info(HOUR_WINDOW_DAYS, DEFAULT_HOUR_WINDOW_DAYS + "; legacy: " + DEFAULT_LEGACY_HOUR_WINDOW_DAYS, "widest hour-grouped request, in days (1 to 7; `api=legacy`: 1 to 31)"),
      new Info(ROW_LIMIT, Integer.toString(DEFAULT_ROW_LIMIT), "`limit` of every grouped request (1 to 1000); a full answer is read on exactly"),
      new Info(RATE_PER_MINUTE, Integer.toString(DEFAULT_RATE_PER_MINUTE), "aggregation requests per minute, per token"),
      new Info(RATE_PER_HOUR, Integer.toString(DEFAULT_RATE_PER_HOUR), "entity requests per hour, per token"),
      new Info(MAX_IN_FLIGHT, Integer.toString(DEFAULT_MAX_IN_FLIGHT), "requests of one token in flight at once, across the cluster"),
      new Info(MAX_WAIT, Integer.toString(DEFAULT_MAX_WAIT_SECONDS), "seconds a request may wait in all for 429 pauses before it fails"),
      new Info(BUDGET_COORDINATOR, "the driver hosts one", "`host:port` of a standalone budget coordinator shared by applications"),
      new Info(MAX_RETRIES, Integer.toString(DEFAULT_MAX_RETRIES), "retries after 5xx, time-outs, dropped connections (429s wait instead)"),
      new Info(CONNECT_TIMEOUT, Integer.toString(DEFAULT_CONNECT_TIMEOUT_SECONDS), "connect time-out, seconds"),
      new Info(READ_TIMEOUT, Integer.toString(DEFAULT_READ_TIMEOUT_SECONDS), "read time-out, seconds"),
      new Info(CALL_TIMEOUT, Integer.toString(DEFAULT_CALL_TIMEOUT_SECONDS), "time-out of one whole call, seconds"),
      new Info(MAX_REQUESTS, Integer.toString(DEFAULT_MAX_REQUESTS), "refuse at planning a read needing more requests"),
      new Info(BASE_URL, DEFAULT_BASE_URL, "API base URL; `http://` only on loopback"),
      new Info(TOKEN, "", "API token; else `token.file`, else `FATHOM_API_TOKEN` (see Secrets)"),
      new Info(TOKEN_FILE, "", "path of a file holding the API token (e.g. a mounted secret)"),
      new Info(CACHE_PARTITION_BYTES, "1/16 of the heap", "largest partition answer kept for reruns within one action, bytes (`k`, `m`, `g` suffixes); `0` keeps none"),
      new Info(PUSHDOWN, "true", "push filters, columns and the date range into requests"),
      new Info(ASSUME_DOCUMENTED_SEMANTICS, "true", "trust the documented filter semantics; false keeps more in Spark"),
      new Info(CACHE_PATH, "", "Hadoop path of the response cache of closed windows (see Scheduled jobs)"),
      new Info(CACHE_TTL, "", "how long a cached answer is served, e.g. `30d`; default no expiry"),
      new Info(STREAM_SETTLE, "1h", "how long after its end a bucket counts as closed (cache and stream)"),
      new Info(MAX_BUCKETS_PER_TRIGGER, "0", "stream: most buckets per micro-batch; 0 for no bound"),
      new Info(STREAM_LOOKBACK, "0", "stream: closed buckets re-read each micro-batch, marked by column `reread` for an upsert"),
      new Info(CLOCK, "", "test hook: a clock registered with `ScheduleSpec.registerClock`"));
}
