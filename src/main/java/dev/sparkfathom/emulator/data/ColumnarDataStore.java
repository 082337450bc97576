package dev.sparkfathom.emulator.data;

import dev.sparkfathom.api.Entity;
import dev.sparkfathom.emulator.engine.AggregationEngine;
import dev.sparkfathom.emulator.engine.CurrentVisitors;
import dev.sparkfathom.emulator.engine.CurrentVisitorsCounter;
import dev.sparkfathom.emulator.engine.EngineQuery;
import dev.sparkfathom.emulator.engine.ResultRow;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The in-memory columnar {@link DataStore}: pageviews partitioned by site and conversions by
 * event, each partition a list of {@link Chunk}s with dictionary-encoded dimensions (see
 * {@link StoreState}). Queries run under a read lock, so many run at once; appends, loads and
 * removals take the write lock briefly.
 *
 * <p>Choices the interface leaves open: records, events and conversions must refer to a site
 * or event the store holds ({@link IllegalArgumentException} otherwise), and a conversion's
 * site must be its event's site. A load parses and checks its whole input before it takes
 * the write lock, so a bad line leaves the store unchanged. Timestamps keep whole seconds
 * (fractions are cut).
 */
public final class ColumnarDataStore implements DataStore {
  private static final Comparator<SiteRecord> SITE_ORDER =
      Comparator.comparing(SiteRecord::createdAt).thenComparing(SiteRecord::id);
  private static final Comparator<EventRecord> EVENT_ORDER =
      Comparator.comparing(EventRecord::createdAt).thenComparing(EventRecord::id);
  /** Created order, ties by id. */
  public static final Comparator<MilestoneRecord> MILESTONE_ORDER =
      Comparator.comparing(MilestoneRecord::createdAt).thenComparing(MilestoneRecord::id);

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private StoreState state = new StoreState();

  @Override
  public List<SiteRecord> sites() {
    return read(() -> state.sites.values().stream().sorted(SITE_ORDER).toList());
  }

  @Override
  public Optional<SiteRecord> site(String id) {
    return read(() -> Optional.ofNullable(state.sites.get(id)));
  }

  @Override
  public void putSite(SiteRecord site) {
    write(() -> state.sites.put(site.id(), site));
  }

  @Override
  public boolean removeSite(String id) {
    return write(() -> {
      if (state.sites.remove(id) == null) {
        return false;
      }
      state.pageviews.remove(id);
      state.sessions.remove(id);
      state.milestones.values().removeIf(m -> m.siteId().equals(id));
      state.events.values().removeIf(e -> {
        boolean ofSite = e.siteId().equals(id);
        if (ofSite) {
          state.conversions.remove(e.id());
        }
        return ofSite;
      });
      return true;
    });
  }

  @Override
  public List<EventRecord> events(String siteId) {
    return read(() -> state.events.values().stream()
        .filter(e -> e.siteId().equals(siteId)).sorted(EVENT_ORDER).toList());
  }

  @Override
  public Optional<EventRecord> event(String eventId) {
    return read(() -> Optional.ofNullable(state.events.get(eventId)));
  }

  @Override
  public void putEvent(EventRecord event) {
    write(() -> {
      requireSite(event.siteId(), "an event");
      return state.events.put(event.id(), event);
    });
  }

  @Override
  public boolean removeEvent(String eventId) {
    return write(() -> {
      state.conversions.remove(eventId);
      return state.events.remove(eventId) != null;
    });
  }

  @Override
  public void wipeSite(String siteId) {
    write(() -> {
      state.pageviews.remove(siteId);
      state.sessions.remove(siteId);
      for (EventRecord e : state.events.values()) {
        if (e.siteId().equals(siteId)) {
          state.conversions.remove(e.id());
        }
      }
      return null;
    });
  }

  @Override
  public void wipeEvent(String eventId) {
    write(() -> state.conversions.remove(eventId));
  }

  @Override
  public List<MilestoneRecord> milestones(String siteId) {
    return read(() -> state.milestones.values().stream()
        .filter(m -> m.siteId().equals(siteId)).sorted(MILESTONE_ORDER).toList());
  }

  @Override
  public Optional<MilestoneRecord> milestone(String id) {
    return read(() -> Optional.ofNullable(state.milestones.get(id)));
  }

  @Override
  public void putMilestone(MilestoneRecord milestone) {
    write(() -> {
      requireSite(milestone.siteId(), "a milestone");
      return state.milestones.put(milestone.id(), milestone);
    });
  }

  @Override
  public boolean removeMilestone(String id) {
    return write(() -> state.milestones.remove(id) != null);
  }

