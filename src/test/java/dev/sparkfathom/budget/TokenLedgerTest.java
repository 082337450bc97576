package dev.sparkfathom.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.client.RateLimiter.Bucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Which lease is granted when: the ledger's decisions on times the test chooses (no clock, no
 * thread, no network). Times are nanoseconds from 0.
 */
class TokenLedgerTest {
  private static final long S = 1_000_000_000L;
  private static final Duration TTL = Duration.ofMinutes(5);
  private final TokenLedger ledger = new TokenLedger();

  private static LeaseRequest ask(int limit, int inFlight) {
    return ask(Bucket.AGGREGATIONS, limit, inFlight, Duration.ofMinutes(10));
  }

  private static LeaseRequest ask(Bucket b, int limit, int inFlight, Duration maxPause) {
    return new LeaseRequest("https://api#k", b, limit, inFlight, TTL, maxPause, "scan", 1);
  }

  /** Grants and returns the lease at once, as a request that is answered in no time. */
  private long sendAndAnswer(LeaseRequest r, long now) {
    LeaseAnswer a = ledger.decide(r, now);
    assertThat(a).as("at %s s", now / S).isInstanceOf(LeaseAnswer.Granted.class);
    ledger.release(((LeaseAnswer.Granted) a).lease(), now);
    return now;
  }

  @Test
  void theLimitIsGrantedAtOnceAndTheNextWaitsForTheFirstAnswerToLeaveTheMinute() {
    for (int i = 0; i < 3; i++) {
      sendAndAnswer(ask(3, 2), 10 * S * i);
    }

    LeaseAnswer a = ledger.decide(ask(3, 2), 25 * S);

    // answered at 0, 10, 20 s: the first is certainly out of the API's minute at 60 s
    assertThat(a).isEqualTo(new LeaseAnswer.Wait(Duration.ofSeconds(35), LeaseAnswer.Reason.BUDGET, Duration.ZERO));
    assertThat(ledger.decide(ask(3, 2), 60 * S - 1)).isInstanceOf(LeaseAnswer.Wait.class);
    assertThat(ledger.decide(ask(3, 2), 60 * S)).isInstanceOf(LeaseAnswer.Granted.class);
  }

  @Test
  void aRequestCountsUntilAMinuteAfterItsAnswerCameBackHoweverSlowItWas() {
    // It may have reached the API at any moment between its grant and its answer.
    long slow = ((LeaseAnswer.Granted) ledger.decide(ask(1, 2), 0)).lease();

    assertThat(ledger.decide(ask(1, 2), 59 * S)).as("still in flight").isInstanceOf(LeaseAnswer.Wait.class);
    ledger.release(slow, 59 * S);

    assertThat(((LeaseAnswer.Wait) ledger.decide(ask(1, 2), 60 * S)).delay()).isEqualTo(Duration.ofSeconds(59));
    assertThat(ledger.decide(ask(1, 2), 119 * S)).isInstanceOf(LeaseAnswer.Granted.class);
  }

