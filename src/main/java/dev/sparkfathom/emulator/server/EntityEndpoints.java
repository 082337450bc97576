package dev.sparkfathom.emulator.server;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.emulator.data.DataStore;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.MilestoneRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Account, token, sites, events and milestones. Writes are serialized (one at a time) so that
 * new ids stay unique; reads go straight to the store. Creations answer 200 with the new
 * object, as the docs' examples show (milestones: 201, as today's reference says). {@code
 * created_at} is the emulator clock in UTC, cut to the second.
 *
 * <p>Today's API ({@link ApiVersion#CURRENT}): sites carry {@code timezone}, {@code
 * multi_domain}, {@code multi_domain_option}; the site wipe and every event endpoint by goal
 * code (create, get, update, delete, wipe) answer 410 Gone naming what to use instead; events
 * are listed with {@code currency} null, deleted by name and given a currency by name;
 * milestones; {@code GET /v1/token}; permissions by ability (see {@link Permission}).
 */
final class EntityEndpoints {
  static final int MAX_NAME = 255;
  private static final Set<String> SHARING = Set.of("none", "private", "public");
  private static final Set<String> ZONE_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

  private final DataStore store;
  private final AccountInfo account;
  private final Random idRandom;
  private final ApiVersion api;
  private final Instant startedAt;

  EntityEndpoints(DataStore store, AccountInfo account, long seed, ApiVersion api,
      Instant startedAt) {
    this.store = store;
    this.account = account;
    this.idRandom = new Random(seed);
    this.api = api;
    this.startedAt = startedAt.truncatedTo(ChronoUnit.SECONDS);
  }

  private boolean today() {
    return api == ApiVersion.CURRENT;
  }

  ApiResponse handle(Call c) {
    Route.Match m = c.match();
    if (today()) {
      ApiResponse gone = Retired.answer(m);
      if (gone != null) {
        return gone;
      }
    }
    return switch (m.route()) {
      case ACCOUNT -> account(c);
      case TOKEN -> token(c);
      case LIST_SITES -> listSites(c);
      case CREATE_SITE -> createSite(c);
      case GET_SITE -> getSite(c);
      case UPDATE_SITE -> updateSite(c);
      case DELETE_SITE -> deleteSite(c);
      case WIPE_SITE -> wipeSite(c);
      case LIST_EVENTS -> listEvents(c);
      case CREATE_EVENT -> createEvent(c);
      case GET_EVENT -> getEvent(c);
      case UPDATE_EVENT -> updateEvent(c);
      case DELETE_EVENT -> deleteEvent(c);
      case WIPE_EVENT -> wipeEvent(c);
      case DELETE_EVENTS_BY_NAME -> deleteEventsByName(c);
      case EVENT_CURRENCY -> eventCurrency(c);
      case LIST_MILESTONES -> listMilestones(c);
      case CREATE_MILESTONE -> createMilestone(c);
      case GET_MILESTONE -> getMilestone(c);
      case UPDATE_MILESTONE -> updateMilestone(c);
      case DELETE_MILESTONE -> deleteMilestone(c);
      default -> throw new IllegalStateException("not an entity route: " + m.route());
    };
  }

  /** Today: full access. The legacy API let every token read the account. */
  private ApiResponse account(Call c) {
    if (today()) {
      c.requireFull();
    }
    return account();
  }

  /** The calling token: name and abilities, never the secret. */
  private ApiResponse token(Call c) {
    TokenGrant t = c.token();
    return ApiResponse.json(200, g -> {
      g.writeStartObject();
      g.writeStringField("object", "token");
      g.writeStringField("name", t.name());
      g.writeArrayFieldStart("abilities");
      for (String a : t.permission().sortedAbilities()) {
        g.writeString(a);
      }
      g.writeEndArray();
      g.writeNumberField("version", 2);
      g.writeStringField("created_at", EntityJson.createdAt(
          LocalDateTime.ofInstant(startedAt, ZoneOffset.UTC)));
      g.writeStringField("last_used_at", EntityJson.createdAt(now(c)));
      g.writeEndObject();
    });
  }

  private ApiResponse account() {
    return ApiResponse.json(200, g -> {
      g.writeStartObject();
      g.writeNumberField("id", account.id());
      g.writeStringField("object", "account");
      g.writeStringField("name", account.name());
      g.writeStringField("email", account.email());
      g.writeEndObject();
    });
  }

