package dev.sparkfathom.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs one {@link ApiRequest} to a decoded answer: takes a permit from the {@link SendBudget}
 * right before each attempt is sent (so every attempt, retries included, is budgeted at its
 * real send time), sends, decodes the whole body, and on failure decides whether and when to
 * try again. Each attempt decodes from scratch, so a retry after a body cut short never
 * returns rows twice.
 *
 * <p>A 429 is not a failure of the request but a sign that the token's budget is spent
 * elsewhere: the permit tells the budget, which pauses the token for everyone for the
 * {@code Retry-After}, and the next attempt waits for that pause when it asks for its permit.
 * The request gives up on 429s only when its pauses would add up to more than the config's
 * {@code maxWait}; {@code maxRetries} counts the other failures.
 */
final class HttpExecutor {
  /** The parser of every answer; its double parser rounds correctly, as the JDK's does, and faster. */
  static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
  private static final String USER_AGENT = "spark-fathom";
  private static final System.Logger LOG = System.getLogger(HttpExecutor.class.getName());
  /** Waits longer than this are logged at INFO, so a slow read says why it is slow. */
  static final Duration LOGGED_WAIT = Duration.ofSeconds(5);

  private final HttpUrl baseUrl;
  private final String hint404;
  private final ApiToken token;
  private final OkHttpClient http;
  private final SendBudget budget;
  private final Duration maxWait;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  HttpExecutor(ClientConfig config, OkHttpClient http, SendBudget budget, RetryPolicy policy,
      Clock clock, Sleeper sleeper, RandomGenerator random) {
    this.baseUrl = HttpUrl.get(config.baseUrl());
    // Every Fathom endpoint is under /v1: with a base URL elsewhere a 404 says nothing of ids.
    this.hint404 = baseUrl.encodedPath().endsWith("/v1") ? Failures.HINT_404
        : Failures.hintNoV1(config.baseUrl());
    this.token = config.token();
    this.http = http;
    this.budget = budget;
    this.maxWait = config.maxWait();
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
    int failures = 0;
    int rateLimited = 0;
    Duration pauseLeft = maxWait;
    for (int attempt = 1; ; attempt++) {
      SendBudget.Permit permit = null;
      // One try for the permit and the send: OkHttp (Kotlin) may also throw an undeclared
      // InterruptedException when the task is cancelled, and it must end the call the same way.
      try {
        permit = budget.acquire(req.bucket(), attempt, pauseLeft);
        SendBudget.Permit p = permit;
        stats.budgetWaited(p.waited(), p.pausedFor());
        pauseLeft = pauseLeft.minus(p.pausedFor());
        if (p.waited().compareTo(LOGGED_WAIT) > 0) {
          LOG.log(System.Logger.Level.INFO, () -> waitLine(where, p));
        }
        stats.attempts++;
        return once(request, where, decoder, stats);
      } catch (InterruptedException e) {
        throw Failures.interrupted(where, e);
      } catch (SendBudget.PausedTooLong p) {
        throw Failures.pausedTooLong(where, attempt - 1, p.pause(), maxWait);
      } catch (AttemptFailed f) {
        if (Thread.currentThread().isInterrupted()) {
          // A cancelled task shows up as an InterruptedIOException: stop, do not retry.
          InterruptedException stop = new InterruptedException("interrupted during " + where);
          stop.addSuppressed(f.getCause() == null ? f : f.getCause());
          throw Failures.interrupted(where, stop);
        }
        if (f.outcome instanceof Outcome.Status s && s.code() == 429) {
          rateLimited++;
          Duration pause = policy.rateLimitPause(s.retryAfter(), rateLimited, clock, random);
          if (pause.compareTo(pauseLeft) > 0) {
            throw Failures.rateLimitedTooLong(f, where, attempt, clock, maxWait);
          }
          permit.rateLimited(pause);
          if (pause.compareTo(LOGGED_WAIT) > 0) {
            LOG.log(System.Logger.Level.INFO, () -> "HTTP 429 from " + where + ": the token pauses "
                + seconds(pause) + " for every request before this one is tried again");
          }
          continue; // the next permit waits out the pause
        }
        failures++;
        RetryDecision d = policy.decide(failures, f.outcome, req.safeToRepeat(), clock, random);
        if (!d.retry()) {
          throw Failures.of(f, where, attempt, clock, req.replacedBy(), hint404);
        }
        permit.close(); // not in flight while backing off
        permit = null;
        sleep(d, where);
        stats.waited(d);
      } finally {
        if (permit != null) {
          permit.close();
        }
      }
    }
  }

  /** The INFO line of a long wait: the request (its window is in the query), never a header. */
  static String waitLine(String where, SendBudget.Permit permit) {
    String pause = permit.pausedFor().isZero() ? ""
        : " (" + seconds(permit.pausedFor()) + " of it paused after 429 answers)";
    return "waited " + seconds(permit.waited()) + " for rate budget" + pause + " before " + where;
  }

  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
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
