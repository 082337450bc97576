package dev.sparkfathom.budget;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * A standalone coordinator, for several applications on one token (scheduled jobs that
 * overlap): {@code java -cp spark-fathom-shaded.jar dev.sparkfathom.budget.CoordinatorMain
 * --port 7480 [--host 127.0.0.1]}; jobs then set {@code budget.coordinator=host:7480}. It has no
 * secret: bind it where only the jobs reach it (the default is loopback). It learns no token,
 * only each token's SHA-256.
 */
public final class CoordinatorMain {
  static final String USAGE = "usage: CoordinatorMain --port N [--host ADDRESS]"
      + " (default host 127.0.0.1; port 1 to 65535)";

  private CoordinatorMain() {}

  public static void main(String[] args) throws Exception {
    CoordinatorServer server;
    try {
      server = start(args, System.out);
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
    CoordinatorServer server = new CoordinatorServer(new Coordinator(Clock.systemUTC()), host, port, null);
    out.println("Fathom budget coordinator listening on " + host + ":" + server.port()
        + "; set option budget.coordinator=" + host + ":" + server.port());
    out.flush();
    return server;
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
