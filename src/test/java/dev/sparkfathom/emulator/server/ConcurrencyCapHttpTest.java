package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.DataStore;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Today's concurrency cap: aggregations of one token in flight at once, held in the store
 * until the test lets them go, so "in flight" is certain rather than a race.
 */
class ConcurrencyCapHttpTest {
  private static final String DATA = """
      {"type":"site","id":"AAAAAA","name":"Alpha","created_at":"2024-01-01 00:00:00"}
      {"type":"pageview","site_id":"AAAAAA","timestamp":"2024-03-01T10:00:00Z","pathname":"/"}
      """;
  private static final String QUERY =
      "/v1/aggregations?entity=pageview&entity_id=AAAAAA&aggregates=pageviews";

  private final CountDownLatch release = new CountDownLatch(1);
  private final Semaphore entered = new Semaphore(0);
  private final List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
  private FathomEmulator emulator;

  /** A store whose aggregations wait for {@link #release} after saying they arrived. */
  private DataStore holdingStore() {
    ColumnarDataStore real = new ColumnarDataStore();
    return (DataStore) Proxy.newProxyInstance(DataStore.class.getClassLoader(),
        new Class<?>[] {DataStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("aggregate")) {
            entered.release();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private TestHttp start(ApiVersion api, int limit) throws IOException {
    emulator = FathomEmulator.builder().api(api).store(holdingStore()).threads(8)
        .token("one:one-secret:*").token("two:two-secret:*").concurrencyLimit(limit).start();
    emulator.loadJsonl(DATA, true);
    return new TestHttp("http://127.0.0.1:" + emulator.port(), "one-secret");
  }

  private void inFlight(TestHttp http, int n) throws InterruptedException {
    for (int i = 0; i < n; i++) {
      pending.add(CompletableFuture.supplyAsync(() -> http.get(QUERY)));
    }
    assertThat(entered.tryAcquire(n, 10, TimeUnit.SECONDS)).as("%d requests in the store", n)
        .isTrue();
  }

  @AfterEach
  void stop() {
    release.countDown();
    pending.forEach(CompletableFuture::join);
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void aThirdAggregationOfOneTokenWhileTwoAreInFlightIs429() throws Exception {
    TestHttp one = start(ApiVersion.CURRENT, 2);
    inFlight(one, 2);
    HttpResponse<String> third = one.get(QUERY);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.body()).isEqualTo("{\"error\":\"Too many concurrent requests: wait for "
        + "this token's other aggregations to finish.\"}");
    // other tokens and other endpoints are not held back
    inFlight(one.withToken("two-secret"), 1);
    assertThat(one.get("/v1/sites/AAAAAA").statusCode()).isEqualTo(200);
    release.countDown();
    for (CompletableFuture<HttpResponse<String>> f : pending) {
      assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(one.get(QUERY).statusCode()).isEqualTo(200);
  }

  @Test
  void theCapIsSettable() throws Exception {
    TestHttp one = start(ApiVersion.CURRENT, 1);
    inFlight(one, 1);
    assertThat(one.get(QUERY).statusCode()).isEqualTo(429);
    emulator.concurrencyLimit(2);
    inFlight(one, 1);
    assertThat(one.get(QUERY).statusCode()).isEqualTo(429);
  }

  @Test
  void theLegacyApiHasNoConcurrencyCap() throws Exception {
    TestHttp one = start(ApiVersion.LEGACY, 1);
    inFlight(one, 3);
  }
}
