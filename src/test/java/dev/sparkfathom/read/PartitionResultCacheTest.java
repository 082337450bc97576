package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.client.AggregationRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionResultCacheTest {
  private static List<AggregationRow> rows(int n) {
    return Collections.nCopies(n, new AggregationRow(null, new String[0], new Number[] {1L}));
  }

  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aStoredPartitionIsAnsweredAgainUntilItIsTooOld() {
    MovableClock clock = new MovableClock();
    PartitionResultCache cache = new PartitionResultCache(100, Duration.ofMinutes(30), clock);
    cache.put("scan1#0", rows(3));
    assertThat(cache.get("scan1#0")).hasSize(3);
    assertThat(cache.get("scan1#1")).isNull();
    clock.now = clock.now.plus(Duration.ofMinutes(31));
    assertThat(cache.get("scan1#0")).isNull();
    assertThat(cache.size()).isZero();
  }

  @Test
  void expiredEntriesLeaveWhenAnythingIsStored() {
    MovableClock clock = new MovableClock();
    PartitionResultCache cache = new PartitionResultCache(100, Duration.ofMinutes(30), clock);
    cache.put("old", rows(3));
    clock.now = clock.now.plus(Duration.ofMinutes(31));
    cache.put("new", rows(1));
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void leastRecentlyUsedGoFirstWhenRowsExceedTheBound() {
    PartitionResultCache cache = new PartitionResultCache(10, Duration.ofMinutes(30), new MovableClock());
    cache.put("a", rows(4));
    cache.put("b", rows(4));
    assertThat(cache.get("a")).isNotNull();
    cache.put("c", rows(4));
    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a")).hasSize(4);
    assertThat(cache.get("c")).hasSize(4);
  }

  @Test
  void anAnswerLargerThanTheBoundIsNotKept() {
    PartitionResultCache cache = new PartitionResultCache(10, Duration.ofMinutes(30), new MovableClock());
    cache.put("big", rows(11));
    assertThat(cache.get("big")).isNull();
  }
}
