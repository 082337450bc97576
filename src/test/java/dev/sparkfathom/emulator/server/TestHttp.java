package dev.sparkfathom.emulator.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A few lines around the JDK's HttpClient for the emulator tests. */
public final class TestHttp {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private final String root;
  private final String token;

  /** @param root e.g. http://127.0.0.1:1234 ; @param token a secret, or null for none */
  public TestHttp(String root, String token) {
    this.root = root;
    this.token = token;
  }

  public TestHttp withToken(String other) {
    return new TestHttp(root, other);
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).GET());
  }

  public HttpResponse<String> post(String path, String form) {
    return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  public HttpResponse<String> method(String method, String path) {
    return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  public HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The same request, but returning the IOException a broken answer causes, or null. */
  public IOException failureOf(String pathAndQuery) {
    try {
      CLIENT.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
      return null;
    } catch (IOException e) {
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
