package dev.sparkfathom.budget;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A standalone coordinator, for several applications on one token (scheduled jobs that
 * overlap): {@code java -cp spark-fathom-shaded.jar dev.sparkfathom.budget.CoordinatorMain
 * --port 7480 [--host 127.0.0.1]}; jobs then set {@code budget.coordinator=host:7480}. With
 * {@value #SECRET_ENV} set in its environment it requires that secret of every call, and jobs
 * give the same value to their drivers (the Spark conf {@value #SECRET_CONF}, which Spark redacts,
 * or the same environment variable); tasks learn it from their partitions. Without a secret it
 * binds loopback only: any other address needs one. It learns no token, only each token's SHA-256.
 */
public final class CoordinatorMain {
  /** The environment variable holding the shared secret of a standalone coordinator. */
  public static final String SECRET_ENV = "FATHOM_BUDGET_SECRET";
  /** The Spark conf key a driver may take the standalone coordinator's secret from. */
  public static final String SECRET_CONF = "spark.fathom.budget.secret";
  static final int MIN_SECRET_LENGTH = 16;
  static final String USAGE = "usage: [" + SECRET_ENV + "=<secret>] CoordinatorMain --port N [--host ADDRESS]"
      + " (default host 127.0.0.1; port 1 to 65535; a host other than loopback needs " + SECRET_ENV
      + ", at least " + MIN_SECRET_LENGTH + " characters)";

  private CoordinatorMain() {}

  public static void main(String[] args) throws Exception {
    CoordinatorServer server;
    try {
      server = start(args, System.out, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    new CountDownLatch(1).await();
  }

  /** Parses the arguments, starts the server and says where it listens. */
  static CoordinatorServer start(String[] args, PrintStream out) throws IOException {
    return start(args, out, Map.of());
  }

  /** Parses the arguments and the secret of {@code env}, starts the server and says where it listens. */
  static CoordinatorServer start(String[] args, PrintStream out, Map<String, String> env) throws IOException {
    String host = "127.0.0.1";
    Integer port = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ((a.equals("--port") || a.equals("--host")) && i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      switch (a) {
        case "--port" -> port = port(args[++i]);
        case "--host" -> host = args[++i];
        default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
      }
    }
    if (port == null) {
      throw new IllegalArgumentException("--port is required");
    }
    String secret = secret(env);
    if (secret == null && !loopback(host)) {
      throw new IllegalArgumentException("--host " + host + " is not a loopback address: set " + SECRET_ENV
          + " (the same value for the coordinator and every job's driver) so only your jobs can spend the budget");
    }
    CoordinatorServer server = new CoordinatorServer(new Coordinator(Clock.systemUTC()), host, port, secret);
    out.println("Fathom budget coordinator listening on " + host + ":" + server.port()
        + (secret == null ? " without a secret" : " requiring the secret of " + SECRET_ENV)
        + "; set option budget.coordinator=" + host + ":" + server.port());
    out.flush();
    return server;
  }

  /** The secret in {@code env}, or null when none is set; a short one is refused. */
  static String secret(Map<String, String> env) {
    String s = env.get(SECRET_ENV);
    if (s == null || s.isBlank()) {
      return null;
    }
    if (s.strip().length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(SECRET_ENV + " must have at least " + MIN_SECRET_LENGTH
          + " characters; got " + s.strip().length());
    }
    return s.strip();
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private static int port(String raw) {
    try {
      int p = Integer.parseInt(raw);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // falls through to the message naming what is accepted
    }
    throw new IllegalArgumentException("--port must be 0 to 65535; got: '" + raw + "'");
  }
}