  @Override
  public void addPageviews(List<PageviewRecord> records) {
    write(() -> {
      for (PageviewRecord r : records) {
        requireSite(r.siteId(), "a pageview");
        StoreState.checkDimensions(r.dimensions());
      }
      records.forEach(state::addPageview);
      return null;
    });
  }

  @Override
  public void addConversions(List<ConversionRecord> records) {
    write(() -> {
      for (ConversionRecord r : records) {
        EventRecord event = state.events.get(r.eventId());
        if (event == null) {
          throw new IllegalArgumentException(
              "a conversion for unknown event '" + r.eventId() + "'");
        }
        if (!event.siteId().equals(r.siteId())) {
          throw new IllegalArgumentException("event '" + r.eventId() + "' belongs to site '"
              + event.siteId() + "', not '" + r.siteId() + "'");
        }
        StoreState.checkDimensions(r.dimensions());
      }
      records.forEach(state::addConversion);
      return null;
    });
  }

  @Override
  public long recordCount() {
    return read(state::recordCount);
  }

  /** Approximate bytes the record columns take (dictionaries and maps not counted). */
  public long columnBytes() {
    return read(state::bytesUsed);
  }

  @Override
  public void load(Reader jsonl, boolean replace) throws IOException {
    Map<String, SiteRecord> baseSites = replace ? Map.of() : read(() -> Map.copyOf(state.sites));
    Map<String, EventRecord> baseEvents =
        replace ? Map.of() : read(() -> Map.copyOf(state.events));
    StoreState staged = JsonlReader.read(jsonl, baseSites, baseEvents);
    write(() -> {
      if (replace) {
        state = staged;
      } else {
        checkStillThere(staged);
        state.merge(staged);
      }
      return null;
    });
  }

  @Override
  public void export(Writer out) throws IOException {
    Lock r = lock.readLock();
    r.lock();
    try {
      List<SiteRecord> sites = state.sites.values().stream().sorted(SITE_ORDER).toList();
      List<EventRecord> events = new ArrayList<>();
      for (SiteRecord s : sites) {
        state.events.values().stream()
            .filter(e -> e.siteId().equals(s.id())).sorted(EVENT_ORDER).forEach(events::add);
      }
      List<MilestoneRecord> milestones =
          state.milestones.values().stream().sorted(MILESTONE_ORDER).toList();
      JsonlWriter.writeAll(state, sites, events, milestones, out);
    } finally {
      r.unlock();
    }
  }

  @Override
  public List<ResultRow> aggregate(EngineQuery query) {
    return read(() -> {
      Map<String, RecordTable> tables =
          query.entity() == Entity.PAGEVIEW ? state.pageviews : state.conversions;
      RecordTable table = tables.get(query.entityId());
      String siteId = query.entity() == Entity.PAGEVIEW ? query.entityId()
          : state.events.containsKey(query.entityId())
              ? state.events.get(query.entityId()).siteId() : null;
      return AggregationEngine.aggregate(query, table == null ? List.of() : table.chunks(),
          state.dictionaries, siteId == null ? null : state.sessions.get(siteId));
    });
  }

  @Override
  public CurrentVisitors currentVisitors(String siteId, Instant now, boolean detailed) {
    return read(() -> {
      RecordTable table = state.pageviews.get(siteId);
      return CurrentVisitorsCounter.count(
          table == null ? List.of() : table.chunks(), state.dictionaries, now, detailed);
    });
  }

  /** A load that adds was checked against the sites and events held when it began. */
  private void checkStillThere(StoreState staged) {
    staged.pageviews.keySet().forEach(id -> {
      if (!staged.sites.containsKey(id)) {
        requireSite(id, "a loaded pageview");
      }
    });
    staged.conversions.keySet().forEach(id -> {
      if (!staged.events.containsKey(id) && !state.events.containsKey(id)) {
        throw new IllegalArgumentException(
            "event '" + id + "' was removed while its conversions were loading");
      }
    });
    staged.milestones.values().forEach(m -> {
      if (!staged.sites.containsKey(m.siteId())) {
        requireSite(m.siteId(), "a loaded milestone");
      }
    });
    staged.events.values().forEach(e -> {
      if (!staged.sites.containsKey(e.siteId())) {
        requireSite(e.siteId(), "a loaded event");
      }
    });
  }

  private void requireSite(String siteId, String what) {
    if (!state.sites.containsKey(siteId)) {
      throw new IllegalArgumentException(what + " for unknown site '" + siteId + "'");
    }
  }

  private <T> T read(Supplier<T> body) {
    Lock r = lock.readLock();
    r.lock();
    try {
      return body.get();
    } finally {
      r.unlock();
    }
  }

  private <T> T write(Supplier<T> body) {
    Lock w = lock.writeLock();
    w.lock();
    try {
      return body.get();
    } finally {
      w.unlock();
    }
  }
}
