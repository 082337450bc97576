package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.api.Sort;
import dev.sparkfathom.config.ReadSpec;
import dev.sparkfathom.read.pushdown.FilterTranslation;
import dev.sparkfathom.read.pushdown.FilterTranslator;
import dev.sparkfathom.read.pushdown.PushdownContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.LessThan;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadPlanner} without Spark or network: when a pushed {@code LIMIT} or top-N reaches
 * Fathom. Only a single request that asks for no bucket it does not own may carry it.
 */
class ReadPlannerTest {
  private static final Sort LATEST = new Sort(Sort.TIMESTAMP, true);

  /** Hours of the Berlin fall-back morning of 2024-10-27 (01:00Z: local 03:00 becomes 02:00 again). */
  private static ReadSpec fallBackMorning(String... more) {
    Map<String, String> o = new HashMap<>();
    o.put("token", "secret");
    o.put("base_url", "http://127.0.0.1:9/v1");
    o.put("site_id", "ABCDEF");
    o.put("date_grouping", "hour");
    o.put("timezone", "Europe/Berlin");
    o.put("date_from", "2024-10-27 00:00:00");
    o.put("date_to", "2024-10-27 05:59:59");
    o.put("aggregates", "pageviews");
    o.put("hour_type", "timestamp");
    for (int i = 0; i < more.length; i += 2) {
      o.put(more[i], more[i + 1]);
    }
    return ReadSpec.parse(o, Map.of());
  }

  private static FilterTranslation pushed(ReadSpec spec, Filter... filters) {
    return FilterTranslator.translate(filters, new PushdownContext(spec.fieldGrouping(), spec.dateGrouping(),
        spec.timezone(), spec.assumeDocumentedSemantics(), spec.hourAsTimestamp()));
  }

  private static ReadPlan plan(ReadSpec spec, FilterTranslation pushed, Sort sort, Integer limit) {
    return ReadPlanner.plan(spec, FathomSchema.infer(spec), pushed, null, sort, limit, spec.dateFrom(), spec.dateTo());
  }

  @Test
  void topNOnARequestWidenedIntoTheNextBucketIsNotSent() {
    ReadSpec spec = fallBackMorning();
    // date < 02:00Z keeps local 00:00, 01:00 and the merged 02:00 (00:00Z to 02:00Z).
    FilterTranslation before = pushed(spec, new LessThan("date", Instant.parse("2024-10-27T02:00:00Z")));

    ReadPlan p = plan(spec, before, LATEST, 1);

    assertThat(p.requests()).singleElement().satisfies(r -> {
      assertThat(r.window().lastBucket()).isEqualTo(LocalDateTime.parse("2024-10-27T02:00"));
      // 02:59:59 local would mean 00:59:59Z: the request has to end at 03:00:00, in the next bucket.
      assertThat(r.query().dateTo()).isEqualTo(LocalDateTime.parse("2024-10-27T03:00"));
      assertThat(r.query().limit()).isNull();
      assertThat(r.query().sortBy()).isNull();
    });
  }

  @Test
  void bareLimitOnAWidenedRequestIsNotSent() {
    ReadSpec spec = fallBackMorning();
    ReadPlan p = plan(spec, pushed(spec, new LessThan("date", Instant.parse("2024-10-27T02:00:00Z"))), null, 5);

    assertThat(p.requests()).singleElement().satisfies(r -> assertThat(r.query().limit()).isNull());
  }

  @Test
  void topNOnARequestOwningEveryBucketItAsksForIsSent() {
    ReadSpec spec = fallBackMorning();
    // date < 00:00Z ends with local 01:00, whose end local time says exactly.
    ReadPlan p = plan(spec, pushed(spec, new LessThan("date", Instant.parse("2024-10-27T00:00:00Z"))), LATEST, 1);

    assertThat(p.requests()).singleElement().satisfies(r -> {
      assertThat(r.query().dateTo()).isEqualTo(LocalDateTime.parse("2024-10-27T01:59:59"));
      assertThat(r.query().limit()).isEqualTo(1);
      assertThat(r.query().sortBy()).isEqualTo(LATEST);
    });
  }

  @Test
  void topNOverTheWholeFallBackMorningIsSent() {
    ReadSpec spec = fallBackMorning();
    ReadPlan p = plan(spec, FilterTranslation.NONE, LATEST, 2);

    assertThat(p.requests()).singleElement().satisfies(r -> {
      assertThat(r.query().dateTo()).isEqualTo(LocalDateTime.parse("2024-10-27T05:59:59"));
      assertThat(r.query().limit()).isEqualTo(2);
    });
  }

  @Test
  void aReadEndingInsideTheRepeatedHourIsWidenedAndNotCut() {
    // date_to 02:30:00 is the earlier 02:30 (00:30Z); the merged 02:00 bucket is cut by the
    // read's own range, as one unlimited request over it would be: owned, not widened.
    ReadSpec spec = fallBackMorning("date_to", "2024-10-27 02:30:00");
    ReadPlan p = plan(spec, FilterTranslation.NONE, LATEST, 1);

    assertThat(p.requests()).singleElement().satisfies(r -> assertThat(r.query().limit()).isEqualTo(1));
  }

  @Test
  void severalWindowsNeverCarryTheLimit() {
    ReadSpec spec = fallBackMorning("partitions", "2");
    ReadPlan p = plan(spec, FilterTranslation.NONE, LATEST, 1);

    assertThat(p.requests()).hasSize(2).allSatisfy(r -> {
      assertThat(r.query().limit()).isNull();
      assertThat(r.query().sortBy()).isNull();
    });
  }
}
