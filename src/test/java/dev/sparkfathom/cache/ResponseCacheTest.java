package dev.sparkfathom.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.client.AggregationRow;
import dev.sparkfathom.client.ApiToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's store on the local Hadoop file system: hits, misses, expiry, damage, scope, racing writers. */
class ResponseCacheTest {
  @TempDir
  Path dir;

  private static final List<AggregationRow> ROWS = List.of(
      new AggregationRow(LocalDateTime.of(2024, 5, 1, 0, 0), new String[] {"/a", null}, new Number[] {12L, 0.5, null}),
      new AggregationRow(null, new String[] {"ü ✓", ""}, new Number[] {Long.MAX_VALUE, Double.NaN, 3L}));

  private ResponseCache cache() {
    return new ResponseCache(dir.toUri().toString(), new Configuration());
  }

  private static CacheKey key(String token, String dateFrom) {
    return CacheKey.of(ApiToken.of(token).digest(), "http://127.0.0.1/v1 CURRENT GET aggregations",
        Map.of("entity", "pageview", "date_from", dateFrom), List.of("window"));
  }

  private Path file(CacheKey k) {
    return dir.resolve(k.hex().substring(0, 2)).resolve(k.hex() + ".entry");
  }

  @Test
  void aWrittenEntryIsReadBackRowForRow() throws Exception {
    CacheKey k = key("t1", "2024-05-01");
    cache().put(k, 1_000, ROWS);

    ResponseCache.Lookup found = cache().get(k, 2_000, null);

    assertThat(found.state()).isEqualTo(ResponseCache.State.HIT);
    assertThat(found.rows()).isEqualTo(ROWS);
  }

  @Test
  void anUnwrittenKeyIsAMiss() throws Exception {
    cache().put(key("t1", "2024-05-01"), 1_000, ROWS);

    assertThat(cache().get(key("t1", "2024-05-02"), 2_000, null).state()).isEqualTo(ResponseCache.State.MISSING);
  }

  @Test
  void anEntryOlderThanTheTtlIsExpiredAndItsRewriteServesAgain() throws Exception {
    CacheKey k = key("t1", "2024-05-01");
    cache().put(k, 1_000, ROWS);

    assertThat(cache().get(k, 1_000 + 60_000, Duration.ofMinutes(1)).state()).isEqualTo(ResponseCache.State.HIT);
    assertThat(cache().get(k, 1_001 + 60_000, Duration.ofMinutes(1)).state()).isEqualTo(ResponseCache.State.EXPIRED);
    cache().put(k, 61_001, ROWS);
    assertThat(cache().get(k, 61_002, Duration.ofMinutes(1)).state()).isEqualTo(ResponseCache.State.HIT);
  }

  @Test
  void aCorruptedByteInThePayloadIsDamagedNotRows() throws Exception {
    CacheKey k = key("t1", "2024-05-01");
    cache().put(k, 1_000, ROWS);
    byte[] b = Files.readAllBytes(file(k));
    b[b.length - 3] ^= 0x01;
    Files.write(file(k), b);

    ResponseCache.Lookup found = cache().get(k, 2_000, null);

    assertThat(found.state()).isEqualTo(ResponseCache.State.DAMAGED);
    assertThat(found.why()).isEqualTo("checksum differs");
    assertThat(found.rows()).isNull();
  }

  @Test
  void aTruncatedEntryIsDamagedAndARewriteReplacesIt() throws Exception {
    CacheKey k = key("t1", "2024-05-01");
    cache().put(k, 1_000, ROWS);
    byte[] b = Files.readAllBytes(file(k));
    Files.write(file(k), Arrays.copyOf(b, b.length - 10));

    assertThat(cache().get(k, 2_000, null).why()).startsWith("payload of ");
    Files.write(file(k), Arrays.copyOf(b, 20));
    assertThat(cache().get(k, 2_000, null).state()).isEqualTo(ResponseCache.State.DAMAGED);

    cache().put(k, 3_000, ROWS);
    assertThat(cache().get(k, 4_000, null).rows()).isEqualTo(ROWS);
  }

  @Test
  void anotherKeysEntryUnderThisNameIsForeign() throws Exception {
    CacheKey mine = key("t1", "2024-05-01");
    CacheKey other = key("t1", "2024-05-02");
    cache().put(other, 1_000, ROWS);
    Files.createDirectories(file(mine).getParent());
    Files.copy(file(other), file(mine));

    ResponseCache.Lookup found = cache().get(mine, 2_000, null);

    assertThat(found.state()).isEqualTo(ResponseCache.State.DAMAGED);
    assertThat(found.why()).isEqualTo("entry of another key");
  }

  @Test
  void twoTokensNeverShareAKeyAndTheTokenIsNotInTheFile() throws Exception {
    CacheKey a = key("token-of-account-a", "2024-05-01");
    CacheKey b = key("token-of-account-b", "2024-05-01");
    cache().put(a, 1_000, ROWS);

    assertThat(a).isNotEqualTo(b);
    assertThat(cache().get(b, 2_000, null).state()).isEqualTo(ResponseCache.State.MISSING);
    String text = new String(Files.readAllBytes(file(a)), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain("token-of-account-a").doesNotContain(ApiToken.of("token-of-account-a").digest());
  }

  @Test
  void theKeyCoversEveryParameterAndExtra() {
    String scope = ApiToken.of("t").digest();
    CacheKey base = CacheKey.of(scope, "e", Map.of("a", "1"), List.of("x"));
    assertThat(CacheKey.of(scope, "e", Map.of("a", "1"), List.of("x"))).isEqualTo(base);
    assertThat(CacheKey.of(scope, "e", Map.of("a", "2"), List.of("x"))).isNotEqualTo(base);
    assertThat(CacheKey.of(scope, "e", Map.of("a", "1"), List.of("y"))).isNotEqualTo(base);
    assertThat(CacheKey.of(scope, "f", Map.of("a", "1"), List.of("x"))).isNotEqualTo(base);
    // length prefixes: moving text between fields changes the key
    assertThat(CacheKey.of(scope, "e", Map.of("a1", ""), List.of("x"))).isNotEqualTo(CacheKey.of(scope, "e", Map.of("a", "1"), List.of("x")));
  }

  @Test
  void concurrentWritersOfOneKeyLeaveOneWholeEntryAndNoTemporaryFiles() throws Exception {
    CacheKey k = key("t1", "2024-05-01");
    List<AggregationRow> many = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      many.add(new AggregationRow(LocalDateTime.of(2024, 5, 1, 0, 0).plusHours(i), new String[] {"/p" + i}, new Number[] {(long) i}));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int w = 0; w < 16; w++) {
        long at = 1_000 + w;
        writes.add(pool.submit(() -> {
          cache().put(k, at, many);
          ResponseCache.Lookup seen = cache().get(k, 5_000, null);
          assertThat(seen.state()).isEqualTo(ResponseCache.State.HIT);
          return null;
        }));
      }
      for (Future<?> f : writes) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache().get(k, 5_000, null).rows()).isEqualTo(many);
    try (var files = Files.list(file(k).getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(k.hex() + ".entry");
    }
  }
}