  /**
   * Today: {@code *} or {@code all-sites-readonly}. The legacy API let site tokens list their
   * own sites.
   */
  private ApiResponse listSites(Call c) {
    if (today() && !c.permission().mayListAll()) {
      throw EndpointErrors.forbidden();
    }
    Pagination.Request req = Pagination.Request.parse(c.params());
    List<SiteRecord> visible = store.sites().stream()
        .filter(s -> c.permission().mayRead(s.id())).toList();
    return EntityJson.list("/v1/sites", Pagination.page(visible, SiteRecord::id, req), siteWriter());
  }

  private SiteRecord site(String id) {
    return store.site(id).orElseThrow(() -> EndpointErrors.noSite(id));
  }

  private EventRecord event(String siteId, String eventId) {
    return store.event(eventId).filter(e -> e.siteId().equals(siteId))
        .orElseThrow(() -> EndpointErrors.noEvent(siteId, eventId));
  }

  private ApiResponse getSite(Call c) {
    String id = c.match().site();
    c.requireRead(id);
    SiteRecord s = site(id);
    return siteAnswer(s);
  }

  private LocalDateTime now(Call c) {
    return LocalDateTime.ofInstant(c.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
  }

  private synchronized ApiResponse createSite(Call c) {
    c.requireWrite();  // full access, in both revisions
    Params p = c.params();
    String name = name(p, true);
    String sharing = sharing(p, "none");
    String password = sharePassword(p, sharing, null);
    SiteRecord s = new SiteRecord(null, name, sharing, password, now(c));
    if (today()) {
      s = todaysAttributes(p, s);
    }
    String id = Ids.newSiteId(idRandom, candidate -> store.site(candidate).isPresent());
    s = new SiteRecord(id, s.name(), s.sharing(), s.sharePassword(), s.createdAt(), s.timezone(),
        s.multiDomain(), s.multiDomainOption());
    store.putSite(s);
    return siteAnswer(s);
  }

  /**
   * Changes only what is sent. Moving away from {@code private} drops the share password;
   * staying {@code private} keeps the old one unless a new one is sent.
   */
  private synchronized ApiResponse updateSite(Call c) {
    if (today()) {
      c.requireManage(c.match().site());
    } else {
      c.requireWrite();
    }
    SiteRecord old = site(c.match().site());
    Params p = c.params();
    String name = p.has("name") ? name(p, true) : old.name();
    String sharing = sharing(p, old.sharing());
    String password = sharePassword(p, sharing, old.sharePassword());
    SiteRecord s = new SiteRecord(old.id(), name, sharing, password, old.createdAt(),
        old.timezone(), old.multiDomain(), old.multiDomainOption());
    if (today()) {
      s = todaysAttributes(p, s);
    }
    store.putSite(s);
    return siteAnswer(s);
  }

  /** {@code timezone}, {@code multi_domain}, {@code multi_domain_option} as sent, else kept. */
  private static SiteRecord todaysAttributes(Params p, SiteRecord s) {
    ZoneId zone = s.timezone();
    String rawZone = p.get("timezone");
    if (rawZone != null) {
      if (!ZONE_IDS.contains(rawZone)) {
        throw ApiException.badRequest("'timezone' must be a TZ database name such as UTC or "
            + "Europe/London; got: '" + rawZone + "'");
      }
      zone = ZoneId.of(rawZone);
    }
    boolean multi = p.bool("multi_domain", s.multiDomain());
    String option = p.get("multi_domain_option");
    if (option != null && !SiteRecord.MULTI_DOMAIN_OPTIONS.contains(option)) {
      throw ApiException.badRequest("'multi_domain_option' must be one of combined, separate; "
          + "got: '" + option + "'");
    }
    return new SiteRecord(s.id(), s.name(), s.sharing(), s.sharePassword(), s.createdAt(), zone,
        multi, option != null ? option : s.multiDomainOption());
  }

  private EntityJson.ItemWriter<SiteRecord> siteWriter() {
    return today() ? EntityJson::todaysSite : EntityJson::site;
  }

  private ApiResponse siteAnswer(SiteRecord s) {
    EntityJson.ItemWriter<SiteRecord> w = siteWriter();
    return ApiResponse.json(200, g -> w.write(g, s));
  }

  private synchronized ApiResponse deleteSite(Call c) {
    c.requireWrite();  // full access, in both revisions
    String id = c.match().site();
    if (!store.removeSite(id)) {
      throw EndpointErrors.noSite(id);
    }
    return EntityJson.flag(id, "site", "deleted");
  }

  private synchronized ApiResponse wipeSite(Call c) {
    c.requireWrite();
    String id = site(c.match().site()).id();
    store.wipeSite(id);
    return EntityJson.flag(id, "site", "wiped");
  }

  private ApiResponse listEvents(Call c) {
    String siteId = c.match().site();
    c.requireRead(siteId);
    Pagination.Request req = Pagination.Request.parse(c.params());
    site(siteId);
    return EntityJson.list("/v1/sites/" + siteId + "/events",
        Pagination.page(store.events(siteId), EventRecord::id, req),
        today() ? EntityJson::listedEvent : EntityJson::event);
  }

  /** Deletes every event of the site with the name (and their completions). */
  private synchronized ApiResponse deleteEventsByName(Call c) {
    String siteId = c.match().site();
    c.requireManage(siteId);
    site(siteId);
    String name = c.params().required("name");
    List<EventRecord> named = eventsNamed(siteId, name);
    named.forEach(e -> store.removeEvent(e.id()));
    return ApiResponse.json(200, g -> {
      g.writeStartObject();
      g.writeStringField("object", "event");
      g.writeStringField("name", name);
      g.writeBooleanField("deleted", true);
      g.writeNumberField("count", named.size());
      g.writeEndObject();
    });
  }

  /** Sets the currency of every event of the site with the name. */
  private synchronized ApiResponse eventCurrency(Call c) {
    String siteId = c.match().site();
    c.requireManage(siteId);
    site(siteId);
    Params p = c.params();
    String name = p.required("name");
    String currency = p.required("currency");
    if (!EventRecord.CURRENCIES.contains(currency)) {
      throw ApiException.badRequest("'currency' must be one of "
          + String.join(", ", EventRecord.CURRENCIES) + "; got: '" + currency + "'");
    }
    List<EventRecord> named = eventsNamed(siteId, name);
    named.forEach(e -> store.putEvent(e.withCurrency(currency)));
    EventRecord first = store.event(named.get(0).id()).orElseThrow();
    return ApiResponse.json(200, g -> EntityJson.todaysEvent(g, first));
  }

  private List<EventRecord> eventsNamed(String siteId, String name) {
    List<EventRecord> named =
        store.events(siteId).stream().filter(e -> e.name().equals(name)).toList();
    if (named.isEmpty()) {
      throw ApiException.notFound("No event named '" + name + "' on site '" + siteId + "'");
    }
    return named;
  }

  private ApiResponse listMilestones(Call c) {
    String siteId = c.match().site();
    c.requireRead(siteId);
    Pagination.Request req = Pagination.Request.parse(c.params());
    site(siteId);
    return EntityJson.list("/v1/sites/" + siteId + "/milestones",
        Pagination.page(store.milestones(siteId), MilestoneRecord::id, req),
        EntityJson::milestone);
  }

  private MilestoneRecord milestone(String siteId, String id) {
    return store.milestone(id).filter(m -> m.siteId().equals(siteId))
        .orElseThrow(() -> ApiException.notFound(
            "No milestone with id '" + id + "' on site '" + siteId + "'"));
  }

  private ApiResponse getMilestone(Call c) {
    String siteId = c.match().site();
    c.requireRead(siteId);
    site(siteId);
    MilestoneRecord m = milestone(siteId, c.match().milestone());
    return ApiResponse.json(200, g -> EntityJson.milestone(g, m));
  }

  private synchronized ApiResponse createMilestone(Call c) {
    String siteId = c.match().site();
    c.requireManage(siteId);
    site(siteId);
    String name = milestoneName(c.params());
    LocalDate date = milestoneDate(c.params());
    UUID uuid = new UUID((idRandom.nextLong() & ~0xF000L) | 0x4000L,
        (idRandom.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    MilestoneRecord m = new MilestoneRecord(uuid.toString(), siteId, name, date, now(c));
    store.putMilestone(m);
    return ApiResponse.json(201, g -> EntityJson.milestone(g, m));
  }

  /** Both fields are required, as today's reference says. */
  private synchronized ApiResponse updateMilestone(Call c) {
    String siteId = c.match().site();
    c.requireManage(siteId);
    site(siteId);
    MilestoneRecord old = milestone(siteId, c.match().milestone());
    MilestoneRecord m = new MilestoneRecord(old.id(), siteId, milestoneName(c.params()),
        milestoneDate(c.params()), old.createdAt());
    store.putMilestone(m);
    return ApiResponse.json(200, g -> EntityJson.milestone(g, m));
  }

  private synchronized ApiResponse deleteMilestone(Call c) {
    String siteId = c.match().site();
    c.requireManage(siteId);
    site(siteId);
    MilestoneRecord m = milestone(siteId, c.match().milestone());
    store.removeMilestone(m.id());
    return EntityJson.flag(m.id(), "milestone", "deleted");
  }

  static String milestoneName(Params p) {
    String name = p.get("name");
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest(p.has("name") ? "'name' must not be empty" : "'name' is required");
    }
    if (name.length() > MilestoneRecord.MAX_NAME) {
      throw ApiException.badRequest("'name' must be at most " + MilestoneRecord.MAX_NAME
          + " characters; got " + name.length());
    }
    return name;
  }

  static LocalDate milestoneDate(Params p) {
    String raw = p.required("milestone_date");
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "'milestone_date' must be a date YYYY-MM-DD; got: '" + raw + "'");
    }
  }

