package dev.sparkfathom.emulator.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's HTTP server: the JDK's {@link HttpServer} on 127.0.0.1, {@code /v1} for the
 * API, {@code /_emulator/} for control, a small pool of daemon threads. Everything else
 * answers 404. Most callers use {@code dev.sparkfathom.emulator.FathomEmulator} instead.
 */
public final class FathomServer implements AutoCloseable {
  static {
    // The JDK server writes headers and body in separate packets; with Nagle's algorithm on,
    // the body waits for the client's delayed ACK, about 40 ms per keep-alive request (measured:
    // 47 ms a request before, under 5 after). The JDK reads this once, at its first server.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final ServerState state;
  private HttpServer server;
  private ExecutorService executor;

  public FathomServer(ServerConfig config) {
    this.state = new ServerState(config);
  }

  /**
   * Binds and starts serving; {@code port} 0 takes a free one.
   *
   * @throws IOException when the port cannot be bound
   */
  public synchronized void start(int port) throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    HttpServer s = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    s.createContext("/v1", new ApiHandler(state));
    s.createContext("/_emulator", new ControlHandler(state));
    s.createContext("/", ex -> {
      try (ex) {
        ResponseSender.send(ex, ApiResponse.error(404, "Unknown endpoint: "
            + ex.getRequestMethod() + " " + ex.getRequestURI().getPath()), FaultInjector.BodyFault.NONE);
      }
    });
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newFixedThreadPool(state.config().threads(), r -> {
      Thread t = new Thread(r, "fathom-emulator-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    s.setExecutor(executor);
    s.start();
    server = s;
  }

  /** The bound port. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getAddress().getPort();
  }

  public RequestLog requestLog() {
    return state.log();
  }

  public EmulatorClock clock() {
    return state.clock();
  }

  public List<TokenGrant> tokens() {
    return state.config().tokens();
  }

  public FaultSettings faults() {
    return state.faults().settings();
  }

  /** Replaces the fault settings; the fault sequence restarts from their seed. */
  public void faults(FaultSettings settings) {
    state.faults().settings(settings);
  }

  public RateLimits rateLimits() {
    return state.limiter().limits();
  }

  public void rateLimits(RateLimits limits) {
    state.limiter().limits(limits);
  }

  /** Forgets the requests counted so far against the rate limits. */
  public void resetRateLimits() {
    state.limiter().reset();
  }

  public RangeLimits rangeLimits() {
    return state.rangeLimits();
  }

  public void rangeLimits(RangeLimits limits) {
    state.rangeLimits(limits);
  }

  public RowLimits rowLimits() {
    return state.rowLimits();
  }

  public void rowLimits(RowLimits limits) {
    state.rowLimits(limits);
  }

  public int concurrencyLimit() {
    return state.concurrency().limit();
  }

  public void concurrencyLimit(int limit) {
    state.concurrency().limit(limit);
  }

  /** Stops at once; requests in flight are cut. Idempotent. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }
}
