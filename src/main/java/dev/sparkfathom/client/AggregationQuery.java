package dev.sparkfathom.client;

import dev.sparkfathom.api.ApiTime;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.api.RequestLimits;
import dev.sparkfathom.api.Sort;
import dev.sparkfathom.api.TimeZones;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code GET /v1/aggregations} request, validated for its {@link ApiVersion} before
 * anything is sent. Immutable and serializable, so a Spark partition can carry it to an
 * executor as it is.
 *
 * <p>Today's API ({@link ApiVersion#CURRENT}, the default) reports a site's pageviews with
 * {@code entity=pageview&entity_id=<site>} ({@link #pageviews}) and an event with {@code
 * entity=event&site_id=<site>&entity_name=<name>} ({@link #event}); goal codes are gone. The
 * docs page ({@link ApiVersion#LEGACY}) reports an event by {@code entity_id=<goal code>}
 * ({@link #builder} with {@link Entity#EVENT}). Field, operator and limit rules are those of
 * {@link Field} and {@link RequestLimits} for the query's revision.
 *
 * <p>{@code dateFrom} and {@code dateTo} are local times in the timezone reported in, both
 * inclusive, as the API reads them. {@code timezone} null means the site's own timezone
 * (today) and is then not sent; the legacy API's default, UTC, is sent as such. {@code limit}
 * null means none is sent; today's API then still cuts a field-grouped answer at {@value
 * RequestLimits#DEFAULT_ROW_CAP} rows ({@link #rowCap()}).
 */
public final class AggregationQuery implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final String LEGACY_DEFAULT_TIMEZONE = "UTC";

  private final ApiVersion apiVersion;
  private final Entity entity;
  private final String entityId;
  private final String siteId;
  private final String entityName;
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
    this.apiVersion = b.apiVersion;
    this.entity = b.entity;
    this.entityId = b.entityId;
    this.siteId = b.siteId;
    this.entityName = b.entityName;
    this.aggregates = List.copyOf(b.aggregates);
    this.fieldGrouping = List.copyOf(b.fieldGrouping);
    this.dateGrouping = b.dateGrouping;
    this.sortBy = b.sortBy;
    this.timezone = b.timezone == null && b.apiVersion == ApiVersion.LEGACY
        ? LEGACY_DEFAULT_TIMEZONE : b.timezone;
    this.dateFrom = b.dateFrom;
    this.dateTo = b.dateTo;
    this.limit = b.limit;
    this.filters = List.copyOf(b.filters);
  }

  /**
   * A query on {@code entity_id}: a site id for {@link Entity#PAGEVIEW}; for {@link
   * Entity#EVENT} an event's goal code, which only the legacy API accepts (use {@link #event}
   * today).
   */
  public static Builder builder(Entity entity, String entityId) {
    return new Builder(entity, entityId, null, null);
  }

  /** The pageviews of a site: {@code entity=pageview&entity_id=<siteId>}. */
  public static Builder pageviews(String siteId) {
    return new Builder(Entity.PAGEVIEW, siteId, null, null);
  }

  /**
   * An event of a site by its name, as today's API reports events: {@code
   * entity=event&site_id=<siteId>&entity_name=<eventName>}.
   */
  public static Builder event(String siteId, String eventName) {
    return new Builder(Entity.EVENT, null, siteId, eventName);
  }

  public Builder toBuilder() {
    Builder b = new Builder(entity, entityId, siteId, entityName);
    b.apiVersion = apiVersion;
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

  /** The API revision this query was validated for; a client sends it only in that revision. */
  public ApiVersion apiVersion() {
    return apiVersion;
  }

  public Entity entity() {
    return entity;
  }

  /** The site of a pageview query, the goal code of a legacy event query; null for an event by name. */
  public String entityId() {
    return entityId;
  }

  /** The site of an event by name; null otherwise (a pageview query's site is its {@link #entityId()}). */
  public String siteId() {
    return siteId;
  }

  /** The event's name of an event by name; null otherwise. */
  public String entityName() {
    return entityName;
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

  /** The TZ name sent; null when the report is in the site's own timezone (today's API). */
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
   * The number of rows at which the answer may have been cut short without a word from
   * Fathom: the {@code limit} sent, else (today) {@value RequestLimits#DEFAULT_ROW_CAP} when
   * the query groups by a field; null when nothing cuts the answer.
   */
  public Integer rowCap() {
    return RequestLimits.rowCap(apiVersion, !fieldGrouping.isEmpty(), limit);
  }

  /**
   * The query string parameters, in a stable order. {@code filters} is the JSON the API
   * expects, and is left out when there are none.
   */
  public Map<String, String> toParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("entity", entity.apiName());
    if (entityName != null) {
      p.put("site_id", siteId);
      p.put("entity_name", entityName);
    } else {
      p.put("entity_id", entityId);
    }
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
    if (timezone != null) {
      p.put("timezone", timezone);
    }
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
    return o instanceof AggregationQuery q && apiVersion == q.apiVersion
        && toParameters().equals(q.toParameters());
  }

  @Override
  public int hashCode() {
    return 31 * apiVersion.hashCode() + toParameters().hashCode();
  }

  @Override
  public String toString() {
    return "AggregationQuery[" + apiVersion + "]" + toParameters();
  }

  /** Collects the parameters; {@link #build()} checks them all at once. */
  public static final class Builder {
    private ApiVersion apiVersion = ApiVersion.CURRENT;
    private final Entity entity;
    private final String entityId;
    private final String siteId;
    private final String entityName;
    private final List<Aggregate> aggregates = new ArrayList<>();
    private final List<Field> fieldGrouping = new ArrayList<>();
    private DateGrouping dateGrouping;
    private Sort sortBy;
    private String timezone;
    private LocalDateTime dateFrom;
    private LocalDateTime dateTo;
    private Integer limit;
    private final List<Filter> filters = new ArrayList<>();

    private Builder(Entity entity, String entityId, String siteId, String entityName) {
      this.entity = Objects.requireNonNull(entity, "entity");
      this.entityId = entityId;
      this.siteId = siteId;
      this.entityName = entityName;
    }

    /** The revision whose rules {@link #build()} checks; {@link ApiVersion#CURRENT} unless set. */
    public Builder apiVersion(ApiVersion value) {
      apiVersion = Objects.requireNonNull(value, "apiVersion");
      return this;
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

    /** A TZ database name; null (the default) for the site's own timezone (UTC in the legacy API). */
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

    /** 1 and up; at most {@value RequestLimits#MAX_LIMIT} today. Null sends none. */
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
      checkEntity();
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
      for (Field f : fieldGrouping) {
        Field.parse(f.apiName(), apiVersion); // names the fields this revision groups by
      }
      for (Filter f : filters) {
        f.property().checkOperator(f.operator(), apiVersion);
      }
      if (timezone != null) {
        TimeZones.parse("timezone", timezone);
      }
      if (dateFrom != null && dateTo != null && dateFrom.isAfter(dateTo)) {
        throw new IllegalArgumentException("date_from " + ApiTime.FORMAT.format(dateFrom)
            + " is after date_to " + ApiTime.FORMAT.format(dateTo));
      }
      if (limit != null && limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1; got: " + limit);
      }
      Integer maxLimit = RequestLimits.maxLimit(apiVersion);
      if (limit != null && maxLimit != null && limit > maxLimit) {
        throw new IllegalArgumentException("limit must be at most " + maxLimit + " in the "
            + apiVersion + " API (Fathom answers 400 above it and does not page aggregations;"
            + " narrow the filters or the date range and send more requests); got: " + limit);
      }
      if (dateGrouping == DateGrouping.HOUR
          && RequestLimits.hourSpanTooLong(apiVersion, dateFrom, dateTo)) {
        throw new IllegalArgumentException("date_grouping hour covers at most "
            + RequestLimits.MAX_HOUR_SPAN.toDays() + " days in the " + apiVersion + " API; date_from "
            + ApiTime.FORMAT.format(dateFrom) + " to date_to " + ApiTime.FORMAT.format(dateTo)
            + " is longer: shorten the range or group by day");
      }
      if (sortBy != null && !sortable(sortBy.field())) {
        throw new IllegalArgumentException("sort_by field must be one of the requested aggregates"
            + " or grouped fields" + (dateGrouping != null ? " or timestamp" : "")
            + "; got: '" + sortBy.field() + "'");
      }
      return new AggregationQuery(this);
    }

    /** Which entity parameters this revision takes: goal codes are gone, event names are new. */
    private void checkEntity() {
      if (entityName != null || siteId != null) {
        if (apiVersion == ApiVersion.LEGACY) {
          throw new IllegalArgumentException("site_id and entity_name are not accepted by the"
              + " legacy API, which reports an event by its goal code:"
              + " use AggregationQuery.builder(Entity.EVENT, goalCode)");
        }
        if (siteId == null || siteId.isBlank()) {
          throw new IllegalArgumentException("site_id is required for an event by name");
        }
        if (entityName == null || entityName.isBlank()) {
          throw new IllegalArgumentException("entity_name (the event's name) is required");
        }
        return;
      }
      if (entityId == null || entityId.isBlank()) {
        throw new IllegalArgumentException("entity_id is required");
      }
      if (entity == Entity.EVENT && apiVersion == ApiVersion.CURRENT) {
        throw new IllegalArgumentException("entity_id '" + entityId + "' is not accepted for events"
            + " in the current API: Fathom no longer reports events by goal code, only by site and"
            + " name; use AggregationQuery.event(siteId, eventName), which sends site_id and"
            + " entity_name (or apiVersion(ApiVersion.LEGACY) for the old API)");
      }
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