  @Test
  void lateSendsMoveTheNextMinuteWithThem() {
    // The first task of a fresh executor starts 7 s late: its minute is counted from then,
    // not from when a plan expected it.
    for (int i = 0; i < 30; i++) {
      sendAndAnswer(ask(30, 2), 7 * S + i * S / 10);
    }

    LeaseAnswer a = ledger.decide(ask(30, 2), 60 * S);

    assertThat(a).isInstanceOf(LeaseAnswer.Wait.class);
    assertThat(((LeaseAnswer.Wait) a).delay()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void noMoreThanMaxInFlightAreHeldAtOnceAndAReturnFreesAPlace() {
    LeaseAnswer first = ledger.decide(ask(100, 2), 0);
    LeaseAnswer second = ledger.decide(ask(100, 2), 0);

    LeaseAnswer third = ledger.decide(ask(100, 2), S);

    assertThat(first).isInstanceOf(LeaseAnswer.Granted.class);
    assertThat(second).isInstanceOf(LeaseAnswer.Granted.class);
    assertThat(third).isEqualTo(new LeaseAnswer.Wait(TTL.minusSeconds(1), LeaseAnswer.Reason.IN_FLIGHT, Duration.ZERO));
    assertThat(ledger.release(((LeaseAnswer.Granted) first).lease(), S)).isTrue();
    assertThat(ledger.decide(ask(100, 2), 2 * S)).isInstanceOf(LeaseAnswer.Granted.class);
  }

  @Test
  void aLeaseNeverReturnedExpiresSoAKilledTaskCannotKeepItsPlace() {
    ledger.decide(ask(100, 1), 0);

    assertThat(ledger.decide(ask(100, 1), TTL.toNanos() - 1)).isInstanceOf(LeaseAnswer.Wait.class);
    LeaseAnswer after = ledger.decide(ask(100, 1), TTL.toNanos());

    assertThat(after).isInstanceOf(LeaseAnswer.Granted.class);
    assertThat(ledger.inFlight(TTL.toNanos())).isEqualTo(1);
    assertThat(ledger.countedInWindow(Bucket.AGGREGATIONS, TTL.toNanos()))
        .as("the expired one counts as answered when it expired").isEqualTo(2);
  }

  @Test
  void aPauseAfterA429HoldsEveryRequestOfTheBucketUntilItEnds() {
    ledger.pause(Bucket.AGGREGATIONS, 30 * S);

    assertThat(ledger.decide(ask(100, 2), 10 * S))
        .isEqualTo(new LeaseAnswer.Wait(Duration.ofSeconds(20), LeaseAnswer.Reason.PAUSED, Duration.ZERO));
    assertThat(ledger.decide(ask(Bucket.ENTITIES, 100, 2, Duration.ZERO), 10 * S))
        .as("the other bucket").isInstanceOf(LeaseAnswer.Granted.class);
    assertThat(ledger.decide(ask(100, 2), 30 * S)).isInstanceOf(LeaseAnswer.Granted.class);
  }

  @Test
  void aPauseLongerThanTheRequestMayWaitIsSaidAtOnce() {
    ledger.pause(Bucket.AGGREGATIONS, 700 * S);

    LeaseAnswer a = ledger.decide(ask(Bucket.AGGREGATIONS, 100, 2, Duration.ofMinutes(10)), 0);

    assertThat(a).isEqualTo(new LeaseAnswer.PausedTooLong(Duration.ofSeconds(700)));
  }

  @Test
  void aLaterPauseEndWinsAndAnEarlierOneDoesNotShortenIt() {
    ledger.pause(Bucket.AGGREGATIONS, 30 * S);
    ledger.pause(Bucket.AGGREGATIONS, 20 * S);

    assertThat(((LeaseAnswer.Wait) ledger.decide(ask(100, 2), 0)).delay()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void eachRequestKeepsItsOwnLimitAgainstEveryoneElsesSends() {
    for (int i = 0; i < 5; i++) {
      sendAndAnswer(ask(30, 2), i * S);
    }

    assertThat(ledger.decide(ask(5, 2), 10 * S)).as("a read at 5 a minute").isInstanceOf(LeaseAnswer.Wait.class);
    assertThat(ledger.decide(ask(30, 2), 10 * S)).as("a read at 30 a minute").isInstanceOf(LeaseAnswer.Granted.class);
  }

  @Test
  void entityRequestsHaveAnHourlyWindow() {
    LeaseRequest entity = ask(Bucket.ENTITIES, 2, 2, Duration.ZERO);
    sendAndAnswer(entity, 0);
    sendAndAnswer(entity, S);

    LeaseAnswer a = ledger.decide(entity, 2 * S);

    assertThat(((LeaseAnswer.Wait) a).delay()).isEqualTo(Duration.ofSeconds(3600 - 2));
    assertThat(ledger.countedInWindow(Bucket.AGGREGATIONS, 2 * S)).isZero();
  }

  @Test
  void theApiNeverSeesMoreThanTheLimitInAMinuteWhenRequestsArriveAnywhereInFlight() {
    Random random = new Random(7);
    for (int round = 0; round < 30; round++) {
      TokenLedger l = new TokenLedger();
      int limit = 1 + random.nextInt(30);
      int inFlight = 1 + random.nextInt(3);
      long now = 0;
      Map<Long, Long> granted = new HashMap<>();
      List<Long> arrivals = new ArrayList<>();
      while (arrivals.size() < 4 * limit) {
        LeaseAnswer a = l.decide(ask(limit, inFlight), now);
        if (a instanceof LeaseAnswer.Granted g) {
          granted.put(g.lease(), now);
        } else {
          now += Math.min(((LeaseAnswer.Wait) a).delay().toNanos(), random.nextInt(3) * S + 1);
        }
        if (!granted.isEmpty() && random.nextBoolean()) {
          // An answer comes back; the API saw the request at some moment while it was in flight.
          Long lease = granted.keySet().stream().skip(random.nextInt(granted.size())).findFirst().orElseThrow();
          long sent = granted.remove(lease);
          arrivals.add(sent + (long) (random.nextDouble() * (now - sent)));
          l.release(lease, now);
        }
        now += random.nextInt(20) * S / 10;
      }
      Collections.sort(arrivals);
      for (int i = limit; i < arrivals.size(); i++) {
        // The API's window of a request at t is (t - 60 s, t].
        assertThat(arrivals.get(i) - arrivals.get(i - limit)).as("round %s, arrival %s", round, i)
            .isGreaterThanOrEqualTo(60 * S);
      }
    }
  }

  @Test
  void aReadOfNQuickRequestsEndsAtTheLeastTimeEXPLAINShows() {
    for (int n = 1; n <= 45; n++) {
      TokenLedger l = new TokenLedger();
      long now = 0;
      for (int sent = 0; sent < n; ) {
        LeaseAnswer a = l.decide(ask(7, 2), now);
        if (a instanceof LeaseAnswer.Granted g) {
          l.release(g.lease(), now);
          sent++;
        } else {
          now += ((LeaseAnswer.Wait) a).delay().toNanos();
        }
      }
      assertThat(now).as("n=%s", n).isEqualTo(BudgetSchedule.minimumDuration(n, 7).toNanos());
    }
  }
}
