package dev.sparkfathom.read;

import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.PackedRows;
import dev.sparkfathom.read.plan.Window;
import java.time.ZoneOffset;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/** Lets the benchmarks (in the client's package) run the reader's row path without Spark. */
public final class ReadPathProbe {
  private ReadPathProbe() {}

  /**
   * Yields every row of {@code page} as the partition reader does ({@link PackedRowCursor},
   * all of {@code columns}, one window owning everything); returns how many, and a checksum
   * of their cells so nothing is optimised away.
   */
  public static long[] rows(PackedRows page, AggregationQuery q, StructType columns) {
    PackedRowCursor c = new PackedRowCursor(RowLayout.of(columns, q), q.dateGrouping(), ZoneOffset.UTC,
        new Window(0, q.dateFrom(), q.dateTo(), null, null));
    c.reset(page);
    long n = 0;
    long sum = 0;
    while (c.next()) {
      InternalRow r = c.row();
      n++;
      sum += r.getUTF8String(1).numBytes() + r.getLong(5);
    }
    return new long[] {n, sum};
  }
}
