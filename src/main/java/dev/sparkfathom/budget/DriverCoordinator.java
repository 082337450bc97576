package dev.sparkfathom.budget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The coordinator a Spark driver hosts for its application: started on the first scan that
 * runs, bound as Spark binds its own driver services (the caller passes
 * {@code spark.driver.bindAddress} and advertises {@code spark.driver.host}), on a free port,
 * with a random secret that only the application's tasks learn (through their routes). Lives as
 * long as the driver JVM; tasks in that JVM use it in place.
 */
public final class DriverCoordinator {
  private static final System.Logger LOG = System.getLogger(DriverCoordinator.class.getName());
  private static Hosted hosted;

  private DriverCoordinator() {}

  private record Hosted(String id, String host, CoordinatorServer server, String secret) {}

  /**
   * The route to this driver's coordinator, started on first use.
   *
   * @param bindHost the address to bind ({@code spark.driver.bindAddress})
   * @param advertisedHost the address tasks call ({@code spark.driver.host})
   */
  public static synchronized BudgetRoute route(String bindHost, String advertisedHost, int executors,
      String tag) {
    if (hosted == null) {
      Coordinator c = new Coordinator(Clock.systemUTC());
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      String id = UUID.randomUUID().toString();
      try {
        CoordinatorServer server = new CoordinatorServer(c, bindHost, 0, HexFormat.of().formatHex(secret));
        hosted = new Hosted(id, advertisedHost, server, HexFormat.of().formatHex(secret));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the Fathom budget coordinator on " + bindHost
            + " (spark.driver.bindAddress): " + e.getMessage(), e);
      }
      Budgets.host(id, c);
      LOG.log(System.Logger.Level.INFO, "Fathom budget coordinator listening on " + bindHost + ":"
          + hosted.server().port() + ", advertised as " + advertisedHost);
    }
    return new BudgetRoute(hosted.host(), hosted.server().port(), hosted.secret(), hosted.id(),
        executors, tag);
  }
}
