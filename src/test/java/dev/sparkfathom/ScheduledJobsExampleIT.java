package dev.sparkfathom;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.config.ScheduleSpec;
import dev.sparkfathom.examples.ScheduledJobs;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs examples/java ScheduledJobs (its {@code run}, as its {@code main} does, on the shared
 * session) and checks what each job wrote and what it cost, with and without the cache and
 * the checkpoint.
 */
class ScheduledJobsExampleIT {
  @TempDir
  Path dir;

  @Test
  void theScheduledJobsWriteEachDayOnceAndTheCacheCheckpointAndLookbackDoWhatTheySay() throws Exception {
    SparkSession spark = SparkTestSession.get();
    ScheduledJobs.Report report;
    try {
      report = ScheduledJobs.run(spark, dir);
    } finally {
      ScheduleSpec.unregisterClock(ScheduledJobs.CLOCK);
    }

    // Nightly: the rerun is answered by the cache; without the cache it costs the first run again.
    ScheduledJobs.Cost first = report.nightly().get(0);
    assertThat(first.requests()).isPositive();
    assertThat(first.rows()).isPositive().isLessThan(1000); // under today's row cap: one request
    assertThat(report.nightly().get(1)).isEqualTo(new ScheduledJobs.Cost(0, 0));
    assertThat(report.nightly().get(2)).isEqualTo(first);
    List<Row> daily = spark.read().parquet(dir.resolve("daily").toString()).collectAsList();
    assertThat(daily).hasSize((int) first.rows()); // three runs, one day's rows: replaced, never added
    assertThat(spark.read().parquet(dir.resolve("daily").toString()).select("date").distinct().collectAsList())
        .extracting(r -> r.get(0).toString()).containsExactly("2024-05-09");

    // Incremental: one request a night for the days closed since the last run, each day once.
    assertThat(report.incremental()).extracting(ScheduledJobs.Cost::requests).containsExactly(1, 1, 1);
    assertThat(report.incremental()).extracting(ScheduledJobs.Cost::rows).containsExactly(39L, 1L, 1L);
    assertThat(report.fullRereads()).extracting(ScheduledJobs.Cost::rows).containsExactly(39L, 40L, 41L);
    assertThat(report.fullRereads()).allSatisfy(c -> assertThat(c.requests()).isPositive());
    List<Row> days = spark.read().parquet(dir.resolve("days").toString()).orderBy("date").collectAsList();
    assertThat(days).hasSize(41); // 2024-04-01 .. 2024-05-11: closed by 2024-05-12 06:00 less the settle hour
    assertThat(days.get(0).get(0).toString()).isEqualTo("2024-04-01");
    assertThat(days.get(40).get(0).toString()).isEqualTo("2024-05-11");
    assertThat(spark.read().parquet(dir.resolve("days").toString()).select(col("date")).distinct().count()).isEqualTo(41);

    // Lookback: the second run re-reads 05-11 and 05-12 with 05-13; the upsert gives 05-12's late pageviews.
    assertThat(report.lookback()).extracting(ScheduledJobs.Cost::requests).containsExactly(1, 1);
    assertThat(report.lookback().get(1).rows()).isEqualTo(3);
    assertThat(report.rereadRows()).isEqualTo(2);
    assertThat(report.lateAfter()).isEqualTo(report.lateBefore() + ScheduledJobs.LATE_PAGEVIEWS).isEqualTo(report.lateFresh());
    Path upserted = dir.resolve("upserted");
    assertThat(spark.read().parquet(upserted.toString()).count()).isEqualTo(13); // 2024-05-01 .. 05-13, each once
    assertThat(spark.read().parquet(upserted.toString()).select("date").distinct().count()).isEqualTo(13);
  }
}
