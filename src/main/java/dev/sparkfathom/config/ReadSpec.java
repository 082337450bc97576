package dev.sparkfathom.config;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.RequestLimits;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.client.ApiToken;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FilterJson;
import dev.sparkfathom.client.PathIds;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A read, validated once: every option checked, every default applied. Immutable and
 * serializable; its {@code toString} redacts the token. Built on the driver at analysis, so a
 * bad option fails before any request.
 */
public final class ReadSpec implements Serializable, Cloneable {
  private static final long serialVersionUID = 1L;
  private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd[ ]['T']HH:mm:ss");
  private static final Pattern DATE_TIME_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}");

  private static final Set<String> ZONE_NAMES = ZoneId.getAvailableZoneIds();

  private final ApiVersion api;
  private final Entity entity;
  private final String entityId;
  private final String eventName;
  private final int rowLimit;
  private final boolean timezoneGiven;
  private final List<Aggregate> aggregates;
  private final List<Field> fieldGrouping;
  private final DateGrouping dateGrouping;
  private ZoneId timezone;
  private final boolean hourAsTimestamp;
  private LocalDateTime dateFrom; // set again only by withRange, on a copy
  private LocalDateTime dateTo;
  private final List<Filter> filters;
  private final int partitions;
  private final int dayWindowMonths;
  private final int hourWindowDays;
  private final int maxRequests;
  private final boolean pushdown;
  private final boolean assumeDocumentedSemantics;
  private final long cachePartitionBytes;
  private final ClientConfig client;
  /** {@code host:port} of a standalone coordinator, or null for the driver's own. */
  private final String budgetCoordinator;
  private ScheduleSpec schedule; // set again only by withSchedule, on a copy

  private ReadSpec(OptionReader o, Map<String, String> env) {
    String entityName = orDefault(o.text(FathomOptions.ENTITY), FathomOptions.DEFAULT_ENTITY);
    entity = parse(FathomOptions.ENTITY, () -> Entity.parse(entityName));
    api = api(o);
    if (api == ApiVersion.CURRENT && entity == Entity.EVENT) {
      entityId = eventSite(o);
      eventName = o.text(FathomOptions.EVENT);
      if (eventName == null) {
        throw new IllegalArgumentException("'" + FathomOptions.EVENT + "' is required for entity event:"
            + " the name of the event to report on (with '" + FathomOptions.SITE_ID + "', its site)");
      }
    } else {
      if (o.has(FathomOptions.EVENT)) {
        throw new IllegalArgumentException("'" + FathomOptions.EVENT + "' names an event of entity event in"
            + " today's API" + (entity == Entity.EVENT ? "; the legacy API names events by 'event_id'"
                : "; this read is of entity pageview"));
      }
      entityId = entityId(o, entity);
      eventName = null;
    }
    aggregates = aggregates(o, entity);
    fieldGrouping = fieldGrouping(o, api);
    rowLimit = o.integer(FathomOptions.ROW_LIMIT, FathomOptions.DEFAULT_ROW_LIMIT, 1, RequestLimits.MAX_LIMIT);
    if (api == ApiVersion.LEGACY && o.has(FathomOptions.ROW_LIMIT)) {
      throw new IllegalArgumentException("'" + FathomOptions.ROW_LIMIT + "' applies to today's API only"
          + " (the legacy API has no row cap); remove it or set '" + FathomOptions.API + "' to current");
    }
    String grouping = o.text(FathomOptions.DATE_GROUPING);
    dateGrouping = grouping == null ? null : parse(FathomOptions.DATE_GROUPING, () -> DateGrouping.parse(grouping));
    // Today, without the option a read is in the site's own timezone (resolved at planning).
    timezoneGiven = o.has(FathomOptions.TIMEZONE);
    timezone = timezoneGiven ? zone(o.text(FathomOptions.TIMEZONE))
        : api == ApiVersion.LEGACY ? zone(FathomOptions.DEFAULT_TIMEZONE) : null;
    hourAsTimestamp = hourAsTimestamp(o.text(FathomOptions.HOUR_TYPE));
    dateFrom = localTime(o, FathomOptions.DATE_FROM, false);
    dateTo = localTime(o, FathomOptions.DATE_TO, true);
    if (dateFrom != null && dateTo != null && dateFrom.isAfter(dateTo)) {
      throw new IllegalArgumentException("'" + FathomOptions.DATE_FROM + "' (" + o.text(FathomOptions.DATE_FROM)
          + ") must not be after '" + FathomOptions.DATE_TO + "' (" + o.text(FathomOptions.DATE_TO) + ")");
    }
    String rawFilters = o.text(FathomOptions.FILTERS);
    filters = rawFilters == null ? List.of() : parse(FathomOptions.FILTERS, () -> checked(FilterJson.parse(rawFilters), api));
    partitions = o.integer(FathomOptions.PARTITIONS, FathomOptions.DEFAULT_PARTITIONS, 1, 1000);
    if (dateGrouping == null && o.has(FathomOptions.PARTITIONS) && !o.fromSession(FathomOptions.PARTITIONS)) {
      // Totals of separate windows cannot be combined for every metric: such a read is one
      // request. A session-wide default is for the date-grouped reads only, so it is let be.
      throw new IllegalArgumentException("'" + FathomOptions.PARTITIONS + "' applies only to"
          + " date-grouped reads, which are split into date windows; without '"
          + FathomOptions.DATE_GROUPING + "' a read is one request. Set '" + FathomOptions.DATE_GROUPING
          + "' (hour, day, month or year) or drop '" + FathomOptions.PARTITIONS + "'");
    }
    dayWindowMonths = o.integer(FathomOptions.DAY_WINDOW_MONTHS, FathomOptions.DEFAULT_DAY_WINDOW_MONTHS, 1, 6);
    hourWindowDays = api == ApiVersion.LEGACY
        ? o.integer(FathomOptions.HOUR_WINDOW_DAYS, FathomOptions.DEFAULT_LEGACY_HOUR_WINDOW_DAYS, 1, 31)
        : o.integer(FathomOptions.HOUR_WINDOW_DAYS, FathomOptions.DEFAULT_HOUR_WINDOW_DAYS, 1,
            (int) RequestLimits.MAX_HOUR_SPAN.toDays());
    maxRequests = o.integer(FathomOptions.MAX_REQUESTS, FathomOptions.DEFAULT_MAX_REQUESTS, 1, 1_000_000);
    pushdown = o.bool(FathomOptions.PUSHDOWN, true);
    assumeDocumentedSemantics = o.bool(FathomOptions.ASSUME_DOCUMENTED_SEMANTICS, true);
    cachePartitionBytes = o.bytes(FathomOptions.CACHE_PARTITION_BYTES, Long.MAX_VALUE);
    client = clientConfig(o, env).withApiVersion(api);
    budgetCoordinator = hostPort(o, FathomOptions.BUDGET_COORDINATOR);
    schedule = ScheduleSpec.parse(o);
  }

  /** The scheduled-job options: response cache, settle delay, stream bounds, clock. */
  public ScheduleSpec schedule() {
    return schedule;
  }

  /** A copy reading the range {@code from}..{@code to} (a stream's micro-batch); nothing else changes. */
  public ReadSpec withRange(LocalDateTime from, LocalDateTime to) {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("range start " + from + " is after its end " + to);
    }
    ReadSpec copy = copy();
    copy.dateFrom = from;
    copy.dateTo = to;
    return copy;
  }

  /** A copy with other scheduled-job options (a stream's micro-batch without the cache); nothing else changes. */
  public ReadSpec withSchedule(ScheduleSpec other) {
    ReadSpec copy = copy();
    copy.schedule = java.util.Objects.requireNonNull(other, "other");
    return copy;
  }

  /** A shallow copy: every field is immutable, so it is a copy. */
  private ReadSpec copy() {
    try {
      return (ReadSpec) clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})");

  private static String hostPort(OptionReader o, String key) {
    String raw = o.text(key);
    if (raw == null) {
      return null;
    }
    java.util.regex.Matcher m = HOST_PORT.matcher(raw);
    if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
      throw new IllegalArgumentException("'" + key + "' must be host:port with a port from 1 to 65535,"
          + " e.g. coordinator.example.com:7480; got: '" + raw + "'");
    }
    return raw;
  }

  /** The same read in {@code zone}: a read without the option, in its site's timezone. */
  public ReadSpec withSiteTimezone(ZoneId zone) {
    if (timezoneGiven) {
      throw new IllegalStateException("the read's timezone is the option's");
    }
    ReadSpec copy = copy();
    copy.timezone = java.util.Objects.requireNonNull(zone, "zone");
    return copy;
  }

  /** The filters of the option, each checked against the operators its property accepts. */
  private static List<Filter> checked(List<Filter> filters, ApiVersion api) {
    for (Filter f : filters) {
      f.property().checkOperator(f.operator(), api);
    }
    return filters;
  }

  /** The site of an event read by name: {@code site_id}; goal codes are refused with a why. */
  private static String eventSite(OptionReader o) {
    for (String goalCode : List.of(FathomOptions.EVENT_ID, FathomOptions.ENTITY_ID)) {
      if (o.has(goalCode)) {
        throw new IllegalArgumentException("'" + goalCode + "' ('" + o.text(goalCode) + "') cannot name an"
            + " event: today's Fathom API no longer reports events by goal code, only by site and name;"
            + " use '" + FathomOptions.SITE_ID + "' (the site) and '" + FathomOptions.EVENT
            + "' (the event's name), or set '" + FathomOptions.API + "' to legacy for the old API");
      }
    }
    String site = o.text(FathomOptions.SITE_ID);
    if (site == null) {
      throw new IllegalArgumentException("'" + FathomOptions.SITE_ID + "' is required for entity event:"
          + " the site whose event '" + FathomOptions.EVENT + "' names");
    }
    return parse(FathomOptions.SITE_ID, () -> PathIds.check("site id", site));
  }

  /**
   * Parses a read's options.
   *
   * @param options the read's options, keys in any case (Spark has already merged
   *     {@code spark.datasource.fathom.*} session settings into them)
   * @param env the process environment, for {@value FathomOptions#TOKEN_ENV}
   * @throws IllegalArgumentException naming the option, the bad value and what is accepted
   */
  public static ReadSpec parse(Map<String, String> options, Map<String, String> env) {
    return parse(options, env, Set.of());
  }

  /**
   * As {@link #parse(Map, Map)}, knowing which keys came from the session settings: messages
   * name them as such, and a session-wide {@code partitions} applies only where it can.
   *
   * @param sessionKeys keys set as {@code spark.datasource.fathom.<key>} (prefix dropped)
   */
  public static ReadSpec parse(Map<String, String> options, Map<String, String> env,
      Set<String> sessionKeys) {
    OptionReader o = new OptionReader(options, sessionKeys);
    o.refuseUnknown();
    return new ReadSpec(o, env);
  }

  private static boolean hourAsTimestamp(String raw) {
    if (raw == null || raw.trim().equalsIgnoreCase(FathomOptions.HOUR_TYPE_NTZ)) {
      return false;
    }
    if (raw.trim().equalsIgnoreCase(FathomOptions.HOUR_TYPE_TIMESTAMP)) {
      return true;
    }
    throw new IllegalArgumentException("'" + FathomOptions.HOUR_TYPE + "' must be one of "
        + FathomOptions.HOUR_TYPE_NTZ + ", " + FathomOptions.HOUR_TYPE_TIMESTAMP + "; got: '" + raw + "'");
  }

  /**
   * The connection part of a set of options alone (token, {@code base_url}, time-outs,
   * retries, rate limits), with the same checks and messages as a read's; other keys are not
   * looked at. For callers that read entities rather than reports (the catalog, resource
   * reads).
   */
  public static ClientConfig parseClient(Map<String, String> options, Map<String, String> env) {
    OptionReader o = new OptionReader(options, java.util.Set.of());
    return clientConfig(o, env).withApiVersion(api(o));
  }

  /**
   * The {@code budget.coordinator} option ({@code host:port}) of these options, or null when the
   * driver hosts the coordinator.
   *
   * @throws IllegalArgumentException when the value is not {@code host:port}
   */
  public static String parseBudgetCoordinator(Map<String, String> options) {
    return hostPort(new OptionReader(options, java.util.Set.of()), FathomOptions.BUDGET_COORDINATOR);
  }

  private static ApiVersion api(OptionReader o) {
    String rawApi = orDefault(o.text(FathomOptions.API), FathomOptions.DEFAULT_API);
    return java.util.Arrays.stream(ApiVersion.values()).filter(v -> v.apiName().equals(rawApi.toLowerCase(java.util.Locale.ROOT)))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + FathomOptions.API + "' must be one of "
            + String.join(", ", java.util.Arrays.stream(ApiVersion.values()).map(ApiVersion::apiName).toList())
            + "; got: '" + rawApi + "'"));
  }

  private static String orDefault(String v, String d) {
    return v == null ? d : v;
  }

  private interface Parse<T> {
    T get();
  }

  /**
   * Names the option in a vocabulary parser's message: {@code date_grouping must be ...}
   * becomes {@code 'date_grouping' must be ...}; other messages get the option as a prefix.
   */
  private static <T> T parse(String key, Parse<T> p) {
    try {
      return p.get();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      String named = m.startsWith(key + " ") ? "'" + key + "'" + m.substring(key.length()) : "'" + key + "': " + m;
      throw new IllegalArgumentException(named, e);
    }
  }

  private static String entityId(OptionReader o, Entity entity) {
    String alias = entity == Entity.PAGEVIEW ? FathomOptions.SITE_ID : FathomOptions.EVENT_ID;
    String wrongAlias = entity == Entity.PAGEVIEW ? FathomOptions.EVENT_ID : FathomOptions.SITE_ID;
    String id = o.text(FathomOptions.ENTITY_ID);
    String viaAlias = o.text(alias);
    if (id != null && viaAlias != null && !id.equals(viaAlias)) {
      throw new IllegalArgumentException("'" + FathomOptions.ENTITY_ID + "' ('" + id + "') and '" + alias
          + "' ('" + viaAlias + "') disagree; give one of them");
    }
    if (o.has(wrongAlias) && id == null && viaAlias == null) {
      throw new IllegalArgumentException("'" + wrongAlias + "' does not apply to entity " + entity.apiName()
          + "; use '" + alias + "' or '" + FathomOptions.ENTITY_ID + "'");
    }
    String result = id != null ? id : viaAlias;
    if (result == null) {
      throw new IllegalArgumentException("'" + FathomOptions.ENTITY_ID + "' is required: the "
          + (entity == Entity.PAGEVIEW ? "site" : "event") + " id to report on (or '" + alias + "')");
    }
    // A site id also goes into a path (the site lookup at planning): one rule for both kinds.
    String what = entity == Entity.PAGEVIEW ? "site id" : "event id";
    return parse(id != null ? FathomOptions.ENTITY_ID : alias, () -> PathIds.check(what, result));
  }

  private static List<Aggregate> aggregates(OptionReader o, Entity entity) {
    List<String> names = o.list(FathomOptions.AGGREGATES);
    if (names.isEmpty()) {
      return entity.aggregates();
    }
    List<Aggregate> out = new ArrayList<>();
    for (String name : names) {
      Aggregate a = parse(FathomOptions.AGGREGATES, () -> Aggregate.parse(name, entity));
      if (out.contains(a)) {
        throw new IllegalArgumentException("'" + FathomOptions.AGGREGATES + "' names " + name + " twice");
      }
      out.add(a);
    }
    return List.copyOf(out);
  }

  private static List<Field> fieldGrouping(OptionReader o, ApiVersion api) {
    List<Field> out = new ArrayList<>();
    Set<Field> seen = new HashSet<>();
    for (String name : o.list(FathomOptions.FIELD_GROUPING)) {
      Field known = Field.byName(name.toLowerCase(java.util.Locale.ROOT));
      if (known != null && known.groupable(ApiVersion.LEGACY) && !known.exists(api)) {
        throw new IllegalArgumentException("'" + FathomOptions.FIELD_GROUPING + "': " + name
            + " is no longer a grouping field of Fathom's API (today's API dropped q and s);"
            + " set '" + FathomOptions.API + "' to legacy to read the old API");
      }
      Field f = parse(FathomOptions.FIELD_GROUPING, () -> Field.parse(name, api));
      if (!seen.add(f)) {
        throw new IllegalArgumentException("'" + FathomOptions.FIELD_GROUPING + "' names " + name + " twice");
      }
      out.add(f);
    }
    return List.copyOf(out);
  }

  private static ZoneId zone(String raw) {
    try {
      if (!ZONE_NAMES.contains(raw)) {
        // ZoneId.of also takes offsets such as +02:00 or GMT+2, which Fathom does not.
        throw new DateTimeException(raw);
      }
      return ZoneId.of(raw);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + FathomOptions.TIMEZONE
          + "' must be a TZ database name such as UTC or Europe/Berlin; got: '" + raw + "'");
    }
  }

  /** A date alone means the day's first second (from) or last second (to). */
  private static LocalDateTime localTime(OptionReader o, String key, boolean endOfDay) {
    String raw = o.text(key);
    if (raw == null) {
      return null;
    }
    try {
      if (DATE_ONLY.matcher(raw).matches()) {
        LocalDate d = LocalDate.parse(raw);
        return endOfDay ? d.atTime(23, 59, 59) : d.atStartOfDay();
      }
      if (DATE_TIME_SHAPE.matcher(raw).matches()) {
        return LocalDateTime.parse(raw.replace('T', ' '), DATE_TIME);
      }
    } catch (DateTimeParseException e) {
      // falls through to the message below, which says what is accepted
    }
    throw new IllegalArgumentException("'" + key
        + "' must be a local time YYYY-MM-DD or YYYY-MM-DD HH:MM:SS; got: '" + raw + "'");
  }

  private static ClientConfig clientConfig(OptionReader o, Map<String, String> env) {
    String[] from = new String[1];
    String secret = tokenOrFile(o, from);
    if (secret == null) {
      String fromEnv = env.get(FathomOptions.TOKEN_ENV);
      secret = fromEnv == null || fromEnv.isBlank() ? null : fromEnv.trim();
      from[0] = FathomOptions.TOKEN_ENV;
    }
    if (secret == null) {
      throw new IllegalArgumentException("No API token: set option '" + FathomOptions.TOKEN_FILE
          + "' or '" + FathomOptions.TOKEN + "' (or spark.datasource.fathom.token.file, "
          + "spark.datasource.fathom.token), or " + FathomOptions.TOKEN_ENV);
    }
    ApiToken token;
    try {
      token = ApiToken.of(secret);
    } catch (IllegalArgumentException e) {
      // The message must not echo the secret, only say what is wrong with it.
      throw new IllegalArgumentException("'" + from[0] + "': " + e.getMessage(), e);
    }
    String baseUrl = orDefault(o.text(FathomOptions.BASE_URL), FathomOptions.DEFAULT_BASE_URL);
    ClientConfig defaults = ClientConfig.defaults(token);
    return parse(FathomOptions.BASE_URL, () -> defaults.withBaseUrl(baseUrl))
        .withTimeouts(
            Duration.ofSeconds(o.integer(FathomOptions.CONNECT_TIMEOUT, FathomOptions.DEFAULT_CONNECT_TIMEOUT_SECONDS, 1, 3600)),
            Duration.ofSeconds(o.integer(FathomOptions.READ_TIMEOUT, FathomOptions.DEFAULT_READ_TIMEOUT_SECONDS, 1, 3600)),
            Duration.ofSeconds(o.integer(FathomOptions.CALL_TIMEOUT, FathomOptions.DEFAULT_CALL_TIMEOUT_SECONDS, 1, 7200)))
        .withRetries(o.integer(FathomOptions.MAX_RETRIES, FathomOptions.DEFAULT_MAX_RETRIES, 0, 100))
        .withRateLimits(
            o.integer(FathomOptions.RATE_PER_MINUTE, FathomOptions.DEFAULT_RATE_PER_MINUTE, 1, 100_000),
            o.integer(FathomOptions.RATE_PER_HOUR, FathomOptions.DEFAULT_RATE_PER_HOUR, 1, 10_000_000))
        .withBudget(
            o.integer(FathomOptions.MAX_IN_FLIGHT, FathomOptions.DEFAULT_MAX_IN_FLIGHT, 1, 100),
            Duration.ofSeconds(o.integer(FathomOptions.MAX_WAIT, FathomOptions.DEFAULT_MAX_WAIT_SECONDS, 0, 86_400)))
        .withApiVersion(dev.sparkfathom.api.ApiVersion.LEGACY);
  }

  /**
   * The token given as {@code token} or read from {@code token.file}; null when neither is set.
   * When both are set, the read's own option wins over a session setting; both on the same level
   * is a mistake. Messages name the file, never what it holds. {@code from[0]} receives the
   * key the secret came from, for messages about it.
   */
  private static String tokenOrFile(OptionReader o, String[] from) {
    boolean hasToken = o.has(FathomOptions.TOKEN);
    boolean hasFile = o.has(FathomOptions.TOKEN_FILE);
    if (hasToken && hasFile) {
      boolean tokenFromSession = o.fromSession(FathomOptions.TOKEN);
      if (tokenFromSession == o.fromSession(FathomOptions.TOKEN_FILE)) {
        throw new IllegalArgumentException("give one of '" + FathomOptions.TOKEN + "' and '"
            + FathomOptions.TOKEN_FILE + "', not both");
      }
      hasToken = !tokenFromSession;
      hasFile = !hasToken;
    }
    if (hasToken) {
      from[0] = FathomOptions.TOKEN;
      return o.text(FathomOptions.TOKEN);
    }
    if (!hasFile) {
      return null;
    }
    from[0] = FathomOptions.TOKEN_FILE;
    String file = o.text(FathomOptions.TOKEN_FILE);
    String content;
    try {
      content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("'" + FathomOptions.TOKEN_FILE + "': cannot read the file "
          + file + " (" + e.getClass().getSimpleName() + ")");
    }
    if (content.isBlank()) {
      throw new IllegalArgumentException("'" + FathomOptions.TOKEN_FILE + "': the file " + file
          + " holds no token");
    }
    return content.strip();
  }

  public Entity entity() {
    return entity;
  }

  /** The API revision the read speaks (option {@code api}). */
  public ApiVersion api() {
    return api;
  }

  /** The event's name of an event read in today's API; null otherwise. */
  public String eventName() {
    return eventName;
  }

  /** The {@code limit} a grouped request sends in today's API (option {@code request.row_limit}). */
  public int rowLimit() {
    return rowLimit;
  }

  /** True when the option {@code timezone} was given: requests send it. */
  public boolean timezoneGiven() {
    return timezoneGiven;
  }

  /**
   * The site the read's entity belongs to (a pageview read's site, an event read's site in
   * today's API); null for a legacy event read, named by goal code.
   */
  public String siteId() {
    return entity == Entity.PAGEVIEW || eventName != null ? entityId : null;
  }

  public String entityId() {
    return entityId;
  }

  /** The aggregates, in column order; all of the entity's when the option is absent. */
  public List<Aggregate> aggregates() {
    return aggregates;
  }

  public List<Field> fieldGrouping() {
    return fieldGrouping;
  }

  /** Null when the read reports totals. */
  public DateGrouping dateGrouping() {
    return dateGrouping;
  }

  /**
   * The read's timezone: the option's, else (legacy) UTC, else the site's once resolved
   * ({@link #withSiteTimezone}); null before that.
   */
  public ZoneId timezone() {
    return timezone;
  }

  /** Inclusive local start; null for the default (site creation, else 2021-03-01). */
  public LocalDateTime dateFrom() {
    return dateFrom;
  }

  /** Inclusive local end; null for now. */
  public LocalDateTime dateTo() {
    return dateTo;
  }

  /** The option's raw filters, always applied. */
  public List<Filter> filters() {
    return filters;
  }

  public int partitions() {
    return partitions;
  }

  public int dayWindowMonths() {
    return dayWindowMonths;
  }

  public int hourWindowDays() {
    return hourWindowDays;
  }

  public int maxRequests() {
    return maxRequests;
  }

  public boolean pushdown() {
    return pushdown;
  }

  /**
   * True when an hourly {@code date} is a {@code TIMESTAMP} (the instant the hour starts);
   * false for {@code TIMESTAMP_NTZ}, the local hour as Fathom labels it.
   */
  public boolean hourAsTimestamp() {
    return hourAsTimestamp;
  }

  public boolean assumeDocumentedSemantics() {
    return assumeDocumentedSemantics;
  }

  /**
   * The largest estimated answer of one partition an executor keeps for reruns (option
   * {@code cache.partition_bytes}); 0 keeps none; {@link Long#MAX_VALUE} when not given (the
   * JVM's own bound, shared by all reads, is then the only one).
   */
  public long cachePartitionBytes() {
    return cachePartitionBytes;
  }

  public ClientConfig client() {
    return client;
  }

  /** {@code host:port} of a standalone budget coordinator, or null when the driver hosts one. */
  public String budgetCoordinator() {
    return budgetCoordinator;
  }

  private List<Object> identity() {
    return java.util.Arrays.asList(api, entity, entityId, eventName, rowLimit, timezoneGiven, aggregates, fieldGrouping, dateGrouping, timezone,
        hourAsTimestamp, dateFrom, dateTo, filters, partitions, dayWindowMonths, hourWindowDays, maxRequests, pushdown,
        assumeDocumentedSemantics, cachePartitionBytes, client, budgetCoordinator, schedule);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadSpec other && identity().equals(other.identity());
  }

  @Override
  public int hashCode() {
    return identity().hashCode();
  }

  @Override
  public String toString() {
    return "ReadSpec[api=" + api + ", entity=" + entity + ", entityId=" + entityId
        + (eventName == null ? "" : ", event=" + eventName) + ", aggregates=" + aggregates
        + ", fieldGrouping=" + fieldGrouping + ", dateGrouping=" + dateGrouping + ", timezone="
        + timezone + ", hourAsTimestamp=" + hourAsTimestamp + ", dateFrom=" + dateFrom + ", dateTo=" + dateTo + ", filters=" + filters
        + ", partitions=" + partitions + ", pushdown=" + pushdown + ", assumeDocumentedSemantics="
        + assumeDocumentedSemantics + ", client=" + client + ", schedule=" + schedule + "]";
  }
}
