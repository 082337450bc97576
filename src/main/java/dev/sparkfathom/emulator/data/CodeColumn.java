package dev.sparkfathom.emulator.data;

import java.util.Arrays;

/**
 * A growable column of dictionary codes, stored as narrow as its largest code allows (bytes,
 * then chars, then ints) and widened in place when a larger code arrives: most dimensions
 * have a few hundred values at most, so this keeps a record's dimensions near one or two
 * bytes each.
 */
public final class CodeColumn {
  private byte[] bytes;
  private char[] chars;
  private int[] ints;

  CodeColumn(int capacity) {
    bytes = new byte[capacity];
  }

  void set(int index, int code) {
    if (bytes != null) {
      if (code < 0x100) {
        bytes[index] = (byte) code;
        return;
      }
      widen(code);
    }
    if (chars != null) {
      if (code < 0x10000) {
        chars[index] = (char) code;
        return;
      }
      widen(code);
    }
    ints[index] = code;
  }

  /** The code at {@code index}. */
  public int get(int index) {
    if (bytes != null) {
      return bytes[index] & 0xFF;
    }
    if (chars != null) {
      return chars[index];
    }
    return ints[index];
  }

  /**
   * The first {@code n} codes as ints: the column's own array when it is stored as ints
   * (do not write to it), else {@code scratch} filled with them.
   */
  public int[] ints(int n, int[] scratch) {
    if (ints != null) {
      return ints;
    }
    if (bytes != null) {
      for (int i = 0; i < n; i++) {
        scratch[i] = bytes[i] & 0xFF;
      }
    } else {
      for (int i = 0; i < n; i++) {
        scratch[i] = chars[i];
      }
    }
    return scratch;
  }

  void grow(int capacity) {
    if (bytes != null) {
      bytes = Arrays.copyOf(bytes, capacity);
    } else if (chars != null) {
      chars = Arrays.copyOf(chars, capacity);
    } else {
      ints = Arrays.copyOf(ints, capacity);
    }
  }

  /** Bytes a code takes: 1, 2 or 4. */
  int width() {
    return bytes != null ? 1 : chars != null ? 2 : 4;
  }

  private void widen(int code) {
    if (bytes != null) {
      if (code < 0x10000) {
        chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
          chars[i] = (char) (bytes[i] & 0xFF);
        }
      } else {
        ints = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
          ints[i] = bytes[i] & 0xFF;
        }
      }
      bytes = null;
    } else if (chars != null && code >= 0x10000) {
      ints = new int[chars.length];
      for (int i = 0; i < chars.length; i++) {
        ints[i] = chars[i];
      }
      chars = null;
    }
  }
}