  private ApiResponse getEvent(Call c) {
    String siteId = c.match().site();
    c.requireRead(siteId);
    site(siteId);
    EventRecord e = event(siteId, c.match().event());
    return ApiResponse.json(200, g -> EntityJson.event(g, e));
  }

  private synchronized ApiResponse createEvent(Call c) {
    c.requireWrite();
    String siteId = site(c.match().site()).id();
    String name = name(c.params(), true);
    String id = Ids.newEventId(name, candidate -> store.event(candidate).isPresent());
    EventRecord e = new EventRecord(id, siteId, name, now(c));
    store.putEvent(e);
    return ApiResponse.json(200, g -> EntityJson.event(g, e));
  }

  /** Renames the event; its id stays, since completions are tracked by id. */
  private synchronized ApiResponse updateEvent(Call c) {
    c.requireWrite();
    String siteId = site(c.match().site()).id();
    EventRecord old = event(siteId, c.match().event());
    EventRecord e = new EventRecord(old.id(), siteId, name(c.params(), true), old.createdAt());
    store.putEvent(e);
    return ApiResponse.json(200, g -> EntityJson.event(g, e));
  }

  private synchronized ApiResponse deleteEvent(Call c) {
    c.requireWrite();
    String siteId = site(c.match().site()).id();
    EventRecord e = event(siteId, c.match().event());
    store.removeEvent(e.id());
    return EntityJson.flag(e.id(), "event", "deleted");
  }

