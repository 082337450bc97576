package dev.sparkfathom.emulator.data;

import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import java.util.Arrays;

/**
 * Up to {@link #CAPACITY} raw records of one kind, column by column: epoch seconds, packed
 * flags, durations (pageviews) or values (conversions), and one {@link CodeColumn} per {@link
 * Field}. Arrays start small and double, so the last chunk of a table is cheap to append to;
 * the chunk keeps its min and max timestamp so a query can skip it whole. Not thread-safe; the
 * store guards it with its lock.
 */
public final class Chunk {
  public static final int CAPACITY = 1 << 16;
  /** Flag bit: the pageview started a session. */
  public static final int NEW_SESSION = 1;
  /** Flag bit: the pageview or conversion is unique. */
  public static final int UNIQUE = 2;
  /** Flag bit: the pageview bounced. */
  public static final int BOUNCE = 4;

  private static final int INITIAL_CAPACITY = 64;
  private static final Field[] FIELDS = Field.values();

  private final Entity kind;
  private int size;
  private long[] timestamps;
  private byte[] flags;
  private int[] durations;
  private long[] values;
  private final CodeColumn[] dimensions = new CodeColumn[FIELDS.length];
  /** Session codes in the site's {@link SessionIndex}; 0 for none. */
  private final CodeColumn sessions = new CodeColumn(INITIAL_CAPACITY);
  private long minTimestamp = Long.MAX_VALUE;
  private long maxTimestamp = Long.MIN_VALUE;

  Chunk(Entity kind) {
    this.kind = kind;
    timestamps = new long[INITIAL_CAPACITY];
    flags = new byte[INITIAL_CAPACITY];
    if (kind == Entity.PAGEVIEW) {
      durations = new int[INITIAL_CAPACITY];
    } else {
      values = new long[INITIAL_CAPACITY];
    }
    for (int f = 0; f < dimensions.length; f++) {
      dimensions[f] = new CodeColumn(INITIAL_CAPACITY);
    }
  }

  /**
   * Appends a record; {@code measure} is the duration of a pageview or the value of a
   * conversion.
   */
  void append(long timestamp, int[] codes, int flagBits, long measure, int sessionCode) {
    if (size == timestamps.length) {
      grow();
    }
    timestamps[size] = timestamp;
    flags[size] = (byte) flagBits;
    if (durations != null) {
      durations[size] = (int) measure;
    } else {
      values[size] = measure;
    }
    for (int f = 0; f < dimensions.length; f++) {
      dimensions[f].set(size, codes[f]);
    }
    sessions.set(size, sessionCode);
    minTimestamp = Math.min(minTimestamp, timestamp);
    maxTimestamp = Math.max(maxTimestamp, timestamp);
    size++;
  }

  /**
   * A copy with every code {@code c} of field {@code f} replaced by {@code remap[f][c]}, and
   * every session code {@code s} by {@code sessionRemap[s]}.
   */
  Chunk remapped(int[][] remap, int[] sessionRemap) {
    Chunk copy = new Chunk(kind);
    int[] codes = new int[FIELDS.length];
    for (int i = 0; i < size; i++) {
      for (int f = 0; f < codes.length; f++) {
        codes[f] = remap[f][dimensions[f].get(i)];
      }
      copy.append(timestamps[i], codes, flags[i], measure(i), sessionRemap[sessions.get(i)]);
    }
    return copy;
  }

  boolean isFull() {
    return size == CAPACITY;
  }

  public Entity kind() {
    return kind;
  }

  public int size() {
    return size;
  }

  /** Epoch seconds; valid up to {@link #size()}. Do not write to it. */
  public long[] timestamps() {
    return timestamps;
  }

  /** Packed {@link #NEW_SESSION}, {@link #UNIQUE}, {@link #BOUNCE} bits; valid up to size(). */
  public byte[] flags() {
    return flags;
  }

  /** Pageview durations in seconds (null for conversions); valid up to size(). */
  public int[] durations() {
    return durations;
  }

  /** Conversion values in cents (null for pageviews); valid up to size(). */
  public long[] values() {
    return values;
  }

  public CodeColumn dimension(Field field) {
    return dimensions[field.ordinal()];
  }

  /** The session codes (in the site's {@link SessionIndex}). */
  public CodeColumn sessions() {
    return sessions;
  }

  /**
   * The codes of {@code field} for the first {@code n} records, in the field's dictionary,
   * with the derived fields resolved: {@code entry_page} / {@code exit_page} are the pathname
   * codes of the first / last pageview of the record's session in {@code index} (the record's
   * own pathname without a session; {@code index} null means no sessions at all), {@code
   * domain} the record's domain, else its hostname. These share the pathname and hostname
   * dictionaries. Answers the column's own array (do not write to it) or {@code scratch}.
   */
  public int[] codes(Field field, int n, int[] scratch, SessionIndex index) {
    switch (field) {
      case ENTRY_PAGE, EXIT_PAGE -> {
        CodeColumn paths = dimension(Field.PATHNAME);
        boolean entry = field == Field.ENTRY_PAGE;
        for (int i = 0; i < n; i++) {
          int path = paths.get(i);
          int session = sessions.get(i);
          scratch[i] = index == null ? path
              : entry ? index.entry(session, path) : index.exit(session, path);
        }
        return scratch;
      }
      case DOMAIN -> {
        CodeColumn domains = dimension(Field.DOMAIN);
        CodeColumn hosts = dimension(Field.HOSTNAME);
        for (int i = 0; i < n; i++) {
          int domain = domains.get(i);
          scratch[i] = domain != Dictionary.NULL ? domain : hosts.get(i);
        }
        return scratch;
      }
      default -> {
        return dimension(field).ints(n, scratch);
      }
    }
  }

  /** The duration of a pageview or the value of a conversion. */
  public long measure(int i) {
    return durations != null ? durations[i] : values[i];
  }

  public long minTimestamp() {
    return minTimestamp;
  }

  public long maxTimestamp() {
    return maxTimestamp;
  }

  /** Approximate bytes held by the column arrays, for sizing reports. */
  long bytesUsed() {
    long perRecord = 8 + 1 + (durations != null ? 4 : 8);
    long total = perRecord * timestamps.length;
    for (CodeColumn c : dimensions) {
      total += (long) c.width() * timestamps.length;
    }
    total += (long) sessions.width() * timestamps.length;
    return total;
  }

  private void grow() {
    int capacity = Math.min(CAPACITY, timestamps.length * 2);
    timestamps = Arrays.copyOf(timestamps, capacity);
    flags = Arrays.copyOf(flags, capacity);
    if (durations != null) {
      durations = Arrays.copyOf(durations, capacity);
    } else {
      values = Arrays.copyOf(values, capacity);
    }
    for (CodeColumn c : dimensions) {
      c.grow(capacity);
    }
    sessions.grow(capacity);
  }
}
