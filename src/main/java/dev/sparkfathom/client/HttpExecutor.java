package dev.sparkfathom.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs one {@link ApiRequest} to a decoded answer: waits for rate budget, sends, decodes the
 * whole body, and on failure asks the {@link RetryPolicy} whether and when to try again. Each
 * attempt decodes from scratch, so a retry after a body cut short never returns rows twice.
 */
final class HttpExecutor {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String USER_AGENT = "spark-fathom";

  private final HttpUrl baseUrl;
  private final ApiToken token;
  private final OkHttpClient http;
  private final RateLimiter limiter;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  HttpExecutor(ClientConfig config, OkHttpClient http, RateLimiter limiter, RetryPolicy policy,
      Clock clock, Sleeper sleeper, RandomGenerator random) {
    this.baseUrl = HttpUrl.get(config.baseUrl());
    this.token = config.token();
    this.http = http;
    this.limiter = limiter;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  <T> T execute(ApiRequest req, BodyDecoder<T> decoder, StatsRecorder stats) {
    try {
      return attempts(req, decoder, stats);
    } catch (FathomException e) {
      throw e.withStats(stats.snapshot());
    }
  }

  private <T> T attempts(ApiRequest req, BodyDecoder<T> decoder, StatsRecorder stats) {
    Request request = toHttp(req);
    String where = describe(request);
    for (int attempt = 1; ; attempt++) {
      try {
        stats.limiterWaited(limiter.acquire(req.bucket()));
        stats.attempts++;
        return once(request, where, decoder, stats);
      } catch (InterruptedException e) {
        throw Failures.interrupted(where, e);
      } catch (AttemptFailed f) {
        if (Thread.currentThread().isInterrupted()) {
          // A cancelled task shows up as an InterruptedIOException: stop, do not retry.
          InterruptedException stop = new InterruptedException("interrupted during " + where);
          stop.addSuppressed(f.getCause() == null ? f : f.getCause());
          throw Failures.interrupted(where, stop);
        }
        RetryDecision d = policy.decide(attempt, f.outcome, req.safeToRepeat(), clock, random);
        if (!d.retry()) {
          throw Failures.of(f, where, attempt, clock, req.replacedBy());
        }
        sleep(d, where);
        stats.waited(d);
      }
    }
  }

  private <T> T once(Request request, String where, BodyDecoder<T> decoder, StatsRecorder stats)
      throws AttemptFailed {
    try (Response r = http.newCall(request).execute()) {
      if (!r.isSuccessful()) {
        if (r.code() == 429) {
          stats.rateLimited++;
        }
        throw new AttemptFailed(new Outcome.Status(r.code(), r.header("Retry-After")), r.code(),
            ErrorBody.read(r.body(), token), null);
      }
      CountingInputStream in = new CountingInputStream(r.body().byteStream());
      try (JsonParser p = JSON.createParser(in)) {
        T value = decoder.decode(p);
        if (p.nextToken() != null) {
          throw new BodyShapeException("there is more after the end of the JSON answer");
        }
        return value;
      } catch (BodyShapeException e) {
        throw Failures.shape(e, where, r.code()); // the same body would come again: final
      } catch (JsonProcessingException e) {
        throw new AttemptFailed(new Outcome.Failure(Outcome.FailureKind.BAD_BODY), r.code(), null, e);
      } finally {
        stats.bytesRead += in.count();
      }
    } catch (IOException e) {
      throw new AttemptFailed(new Outcome.Failure(kind(e)), 0, null, e);
    }
  }

  static Outcome.FailureKind kind(IOException e) {
    if (e instanceof ConnectException) {
      return Outcome.FailureKind.CONNECT;
    }
    if (e instanceof InterruptedIOException) {
      return Outcome.FailureKind.TIMEOUT; // SocketTimeoutException and OkHttp's call time-out
    }
    return Outcome.FailureKind.DROPPED;
  }

  private void sleep(RetryDecision d, String where) {
    try {
      sleeper.sleep(d.delay());
    } catch (InterruptedException e) {
      throw Failures.interrupted(where, e);
    }
  }

  private Request toHttp(ApiRequest req) {
    HttpUrl.Builder url = baseUrl.newBuilder();
    for (String segment : req.path()) {
      url.addPathSegment(segment);
    }
    for (Map.Entry<String, String> q : req.query().entrySet()) {
      url.addQueryParameter(q.getKey(), q.getValue());
    }
    Request.Builder b = new Request.Builder()
        .url(url.build())
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token.reveal())
        .header("User-Agent", USER_AGENT);
    if (req.form() != null) {
      FormBody.Builder form = new FormBody.Builder();
      req.form().forEach(form::add);
      b.method(req.method(), form.build());
    } else {
      b.method(req.method(), null);
    }
    return b.build();
  }

  /** Method, path and decoded query: what messages name. Never the headers. */
  static String describe(Request request) {
    HttpUrl url = request.url();
    String query = url.query();
    return request.method() + " " + url.encodedPath() + (query == null ? "" : "?" + query);
  }
}
