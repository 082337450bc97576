package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sparkfathom.client.model.Sharing;
import dev.sparkfathom.client.model.SiteCreate;
import dev.sparkfathom.client.model.SiteUpdate;
import java.io.PrintWriter;
import java.io.StringWriter;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token shows in no toString, message or stack trace, even when Fathom echoes it. */
class RedactionTest {
  private static final String SECRET = TestServer.SECRET;

  @StartStop
  final MockWebServer server = new MockWebServer();
  private TestServer t;

  @BeforeEach
  void setUp() {
    t = new TestServer(server, 0);
  }

  @Test
  void clientConfigAndTokenPrintOnlyTheFingerprint() {
    String fingerprint = TestServer.TOKEN.fingerprint();

    assertThat(t.client.toString()).doesNotContain(SECRET)
        .isEqualTo("FathomClient[baseUrl=" + server.url("/v1").toString().replaceAll("/$", "")
            + ", token=ApiToken[redacted " + fingerprint + "]]");
    assertThat(t.client.config().toString()).doesNotContain(SECRET).contains(fingerprint);
    assertThat(TestServer.TOKEN.toString()).isEqualTo("ApiToken[redacted " + fingerprint + "]");
  }

  @Test
  void anUnauthorizedAnswerThatEchoesTheTokenIsRedacted() {
    t.json(401, "{\"error\":\"Unknown token " + SECRET + ".\"}");

    FathomException e = (FathomException) catchThrowable(() -> t.client.account());

    assertThat(e.getMessage()).isEqualTo("HTTP 401 from GET /v1/account: Unknown token [redacted]."
        + " (check that the API token is right and allowed to use this endpoint and site)");
    assertThat(e.apiMessage()).isEqualTo("Unknown token [redacted].");
    assertThat(stackTrace(e)).doesNotContain(SECRET);
  }

  @Test
  void aServerErrorMessageHoldsNoToken() {
    t.json(500, "{\"message\":\"Bearer " + SECRET + " broke us\"}");

    FathomException e = (FathomException) catchThrowable(() -> t.client.getSite("CDBUGS"));

    assertThat(e).isInstanceOf(FathomServerException.class);
    assertThat(e.getMessage()).isEqualTo("HTTP 500 from GET /v1/sites/CDBUGS: Bearer [redacted] broke us");
    assertThat(stackTrace(e)).doesNotContain(SECRET);
  }

  @Test
  void aTransportFailureHoldsNoToken() throws Exception {
    ClientConfig config = t.client.config().withBaseUrl("http://127.0.0.1:1/v1").withRetries(0);
    FathomClient client = FathomClient.builder(config).sleeper(t.sleeper).clock(t.clock)
        .rateLimiter(new RateLimiter(10, 10, java.time.Duration.ZERO, t.clock, t.sleeper)).build();

    FathomException e = (FathomException) catchThrowable(client::account);

    assertThat(e).isInstanceOf(FathomTransportException.class);
    assertThat(e.getMessage()).startsWith("GET /v1/account could not connect: ");
    assertThat(stackTrace(e)).doesNotContain(SECRET);
  }

  @Test
  void sharePasswordsAreRedactedToo() {
    assertThat(new SiteCreate("Acme", Sharing.PRIVATE, "hunter2").toString())
        .isEqualTo("SiteCreate[name=Acme, sharing=private, sharePassword=[redacted],"
        + " timezone=null, multiDomain=null, multiDomainOption=null]");
    assertThat(SiteUpdate.share(Sharing.PRIVATE, "hunter2").toString())
        .isEqualTo("SiteUpdate[name=null, sharing=private, sharePassword=[redacted],"
            + " timezone=null, multiDomain=null, multiDomainOption=null]");
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
