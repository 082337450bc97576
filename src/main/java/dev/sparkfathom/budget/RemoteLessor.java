package dev.sparkfathom.budget;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A coordinator in another JVM, reached over HTTP. Connects within {@link #CONNECT_TIMEOUT};
 * an I/O failure is the caller's to handle (a task falls back to its JVM's limiter). An answer
 * other than 200 is an {@link IOException} naming the status and the coordinator's message.
 */
final class RemoteLessor implements Lessor {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private final String base;
  private final String secret;

  RemoteLessor(String host, int port, String secret) {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    this.base = "http://" + h + ":" + port;
    this.secret = secret;
  }

  @Override
  public LeaseAnswer lease(LeaseRequest request, Duration hold) throws IOException {
    Duration h = hold.compareTo(CoordinatorServer.MAX_HOLD) > 0 ? CoordinatorServer.MAX_HOLD : hold;
    return Wire.answer(Wire.parse(call("POST", Wire.LEASE, Wire.form(Wire.leaseRequest(request, h)),
        h.plusSeconds(15))));
  }

  @Override
  public void release(Release release) throws IOException {
    call("POST", Wire.RELEASE, Wire.form(Wire.release(release)), Duration.ofSeconds(15));
  }

  @Override
  public Tally tally(String tag) throws IOException {
    return Wire.tally(Wire.parse(call("GET", Wire.TALLY + "?tag="
        + URLEncoder.encode(tag, StandardCharsets.UTF_8), null, Duration.ofSeconds(15))));
  }

  private String call(String method, String path, String body, Duration readTimeout) throws IOException {
    // Not disconnected afterwards: a body read to its end lets the JDK keep the connection alive.
    HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    {
      c.setRequestMethod(method);
      c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      c.setReadTimeout((int) readTimeout.toMillis());
      c.setUseCaches(false);
      if (secret != null) {
        c.setRequestProperty(Wire.SECRET_HEADER, secret);
      }
      if (body != null) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        c.setFixedLengthStreamingMode(b.length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(b);
        }
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      String text = in == null ? "" : readAll(in);
      if (status != 200) {
        String error = Wire.parse(text).getOrDefault("error", "no message");
        throw new IOException("the budget coordinator at " + base + " answered HTTP " + status
            + " to " + path + ": " + error);
      }
      return text;
    }
  }

  private static String readAll(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public String toString() {
    return "RemoteLessor[" + base + "]";
  }
}
