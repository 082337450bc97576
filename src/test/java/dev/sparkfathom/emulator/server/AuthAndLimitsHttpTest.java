package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthAndLimitsHttpTest {
  private static final String UNAUTHENTICATED = "{\"error\":\"Unauthenticated.\"}";
  private static final String FORBIDDEN =
      "{\"error\":\"This token doesn't have permission to access this endpoint\"}";
  private static final String TOO_MANY = "{\"error\":\"Too Many Attempts.\"}";
  private static final String AGG = "/v1/aggregations?entity=pageview&entity_id=AAAAAA&aggregates=pageviews";

  private final ServerFixture f =
      new ServerFixture(ResponseStyle.OBSERVED, new RateLimits(3, 5), FaultSettings.NONE, Sleeper.SYSTEM);

  @AfterEach
  void stop() {
    f.close();
  }

  private static void assertAnswer(HttpResponse<String> r, int status, String body) {
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.statusCode()).isEqualTo(status);
  }

  @Test
  void missingOrUnknownTokenIsUnauthenticated() {
    assertAnswer(f.as(null).get("/v1/account"), 401, UNAUTHENTICATED);
    assertAnswer(f.as("wrong").get("/v1/account"), 401, UNAUTHENTICATED);
    assertAnswer(f.as(null).send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(f.root() + "/v1/account")).header("Authorization", "Basic " + ServerFixture.ADMIN)),
        401, UNAUTHENTICATED);
  }

  @Test
  void bearerSchemeIsCaseInsensitive() {
    HttpResponse<String> r = f.as(null).send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(f.root() + "/v1/account")).header("Authorization", "bearer " + ServerFixture.ADMIN));
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void readTokenMayReadButNotWrite() {
    TestHttp read = f.as(ServerFixture.READ);
    assertThat(read.get("/v1/sites").statusCode()).isEqualTo(200);
    assertThat(read.get(AGG).statusCode()).isEqualTo(200);
    assertAnswer(read.post("/v1/sites", "name=X"), 401, FORBIDDEN);
    assertAnswer(read.delete("/v1/sites/AAAAAA"), 401, FORBIDDEN);
    assertAnswer(read.post("/v1/sites/AAAAAA/events", "name=X"), 401, FORBIDDEN);
    assertThat(f.store.sites()).hasSize(2);
  }

  @Test
  void siteTokenReadsOnlyItsSite() {
    TestHttp site = f.as(ServerFixture.SITE);
    assertThat(site.get("/v1/sites/AAAAAA").statusCode()).isEqualTo(200);
    assertThat(site.get("/v1/sites").body()).contains("AAAAAA").doesNotContain("BBBBBB");
    assertThat(site.get(AGG).statusCode()).isEqualTo(200);
    assertAnswer(site.get("/v1/sites/BBBBBB"), 401, FORBIDDEN);
    assertAnswer(site.get("/v1/sites/BBBBBB/events"), 401, FORBIDDEN);
    assertAnswer(site.get("/v1/aggregations?entity=pageview&entity_id=BBBBBB&aggregates=pageviews"), 401, FORBIDDEN);
    assertAnswer(site.get("/v1/current_visitors?site_id=BBBBBB"), 401, FORBIDDEN);
    assertAnswer(site.post("/v1/sites/AAAAAA", "name=Mine"), 401, FORBIDDEN);
  }

  @Test
  void aggregationBudgetAnswers429WithExactRetryAfterAndRefusalsDoNotCount() {
    TestHttp admin = f.admin;
    assertThat(admin.get(AGG).statusCode()).isEqualTo(200);            // t=0
    f.clock.advance(Duration.ofMillis(20_500));
    assertThat(admin.get("/v1/current_visitors?site_id=AAAAAA").statusCode()).isEqualTo(200); // t=20.5
    assertThat(admin.get(AGG).statusCode()).isEqualTo(200);            // t=20.5, budget of 3 used
    f.clock.advance(Duration.ofSeconds(10));                          // t=30.5
    HttpResponse<String> refused = admin.get(AGG);
    assertAnswer(refused, 429, TOO_MANY);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("30"); // until t=60 exactly
    f.clock.advance(Duration.ofMillis(29_400));                       // t=59.9
    HttpResponse<String> again = admin.get(AGG);
    assertAnswer(again, 429, TOO_MANY);
    assertThat(again.headers().firstValue("Retry-After")).hasValue("1"); // 0.1 s rounds up
    f.clock.advance(Duration.ofMillis(100));                          // t=60: the first left the window
    assertThat(admin.get(AGG).statusCode()).isEqualTo(200);
    assertAnswer(admin.get(AGG), 429, TOO_MANY);                      // the refusals did not count
    assertThat(f.server.requestLog().entries()).extracting(RequestLogEntry::status)
        .containsExactly(200, 200, 200, 429, 429, 200, 429);
  }

  @Test
  void budgetsArePerTokenAndPerBucket() {
    for (int i = 0; i < 3; i++) {
      assertThat(f.admin.get(AGG).statusCode()).isEqualTo(200);
    }
    assertThat(f.admin.get(AGG).statusCode()).isEqualTo(429);
    assertThat(f.as(ServerFixture.READ).get(AGG).statusCode()).isEqualTo(200);
    assertThat(f.admin.get("/v1/sites").statusCode()).isEqualTo(200);
  }

  @Test
  void entityBudgetIsAnHourAndCountsPermissionAndValidationFailures() {
    TestHttp read = f.as(ServerFixture.READ);
    assertThat(read.post("/v1/sites", "name=X").statusCode()).isEqualTo(401);
    assertThat(read.get("/v1/sites?limit=0").statusCode()).isEqualTo(400);
    for (int i = 0; i < 3; i++) {
      assertThat(read.get("/v1/account").statusCode()).isEqualTo(200);
    }
    f.clock.advance(Duration.ofMinutes(10));
    HttpResponse<String> refused = read.get("/v1/account");
    assertAnswer(refused, 429, TOO_MANY);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("3000");
    f.clock.advance(Duration.ofMinutes(50));
    assertThat(read.get("/v1/account").statusCode()).isEqualTo(200);
  }

  @Test
  void unauthenticatedRequestsDoNotCount() {
    for (int i = 0; i < 10; i++) {
      f.as(null).get(AGG);
    }
    assertThat(f.admin.get(AGG).statusCode()).isEqualTo(200);
  }

  @Test
  void limitsChangeAtRunTime() {
    f.server.rateLimits(new RateLimits(1, 5));
    assertThat(f.admin.get(AGG).statusCode()).isEqualTo(200);
    assertThat(f.admin.get(AGG).statusCode()).isEqualTo(429);
    f.server.resetRateLimits();
    assertThat(f.admin.get(AGG).statusCode()).isEqualTo(200);
  }

  @Test
  void requestLogRecordsTokenNameNeverTheSecret() {
    f.admin.post("/v1/sites", "name=Secretive&sharing=private&share_password=hunter2");
    f.as("not-a-token").get("/v1/account");
    RequestLogEntry created = f.server.requestLog().entries().get(0);
    assertThat(created.tokenName()).isEqualTo("ci");
    assertThat(created.parameters()).containsEntry("share_password", "***").containsEntry("name", "Secretive");
    assertThat(created.toString()).doesNotContain(ServerFixture.ADMIN).doesNotContain("hunter2");
    assertThat(f.server.requestLog().entries().get(1).tokenName()).isNull();
  }

  private HttpResponse<String> postJson(String secret, String body) {
    return f.as(secret).send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(f.root() + "/v1/sites")).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", "Bearer " + secret));
  }

  @Test
  void unparsableBodyWithoutAValidTokenIsUnauthenticatedFirst() {
    assertAnswer(postJson("wrong", "{not json"), 401, UNAUTHENTICATED);
    assertAnswer(f.as(null).post("/v1/sites", "name=%zz"), 401, UNAUTHENTICATED);
  }

  @Test
  void unparsableBodyIs400AfterTheRateLimitAndCounts() {
    assertAnswer(postJson(ServerFixture.ADMIN, "{not json"), 400,
        "{\"error\":\"the JSON body is not valid JSON\"}");
    assertAnswer(f.admin.post("/v1/sites", "name=%zz"), 400,
        "{\"error\":\"malformed percent-encoding in the parameters: '%zz'\"}");
    for (int i = 0; i < 3; i++) {
      f.admin.get("/v1/sites");
    }
    assertAnswer(postJson(ServerFixture.ADMIN, "{not json"), 429, TOO_MANY);
    assertThat(f.server.requestLog().entries()).extracting(RequestLogEntry::fault).containsOnlyNulls();
  }
}
