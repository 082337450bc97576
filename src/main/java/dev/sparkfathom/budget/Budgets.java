package dev.sparkfathom.budget;

import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.RateLimiter;
import dev.sparkfathom.client.SendBudget;
import dev.sparkfathom.client.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This JVM's way to its coordinators: the ones it hosts (used in place, without HTTP), the
 * remote ones (one {@link RemoteLessor} per address), the addresses it could not reach, and the
 * fallback limiters that stand in for those. Owner of all four maps; entries are small and live
 * as long as the JVM (an executor serves one application).
 */
public final class Budgets {
  private static final System.Logger LOG = System.getLogger(Budgets.class.getName());
  private static final Map<String, Coordinator> HOSTED = new ConcurrentHashMap<>();
  private static final Map<String, RemoteLessor> REMOTE = new ConcurrentHashMap<>();
  private static final Set<String> UNREACHABLE = ConcurrentHashMap.newKeySet();
  private static final Set<String> RELEASE_WARNED = ConcurrentHashMap.newKeySet();
  private static final Map<String, RateLimiter> FALLBACK = new ConcurrentHashMap<>();

  private Budgets() {}

  /** The budget every request of a client made for this route and config takes its permits from. */
  public static SendBudget forRoute(BudgetRoute route, ClientConfig config) {
    return new CoordinatorBudget(lessor(route), route, config, () -> fallback(route, config));
  }

  /** What the route's scan cost so far, as its coordinator counted; empty when it cannot be asked. */
  public static Optional<Tally> tally(BudgetRoute route) {
    try {
      return Optional.of(lessor(route).tally(route.tag()));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot ask the Fathom budget coordinator at "
          + route.address() + " for the scan's totals: " + e.getMessage());
      return Optional.empty();
    }
  }

  static void host(String id, Coordinator coordinator) {
    HOSTED.put(id, coordinator);
  }

  private static Lessor lessor(BudgetRoute route) {
    Coordinator local = route.coordinatorId() == null ? null : HOSTED.get(route.coordinatorId());
    if (local != null) {
      return local;
    }
    // Keyed by address and secret together, so a new application on the same port gets its own.
    String id = route.address() + "#" + (route.secret() == null ? "" : TokenKey.sha256(route.secret()));
    return REMOTE.computeIfAbsent(id, k -> new RemoteLessor(route.host(), route.port(), route.secret()));
  }

  static boolean unreachable(BudgetRoute route) {
    return UNREACHABLE.contains(route.address());
  }

  /** Warns once per coordinator that this JVM falls back to its own share of the rate. */
  static void markUnreachable(BudgetRoute route, IOException e, ClientConfig config) {
    if (UNREACHABLE.add(route.address())) {
      LOG.log(System.Logger.Level.WARNING, fallbackWarning(route, e, config));
    }
  }

  static String fallbackWarning(BudgetRoute route, IOException e, ClientConfig config) {
    int n = route.executors();
    return "cannot reach the Fathom budget coordinator at " + route.address() + " ("
        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); this JVM now limits its own "
        + "requests to its share of the token's rate, for the rest of its life: "
        + share(config.aggregationRequestsPerMinute(), n) + " aggregation requests a minute ("
        + config.aggregationRequestsPerMinute() + " / " + n + " executors), "
        + share(config.entityRequestsPerHour(), n) + " entity requests an hour and "
        + share(config.maxInFlight(), n) + " in flight. Late task starts, retries and other "
        + "clients of the token are no longer coordinated, so 429s may follow; let executors reach "
        + "the driver's host, or run a standalone coordinator (option 'budget.coordinator')";
  }

  /** The fallback limiter of this JVM for the route's token and executor count. */
  static RateLimiter fallback(BudgetRoute route, ClientConfig config) {
    int n = route.executors();
    String key = TokenKey.of(config) + "/" + n;
    return FALLBACK.computeIfAbsent(key, k -> new RateLimiter(
        share(config.aggregationRequestsPerMinute(), n), share(config.entityRequestsPerHour(), n),
        share(config.maxInFlight(), n), RateLimiter.DEFAULT_MARGIN, Clock.systemUTC(), Sleeper.SYSTEM));
  }

  static int share(int rate, int executors) {
    return Math.max(1, rate / executors);
  }

  static void releaseFailed(BudgetRoute route, IOException e) {
    if (RELEASE_WARNED.add(route.address())) {
      LOG.log(System.Logger.Level.WARNING, "could not return a lease to the Fathom budget coordinator at "
          + route.address() + " (" + e.getMessage() + "); it expires on its own");
    }
  }

  /** Forgets unreachable addresses and fallback limiters: for tests only. */
  static void resetForTests() {
    UNREACHABLE.clear();
    RELEASE_WARNED.clear();
    FALLBACK.clear();
    REMOTE.clear();
  }
}
