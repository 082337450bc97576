package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.client.ApiToken;
import dev.sparkfathom.client.ClientConfig;
import dev.sparkfathom.client.FathomNotFoundException;
import dev.sparkfathom.client.FathomServerException;
import dev.sparkfathom.client.FathomUnauthorizedException;
import dev.sparkfathom.client.FingerprintCollision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SiteCreationTest {
  private static final LocalDateTime CREATED = LocalDateTime.parse("2023-05-01T08:00:00");
  private static final ClientConfig CLIENT = ClientConfig.defaults(ApiToken.of("token-a"));

  private final MovableClock clock = new MovableClock(Instant.parse("2024-03-10T12:00:00Z"));
  private final AtomicInteger asked = new AtomicInteger();
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void aCreationTimeIsAskedOnceAndKept() {
    SiteCreation cache = new SiteCreation(clock, (c, id) -> {
      asked.incrementAndGet();
      return CREATED;
    });

    assertThat(cache.createdUtc(CLIENT, "CDBUGS")).isEqualTo(CREATED);
    clock.advance(Duration.ofDays(30));
    assertThat(cache.createdUtc(CLIENT, "CDBUGS")).isEqualTo(CREATED);
    assertThat(asked).hasValue(1);
  }

  @Test
  void a401IsBelievedOnlyForAMinute() {
    List<Object> answers = new ArrayList<>(List.of(
        new FathomUnauthorizedException("HTTP 401", 401, "no", null), CREATED));
    SiteCreation cache = new SiteCreation(clock, (c, id) -> {
      asked.incrementAndGet();
      return next(answers);
    });

    assertThat(cache.createdUtc(CLIENT, "CDBUGS")).isNull();
    clock.advance(SiteCreation.NO_TIME_KEPT.minusSeconds(1));
    assertThat(cache.createdUtc(CLIENT, "CDBUGS")).isNull();
    assertThat(asked).hasValue(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.createdUtc(CLIENT, "CDBUGS")).isEqualTo(CREATED);
    assertThat(asked).hasValue(2);
  }

  @Test
  void a404AndAMissingTimeAreAlsoNotKeptForGood() {
    List<Object> answers = new ArrayList<>(List.of(
        new FathomNotFoundException("HTTP 404", 404, "no", null), "none", CREATED));
    SiteCreation cache = new SiteCreation(clock, (c, id) -> {
      asked.incrementAndGet();
      return next(answers);
    });

    assertThat(cache.createdUtc(CLIENT, "NEWSITE")).isNull();
    clock.advance(SiteCreation.NO_TIME_KEPT);
    assertThat(cache.createdUtc(CLIENT, "NEWSITE")).isNull();
    clock.advance(SiteCreation.NO_TIME_KEPT);
    assertThat(cache.createdUtc(CLIENT, "NEWSITE")).isEqualTo(CREATED);
    assertThat(asked).hasValue(3);
  }

  @Test
  void aFailureIsNotKept() {
    List<Object> answers = new ArrayList<>(List.of(
        new FathomServerException("HTTP 503", 503, "down", null), CREATED));
    SiteCreation cache = new SiteCreation(clock, (c, id) -> next(answers));

    assertThatThrownBy(() -> cache.createdUtc(CLIENT, "CDBUGS")).isInstanceOf(FathomServerException.class);
    assertThat(cache.createdUtc(CLIENT, "CDBUGS")).isEqualTo(CREATED);
  }

  @Test
  void tokensWhoseFingerprintsCollideDoNotShareAnswers() {
    ApiToken[] pair = FingerprintCollision.find();
    ClientConfig noAccess = ClientConfig.defaults(pair[0]);
    ClientConfig owner = ClientConfig.defaults(pair[1]);
    SiteCreation cache = new SiteCreation(clock, (c, id) -> {
      if (c.token().equals(pair[0])) {
        throw new FathomUnauthorizedException("HTTP 401", 401, "no", null);
      }
      return CREATED;
    });

    assertThat(cache.createdUtc(noAccess, "CDBUGS")).isNull();
    assertThat(cache.createdUtc(owner, "CDBUGS")).isEqualTo(CREATED);
  }

  @Test
  void theRequestIsMadeOutsideTheMapsLocksAndOnlyOncePerSite() throws Exception {
    CountDownLatch asking = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SiteCreation cache = new SiteCreation(clock, (c, id) -> {
      asked.incrementAndGet();
      if (id.equals("SLOW")) {
        asking.countDown();
        await(release);
      }
      return CREATED;
    });

    Future<LocalDateTime> slow = pool.submit(() -> cache.createdUtc(CLIENT, "SLOW"));
    assertThat(asking.await(5, TimeUnit.SECONDS)).isTrue();
    Future<LocalDateTime> sameSite = pool.submit(() -> cache.createdUtc(CLIENT, "SLOW"));
    // Other sites do not wait for the slow request (computeIfAbsent would block its bin).
    for (int i = 0; i < 64; i++) {
      assertThat(pool.submit(() -> cache.createdUtc(CLIENT, "OTHER" + Thread.currentThread().getId()
          + System.nanoTime())).get(5, TimeUnit.SECONDS)).isEqualTo(CREATED);
    }
    assertThat(sameSite.isDone()).isFalse();
    release.countDown();

    assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo(CREATED);
    assertThat(sameSite.get(5, TimeUnit.SECONDS)).isEqualTo(CREATED);
    assertThat(asked).hasValue(1 + 64);
  }

  @Test
  void aLookupMayAskTheCacheForAnotherSite() {
    // A blocking call inside computeIfAbsent cannot touch the map again ("Recursive update").
    SiteCreation[] cache = new SiteCreation[1];
    cache[0] = new SiteCreation(clock, (c, id) -> id.equals("OUTER") ? cache[0].createdUtc(c, "INNER") : CREATED);

    assertThat(cache[0].createdUtc(CLIENT, "OUTER")).isEqualTo(CREATED);
  }

  private static LocalDateTime next(List<Object> answers) {
    Object a = answers.remove(0);
    if (a instanceof RuntimeException e) {
      throw e;
    }
    return a instanceof LocalDateTime t ? t : null;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    synchronized void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
