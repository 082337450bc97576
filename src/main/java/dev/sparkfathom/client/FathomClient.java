package dev.sparkfathom.client;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.client.model.Account;
import dev.sparkfathom.client.model.CurrentVisitors;
import dev.sparkfathom.client.model.Deleted;
import dev.sparkfathom.client.model.DeletedEvent;
import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.client.model.EventCreate;
import dev.sparkfathom.client.model.EventCurrency;
import dev.sparkfathom.client.model.EventUpdate;
import dev.sparkfathom.client.model.Milestone;
import dev.sparkfathom.client.model.MilestoneWrite;
import dev.sparkfathom.client.model.Page;
import dev.sparkfathom.client.model.PageRequest;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.client.model.SiteCreate;
import dev.sparkfathom.client.model.SiteUpdate;
import dev.sparkfathom.client.model.TokenInfo;
import dev.sparkfathom.client.model.Wiped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The Fathom API, one method per endpoint, in the revision {@link ClientConfig#apiVersion()}
 * names: today's API by default, the docs page's with {@link ApiVersion#LEGACY}. Endpoints
 * only today's API has (milestones, token metadata, events by name) are refused before any
 * request in legacy mode; endpoints today's API retired (site wipe, events by goal code) are
 * still sent, and Fathom's 410 becomes a {@link FathomGoneException} that names what replaces
 * them. Thread-safe. Every call waits for the
 * token's rate budget (shared by every client of the token in this JVM), sends {@code Accept:
 * application/json} and the bearer token, decodes the whole answer before it returns, and
 * retries as {@link RetryPolicy} says. Writes go as form parameters, like the docs' {@code
 * curl -d}. Failures are {@link FathomException}s.
 *
 * <p>{@link #close()} only marks this client closed: the connection pool is the JVM's and
 * stays up for other clients.
 */
public final class FathomClient implements AutoCloseable {
  private static final RateLimiter.Bucket ENTITIES = RateLimiter.Bucket.ENTITIES;
  static final String WIPE_GONE = "wiping data is no longer possible through the API;"
      + " delete the site or the event by name instead";
  static final String CREATE_EVENT_GONE = "events now come into being when the site tracks them;"
      + " use listEvents, and setEventCurrency(siteId, name, currency) for a currency";
  static final String GET_EVENT_GONE = "events are identified by name: use listEvents";
  static final String UPDATE_EVENT_GONE =
      "use setEventCurrency(siteId, name, currency) to change an event's currency";
  static final String DELETE_EVENT_GONE = "use deleteEventByName(siteId, name)";
  private final ClientConfig config;
  private final HttpExecutor http;
  private volatile boolean closed;

  private FathomClient(ClientConfig config, HttpExecutor http) {
    this.config = config;
    this.http = http;
  }

  /** A client on the JVM's shared pool and limiter, the system clock and real sleeps. */
  public static FathomClient create(ClientConfig config) {
    return builder(config).build();
  }

  /** For callers that inject a clock, sleeper, random source or limiter (tests mostly). */
  public static Builder builder(ClientConfig config) {
    return new Builder(config);
  }

  public ClientConfig config() {
    return config;
  }

  /** {@code GET /account}. */
  public Account account() {
    return call(ApiRequest.get(ENTITIES, Map.of(), "account"),
        EntityDecoders.one("account", "account", EntityDecoders::account));
  }

  /** {@code GET /sites} with the page's limit and cursor. */
  public Page<Site> listSites(PageRequest req) {
    Objects.requireNonNull(req, "page request");
    return call(ApiRequest.get(ENTITIES, req.toParameters(), "sites"),
        EntityDecoders.page("site", EntityDecoders::site));
  }

  /** Every site, oldest first, fetched 100 at a time as the iteration reaches each page. */
  public Iterable<Site> allSites() {
    return allSites(PageRequest.ofLimit(PageRequest.MAX_LIMIT));
  }

  /** Every site from {@code first} on, in its direction, fetched as the iteration goes. */
  public Iterable<Site> allSites(PageRequest first) {
    return () -> new PagingIterator<>(first, this::listSites, Site::id);
  }

  public Stream<Site> streamSites() {
    return stream(allSites());
  }

  /** {@code GET /sites/{id}}. */
  public Site getSite(String siteId) {
    return call(ApiRequest.get(ENTITIES, Map.of(), "sites", id("site id", siteId)),
        EntityDecoders.one("site", "site", EntityDecoders::site));
  }

  /** {@code POST /sites}. Never repeated after it may have reached Fathom. */
  public Site createSite(SiteCreate site) {
    Objects.requireNonNull(site, "site");
    if (site.usesCurrentAttributes()) {
      requireCurrent("a site's timezone, multi_domain and multi_domain_option");
    }
    return call(ApiRequest.post(site.toFormParameters(), "sites"),
        EntityDecoders.one("site", "site", EntityDecoders::site));
  }

  /** {@code POST /sites/{id}} with only the parts that change. */
  public Site updateSite(String siteId, SiteUpdate update) {
    Objects.requireNonNull(update, "update");
    if (update.usesCurrentAttributes()) {
      requireCurrent("a site's timezone, multi_domain and multi_domain_option");
    }
    return call(ApiRequest.post(update.toFormParameters(), "sites", id("site id", siteId)),
        EntityDecoders.one("site", "site", EntityDecoders::site));
  }

  /**
   * {@code DELETE /sites/{id}/data}: removes every pageview and completion of the site.
   *
   * @deprecated retired by today's API (410 Gone, {@link FathomGoneException}); legacy only
   */
  @Deprecated
  public Wiped wipeSite(String siteId) {
    return call(ApiRequest.delete("sites", id("site id", siteId), "data").retired(WIPE_GONE),
        EntityDecoders.one("wipe answer", "site", EntityDecoders::wiped));
  }

  /** {@code DELETE /sites/{id}}. */
  public Deleted deleteSite(String siteId) {
    return call(ApiRequest.delete("sites", id("site id", siteId)),
        EntityDecoders.one("delete answer", "site", EntityDecoders::deleted));
  }

  /**
   * {@code GET /sites/{id}/events} with the page's limit and cursor. Today an event's id may be
   * absent and its currency is null in lists.
   */
  public Page<Event> listEvents(String siteId, PageRequest req) {
    Objects.requireNonNull(req, "page request");
    String site = id("site id", siteId);
    return call(ApiRequest.get(ENTITIES, req.toParameters(), "sites", site, "events"),
        EntityDecoders.page("event", EntityDecoders.event(site, config.apiVersion())));
  }

  /**
   * Every event of the site, oldest first, fetched 100 at a time as the iteration goes. The
   * cursor is each page's last id: a page that has more but ends with an event without id
   * fails the walk ({@link FathomDecodeException}) rather than stopping early.
   */
  public Iterable<Event> allEvents(String siteId) {
    return allEvents(siteId, PageRequest.ofLimit(PageRequest.MAX_LIMIT));
  }

  public Iterable<Event> allEvents(String siteId, PageRequest first) {
    String site = id("site id", siteId);
    return () -> new PagingIterator<>(first, r -> listEvents(site, r), Event::id);
  }

  public Stream<Event> streamEvents(String siteId) {
    return stream(allEvents(siteId));
  }

  /**
   * {@code DELETE /sites/{site}/events?name=}: deletes every event row of that name (today's
   * API). Never repeated after it may have reached Fathom.
   */
  public DeletedEvent deleteEventByName(String siteId, String name) {
    requireCurrent("deleting an event by name");
    String site = id("site id", siteId);
    String n = Event.checkName(name);
    return call(ApiRequest.delete(Map.of("name", n), "sites", site, "events"),
        EntityDecoders.one("delete answer", "event", EntityDecoders.deletedEvent(site, n)));
  }

  /**
   * {@code POST /sites/{site}/events/currency} with {@code name} and {@code currency}: sets the
   * currency of every event row of that name (today's API).
   */
  public Event setEventCurrency(String siteId, String name, EventCurrency currency) {
    requireCurrent("setting an event's currency by name");
    Objects.requireNonNull(currency, "currency");
    String site = id("site id", siteId);
    String n = Event.checkName(name);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("name", n);
    form.put("currency", currency.apiName());
    return call(ApiRequest.post(form, "sites", site, "events", "currency"),
        EntityDecoders.one("event", "event",
            EntityDecoders.currencySet(site, n, currency.apiName())));
  }

  /**
   * {@code GET /sites/{site}/events/{event}}.
   *
   * @deprecated retired by today's API ({@link FathomGoneException}): use {@link #listEvents}
   */
  @Deprecated
  public Event getEvent(String siteId, String eventId) {
    String site = id("site id", siteId);
    return call(ApiRequest.get(ENTITIES, Map.of(), "sites", site, "events", id("event id", eventId))
            .retired(GET_EVENT_GONE),
        EntityDecoders.one("event", "event", EntityDecoders.event(site, config.apiVersion())));
  }

  /**
   * {@code POST /sites/{site}/events}. Never repeated after it may have reached Fathom.
   *
   * @deprecated retired by today's API ({@link FathomGoneException}): events come into being
   *     when tracked
   */
  @Deprecated
  public Event createEvent(String siteId, EventCreate event) {
    String site = id("site id", siteId);
    return call(ApiRequest.post(event.toFormParameters(), "sites", site, "events")
            .retired(CREATE_EVENT_GONE),
        EntityDecoders.one("event", "event", EntityDecoders.event(site, config.apiVersion())));
  }

  /**
   * {@code POST /sites/{site}/events/{event}}.
   *
   * @deprecated retired by today's API ({@link FathomGoneException}): use {@link
   *     #setEventCurrency}
   */
  @Deprecated
  public Event updateEvent(String siteId, String eventId, EventUpdate update) {
    String site = id("site id", siteId);
    return call(ApiRequest.post(update.toFormParameters(), "sites", site, "events",
        id("event id", eventId)).retired(UPDATE_EVENT_GONE),
        EntityDecoders.one("event", "event", EntityDecoders.event(site, config.apiVersion())));
  }

  /**
   * {@code DELETE /sites/{site}/events/{event}/data}: removes the event's completions.
   *
   * @deprecated retired by today's API (410 Gone, {@link FathomGoneException}); legacy only
   */
  @Deprecated
  public Wiped wipeEvent(String siteId, String eventId) {
    return call(ApiRequest.delete("sites", id("site id", siteId), "events", id("event id", eventId),
        "data").retired(WIPE_GONE), EntityDecoders.one("wipe answer", "event", EntityDecoders::wiped));
  }

  /**
   * {@code DELETE /sites/{site}/events/{event}}.
   *
   * @deprecated retired by today's API ({@link FathomGoneException}): use {@link
   *     #deleteEventByName}
   */
  @Deprecated
  public Deleted deleteEvent(String siteId, String eventId) {
    return call(ApiRequest.delete("sites", id("site id", siteId), "events", id("event id", eventId))
            .retired(DELETE_EVENT_GONE),
        EntityDecoders.one("delete answer", "event", EntityDecoders::deleted));
  }

  /** {@code GET /sites/{site}/milestones} with the page's limit and cursor (today's API). */
  public Page<Milestone> listMilestones(String siteId, PageRequest req) {
    requireCurrent("milestones");
    Objects.requireNonNull(req, "page request");
    String site = id("site id", siteId);
    return call(ApiRequest.get(ENTITIES, req.toParameters(), "sites", site, "milestones"),
        EntityDecoders.page("milestone", EntityDecoders.milestone(site)));
  }

  /** Every milestone of the site, oldest first, fetched 100 at a time as the iteration goes. */
  public Iterable<Milestone> allMilestones(String siteId) {
    return allMilestones(siteId, PageRequest.ofLimit(PageRequest.MAX_LIMIT));
  }

  public Iterable<Milestone> allMilestones(String siteId, PageRequest first) {
    requireCurrent("milestones");
    String site = id("site id", siteId);
    return () -> new PagingIterator<>(first, r -> listMilestones(site, r), Milestone::id);
  }

  public Stream<Milestone> streamMilestones(String siteId) {
    return stream(allMilestones(siteId));
  }

  /** {@code GET /sites/{site}/milestones/{milestone}}. */
  public Milestone getMilestone(String siteId, String milestoneId) {
    requireCurrent("milestones");
    String site = id("site id", siteId);
    return call(ApiRequest.get(ENTITIES, Map.of(), "sites", site, "milestones",
        id("milestone id", milestoneId)),
        EntityDecoders.one("milestone", "milestone", EntityDecoders.milestone(site)));
  }

  /** {@code POST /sites/{site}/milestones} (Fathom answers 201). Never repeated after it may have reached Fathom. */
  public Milestone createMilestone(String siteId, MilestoneWrite milestone) {
    requireCurrent("milestones");
    Objects.requireNonNull(milestone, "milestone");
    String site = id("site id", siteId);
    return call(ApiRequest.post(milestone.toFormParameters(), "sites", site, "milestones"),
        EntityDecoders.one("milestone", "milestone", EntityDecoders.milestone(site)));
  }

  /** {@code POST /sites/{site}/milestones/{milestone}}: name and date both, as Fathom requires. */
  public Milestone updateMilestone(String siteId, String milestoneId, MilestoneWrite milestone) {
    requireCurrent("milestones");
    Objects.requireNonNull(milestone, "milestone");
    String site = id("site id", siteId);
    return call(ApiRequest.post(milestone.toFormParameters(), "sites", site, "milestones",
        id("milestone id", milestoneId)),
        EntityDecoders.one("milestone", "milestone", EntityDecoders.milestone(site)));
  }

  /** {@code DELETE /sites/{site}/milestones/{milestone}}. */
  public Deleted deleteMilestone(String siteId, String milestoneId) {
    requireCurrent("milestones");
    return call(ApiRequest.delete("sites", id("site id", siteId), "milestones",
        id("milestone id", milestoneId)),
        EntityDecoders.one("delete answer", "milestone", EntityDecoders::deleted));
  }

  /**
   * {@code GET /token}: the calling token's name, permissions, format version and timestamps
   * (today's API; any valid token may ask). Never its secret.
   */
  public TokenInfo token() {
    requireCurrent("token metadata");
    return call(ApiRequest.get(ENTITIES, Map.of(), "token"), EntityDecoders.token());
  }

  /**
   * {@code GET /aggregations} with {@link AggregationQuery#toParameters()}: every row Fathom
   * sent, decoded in the query's layout, what the call cost, and whether the answer may have
   * been cut at the row cap ({@link AggregationResult#mayBeCut()}).
   *
   * @throws IllegalArgumentException before any request when the query was built for another
   *     API revision than this client's
   */
  public AggregationResult aggregate(AggregationQuery query) {
    requireRevision(query);
    StatsRecorder stats = new StatsRecorder();
    List<AggregationRow> rows = call(
        ApiRequest.get(RateLimiter.Bucket.AGGREGATIONS, query.toParameters(), "aggregations"),
        new AggregationDecoder(query), stats);
    return new AggregationResult(rows, stats.snapshot(), query.rowCap());
  }

  /**
   * {@link #aggregate} with the rows held compactly ({@link PackedRows}: UTF-8 values held once
   * each, primitive metrics, bucket ids), as the Spark read path keeps them. The same request,
   * retries and errors; the whole answer is decoded before this returns.
   */
  public PackedResult aggregatePacked(AggregationQuery query) {
    requireRevision(query);
    StatsRecorder stats = new StatsRecorder();
    PackedRows rows = call(
        ApiRequest.get(RateLimiter.Bucket.AGGREGATIONS, query.toParameters(), "aggregations"),
        new PackedDecoder(query), stats);
    return new PackedResult(rows, stats.snapshot(), query.rowCap());
  }

  private void requireRevision(AggregationQuery query) {
    Objects.requireNonNull(query, "query");
    if (query.apiVersion() != config.apiVersion()) {
      throw new IllegalArgumentException("the query was built for the " + query.apiVersion()
          + " API but this client speaks the " + config.apiVersion() + " API; build it with"
          + " apiVersion(ApiVersion." + config.apiVersion().name() + ") or configure the client"
          + " with withApiVersion(ApiVersion." + query.apiVersion().name() + ")");
    }
  }

  /**
   * {@code GET /current_visitors}. {@code detailed=true} is sent only when asked for: the docs
   * say to "set this parameter" for details, so a {@code detailed=false} might read as set.
   */
  public CurrentVisitors currentVisitors(String siteId, boolean detailed) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("site_id", id("site id", siteId));
    if (detailed) {
      q.put("detailed", "true");
    }
    return call(ApiRequest.get(RateLimiter.Bucket.AGGREGATIONS, q, "current_visitors"),
        new CurrentVisitorsDecoder());
  }

  private <T> T call(ApiRequest req, BodyDecoder<T> decoder) {
    return call(req, decoder, new StatsRecorder());
  }

  private <T> T call(ApiRequest req, BodyDecoder<T> decoder, StatsRecorder stats) {
    if (closed) {
      throw new IllegalStateException("this FathomClient is closed");
    }
    return http.execute(req, decoder, stats);
  }

  /** @throws UnsupportedOperationException before any request when this client speaks the legacy API */
  private void requireCurrent(String what) {
    if (config.apiVersion() != ApiVersion.CURRENT) {
      throw new UnsupportedOperationException(what + " belongs to the current API, but this client"
          + " speaks the " + config.apiVersion() + " API (ClientConfig.apiVersion); use"
          + " withApiVersion(ApiVersion.CURRENT)");
    }
  }

  /** @throws InvalidIdException before any request when the id could leave its path segment */
  private static String id(String what, String id) {
    return PathIds.check(what, id);
  }

  private static <T> Stream<T> stream(Iterable<T> items) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items.iterator(),
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "FathomClient[baseUrl=" + config.baseUrl() + ", token=" + config.token() + "]";
  }

  /** Builds a client; every part left unset takes the production default. */
  public static final class Builder {
    private final ClientConfig config;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private RandomGenerator random = Builder::threadLocalLong;
    private SendBudget budget;
    private RetryPolicy retryPolicy;

    private Builder(ClientConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder sleeper(Sleeper value) {
      sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /** The source of back-off jitter; must be safe to share between threads. */
    public Builder random(RandomGenerator value) {
      random = Objects.requireNonNull(value, "random");
      return this;
    }

    /** A limiter of the caller's instead of the JVM's shared one for this token. */
    public Builder rateLimiter(RateLimiter value) {
      budget = Objects.requireNonNull(value, "rateLimiter");
      return this;
    }

    /**
     * Where every request of this client takes its permit to be sent (in a Spark read, the
     * cluster's budget coordinator); default the JVM's shared {@link RateLimiter} of the token.
     */
    public Builder budget(SendBudget value) {
      budget = Objects.requireNonNull(value, "budget");
      return this;
    }

    public Builder retryPolicy(RetryPolicy value) {
      retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    /**
     * Asks {@link ThreadLocalRandom#current()} on every draw: a captured instance used from
     * another thread would share an uninitialised seed and draw the same jitter everywhere.
     */
    private static long threadLocalLong() {
      return ThreadLocalRandom.current().nextLong();
    }

    public FathomClient build() {
      SendBudget l = budget != null ? budget : RateLimiter.shared(config);
      RetryPolicy p = retryPolicy != null ? retryPolicy : RetryPolicy.of(config);
      HttpExecutor executor = new HttpExecutor(config, SharedHttp.withTimeouts(
          config.connectTimeout(), config.readTimeout(), config.callTimeout()), l, p, clock,
          sleeper, random);
      return new FathomClient(config, executor);
    }
  }
}
