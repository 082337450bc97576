package dev.sparkfathom.client;

import dev.sparkfathom.api.ApiTime;
import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.Sort;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code GET /v1/aggregations} request, validated before anything is sent. Immutable and
 * serializable, so a Spark partition can carry it to an executor as it is.
 *
 * <p>{@code dateFrom} and {@code dateTo} are local times in {@code timezone}, both inclusive,
 * as the API reads them. {@code limit} null means no limit.
 */
public final class AggregationQuery implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Entity entity;
  private final String entityId;
  private final List<Aggregate> aggregates;
  private final List<Field> fieldGrouping;
  private final DateGrouping dateGrouping;
  private final Sort sortBy;
  private final String timezone;
  private final LocalDateTime dateFrom;
  private final LocalDateTime dateTo;
  private final Integer limit;
  private final List<Filter> filters;

  private AggregationQuery(Builder b) {
    this.entity = b.entity;
    this.entityId = b.entityId;
    this.aggregates = List.copyOf(b.aggregates);
    this.fieldGrouping = List.copyOf(b.fieldGrouping);
    this.dateGrouping = b.dateGrouping;
    this.sortBy = b.sortBy;
    this.timezone = b.timezone;
    this.dateFrom = b.dateFrom;
    this.dateTo = b.dateTo;
    this.limit = b.limit;
    this.filters = List.copyOf(b.filters);
  }

  public static Builder builder(Entity entity, String entityId) {
    return new Builder(entity, entityId);
  }

  public Builder toBuilder() {
    Builder b = new Builder(entity, entityId);
    b.aggregates.addAll(aggregates);
    b.fieldGrouping.addAll(fieldGrouping);
    b.dateGrouping = dateGrouping;
    b.sortBy = sortBy;
    b.timezone = timezone;
    b.dateFrom = dateFrom;
    b.dateTo = dateTo;
    b.limit = limit;
    b.filters.addAll(filters);
    return b;
  }

  public Entity entity() {
    return entity;
  }

  public String entityId() {
    return entityId;
  }

  public List<Aggregate> aggregates() {
    return aggregates;
  }

  public List<Field> fieldGrouping() {
    return fieldGrouping;
  }

  /** Null when the query asks for totals. */
  public DateGrouping dateGrouping() {
    return dateGrouping;
  }

  /** Null when the API's default order is wanted. */
  public Sort sortBy() {
    return sortBy;
  }

  public String timezone() {
    return timezone;
  }

  /** Null for the beginning of data. */
  public LocalDateTime dateFrom() {
    return dateFrom;
  }

  /** Null for now. */
  public LocalDateTime dateTo() {
    return dateTo;
  }

  /** Null for no limit. */
  public Integer limit() {
    return limit;
  }

  public List<Filter> filters() {
    return filters;
  }

  /**
   * The query string parameters, in a stable order. {@code filters} is the JSON the API
   * expects, and is left out when there are none.
   */
  public Map<String, String> toParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("entity", entity.apiName());
    p.put("entity_id", entityId);
    p.put("aggregates", join(aggregates.stream().map(Aggregate::apiName).toList()));
    if (dateGrouping != null) {
      p.put("date_grouping", dateGrouping.apiName());
    }
    if (!fieldGrouping.isEmpty()) {
      p.put("field_grouping", join(fieldGrouping.stream().map(Field::apiName).toList()));
    }
    if (sortBy != null) {
      p.put("sort_by", sortBy.apiValue());
    }
    p.put("timezone", timezone);
    if (dateFrom != null) {
      p.put("date_from", ApiTime.FORMAT.format(dateFrom));
    }
    if (dateTo != null) {
      p.put("date_to", ApiTime.FORMAT.format(dateTo));
    }
    if (limit != null) {
      p.put("limit", Integer.toString(limit));
    }
    if (!filters.isEmpty()) {
      p.put("filters", FilterJson.write(filters));
    }
    return p;
  }

  private static String join(List<String> names) {
    return String.join(",", names);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AggregationQuery q && toParameters().equals(q.toParameters());
  }

  @Override
  public int hashCode() {
    return toParameters().hashCode();
  }

  @Override
  public String toString() {
    return "AggregationQuery" + toParameters();
  }

  /** Collects the parameters; {@link #build()} checks them all at once. */
  public static final class Builder {
    private final Entity entity;
    private final String entityId;
    private final List<Aggregate> aggregates = new ArrayList<>();
    private final List<Field> fieldGrouping = new ArrayList<>();
    private DateGrouping dateGrouping;
    private Sort sortBy;
    private String timezone = "UTC";
    private LocalDateTime dateFrom;
    private LocalDateTime dateTo;
    private Integer limit;
    private final List<Filter> filters = new ArrayList<>();

    private Builder(Entity entity, String entityId) {
      this.entity = Objects.requireNonNull(entity, "entity");
      this.entityId = entityId;
    }

    public Builder aggregates(List<Aggregate> values) {
      aggregates.clear();
      aggregates.addAll(values);
      return this;
    }

    public Builder aggregates(Aggregate... values) {
      return aggregates(List.of(values));
    }

    public Builder fieldGrouping(List<Field> values) {
      fieldGrouping.clear();
      fieldGrouping.addAll(values);
      return this;
    }

    public Builder fieldGrouping(Field... values) {
      return fieldGrouping(List.of(values));
    }

    public Builder dateGrouping(DateGrouping value) {
      dateGrouping = value;
      return this;
    }

    public Builder sortBy(Sort value) {
      sortBy = value;
      return this;
    }

    public Builder timezone(String value) {
      timezone = value;
      return this;
    }

    public Builder dateFrom(LocalDateTime value) {
      dateFrom = value;
      return this;
    }

    public Builder dateTo(LocalDateTime value) {
      dateTo = value;
      return this;
    }

    public Builder limit(Integer value) {
      limit = value;
      return this;
    }

    public Builder filters(List<Filter> values) {
      filters.clear();
      filters.addAll(values);
      return this;
    }

    public Builder addFilter(Filter value) {
      filters.add(Objects.requireNonNull(value, "filter"));
      return this;
    }

    /** @throws IllegalArgumentException naming the first bad parameter and what is accepted */
    public AggregationQuery build() {
      if (entityId == null || entityId.isBlank()) {
        throw new IllegalArgumentException("entity_id is required");
      }
      if (aggregates.isEmpty()) {
        throw new IllegalArgumentException("aggregates must name at least one of "
            + String.join(", ", entity.aggregates().stream().map(Aggregate::apiName).toList()));
      }
      Set<Object> seen = new HashSet<>();
      for (Aggregate a : aggregates) {
        if (a.entity() != entity) {
          throw new IllegalArgumentException("aggregate " + a.apiName() + " is not valid for entity "
              + entity.apiName() + "; accepted: "
              + String.join(", ", entity.aggregates().stream().map(Aggregate::apiName).toList()));
        }
        if (!seen.add(a)) {
          throw new IllegalArgumentException("aggregate " + a.apiName() + " is given twice");
        }
      }
      for (Field f : fieldGrouping) {
        if (!seen.add(f)) {
          throw new IllegalArgumentException("field_grouping field " + f.apiName() + " is given twice");
        }
      }
      try {
        ZoneId.of(timezone);
      } catch (DateTimeException | NullPointerException e) {
        throw new IllegalArgumentException(
            "timezone must be a TZ database name such as UTC or Europe/Berlin; got: '" + timezone + "'");
      }
      if (dateFrom != null && dateTo != null && dateFrom.isAfter(dateTo)) {
        throw new IllegalArgumentException("date_from " + ApiTime.FORMAT.format(dateFrom)
            + " is after date_to " + ApiTime.FORMAT.format(dateTo));
      }
      if (limit != null && limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1; got: " + limit);
      }
      if (sortBy != null && !sortable(sortBy.field())) {
        throw new IllegalArgumentException("sort_by field must be one of the requested aggregates"
            + " or grouped fields" + (dateGrouping != null ? " or timestamp" : "")
            + "; got: '" + sortBy.field() + "'");
      }
      return new AggregationQuery(this);
    }

    private boolean sortable(String field) {
      if (Sort.TIMESTAMP.equals(field)) {
        return dateGrouping != null;
      }
      return aggregates.stream().anyMatch(a -> a.apiName().equals(field))
          || fieldGrouping.stream().anyMatch(f -> f.apiName().equals(field));
    }
  }
}
