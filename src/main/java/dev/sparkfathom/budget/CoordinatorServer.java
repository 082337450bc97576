package dev.sparkfathom.budget;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Coordinator} over HTTP (the JDK's server; see {@link Wire} for the protocol). When
 * it has a secret, every request must carry it in {@link Wire#SECRET_HEADER} or is refused with
 * 403; the secret is compared in constant time and never logged or echoed. Lease requests that
 * must wait are held up to {@link #MAX_HOLD}, each on a thread of its own (daemon threads: the
 * server never keeps a JVM alive).
 */
public final class CoordinatorServer implements AutoCloseable {
  static final Duration MAX_HOLD = Duration.ofSeconds(10);
  private static final System.Logger LOG = System.getLogger(CoordinatorServer.class.getName());

  private final Coordinator coordinator;
  private final byte[] secret;
  private final HttpServer server;
  private final ExecutorService threads;

  /**
   * Binds {@code bindHost:port} (port 0 for any free one) and starts serving.
   *
   * @param secret required of every request; null for none (a standalone coordinator on a
   *     network only the jobs reach)
   */
  public CoordinatorServer(Coordinator coordinator, String bindHost, int port, String secret)
      throws IOException {
    this.coordinator = coordinator;
    this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fathom-budget-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(bindHost, port), 128);
    server.setExecutor(threads);
    server.createContext("/budget/v1/", this::handle);
    startAsDaemon(server);
  }

  /**
   * The JDK server's dispatcher thread takes its daemon flag from the thread that starts it:
   * started from the caller's (a driver's main thread), it would keep the driver JVM alive after
   * the application ended. Started from a daemon thread, it never does.
   */
  private static void startAsDaemon(HttpServer server) throws IOException {
    Thread starter = new Thread(server::start, "fathom-budget-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.stop(0);
      throw new java.io.InterruptedIOException("interrupted while starting the budget coordinator");
    }
  }

  /** The port bound (the free one chosen when asked for 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      if (secret != null) {
        String given = x.getRequestHeaders().getFirst(Wire.SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
          send(x, 403, "error=" + (given == null ? "the secret is missing" : "the secret is wrong"));
          return;
        }
      }
      String path = x.getRequestURI().getPath();
      String method = x.getRequestMethod();
      try {
        switch (path) {
          case Wire.LEASE -> {
            requirePost(method);
            Map<String, String> form = Wire.parse(body(x));
            LeaseRequest r = Wire.leaseRequest(form);
            Duration hold = Duration.ofMillis(Long.parseLong(form.getOrDefault("hold_ms", "0")));
            hold = hold.compareTo(MAX_HOLD) > 0 ? MAX_HOLD : hold;
            send(x, 200, Wire.form(Wire.answer(coordinator.lease(r, hold))));
          }
          case Wire.RELEASE -> {
            requirePost(method);
            coordinator.release(Wire.release(Wire.parse(body(x))));
            send(x, 200, "");
          }
          case Wire.TALLY -> {
            String tag = Wire.parse(x.getRequestURI().getRawQuery()).get("tag");
            if (tag == null) {
              throw new IllegalArgumentException("'tag' is missing");
            }
            send(x, 200, Wire.form(Wire.tally(coordinator.tally(tag))));
          }
          default -> send(x, 404, "error=no such path; use " + Wire.LEASE + ", " + Wire.RELEASE
              + " or " + Wire.TALLY);
        }
      } catch (IllegalArgumentException e) {
        send(x, 400, Wire.form(Map.of("error", String.valueOf(e.getMessage()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        send(x, 503, "error=the coordinator is stopping");
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "budget coordinator failed on " + method + " " + path, e);
        send(x, 500, "error=" + e.getClass().getSimpleName());
      }
    }
  }

  private static void requirePost(String method) {
    if (!method.equals("POST")) {
      throw new IllegalArgumentException("use POST; got: " + method);
    }
  }

  private static String body(HttpExchange x) throws IOException {
    try (InputStream in = x.getRequestBody()) {
      byte[] b = in.readNBytes(Wire.MAX_BODY + 1);
      if (b.length > Wire.MAX_BODY) {
        throw new IllegalArgumentException("the body is longer than " + Wire.MAX_BODY + " bytes");
      }
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  private static void send(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(b);
      }
    }
  }

  /** Stops at once; held lease requests are cut (their tasks fall back or retry). */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