  private synchronized ApiResponse wipeEvent(Call c) {
    c.requireWrite();
    String siteId = site(c.match().site()).id();
    EventRecord e = event(siteId, c.match().event());
    store.wipeEvent(e.id());
    return EntityJson.flag(e.id(), "event", "wiped");
  }

  static String name(Params p, boolean required) {
    String name = p.get("name");
    if (name == null || name.isBlank()) {
      if (!required) {
        return null;
      }
      throw ApiException.badRequest(p.has("name") ? "'name' must not be empty" : "'name' is required");
    }
    if (name.length() > MAX_NAME) {
      throw ApiException.badRequest(
          "'name' must be at most " + MAX_NAME + " characters; got " + name.length());
    }
    return name;
  }

  static String sharing(Params p, String absent) {
    String raw = p.get("sharing");
    if (raw == null) {
      return absent;
    }
    if (!SHARING.contains(raw)) {
      throw ApiException.badRequest("'sharing' must be one of none, private, public; got: '" + raw + "'");
    }
    return raw;
  }

  static String sharePassword(Params p, String sharing, String old) {
    if (!sharing.equals("private")) {
      return null;
    }
    String given = p.get("share_password");
    if (given != null) {
      return given;
    }
    if (old != null) {
      return old;
    }
    throw ApiException.badRequest("'share_password' is required when 'sharing' is private");
  }
}
