package dev.sparkfathom.emulator.data;

import dev.sparkfathom.emulator.engine.CurrentVisitors;
import dev.sparkfathom.emulator.engine.EngineQuery;
import dev.sparkfathom.emulator.engine.ResultRow;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the emulated account holds: sites, events and the raw pageviews and
 * conversions, with the queries the API answers from them. Thread-safe: the HTTP layer calls
 * it from many threads, and the live generator appends while queries run.
 */
public interface DataStore {
  /** All sites, in created order (ties broken by id). */
  List<SiteRecord> sites();

  Optional<SiteRecord> site(String id);

  /** Inserts the site, or replaces the one with the same id. */
  void putSite(SiteRecord site);

  /**
   * Removes the site, its events, milestones and all their raw records; false when there was
   * none.
   */
  boolean removeSite(String id);

  /** The site's events, in created order (ties broken by id). */
  List<EventRecord> events(String siteId);

  Optional<EventRecord> event(String eventId);

  /** Inserts the event, or replaces the one with the same id. */
  void putEvent(EventRecord event);

  /** Removes the event and its conversions; false when there was none. */
  boolean removeEvent(String eventId);

  /** Removes the site's pageviews and conversions, keeping the site and its events. */
  void wipeSite(String siteId);

  /** Removes the event's conversions, keeping the event. */
  void wipeEvent(String eventId);

  /** The site's milestones, in created order (ties broken by id). */
  List<MilestoneRecord> milestones(String siteId);

  Optional<MilestoneRecord> milestone(String id);

  /** Inserts the milestone, or replaces the one with the same id; its site must exist. */
  void putMilestone(MilestoneRecord milestone);

  /** Removes the milestone; false when there was none. */
  boolean removeMilestone(String id);

  void addPageviews(List<PageviewRecord> records);

  void addConversions(List<ConversionRecord> records);

  /** Number of raw pageview and conversion records held. */
  long recordCount();

  /**
   * Reads JSONL records (sites, events, pageviews, conversions), replacing everything held
   * when {@code replace}, else adding to it.
   *
   * @throws IllegalArgumentException naming the line number and what is wrong with it
   */
  void load(Reader jsonl, boolean replace) throws IOException;

  /** Writes everything held as JSONL: sites, events, then pageviews and conversions. */
  void export(Writer out) throws IOException;

  /**
   * Answers an aggregation already checked by the HTTP layer (the entity id exists, the
   * aggregates fit the entity).
   */
  List<ResultRow> aggregate(EngineQuery query);

  /** Pageviews of the site in the 5 minutes up to {@code now}; details when asked. */
  CurrentVisitors currentVisitors(String siteId, Instant now, boolean detailed);
}
