package dev.sparkfathom.client;

import dev.sparkfathom.client.model.Account;
import dev.sparkfathom.client.model.CurrentVisitors;
import dev.sparkfathom.client.model.Deleted;
import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.client.model.EventCreate;
import dev.sparkfathom.client.model.EventUpdate;
import dev.sparkfathom.client.model.Page;
import dev.sparkfathom.client.model.PageRequest;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.client.model.SiteCreate;
import dev.sparkfathom.client.model.SiteUpdate;
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
 * The Fathom API, one method per endpoint of the docs. Thread-safe. Every call waits for the
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
        EntityDecoders.one("account", EntityDecoders::account));
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
        EntityDecoders.one("site", EntityDecoders::site));
  }

  /** {@code POST /sites}. Never repeated after it may have reached Fathom. */
  public Site createSite(SiteCreate site) {
    return call(ApiRequest.post(site.toFormParameters(), "sites"),
        EntityDecoders.one("site", EntityDecoders::site));
  }

  /** {@code POST /sites/{id}} with only the parts that change. */
  public Site updateSite(String siteId, SiteUpdate update) {
    return call(ApiRequest.post(update.toFormParameters(), "sites", id("site id", siteId)),
        EntityDecoders.one("site", EntityDecoders::site));
  }

  /** {@code DELETE /sites/{id}/data}: removes every pageview and completion of the site. */
  public Wiped wipeSite(String siteId) {
    return call(ApiRequest.delete("sites", id("site id", siteId), "data"),
        EntityDecoders.one("wipe answer", EntityDecoders::wiped));
  }

  /** {@code DELETE /sites/{id}}. */
  public Deleted deleteSite(String siteId) {
    return call(ApiRequest.delete("sites", id("site id", siteId)),
        EntityDecoders.one("delete answer", EntityDecoders::deleted));
  }

  /** {@code GET /sites/{id}/events} with the page's limit and cursor. */
  public Page<Event> listEvents(String siteId, PageRequest req) {
    Objects.requireNonNull(req, "page request");
    String site = id("site id", siteId);
    return call(ApiRequest.get(ENTITIES, req.toParameters(), "sites", site, "events"),
        EntityDecoders.page("event", EntityDecoders.event(site)));
  }

  /** Every event of the site, oldest first, fetched 100 at a time as the iteration goes. */
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

  /** {@code GET /sites/{site}/events/{event}}. */
  public Event getEvent(String siteId, String eventId) {
    String site = id("site id", siteId);
    return call(ApiRequest.get(ENTITIES, Map.of(), "sites", site, "events", id("event id", eventId)),
        EntityDecoders.one("event", EntityDecoders.event(site)));
  }

  /** {@code POST /sites/{site}/events}. Never repeated after it may have reached Fathom. */
  public Event createEvent(String siteId, EventCreate event) {
    String site = id("site id", siteId);
    return call(ApiRequest.post(event.toFormParameters(), "sites", site, "events"),
        EntityDecoders.one("event", EntityDecoders.event(site)));
  }

  /** {@code POST /sites/{site}/events/{event}}. */
  public Event updateEvent(String siteId, String eventId, EventUpdate update) {
    String site = id("site id", siteId);
    return call(ApiRequest.post(update.toFormParameters(), "sites", site, "events",
        id("event id", eventId)), EntityDecoders.one("event", EntityDecoders.event(site)));
  }

  /** {@code DELETE /sites/{site}/events/{event}/data}: removes the event's completions. */
  public Wiped wipeEvent(String siteId, String eventId) {
    return call(ApiRequest.delete("sites", id("site id", siteId), "events", id("event id", eventId),
        "data"), EntityDecoders.one("wipe answer", EntityDecoders::wiped));
  }

  /** {@code DELETE /sites/{site}/events/{event}}. */
  public Deleted deleteEvent(String siteId, String eventId) {
    return call(ApiRequest.delete("sites", id("site id", siteId), "events", id("event id", eventId)),
        EntityDecoders.one("delete answer", EntityDecoders::deleted));
  }

  /**
   * {@code GET /aggregations} with {@link AggregationQuery#toParameters()}: every row, decoded
   * in the query's layout, and what the call cost.
   */
  public AggregationResult aggregate(AggregationQuery query) {
    StatsRecorder stats = new StatsRecorder();
    List<AggregationRow> rows = call(
        ApiRequest.get(RateLimiter.Bucket.AGGREGATIONS, query.toParameters(), "aggregations"),
        new AggregationDecoder(query), stats);
    return new AggregationResult(rows, stats.snapshot());
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

  private static String id(String what, String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
    return id;
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
