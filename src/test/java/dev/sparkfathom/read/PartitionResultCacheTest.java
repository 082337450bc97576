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

    assertThat(cache.get(new PartitionResultCache.Key("7", "scan1", 0))).hasSize(3);
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
    assertThat(cache.get(new PartitionResultCache.Key("8", "scan1", 0))).hasSize(4);
    cache.clear();
    assertThat(cache.size()).isZero();
    assertThat(cache.rowsHeld()).isZero();
  }

  @Test
  void aStoredPartitionIsAnsweredAgainUntilItIsTooOld() {
    MovableClock clock = new MovableClock();
    PartitionResultCache cache = new PartitionResultCache(100, Duration.ofMinutes(30), clock);
    cache.put(key("scan1#0"), rows(3));
    assertThat(cache.get(key("scan1#0"))).hasSize(3);
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
    assertThat(cache.get(key("a"))).hasSize(4);
    assertThat(cache.get(key("c"))).hasSize(4);
  }

  @Test
  void anAnswerLargerThanTheBoundIsNotKept() {
    PartitionResultCache cache = new PartitionResultCache(10, Duration.ofMinutes(30), new MovableClock());
    cache.put(key("big"), rows(11));
    assertThat(cache.get(key("big"))).isNull();
  }

  private static List<AggregationRow> wideRows(int n, String text) {
    return Collections.nCopies(n, new AggregationRow(java.time.LocalDateTime.of(2024, 3, 1, 0, 0),
        new String[] {text, null}, new Number[] {1L, 2.5, null}));
  }

  @Test
  void rowBytesCountHeadersReferencesAndTextByItsWidth() {
    AggregationRow latin = wideRows(1, "/pricing").get(0);
    AggregationRow wide = wideRows(1, "/東京東京").get(0);
    // row: slot 4, object 24, two arrays 16 each; bucket: three objects of 24;
    // fields: 4 + String 24 + its 8 bytes 24, and 4 for the null; metrics: 4 + 24 twice, 4
    assertThat(RowBytes.of(latin)).isEqualTo(60 + 72 + 56 + 60);
    assertThat(RowBytes.of(wide)).isEqualTo(RowBytes.of(latin) + 8);
    assertThat(RowBytes.of(wideRows(1000, "/pricing"), Long.MAX_VALUE))
        .isEqualTo(4016 + 1000 * RowBytes.of(latin));
  }

  @Test
  void leastRecentlyUsedGoFirstWhenBytesExceedTheBound() {
    long perPartition = RowBytes.of(wideRows(10, "/a"), Long.MAX_VALUE);
    PartitionResultCache cache = new PartitionResultCache(1_000_000, 2 * perPartition + 10,
        Duration.ofMinutes(30), new MovableClock());
    cache.put(key("a"), wideRows(10, "/a"));
    cache.put(key("b"), wideRows(10, "/b"));
    assertThat(cache.bytesHeld()).isEqualTo(2 * perPartition);
    cache.get(key("a"));
    cache.put(key("c"), wideRows(10, "/c"));
    assertThat(cache.get(key("b"))).isNull();
    assertThat(cache.get(key("a"))).hasSize(10);
    assertThat(cache.get(key("c"))).hasSize(10);
    assertThat(cache.bytesHeld()).isEqualTo(2 * perPartition);
    cache.release("7");
    assertThat(cache.bytesHeld()).isZero();
  }

  @Test
  void anAnswerOverTheByteBoundIsNotKeptAndDoesNotPushOthersOut() {
    PartitionResultCache cache = new PartitionResultCache(1_000_000, 100_000,
        Duration.ofMinutes(30), new MovableClock());
    cache.put(key("small"), wideRows(10, "/s"));
    cache.put(key("huge"), wideRows(1000, "/h"));
    assertThat(cache.get(key("huge"))).isNull();
    assertThat(cache.get(key("small"))).hasSize(10);
  }

  @Test
  void aReadsOwnBoundKeepsOnlyAnswersWithinItAndZeroKeepsNone() {
    long ten = RowBytes.of(wideRows(10, "/a"), Long.MAX_VALUE);
    PartitionResultCache cache = new PartitionResultCache(1_000_000, 100 * ten,
        Duration.ofMinutes(30), new MovableClock());
    cache.put(key("within"), wideRows(10, "/a"), ten);
    cache.put(key("over"), wideRows(11, "/a"), ten);
    cache.put(key("none"), wideRows(1, "/a"), 0);

    assertThat(cache.get(key("within"))).hasSize(10);
    assertThat(cache.get(key("over"))).isNull();
    assertThat(cache.get(key("none"))).isNull();
    assertThat(cache.bytesHeld()).isEqualTo(ten);
  }

  @Test
  void aReadsBoundAboveTheCachesOwnDoesNotRaiseIt() {
    long ten = RowBytes.of(wideRows(10, "/a"), Long.MAX_VALUE);
    PartitionResultCache cache = new PartitionResultCache(1_000_000, ten, Duration.ofMinutes(30), new MovableClock());
    cache.put(key("small"), wideRows(10, "/a"), Long.MAX_VALUE);
    cache.put(key("big"), wideRows(20, "/a"), Long.MAX_VALUE);
    assertThat(cache.get(key("big"))).isNull();
    assertThat(cache.get(key("small"))).hasSize(10);
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
