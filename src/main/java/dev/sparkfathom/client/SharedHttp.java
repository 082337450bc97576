package dev.sparkfathom.client;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * One OkHttp connection pool and dispatcher per JVM; each client derives its own time-outs
 * from it with {@code newBuilder()}, which shares both. No client ever shuts them down, so
 * closing one client cannot break another. Redirects are not followed: Fathom sends none, and
 * following one could carry the request (not the token: OkHttp drops it across hosts)
 * somewhere unexpected.
 */
final class SharedHttp {
  private static final OkHttpClient BASE = new OkHttpClient.Builder()
      .followRedirects(false)
      .followSslRedirects(false)
      .build();

  private SharedHttp() {}

  static OkHttpClient withTimeouts(Duration connect, Duration read, Duration call) {
    return BASE.newBuilder()
        .connectTimeout(connect)
        .readTimeout(read)
        .writeTimeout(read)
        .callTimeout(call)
        .build();
  }

  static OkHttpClient base() {
    return BASE;
  }
}
