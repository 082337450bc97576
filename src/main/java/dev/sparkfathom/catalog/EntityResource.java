package dev.sparkfathom.catalog;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.model.CurrentContent;
import dev.sparkfathom.client.model.CurrentReferrer;
import dev.sparkfathom.client.model.Event;
import dev.sparkfathom.client.model.Milestone;
import dev.sparkfathom.client.model.Site;
import dev.sparkfathom.stream.CurrentVisitorsResource;
import dev.sparkfathom.stream.VisitorsSnapshot;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Fathom's entities as tables: what each reads through the client (every page of a paged
 * list), its schema with comments, and how an answer becomes rows. Entity requests count
 * against the entity budget (2000 an hour), current visitors against the aggregation budget.
 */
enum EntityResource {
  SITES("sites", "sites", false, "the token's sites (every page of GET /sites)",
      col("id", DataTypes.StringType, false, "site id: the namespace of the site's tables"),
      col("name", DataTypes.StringType, true, "site name"),
      col("sharing", DataTypes.StringType, true, "dashboard sharing: none, private or public"),
      col("created_at", DataTypes.TimestampType, true, "when the site was created"),
      col("timezone", DataTypes.StringType, true, "the site's timezone: report tables' day buckets (today's API)")),
  EVENT_LIST("event_list", "events", true, "the site's events (every page of GET /sites/{id}/events)",
      col("id", DataTypes.StringType, true, "the event's id (goal code); Fathom may stop sending it"),
      col("name", DataTypes.StringType, false, "the event's name: what conversions reports by"),
      col("site_id", DataTypes.StringType, false, "the site's id"),
      col("created_at", DataTypes.TimestampType, true, "when the event was created"),
      col("currency", DataTypes.StringType, true, "the event's currency; Fathom sends none in lists")),
  MILESTONES("milestones", "milestones", true, "the site's milestones (every page of GET /sites/{id}/milestones)",
      col("id", DataTypes.StringType, false, "the milestone's id (a UUID)"),
      col("name", DataTypes.StringType, false, "what happened"),
      col("milestone_date", DataTypes.DateType, false, "the day it annotates"),
      col("site_id", DataTypes.StringType, false, "the site's id"),
      col("created_at", DataTypes.TimestampType, true, "when the milestone was created")),
  /** The columns and rows of {@link CurrentVisitorsResource#TOTAL}, which also streams. */
  CURRENT_VISITORS("current_visitors", "current_visitors", true,
      "visitors on the site now: one row per read (GET /current_visitors)",
      CurrentVisitorsResource.TOTAL.schema().fields()),
  CURRENT_PAGES("current_pages", "current_pages", true,
      "the pages current visitors are on, top 150 (GET /current_visitors?detailed=true)",
      col("hostname", DataTypes.StringType, true, "hostname of the page"),
      col("pathname", DataTypes.StringType, true, "path of the page"),
      col("total", DataTypes.LongType, false, "current visitors on the page"),
      col("read_at", DataTypes.TimestampType, false, "when this connector asked")),
  CURRENT_REFERRERS("current_referrers", "current_referrers", true,
      "where current visitors came from, top 150 (GET /current_visitors?detailed=true)",
      col("referrer_hostname", DataTypes.StringType, true, "hostname of the referring page"),
      col("referrer_pathname", DataTypes.StringType, true, "path of the referring page"),
      col("total", DataTypes.LongType, false, "current visitors from this referrer"),
      col("read_at", DataTypes.TimestampType, false, "when this connector asked"));

  private final String tableName;
  private final String resourceName;
  private final boolean siteScoped;
  private final String description;
  private final StructType schema;

  EntityResource(String tableName, String resourceName, boolean siteScoped, String description, StructField... columns) {
    this.tableName = tableName;
    this.resourceName = resourceName;
    this.siteScoped = siteScoped;
    this.description = description;
    this.schema = new StructType(columns);
  }

  private static StructField col(String name, DataType type, boolean nullable, String comment) {
    return new StructField(name, type, nullable, org.apache.spark.sql.types.Metadata.empty()).withComment(comment);
  }

  String tableName() {
    return tableName;
  }

  /** The value of {@code format("fathom").option("resource", ...)}. */
  String resourceName() {
    return resourceName;
  }

  /** True for the tables of one site; false for {@code sites}, the catalog's root table. */
  boolean siteScoped() {
    return siteScoped;
  }

  String description() {
    return description;
  }

  StructType schema() {
    return schema;
  }

  /** True when the API revision has this resource: milestones are today's API only. */
  boolean exists(ApiVersion version) {
    return this != MILESTONES || version == ApiVersion.CURRENT;
  }

  /** Reads the resource: every page of a paged list, or one current-visitors answer. */
  List<InternalRow> read(FathomClient client, String siteId, Instant now) {
    long readAt = micros(now.truncatedTo(ChronoUnit.MICROS));
    List<InternalRow> rows = new ArrayList<>();
    switch (this) {
      case SITES -> {
        for (Site s : client.allSites()) {
          rows.add(row(str(s.id()), str(s.name()), str(s.sharing()), utcMicros(s.createdAtUtc()), str(s.timezone())));
        }
      }
      case EVENT_LIST -> {
        for (Event e : client.allEvents(siteId)) {
          rows.add(row(str(e.id()), str(e.name()), str(e.siteId()), utcMicros(parseUtc(e.createdAt())), str(e.currency())));
        }
      }
      case MILESTONES -> {
        for (Milestone m : client.allMilestones(siteId)) {
          rows.add(row(str(m.id()), str(m.name()), (int) m.milestoneDate().toEpochDay(), str(m.siteId()),
              utcMicros(parseUtc(m.createdAt()))));
        }
      }
      case CURRENT_VISITORS -> {
        rows.addAll(CurrentVisitorsResource.TOTAL.rows(new VisitorsSnapshot(siteId, now, client.currentVisitors(siteId, false))));
      }
      case CURRENT_PAGES -> {
        for (CurrentContent c : client.currentVisitors(siteId, true).content()) {
          rows.add(row(str(c.hostname()), str(c.pathname()), c.total(), readAt));
        }
      }
      case CURRENT_REFERRERS -> {
        for (CurrentReferrer r : client.currentVisitors(siteId, true).referrers()) {
          rows.add(row(str(r.referrerHostname()), str(r.referrerPathname()), r.total(), readAt));
        }
      }
      default -> throw new IllegalStateException("no reader for " + this);
    }
    return rows;
  }

  private static InternalRow row(Object... values) {
    return new GenericInternalRow(values);
  }

  private static UTF8String str(String s) {
    return s == null ? null : UTF8String.fromString(s);
  }

  private static LocalDateTime parseUtc(String createdAt) {
    return createdAt == null ? null : LocalDateTime.parse(createdAt, dev.sparkfathom.api.ApiTime.FORMAT);
  }

  private static Object utcMicros(LocalDateTime utc) {
    return utc == null ? null : micros(utc.toInstant(ZoneOffset.UTC));
  }

  private static long micros(Instant i) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, i);
  }

  static EntityResource byTableName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.tableName.equals(n)).findFirst().orElse(null);
  }

  static EntityResource byResourceName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.resourceName.equals(n)).findFirst().orElse(null);
  }

  static String resourceNames() {
    return String.join(", ", Arrays.stream(values()).map(EntityResource::resourceName).toList());
  }
}
