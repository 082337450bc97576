package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.AggregationRow;
import dev.sparkfathom.client.PackedRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionResultCacheTest {
  private static final AggregationQuery ONE_METRIC = AggregationQuery.builder(Entity.PAGEVIEW, "S")
      .aggregates(Aggregate.PAGEVIEWS).build();
  private static final AggregationQuery WIDE = AggregationQuery.builder(Entity.PAGEVIEW, "S")
      .aggregates(Aggregate.PAGEVIEWS, Aggregate.AVG_DURATION, Aggregate.VISITS)
      .fieldGrouping(Field.PATHNAME, Field.BROWSER).dateGrouping(DateGrouping.DAY).build();

  /** One page of {@code n} rows. */
  private static List<PackedRows> rows(int n) {
    return List.of(PackedRows.of(ONE_METRIC,
        Collections.nCopies(n, new AggregationRow(null, new String[0], new Number[] {1L}))));
  }

  private static long rowsIn(List<PackedRows> pages) {
    return pages.stream().mapToLong(PackedRows::size).sum();
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

  /** Partition {@code scan#index} of execution 7, or {@code name} as a scan of partition 0. */
  private static PartitionResultCache.Key key(String name) {
    int hash = name.indexOf('#');
    return hash < 0 ? new PartitionResultCache.Key("7", name, 0)
        : new PartitionResultCache.Key("7", name.substring(0, hash), Integer.parseInt(name.substring(hash + 1)));
  }

  @Test
  void anotherExecutionOfTheSameScanDoesNotSeeTheEntries() {
    PartitionResultCache cache = new PartitionResultCache(100, Duration.ofMinutes(30), new MovableClock());
    cache.put(new PartitionResultCache.Key("7", "scan1", 0), rows(3));

    assertThat(rowsIn(cache.get(new PartitionResultCache.Key("7", "scan1", 0)))).isEqualTo(3);
    assertThat(cache.get(new PartitionResultCache.Key("8", "scan1", 0))).isNull();
  }

  @Test
  void anEndedExecutionsEntriesAreReleasedAndOthersKept() {
    PartitionResultCache cache = new PartitionResultCache(100, Duration.ofMinutes(30), new MovableClock());
    cache.put(new PartitionResultCache.Key("7", "scan1", 0), rows(3));
    cache.put(new PartitionResultCache.Key("7", "scan1", 1), rows(2));
    cache.put(new PartitionResultCache.Key("8", "scan1", 0), rows(4));

    cache.release("7");

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.rowsHeld()).isEqualTo(4);
    assertThat(rowsIn(cache.get(new PartitionResultCache.Key("8", "scan1", 0)))).isEqualTo(4);
    cache.clear();
    assertThat(cache.size()).isZero();
    assertThat(cache.rowsHeld()).isZero();
  }

  @Test
  void aStoredPartitionIsAnsweredAgainUntilItIsTooOld() {
    MovableClock clock = new MovableClock();
    PartitionResultCache cache = new PartitionResultCache(100, Duration.ofMinutes(30), clock);
    cache.put(key("scan1#0"), rows(3));
    assertThat(rowsIn(cache.get(key("scan1#0")))).isEqualTo(3);
    assertThat(cache.get(key("scan1#1"))).isNull();
    clock.now = clock.now.plus(Duration.ofMinutes(31));
    assertThat(cache.get(key("scan1#0"))).isNull();
    assertThat(cache.size()).isZero();
  }

  @Test
  void expiredEntriesLeaveWhenAnythingIsStored() {
    MovableClock clock = new MovableClock();
    PartitionResultCache cache = new PartitionResultCache(100, Duration.ofMinutes(30), clock);
    cache.put(key("old"), rows(3));
    clock.now = clock.now.plus(Duration.ofMinutes(31));
    cache.put(key("new"), rows(1));
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void leastRecentlyUsedGoFirstWhenRowsExceedTheBound() {
    PartitionResultCache cache = new PartitionResultCache(10, Duration.ofMinutes(30), new MovableClock());
    cache.put(key("a"), rows(4));
    cache.put(key("b"), rows(4));
    assertThat(cache.get(key("a"))).isNotNull();
    cache.put(key("c"), rows(4));
    assertThat(cache.get(key("b"))).isNull();
    assertThat(rowsIn(cache.get(key("a")))).isEqualTo(4);
    assertThat(rowsIn(cache.get(key("c")))).isEqualTo(4);
  }

  @Test
  void anAnswerLargerThanTheBoundIsNotKept() {
    PartitionResultCache cache = new PartitionResultCache(10, Duration.ofMinutes(30), new MovableClock());
    cache.put(key("big"), rows(11));
    assertThat(cache.get(key("big"))).isNull();
  }

  private static List<PackedRows> wideRows(int n, String text) {
    return List.of(PackedRows.of(WIDE, Collections.nCopies(n, new AggregationRow(
        java.time.LocalDateTime.of(2024, 3, 1, 0, 0), new String[] {text, null}, new Number[] {1L, 2.5, null}))));
  }

  private static long bytes(List<PackedRows> pages) {
    return 16 + 4L * pages.size() + pages.stream().mapToLong(PackedRows::heldBytes).sum();
  }

  @Test
  void packedRowsCountTheirArraysAndEachDistinctValueOnce() {
    PackedRows one = wideRows(1, "/pricing").get(0);
    PackedRows thousand = wideRows(1000, "/pricing").get(0);
    PackedRows wide = wideRows(1, "/東京東京").get(0);
    // a row: two field ids and the bucket id (12 bytes), three metrics (24) and a null bit
    assertThat(thousand.heldBytes() - one.heldBytes()).isBetween(999L * 36, 999L * 37 + 16);
    // "/pricing" is 8 bytes of UTF-8, "/東京東京" 13: one more 8-byte step
    assertThat(wide.heldBytes()).isEqualTo(one.heldBytes() + 8);
  }

  @Test
  void leastRecentlyUsedGoFirstWhenBytesExceedTheBound() {
    long perPartition = bytes(wideRows(10, "/a"));
    PartitionResultCache cache = new PartitionResultCache(1_000_000, 2 * perPartition + 10,
        Duration.ofMinutes(30), new MovableClock());
    cache.put(key("a"), wideRows(10, "/a"));
    cache.put(key("b"), wideRows(10, "/b"));
    assertThat(cache.bytesHeld()).isEqualTo(2 * perPartition);
    cache.get(key("a"));
    cache.put(key("c"), wideRows(10, "/c"));
    assertThat(cache.get(key("b"))).isNull();
    assertThat(rowsIn(cache.get(key("a")))).isEqualTo(10);
    assertThat(rowsIn(cache.get(key("c")))).isEqualTo(10);
    assertThat(cache.bytesHeld()).isEqualTo(2 * perPartition);
    cache.release("7");
    assertThat(cache.bytesHeld()).isZero();
  }

  @Test
  void anAnswerOverTheByteBoundIsNotKeptAndDoesNotPushOthersOut() {
    PartitionResultCache cache = new PartitionResultCache(1_000_000, 20_000,
        Duration.ofMinutes(30), new MovableClock());
    cache.put(key("small"), wideRows(10, "/s"));
    assertThat(bytes(wideRows(1000, "/h"))).isGreaterThan(20_000);
    cache.put(key("huge"), wideRows(1000, "/h"));
    assertThat(cache.get(key("huge"))).isNull();
    assertThat(rowsIn(cache.get(key("small")))).isEqualTo(10);
  }

  @Test
  void aReadsOwnBoundKeepsOnlyAnswersWithinItAndZeroKeepsNone() {
    long ten = bytes(wideRows(10, "/a"));
    PartitionResultCache cache = new PartitionResultCache(1_000_000, 100 * ten,
        Duration.ofMinutes(30), new MovableClock());
    cache.put(key("within"), wideRows(10, "/a"), ten);
    cache.put(key("over"), wideRows(11, "/a"), ten);
    cache.put(key("none"), wideRows(1, "/a"), 0);

    assertThat(rowsIn(cache.get(key("within")))).isEqualTo(10);
    assertThat(cache.get(key("over"))).isNull();
    assertThat(cache.get(key("none"))).isNull();
    assertThat(cache.bytesHeld()).isEqualTo(ten);
  }

  @Test
  void aReadsBoundAboveTheCachesOwnDoesNotRaiseIt() {
    long ten = bytes(wideRows(10, "/a"));
    PartitionResultCache cache = new PartitionResultCache(1_000_000, ten, Duration.ofMinutes(30), new MovableClock());
    cache.put(key("small"), wideRows(10, "/a"), Long.MAX_VALUE);
    cache.put(key("big"), wideRows(20, "/a"), Long.MAX_VALUE);
    assertThat(cache.get(key("big"))).isNull();
    assertThat(rowsIn(cache.get(key("small")))).isEqualTo(10);
  }

  @Test
  void aNewAnswerThatIsNotKeptDropsTheOldOneOfItsKey() {
    PartitionResultCache cache = new PartitionResultCache(1_000_000, Long.MAX_VALUE,
        Duration.ofMinutes(30), new MovableClock());
    cache.put(key("k"), wideRows(3, "/a"));
    cache.put(key("k"), wideRows(3, "/b"), 0);
    assertThat(cache.get(key("k"))).isNull();
    assertThat(cache.bytesHeld()).isZero();
  }

  @Test
  void theSharedCacheHoldsASmallShareOfTheHeap() {
    assertThat(PartitionResultCache.DEFAULT_MAX_BYTES)
        .isEqualTo(Runtime.getRuntime().maxMemory() / 16).isPositive();
  }
}
