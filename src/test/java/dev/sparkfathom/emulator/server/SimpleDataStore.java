package dev.sparkfathom.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.FilterOperator;
import dev.sparkfathom.emulator.data.ConversionRecord;
import dev.sparkfathom.emulator.data.DataStore;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.MilestoneRecord;
import dev.sparkfathom.emulator.data.PageviewRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import dev.sparkfathom.emulator.engine.CurrentVisitors;
import dev.sparkfathom.emulator.engine.EngineQuery;
import dev.sparkfathom.emulator.engine.ResultRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import java.util.Optional;
import java.util.TreeMap;

/**
 * A test double of {@link DataStore}: plain lists and naive loops, enough for the HTTP
 * layer's tests. Its {@code aggregate} knows counts, value, date grouping, field grouping,
 * {@code is}/{@code is not} filters and limit, in the default order; {@code sort_by} and the
 * {@code like} operators throw {@link UnsupportedOperationException}. Not product code: the
 * real store is ColumnarDataStore.
 */
public final class SimpleDataStore implements DataStore {
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<SiteRecord> sites = new ArrayList<>();
  private final List<EventRecord> events = new ArrayList<>();
  private final List<PageviewRecord> pageviews = new ArrayList<>();
  private final List<ConversionRecord> conversions = new ArrayList<>();
  private final List<MilestoneRecord> milestones = new ArrayList<>();
  /** Every query the server handed over, for assertions. */
  public final List<EngineQuery> queries = new ArrayList<>();

  /** A pageview with only a pathname and the flags. */
  public static PageviewRecord pageview(String site, String instant, String pathname,
      boolean newSession, boolean unique, boolean bounce, int duration) {
    String[] dims = new String[Field.values().length];
    dims[Field.PATHNAME.ordinal()] = pathname;
    dims[Field.HOSTNAME.ordinal()] = "https://example.com";
    return new PageviewRecord(site, Instant.parse(instant), dims, newSession, unique, bounce, duration);
  }

  @Override
  public synchronized List<SiteRecord> sites() {
    return sites.stream().sorted(Comparator.comparing(SiteRecord::createdAt)
        .thenComparing(SiteRecord::id)).toList();
  }

