package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.cache.CacheKey;
import dev.sparkfathom.cache.CachedRequest;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.pushdown.FilterTranslation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the response cache's key is made of, through the planner (no Spark, no network):
 * everything that changes a partition's answer changes the key (the row cap the reader reads
 * past, the always-check setting, the API revision, the zone, the token's scope), and nothing
 * else does.
 */
class CacheKeyScopeTest {
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private ReadSpec spec(String... kv) {
    Map<String, String> o = new HashMap<>();
    o.put("token", "secret-one");
    o.put("base_url", "http://127.0.0.1:9/v1");
    o.put("site_id", "ABCDEF");
    o.put("date_grouping", "day");
    o.put("field_grouping", "pathname");
    o.put("timezone", "UTC");
    o.put("date_from", "2026-11-20");
    o.put("date_to", "2026-11-22");
    o.put("cache.path", dir.toUri().toString());
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) {
        o.remove(kv[i]);
      } else {
        o.put(kv[i], kv[i + 1]);
      }
    }
    return ReadSpec.parse(o, Map.of());
  }

  private static CachedRequest cacheOf(ReadSpec spec) {
    FathomScan scan = new FathomScan(spec, FathomSchema.infer(spec), FilterTranslation.NONE, NOW,
        (client, site, asking) -> LocalDateTime.parse("2026-01-01T00:00:00"));
    return ((FathomInputPartition) scan.planInputPartitions()[0]).cache();
  }

  private CacheKey key(String... kv) {
    return cacheOf(spec(kv)).key();
  }

  @Test
  void theSameReadHasTheSameKey() {
    assertThat(key()).isEqualTo(key());
    assertThat(key("rate.aggregations_per_minute", "100")).isEqualTo(key());
  }

  @Test
  void theRowCapAndTheAlwaysCheckSettingChangeTheKey() {
    assertThat(key("request.row_limit", "500")).isNotEqualTo(key());
    assertThat(key("request.row_limit", "1000")).isEqualTo(key());
    assertThat(key("pushdown.assume_documented_semantics", "false")).isNotEqualTo(key());
  }

  @Test
  void theApiRevisionTheZoneAndTheTokenChangeTheKey() {
    assertThat(key("api", "legacy")).isNotEqualTo(key());
    assertThat(key("timezone", "Europe/Berlin")).isNotEqualTo(key());
    assertThat(key("token", "secret-two")).isNotEqualTo(key());
  }

  @Test
  void theKeyNamesTheRowCapTheCheckAndHowACappedAnswerIsAssembled() {
    ReadSpec spec = spec();
    FathomScan scan = new FathomScan(spec, FathomSchema.infer(spec), FilterTranslation.NONE, NOW,
        (client, site, asking) -> null);
    PlannedRequest r = scan.plan().requests().get(0);
    assertThat(CacheAccess.keyExtras(r, ZoneOffset.UTC, 1000, false)).containsExactly(
        "window=" + r.window(), "zone=Z", "row_limit=1000", "always_check=false", "reader=cap-read-1");
    assertThat(CacheAccess.keyExtras(r, ZoneOffset.UTC, null, true))
        .contains("row_limit=none", "always_check=true");
  }

  @Test
  void aWindowThatIsStillOpenOrNotSettledHasNoCacheUse() {
    assertThat(cacheOf(spec("date_from", "2026-11-28", "date_to", "2026-11-29"))).isNull();
    // 2026-11-29 00:00 .. 10:59:59 ends 11:00; with the 1 h settle it closes at 12:00, now
    assertThat(cacheOf(spec("date_from", "2026-11-29", "date_to", "2026-11-29 10:59:59"))).isNotNull();
    assertThat(cacheOf(spec("date_from", "2026-11-29", "date_to", "2026-11-29 11:00:00"))).isNull();
    assertThat(cacheOf(spec("cache.path", null))).isNull();
  }
}
