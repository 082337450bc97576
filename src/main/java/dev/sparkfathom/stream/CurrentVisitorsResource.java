package dev.sparkfathom.stream;

import dev.sparkfathom.client.model.CurrentContent;
import dev.sparkfathom.client.model.CurrentReferrer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The two readings of {@code GET /current_visitors}, as {@code option("resource", ...)} names
 * them, each with its schema and how one answer becomes rows. Both read one site and cost one
 * request (an aggregation-class request: Fathom counts current visitors with aggregations).
 */
public enum CurrentVisitorsResource {
  /** One row per answer: the site's total. */
  TOTAL("current_visitors", false,
      "visitors on the site now: one row per answer (GET /current_visitors)",
      col("site_id", DataTypes.StringType, false, "the site asked about"),
      col("read_at", DataTypes.TimestampType, false, "when the answer arrived"),
      col("total", DataTypes.LongType, false, "visitors on the site in the last 5 minutes")),
  /**
   * One row per page and per referrer of a detailed answer (top 150 of each), told apart by
   * {@code kind}; {@code hostname}/{@code pathname} are the page's, or the referrer's
   * {@code referrer_hostname}/{@code referrer_pathname}. An answer with no page and no referrer
   * (nobody on the site) gives no row.
   */
  DETAIL("current_visitors_detail", true,
      "the pages current visitors are on and where they came from, top 150 of each"
          + " (GET /current_visitors?detailed=true)",
      col("site_id", DataTypes.StringType, false, "the site asked about"),
      col("read_at", DataTypes.TimestampType, false, "when the answer arrived"),
      col("kind", DataTypes.StringType, false, "page or referrer"),
      col("hostname", DataTypes.StringType, true, "the page's hostname, or the referrer's"),
      col("pathname", DataTypes.StringType, true, "the page's path, or the referrer's"),
      col("total", DataTypes.LongType, false, "current visitors on the page, or from the referrer"));

  public static final String KIND_PAGE = "page";
  public static final String KIND_REFERRER = "referrer";

  private final String resourceName;
  private final boolean detailed;
  private final String description;
  private final StructType schema;

  CurrentVisitorsResource(String resourceName, boolean detailed, String description, StructField... columns) {
    this.resourceName = resourceName;
    this.detailed = detailed;
    this.description = description;
    this.schema = new StructType(columns);
  }

  private static StructField col(String name, DataType type, boolean nullable, String comment) {
    return new StructField(name, type, nullable, Metadata.empty()).withComment(comment);
  }

  /** The value of {@code option("resource", ...)}. */
  public String resourceName() {
    return resourceName;
  }

  /** True when the request asks for {@code detailed=true}. */
  public boolean detailed() {
    return detailed;
  }

  public String description() {
    return description;
  }

  public StructType schema() {
    return schema;
  }

  /** The rows of one answer, in the answer's order (pages before referrers). */
  public List<InternalRow> rows(VisitorsSnapshot s) {
    UTF8String site = UTF8String.fromString(s.siteId());
    long readAt = ChronoUnit.MICROS.between(Instant.EPOCH, s.readAt());
    List<InternalRow> rows = new ArrayList<>();
    if (this == TOTAL) {
      rows.add(new GenericInternalRow(new Object[] {site, readAt, s.answer().total()}));
      return rows;
    }
    UTF8String page = UTF8String.fromString(KIND_PAGE);
    for (CurrentContent c : s.answer().content()) {
      rows.add(new GenericInternalRow(new Object[] {site, readAt, page, str(c.hostname()), str(c.pathname()), c.total()}));
    }
    UTF8String referrer = UTF8String.fromString(KIND_REFERRER);
    for (CurrentReferrer r : s.answer().referrers()) {
      rows.add(new GenericInternalRow(new Object[] {site, readAt, referrer, str(r.referrerHostname()),
          str(r.referrerPathname()), r.total()}));
    }
    return rows;
  }

  private static UTF8String str(String s) {
    return s == null ? null : UTF8String.fromString(s);
  }

  /** The resource of that name (any case, trimmed), or null when it is not one of these. */
  public static CurrentVisitorsResource byName(String name) {
    if (name == null) {
      return null;
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.resourceName.equals(n)).findFirst().orElse(null);
  }

  /** The resource names, comma-separated. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(CurrentVisitorsResource::resourceName).toList());
  }
}
