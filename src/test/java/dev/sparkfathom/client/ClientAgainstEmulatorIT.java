package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.emulator.server.RowLimits;
import dev.sparkfathom.emulator.data.SiteRecord;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.api.FilterOperator;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.Sort;
import dev.sparkfathom.client.model.Account;
import dev.sparkfathom.client.model.MilestoneWrite;
import dev.sparkfathom.client.model.Milestone;
import dev.sparkfathom.client.model.EventCurrency;
import dev.sparkfathom.client.model.DeletedEvent;
import dev.sparkfathom.client.model.MultiDomainOption;
import dev.sparkfathom.client.model.TokenInfo;
import dev.sparkfathom.client.model.CurrentContent;
import dev.sparkfathom.client.model.CurrentReferrer;
import dev.sparkfathom.client.model.CurrentVisitors;
import dev.sparkfathom.client.model.Deleted;
import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.client.model.EventCreate;
import dev.sparkfathom.client.model.EventUpdate;
import dev.sparkfathom.client.model.Page;
import dev.sparkfathom.client.model.PageRequest;
import dev.sparkfathom.client.model.Sharing;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.client.model.SiteCreate;
import dev.sparkfathom.client.model.SiteUpdate;
import dev.sparkfathom.client.model.Wiped;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.DataStore;
import dev.sparkfathom.emulator.engine.EngineQuery;
import dev.sparkfathom.emulator.engine.ResultRow;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import dev.sparkfathom.emulator.junit.FathomEmulatorExtension;
import dev.sparkfathom.emulator.server.EmulatorClock;
import dev.sparkfathom.emulator.server.FaultSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import dev.sparkfathom.emulator.server.ResponseStyle;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The typed client in legacy mode ({@link ApiVersion#LEGACY}: the docs page's API) against a
 * real in-process emulator answering the same revision, over loopback HTTP: every endpoint,
 * both aggregation response styles, pagination both ways, the API's own error messages, the
 * client's limiter against the emulator's, and seeded faults. No test sleeps: the client's
 * clock is the emulator's clock, and the client's sleeper advances it.
 *
 * <p>Aggregation answers are checked against {@link DataStore#aggregate} on the same store, so
 * the whole path (query parameters, HTTP, rendering in either style, decoding) must be lossless
 * except for the observed style's four-decimal ratios.
 */
@SuppressWarnings("deprecation") // the endpoints today's API retired are tested as the legacy API serves them
class ClientAgainstEmulatorIT {
  private static final LocalDate START = LocalDate.of(2024, 3, 1);
  private static final DataStore STORE = demoStore();
  private static final String SITE = STORE.sites().get(0).id();
  private static final String EVENT = STORE.events(SITE).get(0).id();
  private static final LocalDateTime FROM = START.atStartOfDay();
  private static final LocalDateTime TO = START.plusDays(13).atTime(23, 59, 59);

  @RegisterExtension
  static final FathomEmulatorExtension FATHOM = new FathomEmulatorExtension(b -> b.api(ApiVersion.LEGACY).store(STORE)
      .token("admin:admin-secret-1:admin").token("reader:reader-secret-2:read")
      .rateLimits(new RateLimits(100_000, 100_000)));

  private static FathomEmulator documented;

  @BeforeAll
  static void startDocumentedStyle() throws IOException {
    documented = FathomEmulator.builder().api(ApiVersion.LEGACY).store(STORE).style(ResponseStyle.DOCUMENTED)
        .rateLimits(new RateLimits(100_000, 100_000)).start();
  }

  @AfterAll
  static void stopDocumentedStyle() {
    documented.close();
  }

  private static DataStore demoStore() {
    ColumnarDataStore store = new ColumnarDataStore();
    DemoData.generate(store, new DemoDataSettings(11, START, 14, 3000, 3, 40));
    return store;
  }

  // ---------------------------------------------------------------- account and entities

  @Test
  void accountIsTheEmulatorsAccount() {
    Account account = client(FATHOM.emulator(), "admin-secret-1").account();

    assertThat(account).isEqualTo(new Account("1", "Fathom Emulator", "emulator@localhost"));
    assertThat(FATHOM.emulator().requestLog()).singleElement()
        .satisfies(e -> assertThat(e.tokenName()).isEqualTo("admin"));
  }

  @Test
  void siteAndEventLifecycleThroughEveryEntityEndpoint() throws IOException {
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.LEGACY).store(new ColumnarDataStore())
        .clock(EmulatorClock.fixedAt(Instant.parse("2024-05-01T10:00:00Z"))).seed(3).start()) {
      FathomClient client = client(emu, emu.adminToken());

      Site created = client.createSite(SiteCreate.named("Acme Blog"));
      assertThat(created.name()).isEqualTo("Acme Blog");
      assertThat(created.sharing()).isEqualTo("none");
      assertThat(created.createdAt()).isEqualTo("2024-05-01 10:00:00");
      assertThat(created.id()).matches("[A-Z]{6}");
      String id = created.id();
      assertThat(client.getSite(id)).isEqualTo(created);

      Site renamed = client.updateSite(id, SiteUpdate.rename("Acme Journal"));
      assertThat(renamed).isEqualTo(new Site(id, "Acme Journal", "none", "2024-05-01 10:00:00"));
      Site shared = client.updateSite(id, SiteUpdate.share(Sharing.PRIVATE, "hunter2"));
      assertThat(shared.sharing()).isEqualTo("private");
      assertThat(emu.store().site(id).orElseThrow().sharePassword()).isEqualTo("hunter2");
      assertThat(emu.requestLog().get(emu.requestLog().size() - 1).parameters())
          .doesNotContainValue("hunter2");
      assertThat(client.listSites(PageRequest.FIRST))
          .isEqualTo(new Page<>(List.of(client.getSite(id)), false));

      Event signup = client.createEvent(id, new EventCreate("Signed up!"));
      assertThat(signup).isEqualTo(new Event("signed-up", id, "Signed up!", "2024-05-01 10:00:00"));
      Event again = client.createEvent(id, new EventCreate("Signed up"));
      assertThat(again.id()).isEqualTo("signed-up-2");
      assertThat(client.getEvent(id, "signed-up")).isEqualTo(signup);
      Event renamedEvent = client.updateEvent(id, "signed-up", new EventUpdate("Registered"));
      assertThat(renamedEvent).isEqualTo(new Event("signed-up", id, "Registered", "2024-05-01 10:00:00"));
      assertThat(client.listEvents(id, PageRequest.FIRST).data()).extracting(Event::id)
          .containsExactly("signed-up", "signed-up-2");

      emu.loadJsonl(pageviewAndConversion(id, "signed-up"), false);
      assertThat(emu.store().recordCount()).isEqualTo(2);
      assertThat(client.wipeEvent(id, "signed-up")).isEqualTo(new Wiped("signed-up", "event", true));
      assertThat(emu.store().recordCount()).isEqualTo(1);
      assertThat(client.wipeSite(id)).isEqualTo(new Wiped(id, "site", true));
      assertThat(emu.store().recordCount()).isZero();
      assertThat(emu.store().site(id)).isPresent();

      assertThat(client.deleteEvent(id, "signed-up-2")).isEqualTo(new Deleted("signed-up-2", "event", true));
      assertThat(client.listEvents(id, PageRequest.FIRST).data()).extracting(Event::id)
          .containsExactly("signed-up");
      assertThat(client.deleteSite(id)).isEqualTo(new Deleted(id, "site", true));
      assertThat(client.listSites(PageRequest.FIRST)).isEqualTo(new Page<>(List.of(), false));
      assertThatThrownBy(() -> client.getSite(id))
          .isInstanceOf(FathomNotFoundException.class)
          .hasMessage("HTTP 404 from GET /v1/sites/" + id + ": No site with id '" + id
              + "' (check the site or event id)");
    }
  }

  private static String pageviewAndConversion(String site, String event) {
    return "{\"type\":\"pageview\",\"site_id\":\"" + site + "\",\"timestamp\":\"2024-04-30T09:00:00Z\","
        + "\"pathname\":\"/\",\"new_session\":true,\"unique\":true,\"bounce\":true,\"duration\":0}\n"
        + "{\"type\":\"conversion\",\"site_id\":\"" + site + "\",\"event_id\":\"" + event + "\","
        + "\"timestamp\":\"2024-04-30T09:00:05Z\",\"unique\":true,\"value\":100}\n";
  }

  // ---------------------------------------------------------------- pagination

  @Test
  void walksTwentyFiveSitesForwardsAndBackwardsTenAtATime() throws IOException {
    EmulatorClock clock = EmulatorClock.fixedAt(Instant.parse("2024-05-01T10:00:00Z"));
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.LEGACY).store(new ColumnarDataStore()).clock(clock)
        .seed(9).start()) {
      FathomClient client = client(emu, emu.adminToken());
      List<String> created = new ArrayList<>();
      for (int i = 1; i <= 25; i++) {
        created.add(client.createSite(SiteCreate.named("Site " + i)).id());
        clock.advance(Duration.ofSeconds(1)); // created order differs from id order
      }
      assertThat(created).isNotEqualTo(created.stream().sorted().toList());
      emu.clearRequestLog();

      List<String> forwards = ids(client.allSites(PageRequest.ofLimit(10)));

      assertThat(forwards).isEqualTo(created);
      assertThat(emu.requestLog()).extracting(RequestLogEntry::parameters).containsExactly(
          Map.of("limit", "10"),
          Map.of("limit", "10", "starting_after", created.get(9)),
          Map.of("limit", "10", "starting_after", created.get(19)));
      assertThat(emu.requestLog()).extracting(RequestLogEntry::rows).containsExactly(10, 10, 5);

      emu.clearRequestLog();
      String newest = created.get(24);
      List<String> backwards = ids(client.allSites(PageRequest.ofLimit(10).withEndingBefore(newest)));

      List<String> expected = new ArrayList<>(created.subList(0, 24));
      Collections.reverse(expected);
      assertThat(backwards).isEqualTo(expected);
      assertThat(emu.requestLog()).extracting(RequestLogEntry::rows).containsExactly(10, 10, 4);
      assertThat(emu.requestLog().get(2).parameters())
          .isEqualTo(Map.of("limit", "10", "ending_before", created.get(4)));

      Page<Site> middle = client.listSites(PageRequest.ofLimit(10).withStartingAfter(created.get(9)));
      assertThat(middle.hasMore()).isTrue();
      assertThat(middle.data()).extracting(Site::id).isEqualTo(created.subList(10, 20));
    }
  }

  @Test
  void walksEventsOfOneSiteInPagesOfThree() throws IOException {
    EmulatorClock clock = EmulatorClock.fixedAt(Instant.parse("2024-05-01T10:00:00Z"));
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.LEGACY).store(new ColumnarDataStore()).clock(clock).start()) {
      FathomClient client = client(emu, emu.adminToken());
      String site = client.createSite(SiteCreate.named("Shop")).id();
      List<String> created = new ArrayList<>();
      for (String name : List.of("Zeta", "Alpha", "Mu", "Beta", "Omega", "Kappa", "Delta")) {
        created.add(client.createEvent(site, new EventCreate(name)).id());
        clock.advance(Duration.ofSeconds(1));
      }
      emu.clearRequestLog();

      assertThat(ids(client.allEvents(site, PageRequest.ofLimit(3)))).isEqualTo(created);
      assertThat(emu.requestLog()).extracting(RequestLogEntry::rows).containsExactly(3, 3, 1);
      assertThat(client.streamEvents(site).map(Event::siteId).distinct().toList()).containsExactly(site);
    }
  }

  private static List<String> ids(Iterable<?> items) {
    return StreamSupport.stream(items.spliterator(), false)
        .map(o -> o instanceof Site s ? s.id() : ((Event) o).id()).toList();
  }

  // ---------------------------------------------------------------- errors

  @Test
  void unknownTokenIsUnauthorizedWithTheApiMessage() {
    FathomClient client = client(FATHOM.emulator(), "no-such-token");

    assertThatThrownBy(client::account)
        .isInstanceOfSatisfying(FathomUnauthorizedException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.apiMessage()).isEqualTo("Unauthenticated.");
        })
        .hasMessage("HTTP 401 from GET /v1/account: Unauthenticated. (check that the API token is"
            + " right and allowed to use this endpoint and site)");
  }

  @Test
  void readOnlyTokenMayReadButNotWrite() {
    FathomClient reader = client(FATHOM.emulator(), "reader-secret-2");
    assertThat(reader.getSite(SITE).id()).isEqualTo(SITE);

    assertThatThrownBy(() -> reader.createSite(SiteCreate.named("Nope")))
        .isInstanceOfSatisfying(FathomUnauthorizedException.class,
            e -> assertThat(e.apiMessage())
                .isEqualTo("This token doesn't have permission to access this endpoint"))
        .hasMessage("HTTP 401 from POST /v1/sites: This token doesn't have permission to access"
            + " this endpoint (check that the API token is right and allowed to use this endpoint"
            + " and site)")
        .hasMessageNotContaining("reader-secret-2");
    assertThat(STORE.sites()).extracting(s -> s.name()).doesNotContain("Nope");
    assertThat(FATHOM.emulator().requestLog()).extracting(RequestLogEntry::status).containsExactly(200, 401);
  }

  @Test
  void unknownSiteIsNotFoundForEntitiesAndAggregations() {
    FathomClient client = client(FATHOM.emulator(), "admin-secret-1");

    assertThatThrownBy(() -> client.getSite("NOSUCH"))
        .isInstanceOf(FathomNotFoundException.class)
        .hasMessage("HTTP 404 from GET /v1/sites/NOSUCH: No site with id 'NOSUCH' (check the site or event id)");
    assertThatThrownBy(() -> client.getEvent(SITE, "nope"))
        .isInstanceOf(FathomNotFoundException.class)
        .hasMessage("HTTP 404 from GET /v1/sites/" + SITE + "/events/nope: No event with id 'nope'"
            + " on site '" + SITE + "' (check the site or event id)");
    AggregationQuery q = legacy(Entity.PAGEVIEW, "NOSUCH")
        .aggregates(Aggregate.PAGEVIEWS).build();
    assertThatThrownBy(() -> client.aggregate(q))
        .isInstanceOfSatisfying(FathomNotFoundException.class, e -> {
          assertThat(e.apiMessage()).isEqualTo("No site with id 'NOSUCH'");
          assertThat(e.stats().attempts()).isEqualTo(1);
        });
  }

  @Test
  void badRequestsCarryTheEmulatorsMessage() {
    FathomClient client = client(FATHOM.emulator(), "admin-secret-1");

    AggregationQuery tooWide = legacy(Entity.PAGEVIEW, SITE)
        .aggregates(Aggregate.PAGEVIEWS).dateGrouping(DateGrouping.HOUR)
        .dateFrom(FROM).dateTo(FROM.plusDays(40)).build();
    assertThatThrownBy(() -> client.aggregate(tooWide))
        .isInstanceOfSatisfying(FathomBadRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageEndingWith(": 'date_grouping' hour allows at most 31 days between 'date_from'"
            + " and 'date_to'; got 2024-03-01 00:00:00 to 2024-04-10 00:00:00");

    assertThatThrownBy(() -> client.listSites(PageRequest.ofLimit(5).withStartingAfter("ZZZZZZ")))
        .isInstanceOf(FathomBadRequestException.class)
        .hasMessage("HTTP 400 from GET /v1/sites?limit=5&starting_after=ZZZZZZ: 'starting_after'"
            + " must be the id of an object in this list; got: 'ZZZZZZ'");
  }

  /**
   * The typed query cannot name an aggregate of another entity, so a "bad aggregate" never
   * reaches Fathom: it fails in the builder, with no request sent.
   */
  @Test
  void aggregateOfTheWrongEntityIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> legacy(Entity.EVENT, EVENT).aggregates(Aggregate.PAGEVIEWS).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("aggregate pageviews is not valid for entity event; accepted: conversions,"
            + " unique_conversions, value");
    assertThat(FATHOM.emulator().requestLog()).isEmpty();
  }

  // ---------------------------------------------------------------- aggregations

  private static List<AggregationQuery> queries() {
    return List.of(
        legacy(Entity.PAGEVIEW, SITE)
            .aggregates(Aggregate.PAGEVIEWS, Aggregate.VISITS, Aggregate.UNIQUES,
                Aggregate.AVG_DURATION, Aggregate.BOUNCE_RATE)
            .dateGrouping(DateGrouping.DAY).timezone("Europe/Berlin").dateFrom(FROM).dateTo(TO).build(),
        legacy(Entity.PAGEVIEW, SITE)
            .aggregates(Aggregate.PAGEVIEWS, Aggregate.BOUNCE_RATE)
            .fieldGrouping(Field.PATHNAME, Field.BROWSER)
            .sortBy(new Sort("pageviews", true)).limit(15)
            .addFilter(Filter.isNot(Field.DEVICE_TYPE, "Phone"))
            .dateFrom(FROM).dateTo(TO).build(),
        legacy(Entity.PAGEVIEW, SITE)
            .aggregates(Aggregate.UNIQUES, Aggregate.AVG_DURATION)
            .dateGrouping(DateGrouping.HOUR).fieldGrouping(Field.COUNTRY_CODE)
            .addFilter(Filter.isLike(Field.PATHNAME, "/blog"))
            .timezone("America/New_York").dateFrom(FROM.plusDays(9)).dateTo(FROM.plusDays(11)).build(),
        legacy(Entity.EVENT, EVENT)
            .aggregates(Aggregate.CONVERSIONS, Aggregate.UNIQUE_CONVERSIONS, Aggregate.VALUE)
            .dateGrouping(DateGrouping.MONTH).fieldGrouping(Field.REFERRER_HOSTNAME)
            .sortBy(new Sort("timestamp", false)).dateFrom(FROM).dateTo(TO).build(),
        legacy(Entity.PAGEVIEW, SITE).aggregates(Aggregate.PAGEVIEWS)
            .dateFrom(FROM).dateTo(TO).build());
  }

  @Test
  void observedStyleAnswersEqualTheStoreWithRatiosToFourDecimals() {
    FathomClient client = client(FATHOM.emulator(), "admin-secret-1");
    for (AggregationQuery q : queries()) {
      List<AggregationRow> rows = client.aggregate(q).rows();
      assertThat(rows).as(q.toString()).isNotEmpty().isEqualTo(expected(q, true));
    }
  }

  @Test
  void documentedStyleAnswersEqualTheStoreExactly() {
    FathomClient client = client(documented, documented.adminToken());
    for (AggregationQuery q : queries()) {
      List<AggregationRow> rows = client.aggregate(q).rows();
      assertThat(rows).as(q.toString()).isNotEmpty().isEqualTo(expected(q, false));
    }
  }

  @Test
  void bothStylesDecodeToTheSameRowsWhenRatiosAreLeftOut() {
    FathomClient observed = client(FATHOM.emulator(), "admin-secret-1");
    FathomClient doc = client(documented, documented.adminToken());
    AggregationQuery q = queries().get(3);
    AggregationResult a = observed.aggregate(q);
    AggregationResult b = doc.aggregate(q);

    assertThat(a.rows()).isEqualTo(b.rows());
    assertThat(a.stats().attempts()).isEqualTo(1);
    assertThat(a.stats().bytesRead()).isPositive();
  }

  /**
   * Round-trip time of one day-by-day aggregation (14 rows) client to emulator over loopback,
   * after warm-up: printed for the report, and bounded loosely so a pathological slowdown
   * (such as the 40 ms delayed-ACK stall) fails.
   */
  @Test
  void aggregationRoundTripIsFast() {
    FathomClient client = client(FATHOM.emulator(), "admin-secret-1");
    AggregationQuery q = queries().get(0);
    for (int i = 0; i < 20; i++) {
      client.aggregate(q);
    }
    long[] nanos = new long[50];
    for (int i = 0; i < nanos.length; i++) {
      long t = System.nanoTime();
      client.aggregate(q);
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    double medianMs = nanos[nanos.length / 2] / 1e6;
    double p90Ms = nanos[nanos.length * 9 / 10] / 1e6;
    System.out.printf("aggregation round trip (14 day rows, 5 metrics): median %.2f ms, p90 %.2f ms%n",
        medianMs, p90Ms);
    assertThat(medianMs).isLessThan(30);
  }

  /** What the store answers for the query, as the client should decode it. */
  private static List<AggregationRow> expected(AggregationQuery q, boolean observedStyle) {
    ZoneId zone = ZoneId.of(q.timezone());
    EngineQuery eq = new EngineQuery(q.entity(), q.entityId(), q.aggregates(), q.fieldGrouping(),
        q.dateGrouping(), zone, ZonedDateTime.of(q.dateFrom(), zone).toInstant(),
        ZonedDateTime.of(q.dateTo(), zone).toInstant(), q.filters(), q.sortBy(), q.limit());
    List<AggregationRow> out = new ArrayList<>();
    for (ResultRow r : STORE.aggregate(eq)) {
      Number[] metrics = new Number[r.metrics().length];
      for (int i = 0; i < metrics.length; i++) {
        Aggregate a = q.aggregates().get(i);
        Number v = r.metrics()[i];
        metrics[i] = a.integral() ? (Number) v.longValue()
            : observedStyle ? fourDecimals(v.doubleValue()) : (Number) v.doubleValue();
      }
      out.add(new AggregationRow(r.date() == null ? null : DateLabels.parse(r.date(), q.dateGrouping()),
          r.fields().clone(), metrics));
    }
    return out;
  }

  private static Double fourDecimals(double d) {
    return Double.valueOf(BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).toPlainString());
  }

  // ---------------------------------------------------------------- current visitors

  @Test
  void currentVisitorsFollowTheEmulatorClockInBothStyles() throws IOException {
    EmulatorClock clock = EmulatorClock.fixedAt(Instant.parse("2024-03-06T13:02:00Z"));
    for (ResponseStyle style : ResponseStyle.values()) {
      try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.LEGACY).store(STORE).style(style).clock(clock).start()) {
        FathomClient client = client(emu, emu.adminToken());
        clock.setFixed(Instant.parse("2024-03-06T13:02:00Z"));
        dev.sparkfathom.emulator.engine.CurrentVisitors truth =
            STORE.currentVisitors(SITE, clock.instant(), true);
        assertThat(truth.total()).as("demo data has visitors then").isPositive();

        CurrentVisitors plain = client.currentVisitors(SITE, false);
        assertThat(plain).isEqualTo(new CurrentVisitors(truth.total(), List.of(), List.of()));
        assertThat(emu.requestLog().get(0).parameters()).isEqualTo(Map.of("site_id", SITE));

        CurrentVisitors detailed = client.currentVisitors(SITE, true);
        assertThat(detailed).as(style.flag()).isEqualTo(new CurrentVisitors(truth.total(),
            truth.content().stream().map(p -> new CurrentContent(p.hostname(), p.pathname(), p.total())).toList(),
            truth.referrers().stream().map(r -> new CurrentReferrer(r.referrerHostname(),
                r.referrerPathname(), r.total())).toList()));
        assertThat(detailed.content()).isNotEmpty();

        clock.advance(Duration.ofDays(30)); // after the last demo record
        assertThat(client.currentVisitors(SITE, true))
            .isEqualTo(new CurrentVisitors(0, List.of(), List.of()));
      }
    }
  }

  // ---------------------------------------------------------------- rate limits

  @Test
  void matchingLimitsWaitOnTheClientSoTheEmulatorNeverSays429() throws IOException {
    EmulatorClock clock = EmulatorClock.fixedAt(Instant.parse("2024-06-01T00:00:00Z"));
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.LEGACY).store(STORE).clock(clock)
        .rateLimits(new RateLimits(3, 2000)).start()) {
      ClockSleeper sleeper = new ClockSleeper(clock);
      FathomClient client = client(emu, emu.adminToken(), sleeper,
          new RateLimiter(3, 2000, RateLimiter.DEFAULT_MARGIN, clock, sleeper));
      AggregationQuery q = queries().get(4);
      List<Instant> sent = new ArrayList<>();
      RequestStats total = RequestStats.NONE;

      for (int i = 0; i < 7; i++) {
        total = total.plus(client.aggregate(q).stats());
        sent.add(emu.requestLog().get(i).time());
      }

      assertThat(emu.requestLog()).extracting(RequestLogEntry::status).containsOnly(200);
      assertThat(total.rateLimited()).isZero();
      assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(61), Duration.ofSeconds(61));
      Instant t0 = Instant.parse("2024-06-01T00:00:00Z");
      assertThat(sent).containsExactly(t0, t0, t0, t0.plusSeconds(61), t0.plusSeconds(61),
          t0.plusSeconds(61), t0.plusSeconds(122));
      assertThat(Duration.ofNanos(total.limiterWaitNanos())).isEqualTo(Duration.ofSeconds(122));
    }
  }

  @Test
  void aLooserClientLimitMeets429AndHonoursRetryAfterOnTheEmulatorClock() throws IOException {
    EmulatorClock clock = EmulatorClock.fixedAt(Instant.parse("2024-06-01T00:00:00Z"));
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.LEGACY).store(STORE).clock(clock)
        .rateLimits(new RateLimits(3, 2000)).start()) {
      ClockSleeper sleeper = new ClockSleeper(clock);
      FathomClient client = client(emu, emu.adminToken(), sleeper,
          new RateLimiter(10, 2000, RateLimiter.DEFAULT_MARGIN, clock, sleeper));
      AggregationQuery q = queries().get(4);
      List<AggregationRow> expected = client.aggregate(q).rows();
      client.aggregate(q);
      client.aggregate(q);
      clock.advance(Duration.ofSeconds(20));

      AggregationResult fourth = client.aggregate(q);

      assertThat(fourth.rows()).isEqualTo(expected);
      assertThat(fourth.stats().rateLimited()).isEqualTo(1);
      assertThat(fourth.stats().attempts()).isEqualTo(2);
      assertThat(Duration.ofNanos(fourth.stats().retryAfterWaitNanos())).isEqualTo(Duration.ofSeconds(40));
      assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(40));
      assertThat(emu.requestLog()).extracting(RequestLogEntry::status).containsExactly(200, 200, 200, 429, 200);
    }
  }

  @Test
  void rateLimitOnTheEntityBudgetGivesUpWhenRetryAfterPassesMaxWait() throws IOException {
    EmulatorClock clock = EmulatorClock.fixedAt(Instant.parse("2024-06-01T00:00:00Z"));
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.LEGACY).store(STORE).clock(clock)
        .rateLimits(new RateLimits(3, 1)).start()) {
      ClockSleeper sleeper = new ClockSleeper(clock);
      FathomClient client = FathomClient.builder(config(emu, emu.adminToken()).withRetries(0))
          .clock(clock).sleeper(sleeper).random(() -> 0L)
          .rateLimiter(new RateLimiter(100, 100, Duration.ZERO, clock, sleeper)).build();
      client.account();

      assertThatThrownBy(client::account)
          .isInstanceOfSatisfying(FathomRateLimitException.class,
              e -> assertThat(e.stats().rateLimited()).isEqualTo(1))
          .hasMessage("HTTP 429 from GET /v1/account: Too Many Attempts. (Fathom asked to wait 3600 s);"
              + " waiting would pass 'rate.max_wait' (600 s)");
    }
  }

  // ---------------------------------------------------------------- faults

  @Test
  void getsUnderSeededFaultsReturnExactlyTheFaultFreeRows() {
    FathomEmulator emu = FATHOM.emulator();
    ClockSleeper sleeper = new ClockSleeper(emu.clock());
    FathomClient client = FathomClient.builder(config(emu, "admin-secret-1").withRetries(12))
        .clock(emu.clock()).sleeper(sleeper).random(() -> 0L)
        .rateLimiter(new RateLimiter(100_000, 100_000, Duration.ZERO, emu.clock(), sleeper)).build();
    List<List<AggregationRow>> clean = queries().stream().map(q -> client.aggregate(q).rows()).toList();
    List<Site> cleanSites = everySite(STORE.sites().size(), client);
    List<Event> cleanEvents = client.listEvents(SITE, PageRequest.FIRST).data();

    emu.faults(new FaultSettings(0.2, Duration.ZERO, 0.15, 0.15, 0.15, 20240601));
    emu.clearRequestLog();
    int retries = 0;
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < clean.size(); i++) {
        AggregationResult r = client.aggregate(queries().get(i));
        assertThat(r.rows()).isEqualTo(clean.get(i));
        retries += r.stats().retries();
      }
      assertThat(everySite(STORE.sites().size(), client)).isEqualTo(cleanSites);
      assertThat(client.listEvents(SITE, PageRequest.FIRST).data()).isEqualTo(cleanEvents);
      assertThat(client.getSite(SITE)).isEqualTo(cleanSites.get(0));
    }

    Map<String, Long> faults = emu.requestLog().stream().filter(e -> e.fault() != null)
        .collect(Collectors.groupingBy(RequestLogEntry::fault, Collectors.counting()));
    System.out.println("faults met by " + emu.requestLog().size() + " requests: " + faults
        + ", aggregation retries: " + retries);
    assertThat(faults).containsKeys("error", "disconnect", "truncate", "garbage");
    assertThat(retries).isPositive();
    assertThat(sleeper.waits()).hasSize(faults.values().stream().mapToInt(Long::intValue).sum());
  }

  private static List<Site> everySite(int n, FathomClient client) {
    List<Site> all = new ArrayList<>();
    client.allSites(PageRequest.ofLimit(2)).forEach(all::add);
    assertThat(all).hasSize(n);
    return all;
  }

  @Test
  void createThatFailsOnTheServerIsNotRepeated() throws IOException {
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.LEGACY).store(new ColumnarDataStore())
        .faults(FaultSettings.NONE.withErrorRate(1).withSeed(1)).start()) {
      FathomClient client = client(emu, emu.adminToken());

      assertThatThrownBy(() -> client.createSite(SiteCreate.named("Once")))
          .isInstanceOfSatisfying(FathomServerException.class,
              e -> assertThat(e.status()).isIn(500, 503));

      assertThat(emu.requestLog()).singleElement().satisfies(e -> {
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.fault()).isEqualTo("error");
      });
      assertThat(emu.store().sites()).isEmpty();
    }
  }

  @Test
  void createWhoseAnswerIsLostIsNotRepeatedSoNoDuplicateAppears() throws IOException {
    for (FaultSettings f : List.of(FaultSettings.NONE.withTruncateRate(1),
        FaultSettings.NONE.withDisconnectRate(1), FaultSettings.NONE.withGarbageRate(1))) {
      try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.LEGACY).store(new ColumnarDataStore()).faults(f).start()) {
        FathomClient client = client(emu, emu.adminToken());

        assertThatThrownBy(() -> client.createSite(SiteCreate.named("Once")))
            .as(f.toString())
            .isInstanceOfAny(FathomTransportException.class, FathomDecodeException.class)
            .hasMessageStartingWith("POST /v1/sites ");

        assertThat(emu.requestLog()).as(f.toString()).hasSize(1);
        assertThat(emu.store().sites()).as("the site was made once; the client must not make another")
            .singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("Once"));
      }
    }
  }

  // ---------------------------------------------------------------- today's API

  /** The demo account with its first site reporting in Berlin time, served as today's API. */
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final DataStore TODAY_STORE = todayStore();
  private static FathomEmulator today;

  private static DataStore todayStore() {
    DataStore store = demoStore();
    SiteRecord first = store.sites().get(0);
    store.putSite(first.withTimezone(BERLIN));
    return store;
  }

  @BeforeAll
  static void startTodaysApi() throws IOException {
    today = FathomEmulator.builder().api(ApiVersion.CURRENT).store(TODAY_STORE)
        .rateLimits(new RateLimits(100_000, 100_000)).concurrencyLimit(8).start();
  }

  @AfterAll
  static void stopTodaysApi() {
    today.close();
  }

  private static FathomClient todayClient() {
    FathomEmulator emu = today;
    ClockSleeper sleeper = new ClockSleeper(emu.clock());
    return FathomClient.builder(ClientConfig.defaults(ApiToken.of(emu.adminToken()))
            .withBaseUrl(emu.baseUrl())
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20)))
        .clock(emu.clock()).sleeper(sleeper).random(() -> 0L)
        .rateLimiter(new RateLimiter(100_000, 100_000, Duration.ZERO, emu.clock(), sleeper)).build();
  }

  /**
   * What today's emulator should answer: the engine's rows in the query's timezone (the site's
   * when the query names none), an event by name resolved to its record, cut at the row cap.
   */
  private static List<AggregationRow> expectedToday(AggregationQuery q) {
    String site = q.entityName() != null ? q.siteId() : q.entityId();
    ZoneId zone = q.timezone() != null ? ZoneId.of(q.timezone())
        : TODAY_STORE.site(site).orElseThrow().timezone();
    String entityId = q.entityName() == null ? q.entityId()
        : TODAY_STORE.events(site).stream().filter(e -> e.name().equals(q.entityName()))
            .findFirst().orElseThrow().id();
    EngineQuery eq = new EngineQuery(q.entity(), entityId, q.aggregates(), q.fieldGrouping(),
        q.dateGrouping(), zone, ZonedDateTime.of(q.dateFrom(), zone).toInstant(),
        ZonedDateTime.of(q.dateTo(), zone).toInstant(), q.filters(), q.sortBy(), q.rowCap(),
        ApiVersion.CURRENT);
    List<AggregationRow> out = new ArrayList<>();
    for (ResultRow r : TODAY_STORE.aggregate(eq)) {
      Number[] metrics = new Number[r.metrics().length];
      for (int i = 0; i < metrics.length; i++) {
        Number v = r.metrics()[i];
        metrics[i] = q.aggregates().get(i).integral() ? (Number) v.longValue() : fourDecimals(v.doubleValue());
      }
      out.add(new AggregationRow(r.date() == null ? null : DateLabels.parse(r.date(), q.dateGrouping()),
          r.fields().clone(), metrics));
    }
    return out;
  }

  private static RequestLogEntry lastLogged() {
    List<RequestLogEntry> log = today.requestLog();
    return log.get(log.size() - 1);
  }

  @Test
  void todaysSiteCarriesItsTimezone() {
    Site site = todayClient().getSite(SITE);

    assertThat(site.timezone()).isEqualTo("Europe/Berlin");
    assertThat(site.zone()).isEqualTo(BERLIN);
    assertThat(site.multiDomain()).isFalse();
    assertThat(site.multiDomainOption()).isEqualTo("combined");
  }

  /** A client of today's API on {@code emu}, with the token given. */
  private static FathomClient todayClient(FathomEmulator emu, String token) {
    return FathomClient.builder(ClientConfig.defaults(ApiToken.of(token)).withBaseUrl(emu.baseUrl())
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20)))
        .clock(emu.clock()).sleeper(new ClockSleeper(emu.clock())).random(() -> 0L).build();
  }

  @Test
  void tokenMetadataNamesTheAbilitiesNeverTheSecret() throws IOException {
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.CURRENT).store(TODAY_STORE)
        .token("boss:boss-secret-1:admin").token("analyst:analyst-secret-2:read:" + SITE)
        .token("editor:editor-secret-3:manage:" + SITE + ",read:OTHERS").start()) {
      TokenInfo boss = todayClient(emu, "boss-secret-1").token();
      TokenInfo analyst = todayClient(emu, "analyst-secret-2").token();
      TokenInfo editor = todayClient(emu, "editor-secret-3").token();

      assertThat(boss.name()).isEqualTo("boss");
      assertThat(boss.permissions()).containsExactly("*");
      assertThat(boss.fullAccess()).isTrue();
      assertThat(analyst.permissions()).containsExactly("read:" + SITE);
      assertThat(analyst.canRead(SITE)).isTrue();
      assertThat(analyst.canManage(SITE)).isFalse();
      assertThat(analyst.canReadAllSites()).isFalse();
      assertThat(editor.permissions()).containsExactly("manage:" + SITE, "read:OTHERS");
      assertThat(editor.canManage(SITE)).isTrue();
      assertThat(List.of(boss, analyst, editor)).allSatisfy(t -> {
        assertThat(t.version()).isEqualTo("2");
        assertThat(t.toString()).doesNotContain("secret");
      });
    }
  }

  @Test
  void todaysSiteLifecycleWithTimezoneAndMultiDomain() throws IOException {
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.CURRENT)
        .store(new ColumnarDataStore())
        .clock(EmulatorClock.fixedAt(Instant.parse("2024-05-01T10:00:00Z"))).seed(3).start()) {
      FathomClient client = todayClient(emu, emu.adminToken());

      Site created = client.createSite(SiteCreate.named("Tokyo shop").withTimezone("Asia/Tokyo")
          .withMultiDomain(true, MultiDomainOption.SEPARATE));
      Site plain = client.createSite(SiteCreate.named("Plain"));
      Site moved = client.updateSite(created.id(), SiteUpdate.timezone("Europe/Berlin"));

      assertThat(created).isEqualTo(new Site(created.id(), "Tokyo shop", "none",
          "2024-05-01 10:00:00", "Asia/Tokyo", true, "separate"));
      assertThat(plain.zone()).as("a new site inherits the default").isEqualTo(ZoneId.of("UTC"));
      assertThat(plain.multiDomain()).isFalse();
      assertThat(moved.zone()).isEqualTo(BERLIN);
      assertThat(client.getSite(created.id())).isEqualTo(moved);
      assertThatThrownBy(() -> client.wipeSite(created.id()))
          .isInstanceOfSatisfying(FathomGoneException.class, e -> {
            assertThat(e.status()).isEqualTo(410);
            assertThat(e.apiMessage()).startsWith("Wiping a site's data is no longer available");
            assertThat(e.replacement()).isEqualTo(FathomClient.WIPE_GONE);
          })
          .hasMessageEndingWith("(Fathom has retired this endpoint (410 Gone); "
              + FathomClient.WIPE_GONE + ")");
      assertThat(client.deleteSite(plain.id())).isEqualTo(new Deleted(plain.id(), "site", true));
    }
  }

  @Test
  void todaysEventsByNameAndTheRetiredGoalCodeEndpoints() throws IOException {
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.CURRENT).store(demoStore())
        .start()) {
      FathomClient client = todayClient(emu, emu.adminToken());
      List<Event> events = client.streamEvents(SITE).toList();
      Event first = events.get(0);
      assertThat(events).isNotEmpty().allSatisfy(e -> {
        assertThat(e.currency()).as("null in lists, as the live service sends it").isNull();
        assertThat(e.siteId()).isEqualTo(SITE);
      });
      assertThat(events).extracting(Event::name)
          .isEqualTo(emu.store().events(SITE).stream().map(EventRecord::name).toList());

      Event euro = client.setEventCurrency(SITE, first.name(), EventCurrency.EURO);
      assertThat(euro.name()).isEqualTo(first.name());
      assertThat(euro.currency()).isEqualTo("euro");
      assertThat(emu.store().event(first.id()).orElseThrow().currency()).isEqualTo("euro");

      for (java.util.function.Consumer<FathomClient> retired : List.<java.util.function.Consumer<FathomClient>>of(
          c -> c.createEvent(SITE, new EventCreate("New")),
          c -> c.getEvent(SITE, first.id()),
          c -> c.updateEvent(SITE, first.id(), new EventUpdate("Renamed")),
          c -> c.wipeEvent(SITE, first.id()),
          c -> c.deleteEvent(SITE, first.id()))) {
        assertThatThrownBy(() -> retired.accept(client)).isInstanceOf(FathomGoneException.class)
            .hasMessageContaining("is no longer available")
            .hasMessageContaining("(Fathom has retired this endpoint (410 Gone); ");
      }

      DeletedEvent deleted = client.deleteEventByName(SITE, first.name());
      assertThat(deleted).isEqualTo(new DeletedEvent(SITE, first.name(), true));
      assertThat(client.streamEvents(SITE).map(Event::name).toList()).doesNotContain(first.name());
      assertThatThrownBy(() -> client.deleteEventByName(SITE, first.name()))
          .isInstanceOf(FathomNotFoundException.class)
          .hasMessageContaining("No event named '" + first.name() + "'");
    }
  }

  @Test
  void milestonesAreCreatedPagedUpdatedAndDeleted() throws IOException {
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.CURRENT).store(demoStore())
        .clock(EmulatorClock.fixedAt(Instant.parse("2024-05-01T10:00:00Z"))).start()) {
      FathomClient client = todayClient(emu, emu.adminToken());
      List<Milestone> made = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        made.add(client.createMilestone(SITE, new MilestoneWrite("Release " + i,
            LocalDate.of(2024, 3, i))));
        emu.clock().advance(Duration.ofMinutes(1)); // created_at orders the list
      }
      assertThat(emu.requestLog()).extracting(RequestLogEntry::status).containsOnly(201);
      assertThat(made.get(0)).satisfies(m -> {
        assertThat(java.util.UUID.fromString(m.id())).isNotNull();
        assertThat(m.siteId()).isEqualTo(SITE);
        assertThat(m.createdAt()).isEqualTo("2024-05-01 10:00:00");
      });

      List<Milestone> all = StreamSupport.stream(
          client.allMilestones(SITE, PageRequest.ofLimit(2)).spliterator(), false).toList();
      assertThat(all).isEqualTo(made);
      assertThat(emu.requestLog().stream().filter(e -> e.method().equals("GET")).count())
          .as("5 milestones 2 at a time").isEqualTo(3);

      Milestone moved = client.updateMilestone(SITE, made.get(2).id(),
          new MilestoneWrite("Release 3 (late)", LocalDate.of(2024, 3, 9)));
      assertThat(client.getMilestone(SITE, made.get(2).id())).isEqualTo(moved)
          .isEqualTo(new Milestone(made.get(2).id(), SITE, "Release 3 (late)", LocalDate.of(2024, 3, 9),
              made.get(2).createdAt()));
      assertThat(client.deleteMilestone(SITE, made.get(0).id()))
          .isEqualTo(new Deleted(made.get(0).id(), "milestone", true));
      assertThat(client.listMilestones(SITE, PageRequest.FIRST).data()).hasSize(4);
      assertThatThrownBy(() -> client.getMilestone(SITE, made.get(0).id()))
          .isInstanceOf(FathomNotFoundException.class);
      assertThatThrownBy(() -> client.createMilestone(SITE, new MilestoneWrite("x".repeat(31),
          LocalDate.of(2024, 1, 1)))).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void withoutATimezoneTodaysReportIsInTheSitesOwnTimezone() {
    FathomClient client = todayClient();
    AggregationQuery siteZone = AggregationQuery.pageviews(SITE)
        .aggregates(Aggregate.PAGEVIEWS, Aggregate.VISITS).dateGrouping(DateGrouping.DAY)
        .dateFrom(FROM).dateTo(TO).build();

    List<AggregationRow> rows = client.aggregate(siteZone).rows();
    assertThat(lastLogged().parameters()).doesNotContainKey("timezone");
    List<AggregationRow> berlin = client.aggregate(siteZone.toBuilder().timezone("Europe/Berlin").build()).rows();
    List<AggregationRow> utc = client.aggregate(siteZone.toBuilder().timezone("UTC").build()).rows();

    assertThat(rows).hasSize(14).isEqualTo(expectedToday(siteZone)).isEqualTo(berlin);
    assertThat(utc).as("the same local days in UTC hold other pageviews").isNotEqualTo(rows);
  }

  @Test
  void aGroupedAnswerIsCutAtFiveHundredAndTheResultSaysItMayBeCut() {
    FathomClient client = todayClient();
    AggregationQuery byDayAndPath = AggregationQuery.pageviews(SITE).aggregates(Aggregate.PAGEVIEWS)
        .dateGrouping(DateGrouping.DAY).fieldGrouping(Field.PATHNAME)
        .timezone("UTC").dateFrom(FROM).dateTo(TO).build();
    int groups = expectedToday(byDayAndPath.toBuilder().limit(1000).build()).size();
    assertThat(groups).as("demo data: more day x pathname groups than the cap, fewer than the maximum")
        .isBetween(501, 999);

    AggregationResult capped = client.aggregate(byDayAndPath);
    RequestLogEntry cut = lastLogged();
    AggregationResult whole = client.aggregate(byDayAndPath.toBuilder().limit(1000).build());
    RequestLogEntry notCut = lastLogged();

    assertThat(capped.rows()).hasSize(500).isEqualTo(expectedToday(byDayAndPath));
    assertThat(capped.rowCap()).isEqualTo(500);
    assertThat(capped.mayBeCut()).isTrue();
    assertThat(cut.cut()).isTrue();
    assertThat(whole.rows()).hasSize(groups);
    assertThat(whole.mayBeCut()).isFalse();
    assertThat(notCut.cut()).isFalse();
  }

  /** The flag may say "maybe" for an answer that was whole, but never miss one that was cut. */
  @Test
  void everyAnswerTheEmulatorCutIsFlagged() {
    FathomClient client = todayClient();
    java.util.function.Supplier<AggregationQuery.Builder> base = () -> AggregationQuery.pageviews(SITE)
        .aggregates(Aggregate.PAGEVIEWS).timezone("UTC").dateFrom(FROM).dateTo(TO);
    List<AggregationQuery> queries = List.of(
        base.get().build(),
        base.get().fieldGrouping(Field.PATHNAME).build(),
        base.get().fieldGrouping(Field.PATHNAME).limit(40).build(),
        base.get().fieldGrouping(Field.BROWSER).limit(2).build(),
        base.get().fieldGrouping(Field.BROWSER).build(),
        base.get().dateGrouping(DateGrouping.HOUR).dateTo(FROM.plusDays(7)).build(),
        base.get().dateGrouping(DateGrouping.DAY).fieldGrouping(Field.COUNTRY_CODE,
            Field.DEVICE_TYPE).limit(60).build());
    List<Boolean> cut = new ArrayList<>();
    List<Boolean> flagged = new ArrayList<>();
    for (AggregationQuery q : queries) {
      AggregationResult r = client.aggregate(q);
      cut.add(lastLogged().cut());
      flagged.add(r.mayBeCut());
      assertThat(r.rows()).as(q.toString()).isEqualTo(expectedToday(q));
    }
    // Totals; 40 pathnames (all); 40 pathnames exactly at limit 40, whole but flagged (Fathom
    // cannot tell); 2 of several browsers; browsers; 7 x 24 hours (date grouping alone has no
    // cap); 60 of the day x country x device groups.
    assertThat(cut).containsExactly(false, false, false, true, false, false, true);
    assertThat(flagged).containsExactly(false, false, true, true, false, false, true);
  }

  @Test
  void anEventIsReportedBySiteAndName() {
    EventRecord event = TODAY_STORE.events(SITE).get(0);
    AggregationQuery q = AggregationQuery.event(SITE, event.name())
        .aggregates(Aggregate.CONVERSIONS, Aggregate.UNIQUE_CONVERSIONS, Aggregate.VALUE)
        .dateGrouping(DateGrouping.MONTH).fieldGrouping(Field.REFERRER_HOSTNAME)
        .dateFrom(FROM).dateTo(TO).build();

    List<AggregationRow> rows = todayClient().aggregate(q).rows();

    assertThat(rows).isNotEmpty().isEqualTo(expectedToday(q));
    assertThat(lastLogged().parameters()).containsEntry("site_id", SITE)
        .containsEntry("entity_name", event.name()).doesNotContainKey("entity_id");
  }

  @Test
  void todaysOperatorsAndFieldsAnswerAsTheEngine() {
    FathomClient client = todayClient();
    java.util.function.Supplier<AggregationQuery.Builder> base = () -> AggregationQuery.pageviews(SITE)
        .aggregates(Aggregate.PAGEVIEWS, Aggregate.UNIQUES).timezone("UTC").dateFrom(FROM).dateTo(TO);
    List<AggregationQuery> queries = List.of(
        base.get().fieldGrouping(Field.PATHNAME)
            .addFilter(new Filter(Field.PATHNAME, FilterOperator.MATCHING, "^/[a-z]+/\\d")).build(),
        base.get().fieldGrouping(Field.BROWSER)
            .addFilter(new Filter(Field.PATHNAME, FilterOperator.NOT_MATCHING, "o"))
            .addFilter(Filter.isNot(Field.BROWSER, "Chrome")).build(),
        base.get().fieldGrouping(Field.ENTRY_PAGE, Field.EXIT_PAGE).limit(50)
            .sortBy(new Sort("pageviews", true)).build(),
        base.get().fieldGrouping(Field.HOSTNAME)
            .addFilter(Filter.isLike(Field.DOMAIN, "*.*")).build());
    for (AggregationQuery q : queries) {
      assertThat(client.aggregate(q).rows()).as(q.toString()).isNotEmpty().isEqualTo(expectedToday(q));
    }
  }

  @Test
  void whatTodaysApiRefusesIsRefusedBeforeAnyRequest() {
    FathomClient client = todayClient();
    int before = today.requestLog().size();

    assertThatThrownBy(() -> AggregationQuery.pageviews(SITE).aggregates(Aggregate.PAGEVIEWS)
        .addFilter(Filter.isLike(Field.BROWSER, "Fire")).build())
        .hasMessage("filter property browser does not accept operator 'is like'; it accepts: is, is not");
    assertThatThrownBy(() -> AggregationQuery.pageviews(SITE).aggregates(Aggregate.PAGEVIEWS)
        .fieldGrouping(Field.PATHNAME).limit(1001).build())
        .hasMessageStartingWith("limit must be at most 1000 in the current API");
    assertThatThrownBy(() -> AggregationQuery.builder(Entity.EVENT, EVENT)
        .aggregates(Aggregate.CONVERSIONS).build())
        .hasMessageStartingWith("entity_id '" + EVENT + "' is not accepted for events in the current API");
    assertThatThrownBy(() -> client.aggregate(legacy(Entity.PAGEVIEW, SITE)
        .aggregates(Aggregate.PAGEVIEWS).build()))
        .hasMessageStartingWith("the query was built for the legacy API but this client speaks the current API");
    assertThat(today.requestLog()).hasSize(before);
  }

  @Test
  void theEmulatorsSmallerCapIsReachedAndItsMaximumAnswers400() throws IOException {
    try (FathomEmulator small = FathomEmulator.builder().api(ApiVersion.CURRENT).store(TODAY_STORE)
        .rowLimits(new RowLimits(5, 10)).start()) {
      FathomClient client = FathomClient.create(ClientConfig.defaults(ApiToken.of(small.adminToken()))
          .withBaseUrl(small.baseUrl()));
      java.util.function.Supplier<AggregationQuery.Builder> byPath = () -> AggregationQuery.pageviews(SITE)
          .aggregates(Aggregate.PAGEVIEWS).fieldGrouping(Field.PATHNAME).timezone("UTC")
          .dateFrom(FROM).dateTo(TO);

      AggregationResult atTen = client.aggregate(byPath.get().limit(10).build());
      assertThat(atTen.rows()).hasSize(10);
      assertThat(atTen.mayBeCut()).isTrue();
      assertThatThrownBy(() -> client.aggregate(byPath.get().limit(11).build()))
          .isInstanceOfSatisfying(FathomBadRequestException.class,
              e -> assertThat(e.apiMessage()).contains("limit"));
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A query of the docs page's revision, which these emulators answer. */
  private static AggregationQuery.Builder legacy(Entity entity, String entityId) {
    return AggregationQuery.builder(entity, entityId).apiVersion(ApiVersion.LEGACY);
  }

  private static ClientConfig config(FathomEmulator emu, String token) {
    return ClientConfig.defaults(ApiToken.of(token)).withBaseUrl(emu.baseUrl())
        .withApiVersion(ApiVersion.LEGACY)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20));
  }

  /** A client with its own generous limiter on the emulator clock, so tests do not share budget. */
  private static FathomClient client(FathomEmulator emu, String token) {
    ClockSleeper sleeper = new ClockSleeper(emu.clock());
    return client(emu, token, sleeper,
        new RateLimiter(100_000, 100_000, Duration.ZERO, emu.clock(), sleeper));
  }

  private static FathomClient client(FathomEmulator emu, String token, ClockSleeper sleeper,
      RateLimiter limiter) {
    return FathomClient.builder(config(emu, token)).clock(emu.clock()).sleeper(sleeper)
        .random(() -> 0L).rateLimiter(limiter).build();
  }

  /** Waits by moving the emulator's clock, so the client and the emulator agree on time. */
  private static final class ClockSleeper implements Sleeper {
    private final EmulatorClock clock;
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    ClockSleeper(EmulatorClock clock) {
      this.clock = clock;
    }

    @Override
    public void sleep(Duration d) {
      waits.add(d);
      clock.advance(d);
    }

    List<Duration> waits() {
      return List.copyOf(waits);
    }
  }
}
