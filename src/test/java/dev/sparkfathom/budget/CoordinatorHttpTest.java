package dev.sparkfathom.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.client.ApiToken;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.RateLimiter;
import dev.sparkfathom.client.RateLimiter.Bucket;
import dev.sparkfathom.client.SendBudget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator over loopback HTTP, as executors use it: leases granted, held and returned,
 * the secret, 429 pauses shared between callers, the scan's totals, and the fallback when the
 * coordinator cannot be reached. Waits here are real but short (at most about a second).
 */
class CoordinatorHttpTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final ClientConfig CONFIG = ClientConfig.defaults(ApiToken.of("sk_test_coordinator"))
      .withBaseUrl("http://127.0.0.1:9/v1").withRateLimits(30, 2000).withBudget(2, Duration.ofMinutes(10));
  private Coordinator coordinator;
  private CoordinatorServer server;

  @BeforeEach
  void start() throws IOException {
    coordinator = new Coordinator(Clock.systemUTC());
    server = new CoordinatorServer(coordinator, "127.0.0.1", 0, SECRET);
    Budgets.resetForTests();
  }

  @AfterEach
  void stop() {
    server.close();
    Budgets.resetForTests();
  }

  private BudgetRoute route(String tag) {
    return new BudgetRoute("127.0.0.1", server.port(), SECRET, null, 2, tag);
  }

  private static LeaseRequest ask(int attempt) {
    return new LeaseRequest("http://x#k", Bucket.AGGREGATIONS, 30, 2, Duration.ofMinutes(1),
        Duration.ofMinutes(10), "scan-1", attempt);
  }

  @Test
  void leasesAreGrantedReturnedAndCountedForTheScan() throws Exception {
    RemoteLessor remote = new RemoteLessor("127.0.0.1", server.port(), SECRET);

    LeaseAnswer first = remote.lease(ask(1), Duration.ZERO);
    LeaseAnswer retry = remote.lease(ask(2), Duration.ZERO);
    remote.release(new Lessor.Release("http://x#k", Bucket.AGGREGATIONS,
        ((LeaseAnswer.Granted) first).lease(), true, Duration.ofMillis(10), "scan-1", Duration.ofMillis(1500)));

    assertThat(first).isInstanceOf(LeaseAnswer.Granted.class);
    assertThat(retry).isInstanceOf(LeaseAnswer.Granted.class);
    assertThat(coordinator.inFlight("http://x#k")).isEqualTo(1);
    assertThat(remote.tally("scan-1")).isEqualTo(new Tally(2, 1, 1, 1500));
    assertThat(remote.tally("another scan")).isEqualTo(Tally.NONE);
  }

  @Test
  void aRequestWithoutTheSecretIsRefusedWithoutEchoingIt() {
    RemoteLessor wrong = new RemoteLessor("127.0.0.1", server.port(), "not-the-secret");
    RemoteLessor none = new RemoteLessor("127.0.0.1", server.port(), null);

    assertThatThrownBy(() -> wrong.lease(ask(1), Duration.ZERO)).isInstanceOf(IOException.class)
        .hasMessage("the budget coordinator at http://127.0.0.1:" + server.port()
            + " answered HTTP 403 to /budget/v1/lease: the secret is wrong");
    assertThatThrownBy(() -> none.tally("scan-1")).hasMessageEndingWith("the secret is missing");
    assertThat(coordinator.inFlight("http://x#k")).isZero();
  }

  @Test
  void aMalformedLeaseIsRefusedNamingTheField() {
    RemoteLessor remote = new RemoteLessor("127.0.0.1", server.port(), SECRET);
    // A time-to-live under a millisecond travels as 0 ms, which the server refuses.
    LeaseRequest tooShort = new LeaseRequest("k", Bucket.AGGREGATIONS, 1, 1, Duration.ofNanos(1),
        Duration.ZERO, "t", 1);

    assertThatThrownBy(() -> remote.lease(tooShort, Duration.ZERO))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("answered HTTP 400 to /budget/v1/lease: lease time-to-live must be positive; got: PT0S");
    assertThat(coordinator.inFlight("k")).isZero();
  }

  @Test
  void aHeldRequestIsGrantedAsSoonAsALeaseComesBack() throws Exception {
    SendBudget budget = Budgets.forRoute(route("scan-2"), CONFIG.withBudget(1, Duration.ofMinutes(10)));
    SendBudget.Permit first = budget.acquire(Bucket.AGGREGATIONS, 1, Duration.ofMinutes(10));

    CompletableFuture<SendBudget.Permit> second = CompletableFuture.supplyAsync(() -> {
      try {
        return budget.acquire(Bucket.AGGREGATIONS, 1, Duration.ofMinutes(10));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(300);
    assertThat(second).as("held while one request is in flight").isNotDone();
    first.close();

    SendBudget.Permit granted = second.get(5, TimeUnit.SECONDS);
    assertThat(granted.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(granted.pausedFor()).isZero();
    granted.close();
    assertThat(coordinator.tally("scan-2").requests()).isEqualTo(2);
  }

  @Test
  void a429PausesTheTokenForEveryoneWhoLeasesFromTheCoordinator() throws Exception {
    SendBudget one = Budgets.forRoute(route("scan-3"), CONFIG);
    SendBudget other = Budgets.forRoute(route("scan-4"), CONFIG);
    SendBudget.Permit refused = one.acquire(Bucket.AGGREGATIONS, 1, Duration.ofMinutes(10));
    refused.rateLimited(Duration.ofSeconds(1));
    refused.close();

    SendBudget.Permit next = other.acquire(Bucket.AGGREGATIONS, 1, Duration.ofMinutes(10));

    assertThat(next.pausedFor()).isBetween(Duration.ofMillis(800), Duration.ofMillis(1500));
    assertThat(next.waited()).isGreaterThanOrEqualTo(next.pausedFor());
    next.close();
    assertThat(coordinator.tally("scan-3").rateLimited()).isEqualTo(1);
    assertThatThrownBy(() -> {
      SendBudget.Permit p = one.acquire(Bucket.AGGREGATIONS, 1, Duration.ofMinutes(10));
      p.rateLimited(Duration.ofMinutes(20));
      p.close();
      other.acquire(Bucket.AGGREGATIONS, 1, Duration.ofMinutes(10));
    }).isInstanceOf(SendBudget.PausedTooLong.class).hasMessageStartingWith("the token is paused for 1199 s");
  }

  @Test
  void anUnreachableCoordinatorFallsBackToThisJvmsShareOfTheRate() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    BudgetRoute nowhere = new BudgetRoute("127.0.0.1", closedPort, SECRET, null, 2, "scan-5");

    SendBudget.Permit p = Budgets.forRoute(nowhere, CONFIG).acquire(Bucket.AGGREGATIONS, 1, Duration.ofMinutes(10));
    p.close();

    assertThat(Budgets.unreachable(nowhere)).isTrue();
    RateLimiter fallback = Budgets.fallback(nowhere, CONFIG);
    assertThat(fallback.aggregationsPerMinute()).isEqualTo(15);
    assertThat(fallback.entitiesPerHour()).isEqualTo(1000);
    assertThat(Budgets.share(2, 2)).isEqualTo(1);
    assertThat(Budgets.share(3, 4)).as("never below 1").isEqualTo(1);
  }

  @Test
  void theFallbackWarningSaysWhatChangedAndNeverTheTokenOrSecret() {
    BudgetRoute r = new BudgetRoute("10.0.0.5", 41234, SECRET, null, 3, "scan");

    String warning = Budgets.fallbackWarning(r, new java.net.ConnectException("Connection refused"), CONFIG);

    assertThat(warning).isEqualTo("cannot reach the Fathom budget coordinator at 10.0.0.5:41234"
        + " (ConnectException: Connection refused); this JVM now limits its own requests to its share"
        + " of the token's rate, for the rest of its life: 10 aggregation requests a minute (30 / 3"
        + " executors), 666 entity requests an hour and 1 in flight. Late task starts, retries and"
        + " other clients of the token are no longer coordinated, so 429s may follow; let executors"
        + " reach the driver's host, or run a standalone coordinator (option 'budget.coordinator')");
    assertThat(warning).doesNotContain(SECRET).doesNotContain("sk_test_coordinator");
    assertThat(r.toString()).doesNotContain(SECRET).contains("secret=redacted");
  }

  @Test
  void theServerNeverKeepsAJvmAlive() throws IOException {
    // A driver JVM whose application ended must exit: the server adds no user thread.
    long before = dispatchers(false);
    long daemonsBefore = dispatchers(true);
    try (CoordinatorServer another = new CoordinatorServer(coordinator, "127.0.0.1", 0, SECRET)) {
      assertThat(dispatchers(false)).isEqualTo(before);
      assertThat(dispatchers(true)).isEqualTo(daemonsBefore + 1);
    }
  }

  private static long dispatchers(boolean daemon) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("HTTP-Dispatcher") && t.isDaemon() == daemon && t.isAlive()).count();
  }

  @Test
  void theKeyIsTheFullDigestOfTheTokenNeverTheToken() {
    String key = TokenKey.of(CONFIG);

    assertThat(key).startsWith("http://127.0.0.1:9/v1#").doesNotContain("sk_test_coordinator");
    assertThat(key.substring(key.indexOf('#') + 1)).hasSize(64).matches("[0-9a-f]+");
    assertThat(TokenKey.of(CONFIG.withBaseUrl("http://127.0.0.1:10/v1"))).isNotEqualTo(key);
  }

  @Test
  void theStandaloneMainSaysWhereItListensAndRefusesBadArguments() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CoordinatorServer s = CoordinatorMain.start(new String[] {"--port", "0"},
        new PrintStream(out, true, StandardCharsets.UTF_8))) {
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Fathom budget coordinator listening on"
          + " 127.0.0.1:" + s.port() + " without a secret; set option budget.coordinator=127.0.0.1:" + s.port() + "\n");
      assertThat(new RemoteLessor("127.0.0.1", s.port(), null).lease(ask(1), Duration.ZERO))
          .isInstanceOf(LeaseAnswer.Granted.class);
    }
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CoordinatorMain.start(new String[] {}, sink)).hasMessage("--port is required");
    assertThatThrownBy(() -> CoordinatorMain.start(new String[] {"--port", "x"}, sink))
        .hasMessage("--port must be 0 to 65535; got: 'x'");
    assertThatThrownBy(() -> CoordinatorMain.start(new String[] {"--port"}, sink)).hasMessage("--port needs a value");
    assertThatThrownBy(() -> CoordinatorMain.start(new String[] {"--bind", "x"}, sink))
        .hasMessage("unknown argument '--bind'");
  }

  @Test
  void aStandaloneCoordinatorWithASecretRefusesCallsWithoutItAndNeverPrintsIt() throws Exception {
    String secret = "0123456789abcdef-standalone";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CoordinatorServer s = CoordinatorMain.start(new String[] {"--port", "0"},
        new PrintStream(out, true, StandardCharsets.UTF_8), Map.of(CoordinatorMain.SECRET_ENV, secret))) {
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("requiring the secret of FATHOM_BUDGET_SECRET")
          .doesNotContain(secret);
      assertThat(new RemoteLessor("127.0.0.1", s.port(), secret).lease(ask(1), Duration.ZERO))
          .isInstanceOf(LeaseAnswer.Granted.class);
      assertThatThrownBy(() -> new RemoteLessor("127.0.0.1", s.port(), null).lease(ask(1), Duration.ZERO))
          .isInstanceOf(java.io.IOException.class).hasMessageContaining("HTTP 403")
          .hasMessageContaining("the secret is missing");
      assertThatThrownBy(() -> new RemoteLessor("127.0.0.1", s.port(), secret + "x").lease(ask(1), Duration.ZERO))
          .isInstanceOf(java.io.IOException.class).hasMessageContaining("the secret is wrong")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }
  }

  @Test
  void aStandaloneCoordinatorBindsBeyondLoopbackOnlyWithALongEnoughSecret() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CoordinatorMain.start(new String[] {"--port", "0", "--host", "0.0.0.0"}, sink, Map.of()))
        .hasMessage("--host 0.0.0.0 is not a loopback address: set FATHOM_BUDGET_SECRET (the same value for"
            + " the coordinator and every job's driver) so only your jobs can spend the budget");
    assertThatThrownBy(() -> CoordinatorMain.start(new String[] {"--port", "0"}, sink,
        Map.of(CoordinatorMain.SECRET_ENV, "short")))
        .hasMessage("FATHOM_BUDGET_SECRET must have at least 16 characters; got 5");
  }
}
