package dev.sparkfathom.read;

import dev.sparkfathom.client.AggregationRow;
import java.util.List;

/**
 * Estimates the heap bytes decoded rows hold, for the byte bound of {@link
 * PartitionResultCache}: object headers and references as a 64-bit JVM with compressed
 * references lays them out (12-byte headers, 4-byte references, 8-byte alignment), strings by
 * their length (two bytes a character when any is beyond Latin-1). An estimate, on the high
 * side for shared strings; it never walks more rows than it needs to pass a bound.
 */
final class RowBytes {
  /** The list's slot, the row and its two arrays' headers. */
  private static final long ROW = 4 + align(12 + 3 * 4) + 2 * 16;
  /** LocalDateTime with its LocalDate and LocalTime. */
  private static final long BUCKET = align(12 + 8) + align(12 + 4 + 2 + 2) + align(12 + 4 + 1 + 1 + 1 + 1);
  /** A boxed Long or Double. */
  private static final long BOXED = align(12 + 8);

  private RowBytes() {}

  static long of(AggregationRow r) {
    long b = ROW;
    if (r.bucket() != null) {
      b += BUCKET;
    }
    for (String f : r.fields()) {
      b += 4 + (f == null ? 0 : string(f));
    }
    for (Number m : r.metrics()) {
      b += 4 + (m == null ? 0 : BOXED);
    }
    return b;
  }

  /** The rows' estimate; stops adding once it is past {@code bound}. */
  static long of(List<AggregationRow> rows, long bound) {
    long b = align(16 + 4L * rows.size());
    for (AggregationRow r : rows) {
      b += of(r);
      if (b > bound) {
        return b;
      }
    }
    return b;
  }

  static long string(String s) {
    boolean latin1 = true;
    for (int i = 0; i < s.length() && latin1; i++) {
      latin1 = s.charAt(i) < 256;
    }
    return align(12 + 4 + 4 + 1) + align(16 + (long) s.length() * (latin1 ? 1 : 2));
  }

  private static long align(long n) {
    return (n + 7) & ~7L;
  }
}
