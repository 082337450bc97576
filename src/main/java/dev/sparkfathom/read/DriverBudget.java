package dev.sparkfathom.read;

import dev.sparkfathom.budget.BudgetRoute;
import dev.sparkfathom.budget.Budgets;
import dev.sparkfathom.budget.CoordinatorMain;
import dev.sparkfathom.budget.DriverCoordinator;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.config.ReadSpec;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Where a scan's tasks lease their budget: the standalone coordinator the options name, else the
 * one this driver hosts, bound as Spark binds its driver services ({@code
 * spark.driver.bindAddress}, advertised as {@code spark.driver.host}). Without a running
 * SparkContext (planning in a unit test) the driver's coordinator binds loopback. Also counts
 * the executors that share the token, for the fallback's share of the rate.
 */
public final class DriverBudget {
  static final String LOOPBACK = "127.0.0.1";

  private DriverBudget() {}

  /** The standalone coordinator last named for each token (by digest), for driver lookups. */
  private static final java.util.Map<String, String> STANDALONE = new java.util.concurrent.ConcurrentHashMap<>();

  static BudgetRoute route(ReadSpec spec, String tag) {
    remember(spec);
    return route(spec.budgetCoordinator(), tag);
  }

  /** Notes which coordinator the read's token leases from, for the lookups planning makes. */
  static void remember(ReadSpec spec) {
    if (spec.budgetCoordinator() == null) {
      STANDALONE.remove(spec.client().budgetKey());
    } else {
      STANDALONE.put(spec.client().budgetKey(), spec.budgetCoordinator());
    }
  }

  /** A client for a lookup planning makes, leasing where the token's reads lease. */
  static FathomClient lookupClient(ClientConfig config) {
    return client(config, STANDALONE.get(config.budgetKey()));
  }

  /**
   * A client for the driver's own requests (a site's timezone and creation, the catalog's site
   * and event lists): they lease from the same coordinator as the application's tasks, so the
   * token's per-minute, hourly and in-flight limits hold for them too.
   *
   * @param standalone {@code host:port} of a standalone coordinator, or null for the driver's own
   */
  public static FathomClient client(ClientConfig config, String standalone) {
    return FathomClient.builder(config)
        .budget(Budgets.forRoute(route(standalone, "driver lookups"), config)).build();
  }

  /**
   * Where a scan's tasks lease: the standalone coordinator at {@code standalone} ({@code
   * host:port}), or the driver's own when it is null (started on first use).
   */
  public static BudgetRoute route(String standalone, String tag) {
    Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isEmpty()) {
      active = SparkSession.getDefaultSession();
    }
    SparkContext sc = active.isDefined() ? active.get().sparkContext() : null;
    int executors = sc == null ? 1 : executors(sc);
    if (standalone != null) {
      int colon = standalone.lastIndexOf(':');
      String host = standalone.substring(0, colon);
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1);
      }
      return new BudgetRoute(host, Integer.parseInt(standalone.substring(colon + 1)),
          standaloneSecret(sc == null ? null : sc.conf().get(CoordinatorMain.SECRET_CONF, null), System.getenv()),
          null, executors, tag);
    }
    String advertised = sc == null ? LOOPBACK : sc.conf().get("spark.driver.host", LOOPBACK);
    String bind = sc == null ? LOOPBACK : sc.conf().get("spark.driver.bindAddress", advertised);
    return DriverCoordinator.route(bind, advertised, executors, tag);
  }

  /**
   * The standalone coordinator's secret: Spark conf {@value CoordinatorMain#SECRET_CONF} (which
   * Spark redacts from its UI and logs), else the environment variable {@value
   * CoordinatorMain#SECRET_ENV}; null when neither is set.
   */
  static String standaloneSecret(String conf, java.util.Map<String, String> env) {
    String s = conf != null && !conf.isBlank() ? conf : env.get(CoordinatorMain.SECRET_ENV);
    return s == null || s.isBlank() ? null : s.strip();
  }

  /**
   * The executors a job may use: those registered now, or those the configuration asks for
   * (fresh clusters register theirs after the first job starts), at least 1. Local mode is 1.
   */
  static int executors(SparkContext sc) {
    if (sc.isLocal()) {
      return 1;
    }
    SparkConf conf = sc.conf();
    int registered = sc.getExecutorMemoryStatus().size() - 1; // the driver's block manager is listed too
    int asked = conf.getBoolean("spark.dynamicAllocation.enabled", false)
        ? conf.getInt("spark.dynamicAllocation.maxExecutors", 1)
        : conf.getInt("spark.executor.instances", 1);
    String master = sc.master();
    if (master.startsWith("local-cluster[")) {
      asked = Math.max(asked, Integer.parseInt(master.substring("local-cluster[".length(), master.indexOf(','))));
    }
    return Math.max(1, Math.max(registered, asked));
  }
}
