package dev.sparkfathom.read;

import dev.sparkfathom.budget.BudgetRoute;
import dev.sparkfathom.budget.DriverCoordinator;
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

  static BudgetRoute route(ReadSpec spec, String tag) {
    return route(spec.budgetCoordinator(), tag);
  }

  /**
   * The route of a driver-side reader that is not a report scan (the current-visitors stream):
   * {@code standalone} is a checked {@code host:port} ({@code budget.coordinator}) or null.
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
      return new BudgetRoute(host, Integer.parseInt(standalone.substring(colon + 1)), null, null,
          executors, tag);
    }
    String advertised = sc == null ? LOOPBACK : sc.conf().get("spark.driver.host", LOOPBACK);
    String bind = sc == null ? LOOPBACK : sc.conf().get("spark.driver.bindAddress", advertised);
    return DriverCoordinator.route(bind, advertised, executors, tag);
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