  @Override
  public synchronized Optional<SiteRecord> site(String id) {
    return sites.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  @Override
  public synchronized void putSite(SiteRecord site) {
    sites.removeIf(s -> s.id().equals(site.id()));
    sites.add(site);
  }

  @Override
  public synchronized boolean removeSite(String id) {
    boolean had = sites.removeIf(s -> s.id().equals(id));
    events.removeIf(e -> e.siteId().equals(id));
    milestones.removeIf(m -> m.siteId().equals(id));
    wipeSite(id);
    return had;
  }

  @Override
  public synchronized List<EventRecord> events(String siteId) {
    return events.stream().filter(e -> e.siteId().equals(siteId))
        .sorted(Comparator.comparing(EventRecord::createdAt).thenComparing(EventRecord::id)).toList();
  }

  @Override
  public synchronized Optional<EventRecord> event(String eventId) {
    return events.stream().filter(e -> e.id().equals(eventId)).findFirst();
  }

  @Override
  public synchronized void putEvent(EventRecord event) {
    events.removeIf(e -> e.id().equals(event.id()));
    events.add(event);
  }

  @Override
  public synchronized boolean removeEvent(String eventId) {
    conversions.removeIf(c -> c.eventId().equals(eventId));
    return events.removeIf(e -> e.id().equals(eventId));
  }

  @Override
  public synchronized void wipeSite(String siteId) {
    pageviews.removeIf(p -> p.siteId().equals(siteId));
    conversions.removeIf(c -> c.siteId().equals(siteId));
  }

  @Override
  public synchronized List<MilestoneRecord> milestones(String siteId) {
    return milestones.stream().filter(m -> m.siteId().equals(siteId))
        .sorted(Comparator.comparing(MilestoneRecord::createdAt)
            .thenComparing(MilestoneRecord::id)).toList();
  }

  @Override
  public synchronized Optional<MilestoneRecord> milestone(String id) {
    return milestones.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  @Override
  public synchronized void putMilestone(MilestoneRecord milestone) {
    milestones.removeIf(m -> m.id().equals(milestone.id()));
    milestones.add(milestone);
  }

  @Override
  public synchronized boolean removeMilestone(String id) {
    return milestones.removeIf(m -> m.id().equals(id));
  }

  @Override
  public synchronized void wipeEvent(String eventId) {
    conversions.removeIf(c -> c.eventId().equals(eventId));
  }

  @Override
  public synchronized void addPageviews(List<PageviewRecord> records) {
    pageviews.addAll(records);
  }

  @Override
  public synchronized void addConversions(List<ConversionRecord> records) {
    conversions.addAll(records);
  }

  @Override
  public synchronized long recordCount() {
    return pageviews.size() + conversions.size();
  }

  /** Knows sites, events and pageviews (with pathname only). */
  @Override
  public synchronized void load(Reader jsonl, boolean replace) throws IOException {
    List<String> lines = new BufferedReader(jsonl).lines().toList();
    if (replace) {
      sites.clear();
      events.clear();
      pageviews.clear();
      conversions.clear();
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode n = MAPPER.readTree(lines.get(i));
      String type = n.path("type").asText();
      switch (type) {
        case "site" -> putSite(new SiteRecord(n.get("id").asText(), n.get("name").asText(),
            n.path("sharing").asText("none"), null,
            LocalDateTime.parse(n.get("created_at").asText(), CREATED)));
        case "event" -> putEvent(new EventRecord(n.get("id").asText(), n.get("site_id").asText(),
            n.get("name").asText(), LocalDateTime.parse(n.get("created_at").asText(), CREATED)));
        case "pageview" -> pageviews.add(pageview(n.get("site_id").asText(),
            n.get("timestamp").asText(), n.path("pathname").asText(null),
            n.path("new_session").asBoolean(), n.path("unique").asBoolean(),
            n.path("bounce").asBoolean(), n.path("duration").asInt()));
        default -> throw new IllegalArgumentException(
            "line " + (i + 1) + ": type must be one of site, event, pageview; got: '" + type + "'");
      }
    }
  }

  @Override
  public synchronized void export(Writer out) throws IOException {
    for (SiteRecord s : sites()) {
      out.write(MAPPER.writeValueAsString(Map.of("type", "site", "id", s.id(), "name", s.name(),
          "sharing", s.sharing(), "created_at", CREATED.format(s.createdAt()))) + "\n");
    }
    for (PageviewRecord p : pageviews) {
      out.write("{\"type\":\"pageview\",\"site_id\":\"" + p.siteId() + "\",\"timestamp\":\""
          + p.timestamp() + "\"}\n");
    }
  }

  @Override
  public synchronized List<ResultRow> aggregate(EngineQuery q) {
    queries.add(q);
    if (q.sort() != null) {
      throw new UnsupportedOperationException("SimpleDataStore does not sort");
    }
    Map<List<String>, List<Object>> groups = new TreeMap<>(SimpleDataStore::compareKeys);
    List<Object> records = new ArrayList<>();
    if (q.entity() == Entity.PAGEVIEW) {
      pageviews.stream().filter(p -> p.siteId().equals(q.entityId())).forEach(records::add);
    } else {
      conversions.stream().filter(c -> c.eventId().equals(q.entityId())).forEach(records::add);
    }
    for (Object r : records) {
      Instant t = r instanceof PageviewRecord p ? p.timestamp() : ((ConversionRecord) r).timestamp();
      String[] dims = r instanceof PageviewRecord p ? p.dimensions() : ((ConversionRecord) r).dimensions();
      if ((q.from() != null && t.isBefore(q.from())) || t.isAfter(q.to()) || !matches(q.filters(), dims)) {
        continue;
      }
      List<String> key = new ArrayList<>();
      key.add(q.dateGrouping() == null ? null
          : q.dateGrouping().label(q.dateGrouping().truncate(LocalDateTime.ofInstant(t, q.zone()))));
      q.fieldGrouping().forEach(f -> key.add(dims[f.ordinal()]));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    List<ResultRow> out = new ArrayList<>();
    for (Map.Entry<List<String>, List<Object>> g : groups.entrySet()) {
      Number[] metrics = q.aggregates().stream().map(a -> metric(a, g.getValue())).toArray(Number[]::new);
      List<String> key = g.getKey();
      out.add(new ResultRow(key.get(0), key.subList(1, key.size()).toArray(String[]::new), metrics));
    }
    return q.limit() == null ? out : out.subList(0, Math.min(q.limit(), out.size()));
  }

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static boolean matches(List<Filter> filters, String[] dims) {
    for (Filter f : filters) {
      String v = dims[f.property().ordinal()];
      if (f.operator() == FilterOperator.IS && !f.value().equals(v)) {
        return false;
      } else if (f.operator() == FilterOperator.IS_NOT && f.value().equals(v)) {
        return false;
      } else if (f.operator() != FilterOperator.IS && f.operator() != FilterOperator.IS_NOT) {
        throw new UnsupportedOperationException("SimpleDataStore knows only is and is not");
      }
    }
    return true;
  }

  private static Number metric(Aggregate a, List<Object> rs) {
    List<PageviewRecord> pv = rs.stream().filter(PageviewRecord.class::isInstance)
        .map(PageviewRecord.class::cast).toList();
    List<ConversionRecord> cv = rs.stream().filter(ConversionRecord.class::isInstance)
        .map(ConversionRecord.class::cast).toList();
    long visits = pv.stream().filter(PageviewRecord::newSession).count();
    return switch (a) {
      case PAGEVIEWS -> (long) pv.size();
      case VISITS -> visits;
      case UNIQUES -> pv.stream().filter(PageviewRecord::unique).count();
      case AVG_DURATION -> pv.stream().filter(p -> p.duration() > 0).mapToInt(PageviewRecord::duration)
          .average().orElse(0);
      case BOUNCE_RATE -> visits == 0 ? 0.0
          : (double) pv.stream().filter(p -> p.newSession() && p.bounce()).count() / visits;
      case CONVERSIONS -> (long) cv.size();
      case UNIQUE_CONVERSIONS -> cv.stream().filter(ConversionRecord::unique).count();
      case VALUE -> cv.stream().mapToLong(ConversionRecord::value).sum();
    };
  }

  @Override
  public synchronized CurrentVisitors currentVisitors(String siteId, Instant now, boolean detailed) {
    Instant from = now.minus(Duration.ofMinutes(5));
    List<PageviewRecord> recent = pageviews.stream().filter(p -> p.siteId().equals(siteId)
        && p.timestamp().isAfter(from) && !p.timestamp().isAfter(now)).toList();
    if (!detailed) {
      return new CurrentVisitors(recent.size(), List.of(), List.of());
    }
    Map<List<String>, Long> pages = new TreeMap<>(SimpleDataStore::compareKeys);
    Map<List<String>, Long> refs = new TreeMap<>(SimpleDataStore::compareKeys);
    for (PageviewRecord p : recent) {
      String[] d = p.dimensions();
      pages.merge(Arrays.asList(d[Field.HOSTNAME.ordinal()], d[Field.PATHNAME.ordinal()]), 1L, Long::sum);
      refs.merge(Arrays.asList(d[Field.REFERRER_HOSTNAME.ordinal()],
          d[Field.REFERRER_PATHNAME.ordinal()]), 1L, Long::sum);
    }
    return new CurrentVisitors(recent.size(),
        pages.entrySet().stream().map(e -> new CurrentVisitors.Page(e.getKey().get(0),
            e.getKey().get(1), e.getValue())).toList(),
        refs.entrySet().stream().map(e -> new CurrentVisitors.Referrer(e.getKey().get(0),
            e.getKey().get(1), e.getValue())).toList());
  }

  @Override
  public String toString() {
    return "SimpleDataStore[" + sites.size() + " sites, " + recordCount() + " records]";
  }

}
