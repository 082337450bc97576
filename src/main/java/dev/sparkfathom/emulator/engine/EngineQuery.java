package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.Sort;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * An aggregation as the engine runs it, after the HTTP layer has parsed and checked the
 * request. {@code from} and {@code to} are inclusive instants (from the local
 * {@code date_from}/{@code date_to} resolved in {@code zone}); {@code from} null means the
 * beginning of data. {@code dateGrouping}, {@code sort} and {@code limit} may be null. {@code
 * api} selects the flavour of {@code is like} (see {@link CompiledFilters}); the row cap and
 * the per-property rules are the HTTP layer's, not the engine's.
 */
public record EngineQuery(
    Entity entity,
    String entityId,
    List<Aggregate> aggregates,
    List<Field> fieldGrouping,
    DateGrouping dateGrouping,
    ZoneId zone,
    Instant from,
    Instant to,
    List<Filter> filters,
    Sort sort,
    Integer limit,
    ApiVersion api) {
  public EngineQuery {
    Objects.requireNonNull(api, "api");
  }

  /** A query with the docs page's {@code is like} ({@code %} and {@code _} wildcards). */
  public EngineQuery(Entity entity, String entityId, List<Aggregate> aggregates,
      List<Field> fieldGrouping, DateGrouping dateGrouping, ZoneId zone, Instant from,
      Instant to, List<Filter> filters, Sort sort, Integer limit) {
    this(entity, entityId, aggregates, fieldGrouping, dateGrouping, zone, from, to, filters,
        sort, limit, ApiVersion.LEGACY);
  }
}
