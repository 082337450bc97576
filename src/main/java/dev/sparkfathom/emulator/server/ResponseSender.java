package dev.sparkfathom.emulator.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Puts an {@link ApiResponse} on the wire, possibly damaged by a body fault. Bodies are
 * buffered and sent with {@code Content-Length}, except streamed ones (answers of more than
 * {@value ApiResponse#STREAM_ROWS} rows, the JSONL export), which go out with chunked encoding
 * as they are written. A body fault buffers the whole body first.
 */
final class ResponseSender {
  static final String GARBAGE =
      "<!DOCTYPE html><html><head><title>Server Error</title></head>"
          + "<body><h1>Whoops, looks like something went wrong.</h1></body></html>";

  /** A body that is not JSON, sent as {@code application/json}: a proxy's plain-text complaint. */
  static final String NOT_JSON =
      "upstream connect error or disconnect/reset before headers. reset reason: overflow";

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
    if (ex.getRequestMethod().equalsIgnoreCase("HEAD")) {
      // A HEAD answer has no body; the JDK warns when a length is announced for one.
      ex.getResponseHeaders().set("Content-Type", r.contentType());
      ex.sendResponseHeaders(r.status(), -1);
      return;
    }
    switch (fault) {
      case GARBAGE -> {
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        sendBytes(ex, r.status(), GARBAGE.getBytes(StandardCharsets.UTF_8));
      }
      case NOT_JSON -> {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        sendBytes(ex, r.status(), NOT_JSON.getBytes(StandardCharsets.UTF_8));
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
        if (r.stream()) {
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
