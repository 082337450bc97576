package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientConfigTest {
  private final ApiToken token = ApiToken.of("sk_live_abc");

  @Test
  void todaysApiIsTheDefaultAndTheLegacyRevisionSurvivesEveryWither() {
    ClientConfig legacy = ClientConfig.defaults(token).withApiVersion(dev.sparkfathom.api.ApiVersion.LEGACY);

    assertThat(ClientConfig.defaults(token).apiVersion()).isEqualTo(dev.sparkfathom.api.ApiVersion.CURRENT);
    assertThat(legacy.withBaseUrl("http://localhost:1/v1").withRetries(1).withRateLimits(1, 1)
        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)).apiVersion())
        .isEqualTo(dev.sparkfathom.api.ApiVersion.LEGACY);
    assertThat(legacy.toString()).endsWith(", apiVersion=legacy]").doesNotContain("sk_live_abc");
  }

  @Test
  void plainHttpIsRefusedForANonLoopbackHost() {
    assertThatThrownBy(() -> ClientConfig.defaults(token).withBaseUrl("http://api.usefathom.com/v1"))
        .hasMessage("base_url may use http:// only for a loopback host (localhost, 127.0.0.1, ::1);"
            + " use https:// for 'api.usefathom.com'");
  }

  @Test
  void plainHttpIsAllowedOnLoopbackAndTheTrailingSlashGoes() {
    assertThat(ClientConfig.defaults(token).withBaseUrl("http://127.0.0.1:8080/v1/").baseUrl())
        .isEqualTo("http://127.0.0.1:8080/v1");
    assertThat(ClientConfig.defaults(token).withBaseUrl("http://localhost:1/v1").baseUrl())
        .isEqualTo("http://localhost:1/v1");
    assertThat(ClientConfig.defaults(token).withBaseUrl("http://[::1]:1/v1").baseUrl())
        .isEqualTo("http://[::1]:1/v1");
  }

  @Test
  void credentialsInTheUrlAreRefused() {
    assertThatThrownBy(() -> ClientConfig.defaults(token).withBaseUrl("https://u:p@api.usefathom.com/v1"))
        .hasMessage("base_url must not hold credentials; pass the token instead");
    // Also where the URL is otherwise bad, the secret in it is never echoed.
    assertThatThrownBy(() -> ClientConfig.defaults(token).withBaseUrl("ftp://me:SECRET@host/v1"))
        .hasMessage("base_url must not hold credentials; pass the token instead");
  }

  @Test
  void defaultsAreFathomsLimitsAndGenerousTimeouts() {
    ClientConfig c = ClientConfig.defaults(token);
    assertThat(c.baseUrl()).isEqualTo("https://api.usefathom.com/v1");
    assertThat(c.aggregationRequestsPerMinute()).isEqualTo(10);
    assertThat(c.entityRequestsPerHour()).isEqualTo(2000);
    assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.toString()).doesNotContain("sk_live_abc").contains(token.fingerprint());
  }

  @Test
  void timeoutsReachTheHttpClient() {
    okhttp3.OkHttpClient http = SharedHttp.withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(4),
        Duration.ofSeconds(5));
    assertThat(http.connectTimeoutMillis()).isEqualTo(3000);
    assertThat(http.readTimeoutMillis()).isEqualTo(4000);
    assertThat(http.callTimeoutMillis()).isEqualTo(5000);
    assertThat(http.connectionPool()).isSameAs(SharedHttp.base().connectionPool());
    assertThat(http.followRedirects()).isFalse();
  }

  @Test
  void tokensWithWhitespaceAreRefused() {
    assertThatThrownBy(() -> ApiToken.of("a b")).hasMessage("the API token must not contain whitespace");
    assertThatThrownBy(() -> ApiToken.of("abc\u00e9")).hasMessage("the API token must hold only printable"
        + " ASCII characters (it is sent in an HTTP header); character 4 of 4 is not");
    assertThatThrownBy(() -> ApiToken.of("ab\u0000c")).hasMessageEndingWith("character 3 of 4 is not");
    assertThat(ApiToken.of("sk_live-AZaz09~!./+=").reveal()).isEqualTo("sk_live-AZaz09~!./+=");
    assertThatThrownBy(() -> ApiToken.of("")).hasMessage("the API token is empty");
  }
}
