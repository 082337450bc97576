package dev.sparkfathom.emulator.server;

import dev.sparkfathom.emulator.data.DataStore;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Account, sites and events. Writes are serialized (one at a time) so that new ids stay
 * unique; reads go straight to the store. Creations answer 200 with the new object, as the
 * docs' examples show. {@code created_at} is the emulator clock in UTC, cut to the second.
 */
final class EntityEndpoints {
  static final int MAX_NAME = 255;
  private static final Set<String> SHARING = Set.of("none", "private", "public");

  private final DataStore store;
  private final AccountInfo account;
  private final Random idRandom;

  EntityEndpoints(DataStore store, AccountInfo account, long seed) {
    this.store = store;
    this.account = account;
    this.idRandom = new Random(seed);
  }

  ApiResponse handle(Call c) {
    Route.Match m = c.match();
    return switch (m.route()) {
      case ACCOUNT -> account();
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
      default -> throw new IllegalStateException("not an entity route: " + m.route());
    };
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

  /** Site tokens see only their own sites in the list. */
  private ApiResponse listSites(Call c) {
    Pagination.Request req = Pagination.Request.parse(c.params());
    List<SiteRecord> visible = store.sites().stream()
        .filter(s -> c.permission().mayRead(s.id())).toList();
    return EntityJson.list("/v1/sites", Pagination.page(visible, SiteRecord::id, req), EntityJson::site);
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
    return ApiResponse.json(200, g -> EntityJson.site(g, s));
  }

  private LocalDateTime now(Call c) {
    return LocalDateTime.ofInstant(c.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
  }

  private synchronized ApiResponse createSite(Call c) {
    c.requireWrite();
    Params p = c.params();
    String name = name(p, true);
    String sharing = sharing(p, "none");
    String password = sharePassword(p, sharing, null);
    String id = Ids.newSiteId(idRandom, candidate -> store.site(candidate).isPresent());
    SiteRecord s = new SiteRecord(id, name, sharing, password, now(c));
    store.putSite(s);
    return ApiResponse.json(200, g -> EntityJson.site(g, s));
  }

  /**
   * Changes only what is sent. Moving away from {@code private} drops the share password;
   * staying {@code private} keeps the old one unless a new one is sent.
   */
  private synchronized ApiResponse updateSite(Call c) {
    c.requireWrite();
    SiteRecord old = site(c.match().site());
    Params p = c.params();
    String name = p.has("name") ? name(p, true) : old.name();
    String sharing = sharing(p, old.sharing());
    String password = sharePassword(p, sharing, old.sharePassword());
    SiteRecord s = new SiteRecord(old.id(), name, sharing, password, old.createdAt());
    store.putSite(s);
    return ApiResponse.json(200, g -> EntityJson.site(g, s));
  }

  private synchronized ApiResponse deleteSite(Call c) {
    c.requireWrite();
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
        Pagination.page(store.events(siteId), EventRecord::id, req), EntityJson::event);
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
