package dev.sparkfathom.emulator.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Puts an {@link ApiResponse} on the wire, possibly damaged by a body fault. Bodies are
 * buffered and sent with {@code Content-Length}, except answers of more than {@value
 * #STREAM_ROWS} rows, which stream out with chunked encoding as the generator writes them.
 */
final class ResponseSender {
  static final int STREAM_ROWS = 1000;
  static final String GARBAGE =
      "<!DOCTYPE html><html><head><title>Server Error</title></head>"
          + "<body><h1>Whoops, looks like something went wrong.</h1></body></html>";

  /**
   * Thrown out of the handler to make the JDK server drop the connection without finishing
   * the response: how a disconnect or truncate fault ends.
   */
  static final class DeliberateDisconnect extends IOException {
    private static final long serialVersionUID = 1L;

    DeliberateDisconnect(String what) {
      super("fault injected: " + what);
    }
  }

  private ResponseSender() {}

  static void send(HttpExchange ex, ApiResponse r, FaultInjector.BodyFault fault) throws IOException {
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      ex.getResponseHeaders().set(h.getKey(), h.getValue());
    }
    switch (fault) {
      case GARBAGE -> {
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        sendBytes(ex, r.status(), GARBAGE.getBytes(StandardCharsets.UTF_8));
      }
      case DISCONNECT -> {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        byte[] body = buffer(r);
        ex.sendResponseHeaders(r.status(), 0);
        OutputStream out = ex.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        throw new DeliberateDisconnect("connection closed mid-body");
      }
      case TRUNCATE -> {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        byte[] body = buffer(r);
        ex.sendResponseHeaders(r.status(), body.length);
        OutputStream out = ex.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        throw new DeliberateDisconnect("body cut short");
      }
      case NONE -> {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        if (r.rows() != null && r.rows() > STREAM_ROWS) {
          ex.sendResponseHeaders(r.status(), 0);
          try (OutputStream out = ex.getResponseBody()) {
            r.body().writeTo(out);
          }
        } else {
          sendBytes(ex, r.status(), buffer(r));
        }
      }
    }
  }

  private static byte[] buffer(ApiResponse r) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    r.body().writeTo(b);
    return b.toByteArray();
  }

  private static void sendBytes(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
