package dev.sparkfathom;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.config.ScheduleSpec;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.examples.ScheduledJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs examples/java ScheduledJobs and checks what each job wrote and what it cost. */
class ScheduledJobsExampleIT {
  @TempDir
  Path dir;

  @Test
  void theNightlyJobReplacesItsDayAndItsRerunCostsNothingAndTheIncrementalJobReadsEachDayOnce() throws Exception {
    SparkSession spark = SparkTestSession.get();
    try (FathomEmulator emulator = ScheduledJobs.emulator(Instant.parse("2024-05-10T06:00:00Z"))) {
      ScheduledJobs.Cost first = ScheduledJobs.nightly(spark, emulator, LocalDate.of(2024, 5, 9), dir.resolve("daily"), dir.resolve("cache"));
      long rows = spark.read().parquet(dir.resolve("daily").toString()).count();
      long pageviews = spark.read().parquet(dir.resolve("daily").toString()).agg(org.apache.spark.sql.functions.sum("pageviews")).first().getLong(0);
      ScheduledJobs.Cost rerun = ScheduledJobs.nightly(spark, emulator, LocalDate.of(2024, 5, 9), dir.resolve("daily"), dir.resolve("cache"));

      assertThat(first.requests()).isPositive();
      assertThat(first.rows()).isPositive().isLessThan(500); // under the row cap: every row is in the partition
      assertThat(rerun).isEqualTo(new ScheduledJobs.Cost(0, 0));
      assertThat(spark.read().parquet(dir.resolve("daily").toString()).count()).isEqualTo(rows);
      assertThat(spark.read().parquet(dir.resolve("daily").toString()).select("date").distinct().collectAsList())
          .extracting(r -> r.get(0).toString()).containsExactly("2024-05-09");
      assertThat(pageviews).isPositive();

      int[] requests = new int[3];
      for (int night = 0; night < 3; night++) {
        requests[night] = ScheduledJobs.incremental(spark, emulator, dir.resolve("days"), dir.resolve("checkpoint")).requests();
        emulator.clock().advance(Duration.ofDays(1));
      }
      List<Row> days = spark.read().parquet(dir.resolve("days").toString()).orderBy("date").collectAsList();
      assertThat(days).hasSize(41); // 2024-04-01 .. 2024-05-11: closed by 2024-05-12 06:00 less the settle hour
      assertThat(days.get(0).get(0).toString()).isEqualTo("2024-04-01");
      assertThat(days.get(40).get(0).toString()).isEqualTo("2024-05-11");
      assertThat(spark.read().parquet(dir.resolve("days").toString()).select(col("date")).distinct().count()).isEqualTo(41);
      assertThat(requests).containsExactly(1, 1, 1);
    } finally {
      ScheduleSpec.unregisterClock(ScheduledJobs.CLOCK);
    }
  }
}
