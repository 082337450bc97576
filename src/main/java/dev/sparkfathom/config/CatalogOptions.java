package dev.sparkfathom.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options of a report declared as a table in Spark's session catalog
 * ({@code CREATE TABLE t USING fathom OPTIONS (...)}). Spark then hands the data source the
 * table's properties rather than the options alone: each option as {@code option.<key>} (and,
 * in Spark 4.2, also as the bare {@code <key>}), plus properties of its own ({@code provider}, {@code owner}, and for some statements
 * {@code location}, {@code comment}, {@code external}, {@code is_managed_location},
 * {@code collation}, {@code table_type}), and {@code path}, the warehouse directory Spark
 * gives every managed table. A report is named by its options, so none of these is one.
 */
public final class CatalogOptions {
  /** The prefix Spark's session catalog puts before each {@code OPTIONS} key. */
  public static final String OPTION_PREFIX = "option.";

  /**
   * Table properties Spark's catalog sets itself (TableCatalog's reserved properties) and the
   * path of a managed table: dropped from the properties of a catalog table.
   */
  public static final Set<String> SPARK_TABLE_PROPERTIES = Set.of("provider", "owner", "location",
      "comment", "external", "is_managed_location", "collation", "table_type", "path");

  private CatalogOptions() {}

  /**
   * The read's options: unchanged when no key has the {@code option.} prefix and there is no
   * {@code provider} (a read through {@code spark.read()} or a temporary view); otherwise the {@code option.*} keys without their
   * prefix, Spark's own table properties dropped.
   *
   * @throws IllegalArgumentException for any other table property: a property is not an option
   *     (an option given as {@code TBLPROPERTIES} would otherwise be silently ignored)
   */
  public static Map<String, String> toReadOptions(Map<String, String> properties) {
    boolean catalog = properties.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT))
        .anyMatch(k -> k.startsWith(OPTION_PREFIX) || k.equals("provider"));
    if (!catalog) {
      return properties;
    }
    Map<String, String> options = new LinkedHashMap<>();
    properties.forEach((k, v) -> {
      if (k.toLowerCase(Locale.ROOT).startsWith(OPTION_PREFIX)) {
        options.put(k.substring(OPTION_PREFIX.length()), v);
      }
    });
    Map<String, String> byLowerKey = new LinkedHashMap<>();
    options.forEach((k, v) -> byLowerKey.put(k.toLowerCase(Locale.ROOT), v));
    List<String> strangers = properties.entrySet().stream()
        .filter(e -> !e.getKey().toLowerCase(Locale.ROOT).startsWith(OPTION_PREFIX))
        .filter(e -> !SPARK_TABLE_PROPERTIES.contains(e.getKey().toLowerCase(Locale.ROOT)))
        // Spark's bare copy of an option: the same key and value as an option.* one.
        .filter(e -> !java.util.Objects.equals(byLowerKey.get(e.getKey().toLowerCase(Locale.ROOT)), e.getValue()))
        .map(Map.Entry::getKey).sorted().toList();
    if (!strangers.isEmpty()) {
      throw new IllegalArgumentException("table propert" + (strangers.size() > 1 ? "ies " : "y ")
          + strangers.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "))
          + " of a fathom table: give the report's settings in OPTIONS (...), not TBLPROPERTIES");
    }
    return options;
  }
}
