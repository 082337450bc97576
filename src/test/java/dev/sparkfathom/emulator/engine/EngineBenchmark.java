package dev.sparkfathom.emulator.engine;

import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: measures the store's heap per record and the time of a day-grouped aggregation
 * with two grouped fields over all records of one site (the spec's speed target: well under
 * a second on one core). Run it from the project directory:
 *
 * <pre>
 * mvn -o -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx8g -XX:ActiveProcessorCount=1 \
 *   -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   dev.sparkfathom.emulator.engine.EngineBenchmark [pageviews, default 10000000]
 * </pre>
 */
public final class EngineBenchmark {
  private static final int WARM_UPS = 3;
  private static final int RUNS = 7;

  private EngineBenchmark() {}

  public static void main(String[] args) {
    long target = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int days = 365;
    DemoDataSettings settings = new DemoDataSettings(1, LocalDate.of(2024, 1, 1), days,
        (int) (target / days / 0.94), 1, 300); // 0.94: the mean weekly-cycle factor
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedHeap(memory);
    long start = System.nanoTime();
    ColumnarDataStore store = new ColumnarDataStore();
    DemoData.generate(store, settings);
    double generateSeconds = (System.nanoTime() - start) / 1e9;
    long after = usedHeap(memory);
    long records = store.recordCount();
    System.out.printf("generated %,d records in %.1f s%n", records, generateSeconds);
    System.out.printf("heap: %,d bytes (%.1f bytes per record); column arrays %,d bytes%n",
        after - before, (after - before) / (double) records, store.columnBytes());

    String site = store.sites().get(0).id();
    time("day, pathname + country_code, UTC", store, new EngineQuery(Entity.PAGEVIEW, site,
        Entity.PAGEVIEW.aggregates(), List.of(Field.PATHNAME, Field.COUNTRY_CODE),
        DateGrouping.DAY, ZoneId.of("UTC"), null, null, List.of(), null, null));
    time("day, pathname + country_code, Europe/Berlin", store, new EngineQuery(Entity.PAGEVIEW,
        site, Entity.PAGEVIEW.aggregates(), List.of(Field.PATHNAME, Field.COUNTRY_CODE),
        DateGrouping.DAY, ZoneId.of("Europe/Berlin"), null, null, List.of(), null, null));
    time("day, pathname + country_code, UTC, limit 100 (few rows built)", store,
        new EngineQuery(Entity.PAGEVIEW, site, Entity.PAGEVIEW.aggregates(),
            List.of(Field.PATHNAME, Field.COUNTRY_CODE), DateGrouping.DAY, ZoneId.of("UTC"),
            null, null, List.of(), null, 100));
    time("hour, no fields, filter browser is Chrome", store, new EngineQuery(Entity.PAGEVIEW,
        site, Entity.PAGEVIEW.aggregates(), List.of(), DateGrouping.HOUR, ZoneId.of("UTC"),
        null, null, List.of(Filter.is(Field.BROWSER, "Chrome")), null, null));
    // keep the store reachable until the end, so the heap figure stays honest
    System.out.println("records still held: " + store.recordCount());
  }

  /**
   * Wall time and the thread's CPU time: on a shared machine the wall time also counts the
   * time other processes held the core, the CPU time does not.
   */
  private static void time(String name, ColumnarDataStore store, EngineQuery query) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int rows = 0;
    for (int i = 0; i < WARM_UPS; i++) {
      rows = store.aggregate(query).size();
    }
    long[] wall = new long[RUNS];
    long[] cpu = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      rows = store.aggregate(query).size();
      wall[i] = System.nanoTime() - t0;
      cpu[i] = threads.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf("%s: %,d rows; wall min %.0f ms, median %.0f ms; cpu min %.0f ms, "
        + "median %.0f ms%n", name, rows, wall[0] / 1e6, wall[RUNS / 2] / 1e6, cpu[0] / 1e6,
        cpu[RUNS / 2] / 1e6);
  }

  private static long usedHeap(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
