package dev.sparkfathom.catalog;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.config.FathomOptions;
import dev.sparkfathom.config.ReadSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The catalog's options ({@code spark.sql.catalog.fathom.<option>}), validated once when the
 * catalog starts: every read option that makes sense for all tables (token, {@code base_url},
 * rates, time-outs, {@code timezone}, {@code date_from}/{@code date_to}, {@code max_requests},
 * {@code pushdown}, ...), checked by the read path's own rules, plus the catalog's own
 * {@value #CACHE_SECONDS}. Options that each table sets for itself are refused, naming them.
 *
 * @param readOptions what every report read starts from (keys lower-case)
 * @param client the read path's connection, also for entity tables and lists: one API
 *     revision for the whole catalog
 * @param cacheTtl how long the site and event lists are kept
 * @param api the API revision the read path speaks: it decides the report tables' fields and
 *     how an event report is named
 */
record CatalogSettings(Map<String, String> readOptions, ClientConfig client, Duration cacheTtl, ApiVersion api) {
  /** Seconds the site list (namespaces) and each site's event list are cached. Default {@value #DEFAULT_CACHE_SECONDS}. */
  static final String CACHE_SECONDS = "cache.sites_seconds";
  static final int DEFAULT_CACHE_SECONDS = 300;

  /** Options each table sets for itself. */
  static final Set<String> PER_TABLE = Set.of(FathomOptions.ENTITY, FathomOptions.ENTITY_ID,
      FathomOptions.SITE_ID, FathomOptions.EVENT_ID, FathomOptions.AGGREGATES, FathomOptions.FIELD_GROUPING,
      FathomOptions.DATE_GROUPING, FathomOptions.FILTERS, FathomOptions.EVENT, ResourceOptions.RESOURCE);

  private static final String PLACEHOLDER_SITE = "catalog-option-check";

  CatalogSettings {
    readOptions = Map.copyOf(readOptions);
  }

  /** {@code host:port} of the standalone budget coordinator the options name, or null. */
  String budgetCoordinator() {
    return ReadSpec.parseBudgetCoordinator(readOptions);
  }

  /**
   * @throws IllegalArgumentException naming the option, the bad value and what is accepted
   */
  static CatalogSettings parse(Map<String, String> options, Map<String, String> env) {
    Map<String, String> read = new TreeMap<>();
    options.forEach((k, v) -> read.put(k.toLowerCase(Locale.ROOT), v));
    String cache = read.remove(CACHE_SECONDS);
    for (String key : read.keySet()) {
      if (PER_TABLE.contains(key)) {
        throw new IllegalArgumentException("catalog option '" + key + "' is not accepted: each table of the"
            + " fathom catalog sets it for itself; accepted catalog options: " + String.join(", ", accepted()));
      }
      if (!accepted().contains(key)) {
        throw new IllegalArgumentException("fathom catalog: unknown option '" + key + "'; accepted catalog options: "
            + String.join(", ", accepted()));
      }
    }
    Map<String, String> check = new LinkedHashMap<>(read);
    check.put(FathomOptions.SITE_ID, PLACEHOLDER_SITE);
    try {
      ReadSpec.parse(check, env);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fathom catalog: " + e.getMessage()
          .replace("spark.datasource.fathom.token", "spark.sql.catalog.<name>.token"), e);
    }
    ClientConfig client = ReadSpec.parseClient(read, env);
    return new CatalogSettings(read, client, Duration.ofSeconds(cacheSeconds(cache)), client.apiVersion());
  }

  private static int cacheSeconds(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_CACHE_SECONDS;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v >= 0 && v <= 86_400) {
        return v;
      }
    } catch (NumberFormatException e) {
      // the message below says what is accepted
    }
    throw new IllegalArgumentException("'" + CACHE_SECONDS + "' must be an integer from 0 to 86400; got: '" + raw + "'");
  }

  /** The catalog options, in the README's order. */
  static List<String> accepted() {
    List<String> out = new java.util.ArrayList<>();
    for (FathomOptions.Info i : FathomOptions.ALL) {
      if (!PER_TABLE.contains(i.key())) {
        out.add(i.key());
      }
    }
    out.add(CACHE_SECONDS);
    return out;
  }

  /** A report read's options: these settings, then the table's own. */
  Map<String, String> readOptions(Map<String, String> table) {
    Map<String, String> out = new LinkedHashMap<>(readOptions);
    out.putAll(table);
    return out;
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>(readOptions);
    shown.computeIfPresent(FathomOptions.TOKEN, (k, v) -> "***");
    return "CatalogSettings[" + shown + ", client=" + client + ", cacheTtl=" + cacheTtl + ", api=" + api + "]";
  }
}
