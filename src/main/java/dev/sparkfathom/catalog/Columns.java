package dev.sparkfathom.catalog;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.read.FathomSchema;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** What each column means in Fathom's terms: the comments {@code DESCRIBE} shows. */
final class Columns {
  private Columns() {}

  static String comment(Field f) {
    return switch (f) {
      case HOSTNAME -> "hostname of the page viewed, e.g. https://example.com";
      case PATHNAME -> "path of the page viewed, e.g. /pricing";
      case ENTRY_PAGE -> "path of the first page of the visit (session-level)";
      case EXIT_PAGE -> "path of the last page of the visit (session-level)";
      case REFERRER_HOSTNAME -> "hostname of the referring page; null for direct traffic";
      case REFERRER_PATHNAME -> "path of the referring page";
      case REFERRER_SOURCE -> "the referrer as Fathom names the source, e.g. Google";
      case BROWSER -> "browser, e.g. Chrome";
      case COUNTRY_CODE -> "ISO country code of the visitor; null, empty or 'un' when unknown";
      case REGION -> "region of the visitor";
      case STATE -> "state of the visitor";
      case CITY -> "city of the visitor";
      case DEVICE_TYPE -> "Desktop, Phone or Tablet";
      case OPERATING_SYSTEM -> "operating system, e.g. iOS";
      case UTM_CAMPAIGN -> "utm_campaign of the landing URL";
      case UTM_CONTENT -> "utm_content of the landing URL";
      case UTM_MEDIUM -> "utm_medium of the landing URL";
      case UTM_SOURCE -> "utm_source of the landing URL";
      case UTM_TERM -> "utm_term of the landing URL";
      case KEYWORD -> "search keyword (grouped only; Fathom cannot filter it)";
      case Q -> "q parameter of the landing URL";
      case REF -> "ref parameter of the landing URL";
      case S -> "s parameter of the landing URL";
      case DOMAIN -> "domain of the page (filter-only)";
    };
  }

  static String comment(Aggregate a) {
    return switch (a) {
      case PAGEVIEWS -> "pageviews: every page load (summable)";
      case VISITS -> "visits: pageviews that started a session (summable)";
      case UNIQUES -> "unique visitors of the bucket (summable over groups, not over days)";
      case AVG_DURATION -> "average time on site, seconds (a ratio: not summable)";
      case BOUNCE_RATE -> "share of visits that saw one page, 0 to 1 (a ratio: not summable)";
      case CONVERSIONS -> "completions of the event (summable)";
      case UNIQUE_CONVERSIONS -> "unique visitors who completed the event (summable over groups)";
      case VALUE -> "total value of the completions, in cents (summable)";
    };
  }

  static final String DATE = "day bucket: the day in the read's timezone (the site's, unless the timezone option says)";
  static final String EVENT = "the event's name, as the site tracks it";

  /** The read path's schema with each column's comment. */
  static StructType withComments(StructType schema) {
    StructField[] out = schema.fields().clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = out[i].withComment(commentOf(out[i].name()));
    }
    return new StructType(out);
  }

  private static String commentOf(String column) {
    if (column.equals(FathomSchema.DATE)) {
      return DATE;
    }
    Field f = Field.byName(column);
    if (f != null) {
      return comment(f);
    }
    for (Aggregate a : Aggregate.values()) {
      if (a.apiName().equals(column)) {
        return comment(a);
      }
    }
    throw new IllegalStateException("no comment for column " + column);
  }
}
