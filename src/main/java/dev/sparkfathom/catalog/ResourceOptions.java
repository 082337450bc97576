package dev.sparkfathom.catalog;

import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.config.FathomOptions;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.stream.CurrentVisitorsResource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code format("fathom").option("resource", ...)}: an entity table without the catalog. Only
 * the resource, the site (for a site's resources) and the connection options apply; anything
 * else is refused, naming it.
 */
public final class ResourceOptions {
  /** Which entity to read instead of a report: sites, events, current_visitors, ... */
  public static final String RESOURCE = FathomOptions.RESOURCE;

  private static final Set<String> CONNECTION = Set.of(FathomOptions.TOKEN, FathomOptions.BASE_URL,
      FathomOptions.RATE_PER_MINUTE, FathomOptions.RATE_PER_HOUR, FathomOptions.MAX_RETRIES,
      FathomOptions.CONNECT_TIMEOUT, FathomOptions.READ_TIMEOUT, FathomOptions.CALL_TIMEOUT,
      FathomOptions.MAX_IN_FLIGHT, FathomOptions.MAX_WAIT, FathomOptions.BUDGET_COORDINATOR, FathomOptions.API);

  private ResourceOptions() {}

  /** The entity resources, then the current-visitors readings not among them (which also stream). */
  static String allResourceNames() {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(List.of(EntityResource.resourceNames().split(", ")));
    for (CurrentVisitorsResource r : CurrentVisitorsResource.values()) {
      names.add(r.resourceName());
    }
    return String.join(", ", names);
  }

  /** True when the options ask for an entity resource rather than a report. */
  public static boolean isResourceRead(Map<String, String> options) {
    return options.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(RESOURCE));
  }

  /**
   * The entity table the options name.
   *
   * @throws IllegalArgumentException naming the bad option or value and what is accepted
   */
  public static EntityTable table(Map<String, String> options, Map<String, String> env) {
    Map<String, String> o = new TreeMap<>();
    options.forEach((k, v) -> o.put(k.toLowerCase(Locale.ROOT), v));
    String raw = o.remove(RESOURCE);
    EntityResource resource = raw == null ? null : EntityResource.byResourceName(raw);
    if (resource == null) {
      throw new IllegalArgumentException("'" + RESOURCE + "' must be one of " + allResourceNames()
          + "; got: '" + raw + "'");
    }
    String site = o.remove(FathomOptions.SITE_ID);
    List<String> refused = new ArrayList<>();
    for (String key : o.keySet()) {
      if (!CONNECTION.contains(key)) {
        refused.add(key);
      }
    }
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException("option" + (refused.size() > 1 ? "s " : " ") + String.join(", ", refused.stream().map(k -> "'" + k + "'").toList())
          + " do" + (refused.size() > 1 ? "" : "es") + " not apply to resource '" + resource.resourceName()
          + "'; accepted: " + RESOURCE + ", " + (resource.siteScoped() ? FathomOptions.SITE_ID + ", " : "")
          + String.join(", ", CONNECTION.stream().sorted().toList()));
    }
    if (resource.siteScoped() && (site == null || site.isBlank())) {
      throw new IllegalArgumentException("resource '" + resource.resourceName() + "' needs '"
          + FathomOptions.SITE_ID + "': the site whose " + resource.resourceName() + " to read");
    }
    if (!resource.siteScoped() && site != null) {
      throw new IllegalArgumentException("'" + FathomOptions.SITE_ID + "' does not apply to resource '"
          + resource.resourceName() + "': it lists the whole account");
    }
    ClientConfig client = ReadSpec.parseClient(o, env);
    if (!resource.exists(client.apiVersion())) {
      throw new IllegalArgumentException("resource '" + resource.resourceName() + "' is not in the "
          + client.apiVersion() + " API the connector speaks");
    }
    String name = "fathom." + (site == null ? "" : site.trim() + ".") + resource.tableName();
    return new EntityTable(resource, site == null ? null : site.trim(), client, name, Clock.systemUTC(),
        ReadSpec.parseBudgetCoordinator(o));
  }
}
