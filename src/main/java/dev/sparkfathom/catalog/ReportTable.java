package dev.sparkfathom.catalog;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's panels as pageview report tables of a site: each groups by its fields and by
 * day. A field the API revision in use does not know is left out; a table whose defining field
 * is unknown (entry and exit pages in the legacy API) does not exist.
 */
enum ReportTable {
  PAGES("pages", "pages viewed, by day", Field.HOSTNAME, Field.PATHNAME),
  ENTRY_PAGES("entry_pages", "pages visits started on, by day", Field.ENTRY_PAGE),
  EXIT_PAGES("exit_pages", "pages visits ended on, by day", Field.EXIT_PAGE),
  REFERRERS("referrers", "where visitors came from, by day",
      Field.REFERRER_HOSTNAME, Field.REFERRER_PATHNAME, Field.REFERRER_SOURCE),
  CAMPAIGNS("campaigns", "UTM parameters of landing URLs, by day",
      Field.UTM_SOURCE, Field.UTM_MEDIUM, Field.UTM_CAMPAIGN, Field.UTM_CONTENT, Field.UTM_TERM),
  LOCATIONS("locations", "where visitors are, by day",
      Field.COUNTRY_CODE, Field.REGION, Field.STATE, Field.CITY),
  DEVICES("devices", "what visitors use, by day", Field.DEVICE_TYPE, Field.OPERATING_SYSTEM, Field.BROWSER),
  TOTALS("totals", "the site's totals, by day"),
  /** Every grouping field: a row per combination, so guarded (see {@link FathomCatalog}). */
  ALL("all", "every grouping field, by day: costly, see EXPLAIN");

  private final String tableName;
  private final String description;
  private final List<Field> fields;

  ReportTable(String tableName, String description, Field... fields) {
    this.tableName = tableName;
    this.description = description;
    this.fields = List.of(fields);
  }

  String tableName() {
    return tableName;
  }

  String description() {
    return description;
  }

  /** The grouped fields in {@code version}, in column order. */
  List<Field> fields(ApiVersion version) {
    if (this == ALL) {
      return Field.groupingFields(version);
    }
    List<Field> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.groupable(version)) {
        out.add(f);
      }
    }
    return out;
  }

  /** False when the table's first field does not exist in {@code version}. */
  boolean exists(ApiVersion version) {
    return fields.isEmpty() || fields.get(0).groupable(version);
  }

  static ReportTable byName(String name) {
    for (ReportTable t : values()) {
      if (t.tableName.equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    return null;
  }
}
