package dev.sparkfathom.stream;

import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.PathIds;
import dev.sparkfathom.config.FathomOptions;
import dev.sparkfathom.config.ReadSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The validated options of a current-visitors read or stream: which reading, which site, and
 * the connection (token, {@code base_url}, rate budget, retries, time-outs). Any other option is
 * refused, naming it and what is accepted.
 *
 * @param budgetCoordinator {@code host:port} of a standalone budget coordinator, or null for the
 *     driver's own
 */
public record CurrentVisitorsSpec(CurrentVisitorsResource resource, String siteId, ClientConfig client,
    String budgetCoordinator) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Options that apply besides {@code resource} and {@code site_id}. */
  static final Set<String> CONNECTION = Set.of(FathomOptions.API, FathomOptions.TOKEN, FathomOptions.TOKEN_FILE,
      FathomOptions.BASE_URL, FathomOptions.RATE_PER_MINUTE, FathomOptions.RATE_PER_HOUR,
      FathomOptions.MAX_IN_FLIGHT, FathomOptions.MAX_WAIT, FathomOptions.BUDGET_COORDINATOR,
      FathomOptions.MAX_RETRIES, FathomOptions.CONNECT_TIMEOUT, FathomOptions.READ_TIMEOUT,
      FathomOptions.CALL_TIMEOUT);

  public CurrentVisitorsSpec {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(client, "client");
  }

  /** True when the options name one of {@link CurrentVisitorsResource}'s resources. */
  public static boolean isCurrentVisitorsRead(Map<String, String> options) {
    return options.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase(FathomOptions.RESOURCE)
        && CurrentVisitorsResource.byName(e.getValue()) != null);
  }

  /**
   * Parses the options of a current-visitors read.
   *
   * @param env the process environment, for {@value FathomOptions#TOKEN_ENV}
   * @throws IllegalArgumentException naming the bad option or value and what is accepted
   */
  public static CurrentVisitorsSpec parse(Map<String, String> options, Map<String, String> env) {
    Map<String, String> o = new TreeMap<>();
    options.forEach((k, v) -> o.put(k.toLowerCase(Locale.ROOT), v));
    String raw = o.remove(FathomOptions.RESOURCE);
    CurrentVisitorsResource resource = CurrentVisitorsResource.byName(raw);
    if (resource == null) {
      throw new IllegalArgumentException("'" + FathomOptions.RESOURCE + "' must be one of "
          + CurrentVisitorsResource.names() + " for a current-visitors read; got: '" + raw + "'");
    }
    String site = o.remove(FathomOptions.SITE_ID);
    List<String> refused = new ArrayList<>();
    for (String key : o.keySet()) {
      if (!CONNECTION.contains(key)) {
        refused.add("'" + key + "'");
      }
    }
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException("option" + (refused.size() > 1 ? "s " : " ") + String.join(", ", refused)
          + (refused.size() > 1 ? " do" : " does") + " not apply to resource '" + resource.resourceName()
          + "'; accepted: " + FathomOptions.RESOURCE + ", " + FathomOptions.SITE_ID + ", "
          + String.join(", ", new TreeSet<>(CONNECTION)));
    }
    if (site == null || site.isBlank()) {
      throw new IllegalArgumentException("resource '" + resource.resourceName() + "' needs '"
          + FathomOptions.SITE_ID + "': the site whose current visitors to read");
    }
    String siteId;
    try {
      siteId = PathIds.check("site id", site.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + FathomOptions.SITE_ID + "': " + e.getMessage(), e);
    }
    ClientConfig client = ReadSpec.parseClient(o, env);
    return new CurrentVisitorsSpec(resource, siteId, client, ReadSpec.parseBudgetCoordinator(o));
  }

  /** What EXPLAIN and the table's name show: never the token. */
  String describe() {
    return resource.resourceName() + " of site " + siteId;
  }
}
