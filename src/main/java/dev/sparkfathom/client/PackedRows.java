package dev.sparkfathom.client;

import dev.sparkfathom.api.Aggregate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The rows of an aggregation answer held compactly, laid out by the query as {@link
 * AggregationRow} is: per row an int per grouping field (an id into the answer's dictionary of
 * distinct values, held once each as UTF-8 bytes; -1 for null), an int naming the date bucket
 * (an id into the answer's distinct bucket starts), and a primitive long per metric (a long, or
 * a double's bits for ratios), with a bitmap only where a metric is missing. Rows are kept in
 * chunks of {@value #CHUNK}, so growing never copies the rows already held.
 *
 * <p>Built by {@link PackedDecoder} straight from the parser (what the Spark read path reads)
 * or from typed rows ({@link #of}); {@link #toRows} gives the typed rows back. Immutable once
 * built.
 */
public final class PackedRows {
  static final int CHUNK_BITS = 12;
  /** Rows per chunk. */
  static final int CHUNK = 1 << CHUNK_BITS;
  private static final int MASK = CHUNK - 1;

  private final int fields;
  private final boolean[] integral;
  private final boolean dated;
  /** Ints per row: the fields' ids, then the bucket's id when dated. */
  private final int stride;
  private final List<int[]> ints = new ArrayList<>();
  private final List<long[]> longs = new ArrayList<>();
  /** Per chunk, a bit per (row, metric) that is null; null when the chunk has none. */
  private final List<long[]> nulls = new ArrayList<>();
  private final Utf8Dictionary values;
  private LocalDateTime[] buckets = new LocalDateTime[8];
  private int bucketCount;
  private int size;
  private boolean frozen;

  PackedRows(int fields, boolean[] integral, boolean dated, Utf8Dictionary values) {
    this.fields = fields;
    this.integral = integral.clone();
    this.dated = dated;
    this.stride = fields + (dated ? 1 : 0);
    this.values = values;
  }

  /** Packs typed rows laid out by {@code query} (its grouping fields and aggregates). */
  public static PackedRows of(AggregationQuery query, List<AggregationRow> rows) {
    List<Aggregate> aggregates = query.aggregates();
    boolean[] integral = new boolean[aggregates.size()];
    for (int i = 0; i < integral.length; i++) {
      integral[i] = aggregates.get(i).integral();
    }
    boolean dated = query.dateGrouping() != null;
    PackedRows p = new PackedRows(query.fieldGrouping().size(), integral, dated, new Utf8Dictionary());
    java.util.Map<LocalDateTime, Integer> bucketIds = new java.util.HashMap<>();
    for (AggregationRow r : rows) {
      if (r.fields().length != p.fields || r.metrics().length != integral.length) {
        throw new IllegalArgumentException("row " + r + " is not laid out as " + query);
      }
      int row = p.addRow();
      for (int f = 0; f < p.fields; f++) {
        String v = r.fields()[f];
        p.setField(row, f, v == null ? -1 : p.values.idOf(v));
      }
      if (dated) {
        LocalDateTime b = Objects.requireNonNull(r.bucket(), "a dated row's bucket");
        p.setBucket(row, bucketIds.computeIfAbsent(b, p::addBucket));
      }
      for (int m = 0; m < integral.length; m++) {
        Number n = r.metrics()[m];
        if (n == null) {
          p.setNull(row, m);
        } else if (integral[m]) {
          p.setLong(row, m, n.longValue());
        } else {
          p.setDouble(row, m, n.doubleValue());
        }
      }
    }
    return p.freeze();
  }

  // ---- building (the decoder, in this package) ----

  /** Appends a row with every field null and every metric 0; returns its index. */
  int addRow() {
    if (frozen) {
      throw new IllegalStateException("these rows are complete");
    }
    int row = size++;
    int c = row >>> CHUNK_BITS;
    if (c == ints.size()) {
      ints.add(new int[stride * CHUNK]);
      longs.add(new long[integral.length * CHUNK]);
      nulls.add(null);
    }
    if (fields > 0) {
      Arrays.fill(ints.get(c), (row & MASK) * stride, (row & MASK) * stride + fields, -1);
    }
    return row;
  }

  void setField(int row, int field, int id) {
    ints.get(row >>> CHUNK_BITS)[(row & MASK) * stride + field] = id;
  }

  void setBucket(int row, int id) {
    ints.get(row >>> CHUNK_BITS)[(row & MASK) * stride + fields] = id;
  }

  void setLong(int row, int metric, long v) {
    longs.get(row >>> CHUNK_BITS)[(row & MASK) * integral.length + metric] = v;
  }

  void setDouble(int row, int metric, double v) {
    setLong(row, metric, Double.doubleToRawLongBits(v));
  }

  void setNull(int row, int metric) {
    int c = row >>> CHUNK_BITS;
    long[] bits = nulls.get(c);
    if (bits == null) {
      bits = new long[(integral.length * CHUNK + 63) >>> 6];
      nulls.set(c, bits);
    }
    int bit = (row & MASK) * integral.length + metric;
    bits[bit >>> 6] |= 1L << bit;
  }

  /** Adds a distinct bucket start; returns its id. */
  int addBucket(LocalDateTime start) {
    if (bucketCount == buckets.length) {
      buckets = Arrays.copyOf(buckets, bucketCount * 2);
    }
    buckets[bucketCount] = start;
    return bucketCount++;
  }

  Utf8Dictionary values() {
    return values;
  }

  /** Ends building: trims the last chunk and drops the lookup tables. */
  PackedRows freeze() {
    if (!frozen) {
      frozen = true;
      values.freeze();
      buckets = Arrays.copyOf(buckets, bucketCount);
      int last = ints.size() - 1;
      if (last >= 0) {
        int rows = size - (last << CHUNK_BITS);
        ints.set(last, Arrays.copyOf(ints.get(last), rows * stride));
        longs.set(last, Arrays.copyOf(longs.get(last), rows * integral.length));
        long[] bits = nulls.get(last);
        if (bits != null) {
          nulls.set(last, Arrays.copyOf(bits, (rows * integral.length + 63) >>> 6));
        }
      }
    }
    return this;
  }

  // ---- reading ----

  public int size() {
    return size;
  }

  public int fieldCount() {
    return fields;
  }

  public int metricCount() {
    return integral.length;
  }

  /** Whether metric {@code metric} is integral (read with {@link #longMetric}), else a ratio. */
  public boolean integral(int metric) {
    return integral[metric];
  }

  /** The id of the row's value of grouping field {@code field}, or -1 when it is null. */
  public int valueId(int row, int field) {
    return ints.get(row >>> CHUNK_BITS)[(row & MASK) * stride + field];
  }

  /** The distinct values of the grouping fields. */
  public int valueCount() {
    return values.size();
  }

  /** Value {@code id} as UTF-8 bytes: shared, do not change them. */
  public byte[] valueBytes(int id) {
    return values.bytes(id);
  }

  public String valueText(int id) {
    return values.text(id);
  }

  /** The id of the row's bucket; -1 when the rows are not dated. */
  public int bucketId(int row) {
    return dated ? ints.get(row >>> CHUNK_BITS)[(row & MASK) * stride + fields] : -1;
  }

  public int bucketCount() {
    return bucketCount;
  }

  /** The local start of bucket {@code id}. */
  public LocalDateTime bucket(int id) {
    return buckets[id];
  }

  public boolean metricNull(int row, int metric) {
    long[] bits = nulls.get(row >>> CHUNK_BITS);
    if (bits == null) {
      return false;
    }
    int bit = (row & MASK) * integral.length + metric;
    return (bits[bit >>> 6] & (1L << bit)) != 0;
  }

  public long longMetric(int row, int metric) {
    return longs.get(row >>> CHUNK_BITS)[(row & MASK) * integral.length + metric];
  }

  public double doubleMetric(int row, int metric) {
    return Double.longBitsToDouble(longMetric(row, metric));
  }

  /** Row {@code row} as a typed row (each distinct value's text made once per call). */
  public AggregationRow row(int row) {
    return row(row, new String[values.size()]);
  }

  private AggregationRow row(int row, String[] texts) {
    String[] f = new String[fields];
    for (int i = 0; i < fields; i++) {
      int id = valueId(row, i);
      if (id >= 0) {
        String t = texts[id];
        if (t == null) {
          t = texts[id] = values.text(id);
        }
        f[i] = t;
      }
    }
    Number[] m = new Number[integral.length];
    for (int i = 0; i < m.length; i++) {
      if (!metricNull(row, i)) {
        // Not a conditional expression: that would promote the long to a double.
        if (integral[i]) {
          m[i] = longMetric(row, i);
        } else {
          m[i] = doubleMetric(row, i);
        }
      }
    }
    return new AggregationRow(dated ? buckets[bucketId(row)] : null, f, m);
  }

  /** Every row as a typed row; equal values share one String. */
  public List<AggregationRow> toRows() {
    String[] texts = new String[values.size()];
    List<AggregationRow> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(row(i, texts));
    }
    return out;
  }

  /**
   * The heap these rows hold, in bytes, as a 64-bit JVM with compressed references lays them
   * out: the chunk arrays, the dictionary's values, the bucket starts.
   */
  public long heldBytes() {
    long b = 64 + 3 * array(4, ints.size());
    for (int i = 0; i < ints.size(); i++) {
      b += array(4, ints.get(i).length) + array(8, longs.get(i).length);
      if (nulls.get(i) != null) {
        b += array(8, nulls.get(i).length);
      }
    }
    // A LocalDateTime with its LocalDate and LocalTime: 24 + 24 + 24 bytes.
    return b + values.heldBytes() + array(4, buckets.length) + 72L * bucketCount;
  }

  static long array(int element, long length) {
    return (16 + element * length + 7) & ~7L;
  }

  @Override
  public String toString() {
    return "PackedRows[" + size + " rows, " + values.size() + " distinct values, " + bucketCount
        + " buckets]";
  }
}
