package dev.sparkfathom.emulator.server;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Sort;
import dev.sparkfathom.emulator.data.DataStore;
import dev.sparkfathom.emulator.data.DateTimes;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import dev.sparkfathom.emulator.engine.EngineQuery;
import dev.sparkfathom.emulator.engine.ResultRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the parameters of {@code GET /v1/aggregations} into an {@link EngineQuery}, checking
 * each one; every 400 message names the parameter, what was sent and what is accepted.
 * Choices where the docs are silent:
 *
 * <p>Today's API ({@link ApiVersion#CURRENT}, the default): events by {@code site_id} and
 * {@code entity_name} (the event of that site with exactly that name; the first created when
 * several share it), {@code entity_id} with {@code entity=event} a 400 (goal codes are gone);
 * without {@code timezone} the site's timezone; grouping fields, filter properties and
 * operators by {@link Field}'s rules for the revision; {@code limit} from 1 to the row cap's
 * maximum, and with {@code field_grouping} but no {@code limit} the cap's default. The docs
 * page's rules ({@link ApiVersion#LEGACY}) are as follows.
 *
 * <ul>
 *   <li>{@code entity=event} with {@code entity_id} an event id (the docs); also the newer
 *       form {@code entity_id=SITE_ID&entity_name=NAME}: the event of that site whose name (or
 *       else id) equals {@code entity_name}. For {@code entity=pageview}, {@code entity_name}
 *       is ignored. An unknown site or event: 404.
 *   <li>A name repeated in {@code aggregates} or {@code field_grouping} counts once.
 *   <li>{@code date_from}/{@code date_to} only as {@code YYYY-MM-DD HH:MM:SS} (strictly, so a
 *       client sending another form learns it at once); resolved with {@link
 *       ZonedDateTime#of}; {@code date_to} defaults to the emulator clock's now.
 *   <li>{@code date_grouping=day} or {@code hour} without {@code date_from}: the range starts
 *       at the beginning of data (the start of the entity's first bucket), and is checked
 *       against the limit like any other.
 *   <li>{@code sort_by=timestamp:..} only with a {@code date_grouping}, as the docs say.
 *   <li>{@code timezone} must be a TZ database (region) name; offsets like {@code +02:00}
 *       are refused.
 * </ul>
 */
final class AggregationParser {
  /** The TZ database names, once: the JDK builds a new set on every call. */
  private static final Set<String> ZONE_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

  /** What the request reports on, and the site it belongs to (for permissions). */
  record Target(Entity entity, String entityId, String siteId) {}

  private final DataStore store;
  private final ApiVersion api;

  AggregationParser(DataStore store, ApiVersion api) {
    this.store = store;
    this.api = api;
  }

  Target target(Params p) {
    return api == ApiVersion.LEGACY ? legacyTarget(p) : currentTarget(p);
  }

  private Target currentTarget(Params p) {
    String rawEntity = p.get("entity");
    if (rawEntity == null) {
      throw ApiException.badRequest("'entity' is required; accepted: pageview, event");
    }
    Entity entity = Arrays.stream(Entity.values()).filter(e -> e.apiName().equals(rawEntity))
        .findFirst().orElseThrow(() -> ApiException.badRequest(
            "'entity' must be one of pageview, event; got: '" + rawEntity + "'"));
    if (entity == Entity.PAGEVIEW) {
      String id = p.required("entity_id");
      store.site(id).orElseThrow(() -> EndpointErrors.noSite(id));
      return new Target(entity, id, id);
    }
    if (p.get("entity_id") != null) {
      throw ApiException.badRequest("'entity_id' with entity=event is no longer accepted: "
          + "goal codes are no longer available; report an event with 'site_id' and "
          + "'entity_name' (the event's name)");
    }
    String siteId = p.required("site_id");
    String name = p.required("entity_name");
    store.site(siteId).orElseThrow(() -> EndpointErrors.noSite(siteId));
    EventRecord e = store.events(siteId).stream().filter(ev -> ev.name().equals(name))
        .findFirst().orElseThrow(() -> ApiException.notFound(
            "No event named '" + name + "' on site '" + siteId + "'"));
    return new Target(entity, e.id(), siteId);
  }

  private Target legacyTarget(Params p) {
    String rawEntity = p.get("entity");
    if (rawEntity == null) {
      throw ApiException.badRequest("'entity' is required; accepted: pageview, event");
    }
    Entity entity = Arrays.stream(Entity.values()).filter(e -> e.apiName().equals(rawEntity))
        .findFirst().orElseThrow(() -> ApiException.badRequest(
            "'entity' must be one of pageview, event; got: '" + rawEntity + "'"));
    String id = p.required("entity_id");
    if (entity == Entity.PAGEVIEW) {
      store.site(id).orElseThrow(() -> EndpointErrors.noSite(id));
      return new Target(entity, id, id);
    }
    Optional<EventRecord> byId = store.event(id);
    if (byId.isPresent()) {
      return new Target(entity, id, byId.get().siteId());
    }
    String name = p.get("entity_name");
    if (name != null && store.site(id).isPresent()) {
      List<EventRecord> events = store.events(id);
      EventRecord e = events.stream().filter(ev -> ev.name().equals(name)).findFirst()
          .or(() -> events.stream().filter(ev -> ev.id().equals(name)).findFirst())
          .orElseThrow(() -> ApiException.notFound(
              "No event named '" + name + "' on site '" + id + "'"));
      return new Target(entity, e.id(), id);
    }
    throw ApiException.notFound("No event with id '" + id + "'");
  }

  /** The query of the docs page's API, without a row cap. */
  EngineQuery query(Params p, Target t, Instant now, RangeLimits limits) {
    return query(p, t, now, limits, RowLimits.FATHOM);
  }

  EngineQuery query(Params p, Target t, Instant now, RangeLimits limits, RowLimits rowLimits) {
    List<Aggregate> aggregates = aggregates(p.get("aggregates"), t.entity());
    DateGrouping dateGrouping = dateGrouping(p.get("date_grouping"));
    List<Field> fields = fields(p.get("field_grouping"), api);
    Sort sort = sort(p.get("sort_by"), aggregates, fields, dateGrouping);
    ZoneId zone = p.get("timezone") == null && api == ApiVersion.CURRENT
        ? store.site(t.siteId()).map(SiteRecord::timezone).orElse(ZoneId.of("UTC"))
        : zone(p.get("timezone"));
    LocalDateTime from = local(p, "date_from");
    LocalDateTime givenTo = local(p, "date_to");
    // Without date_to the engine gets the instant itself: going through local time would, in
    // the second copy of a fall-back hour, resolve to the earlier offset and drop the newest
    // records. The local value serves only the messages and the range-limit check.
    Instant nowSecond = now.truncatedTo(ChronoUnit.SECONDS);
    LocalDateTime to = givenTo != null ? givenTo : LocalDateTime.ofInstant(nowSecond, zone);
    Instant toInstant = givenTo != null ? ZonedDateTime.of(givenTo, zone).toInstant() : nowSecond;
    if (from != null && from.isAfter(to)) {
      throw ApiException.badRequest("'date_from' (" + DateTimes.SECONDS.format(from)
          + ") must not be after 'date_to' (" + DateTimes.SECONDS.format(to) + ")");
    }
    checkRange(dateGrouping,
        from != null ? from : firstBucket(t, aggregates, dateGrouping, zone, toInstant),
        from == null, to, limits);
    Integer limit;
    if (api == ApiVersion.LEGACY) {
      limit = p.intInRange("limit", 1, Integer.MAX_VALUE);
    } else {
      limit = p.intInRange("limit", 1, rowLimits.maxLimit());
      if (limit == null && !fields.isEmpty()) {
        limit = rowLimits.defaultLimit();
      }
    }
    return new EngineQuery(t.entity(), t.entityId(), aggregates, fields, dateGrouping, zone,
        from == null ? null : ZonedDateTime.of(from, zone).toInstant(),
        toInstant,
        FilterParser.parse(p.get("filters"), api), sort, limit, api);
  }

  static List<Aggregate> aggregates(String raw, Entity entity) {
    String accepted = entity.aggregates().stream().map(Aggregate::apiName)
        .collect(Collectors.joining(", "));
    if (raw == null) {
      throw ApiException.badRequest(
          "'aggregates' is required; accepted for entity " + entity.apiName() + ": " + accepted);
    }
    Set<Aggregate> out = new LinkedHashSet<>();
    for (String name : raw.split(",", -1)) {
      String n = name.trim();
      Aggregate a = entity.aggregates().stream().filter(x -> x.apiName().equals(n)).findFirst()
          .orElseThrow(() -> ApiException.badRequest("'aggregates' for entity " + entity.apiName()
              + " must be drawn from " + accepted + "; got: '" + n + "'"));
      out.add(a);
    }
    return List.copyOf(out);
  }

  static DateGrouping dateGrouping(String raw) {
    if (raw == null) {
      return null;
    }
    return Arrays.stream(DateGrouping.values()).filter(d -> d.apiName().equals(raw)).findFirst()
        .orElseThrow(() -> ApiException.badRequest(
            "'date_grouping' must be one of hour, day, month, year; got: '" + raw + "'"));
  }

  static List<Field> fields(String raw, ApiVersion api) {
    if (raw == null) {
      return List.of();
    }
    Set<Field> out = new LinkedHashSet<>();
    for (String name : raw.split(",", -1)) {
      Field f = Field.byName(name.trim());
      if (f == null || !f.groupable(api)) {
        throw ApiException.badRequest("'field_grouping' must be drawn from "
            + Field.groupingNames(api) + "; got: '" + name.trim() + "'"
            + (f == Field.DOMAIN ? " (domain can be filtered but not grouped)" : ""));
      }
      out.add(f);
    }
    return List.copyOf(out);
  }

  static Sort sort(String raw, List<Aggregate> aggregates, List<Field> fields, DateGrouping dg) {
    if (raw == null) {
      return null;
    }
    String[] parts = raw.split(":", -1);
    if (parts.length != 2 || !(parts[1].equals("asc") || parts[1].equals("desc"))) {
      throw ApiException.badRequest(
          "'sort_by' must look like field:asc or field:desc; got: '" + raw + "'");
    }
    List<String> allowed = new ArrayList<>();
    aggregates.forEach(a -> allowed.add(a.apiName()));
    fields.forEach(f -> allowed.add(f.apiName()));
    if (dg != null) {
      allowed.add(Sort.TIMESTAMP);
    }
    if (parts[0].equals(Sort.TIMESTAMP) && dg == null) {
      throw ApiException.badRequest("'sort_by' timestamp needs a 'date_grouping'");
    }
    if (!allowed.contains(parts[0])) {
      throw ApiException.badRequest("'sort_by' field must be a requested aggregate or grouped field"
          + (dg != null ? " or timestamp" : "") + " (" + String.join(", ", allowed)
          + "); got: '" + parts[0] + "'");
    }
    return new Sort(parts[0], parts[1].equals("desc"));
  }

  static ZoneId zone(String raw) {
    if (raw == null) {
      return ZoneId.of("UTC");
    }
    if (!ZONE_IDS.contains(raw)) {
      throw ApiException.badRequest(
          "'timezone' must be a TZ database name such as UTC or Europe/London; got: '" + raw + "'");
    }
    return ZoneId.of(raw);
  }

  static LocalDateTime local(Params p, String name) {
    String raw = p.get(name);
    if (raw == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(raw, DateTimes.SECONDS);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "'" + name + "' must be a local time YYYY-MM-DD HH:MM:SS; got: '" + raw + "'");
    }
  }

  /**
   * Without {@code date_from} the range starts at the beginning of data: the local start of
   * the entity's first bucket (from a one-row probe in the default, date-ascending order), or
   * null when the entity has no data up to {@code to}. Only asked for day and hour groupings.
   */
  private LocalDateTime firstBucket(Target t, List<Aggregate> aggregates, DateGrouping dg,
      ZoneId zone, Instant to) {
    if (dg != DateGrouping.DAY && dg != DateGrouping.HOUR) {
      return null;
    }
    List<ResultRow> first = store.aggregate(new EngineQuery(t.entity(), t.entityId(),
        List.of(aggregates.get(0)), List.of(), dg, zone, null, to,
        List.of(), null, 1, api));
    if (first.isEmpty()) {
      return null;
    }
    String label = first.get(0).date();
    return dg == DateGrouping.DAY ? LocalDate.parse(label).atStartOfDay() : LocalDateTime.parse(label, DateTimes.SECONDS);
  }

  static void checkRange(DateGrouping dg, LocalDateTime from, boolean fromData, LocalDateTime to,
      RangeLimits limits) {
    if ((dg != DateGrouping.DAY && dg != DateGrouping.HOUR) || from == null) {
      return;
    }
    String span = dg == DateGrouping.DAY
        ? limits.dayGroupingMonths() + " months" : limits.hourGroupingDays() + " days";
    LocalDateTime latest = dg == DateGrouping.DAY
        ? from.plusMonths(limits.dayGroupingMonths()) : from.plusDays(limits.hourGroupingDays());
    if (to.isAfter(latest)) {
      throw ApiException.badRequest("'date_grouping' " + dg.apiName() + " allows at most " + span
          + " between 'date_from' and 'date_to'; got " + DateTimes.SECONDS.format(from)
          + (fromData ? " (the first data, as 'date_from' was not sent)" : "") + " to "
          + DateTimes.SECONDS.format(to));
    }
  }

}
