package dev.sparkfathom.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct text values of one answer, each held once as UTF-8 bytes (Spark's string
 * format) and named by a dense id. Looked up straight from the parser's character buffer, so
 * a value seen before costs no allocation. A value holding a lone surrogate (which UTF-8
 * cannot carry; Java writes {@code ?} for it, as Spark does) is never shared and keeps its
 * exact text beside its bytes, so the typed client still returns it as sent.
 *
 * <p>While values are added a hash table finds them; {@link #freeze} drops it, leaving only
 * the values.
 */
final class Utf8Dictionary {
  private static final byte[][] NONE = new byte[0][];

  private byte[][] values = NONE;
  private int count;
  /**
   * Open addressing: the value's hash in the high half and id + 1 in the low half (so a probe
   * reads one slot), or 0 for an empty slot; null once frozen.
   */
  private long[] table = new long[64];
  /** Exact text of values with a lone surrogate, by id (rare: a broken answer). */
  private Map<Integer, String> exact;

  int size() {
    return count;
  }

  byte[] bytes(int id) {
    return values[id];
  }

  /** The value as text: its exact text when UTF-8 could not hold it. */
  String text(int id) {
    if (exact != null) {
      String s = exact.get(id);
      if (s != null) {
        return s;
      }
    }
    return new String(values[id], StandardCharsets.UTF_8);
  }

  /** The id of the value in {@code buf[off, off + len)}, added when new. */
  int idOf(char[] buf, int off, int len) {
    int h = hash(buf, off, len);
    int mask = table.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      long e = table[i];
      if (e == 0) {
        byte[] utf8 = encode(buf, off, len);
        if (utf8 == null) {
          // A lone surrogate: keep the exact text, never share it (its bytes would match '?').
          String s = new String(buf, off, len);
          int id = add(s.getBytes(StandardCharsets.UTF_8));
          if (exact == null) {
            exact = new HashMap<>();
          }
          exact.put(id, s);
          return id;
        }
        int id = add(utf8);
        table[i] = ((long) h << 32) | (id + 1);
        if (count * 2 > table.length) {
          rehash();
        }
        return id;
      }
      if ((int) (e >>> 32) == h) {
        int id = (int) e - 1;
        if (sameText(values[id], buf, off, len)) {
          return id;
        }
      }
    }
  }

  /** The id of {@code s}, added when new. */
  int idOf(String s) {
    char[] c = s.toCharArray();
    return idOf(c, 0, c.length);
  }

  /** Drops the lookup table and trims the values: no more values may be added. */
  void freeze() {
    table = null;
    values = Arrays.copyOf(values, count);
  }

  /** Heap bytes held once frozen: the array of values and each value's bytes. */
  long heldBytes() {
    long b = PackedRows.array(4, values.length);
    for (int i = 0; i < count; i++) {
      b += PackedRows.array(1, values[i].length);
    }
    return b;
  }

  private int add(byte[] bytes) {
    if (table == null) {
      throw new IllegalStateException("the dictionary is frozen");
    }
    if (count == values.length) {
      values = Arrays.copyOf(values, Math.max(16, count * 2));
    }
    values[count] = bytes;
    return count++;
  }

  private void rehash() {
    long[] t = new long[table.length * 2];
    int mask = t.length - 1;
    for (long e : table) {
      if (e != 0) {
        int i = (int) (e >>> 32) & mask;
        while (t[i] != 0) {
          i = (i + 1) & mask;
        }
        t[i] = e;
      }
    }
    table = t;
  }

  private static int hash(char[] buf, int off, int len) {
    int h = 0;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + buf[i];
    }
    return h ^ (h >>> 16);
  }

  /** UTF-8 of the chars, or null when they hold a lone surrogate. */
  private static byte[] encode(char[] buf, int off, int len) {
    int n = 0;
    for (int i = off, end = off + len; i < end; i++) {
      char c = buf[i];
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(buf[i + 1])) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        return null;
      } else {
        n += 3;
      }
    }
    byte[] b = new byte[n];
    int p = 0;
    for (int i = off, end = off + len; i < end; i++) {
      char c = buf[i];
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)) {
        int cp = Character.toCodePoint(c, buf[++i]);
        b[p++] = (byte) (0xF0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return b;
  }

  /** Whether {@code bytes} is the UTF-8 of the chars (which hold no lone surrogate if equal). */
  private static boolean sameText(byte[] bytes, char[] buf, int off, int len) {
    int n = bytes.length;
    if (n == len) {
      // As many bytes as chars: equal only if every char is ASCII and equals its byte (a byte
      // of a longer sequence is negative, so it never equals a char).
      for (int i = 0; i < n; i++) {
        if (bytes[i] != buf[off + i]) {
          return false;
        }
      }
      return true;
    }
    if (n < len) {
      return false;
    }
    int p = 0;
    for (int i = off, end = off + len; i < end; i++) {
      char c = buf[i];
      if (c < 0x80) {
        if (p >= n || bytes[p++] != (byte) c) {
          return false;
        }
      } else if (c < 0x800) {
        if (p + 2 > n || bytes[p++] != (byte) (0xC0 | (c >> 6)) || bytes[p++] != (byte) (0x80 | (c & 0x3F))) {
          return false;
        }
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(buf[i + 1])) {
        int cp = Character.toCodePoint(c, buf[++i]);
        if (p + 4 > n || bytes[p++] != (byte) (0xF0 | (cp >> 18))
            || bytes[p++] != (byte) (0x80 | ((cp >> 12) & 0x3F))
            || bytes[p++] != (byte) (0x80 | ((cp >> 6) & 0x3F))
            || bytes[p++] != (byte) (0x80 | (cp & 0x3F))) {
          return false;
        }
      } else if (Character.isSurrogate(c)) {
        return false;
      } else {
        if (p + 3 > n || bytes[p++] != (byte) (0xE0 | (c >> 12))
            || bytes[p++] != (byte) (0x80 | ((c >> 6) & 0x3F)) || bytes[p++] != (byte) (0x80 | (c & 0x3F))) {
          return false;
        }
      }
    }
    return p == n;
  }
}
