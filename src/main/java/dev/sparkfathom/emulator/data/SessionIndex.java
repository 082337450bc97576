package dev.sparkfathom.emulator.data;

import java.util.Arrays;

/**
 * The sessions of one site: a dictionary of its {@code session_id}s, and per session the
 * pathname code of its first and of its last pageview, by timestamp and then file order (the
 * order records reached the store). This is what {@code entry_page} and {@code exit_page} are
 * made of. Kept up to date as pageviews are appended, so a session that grows later (the live
 * feed, an adding load) changes the entry and exit pages of all its records at once.
 *
 * <p>A record without a session id, or whose session has no pageview (a conversion's), is a
 * session of its own: its entry and exit page are its own pathname. Not thread-safe; the store
 * guards it with its lock.
 */
public final class SessionIndex {
  private static final int NONE = -1;

  private final Dictionary ids = new Dictionary();
  private long[] firstTimes = new long[16];
  private long[] lastTimes = new long[16];
  private int[] firstPaths = filled(16);
  private int[] lastPaths = filled(16);

  /** The code of a session id (0 for null), adding it when new. */
  int encode(String sessionId) {
    int code = ids.encode(sessionId);
    if (code >= firstPaths.length) {
      int n = Math.max(code + 1, firstPaths.length * 2);
      firstTimes = Arrays.copyOf(firstTimes, n);
      lastTimes = Arrays.copyOf(lastTimes, n);
      int old = firstPaths.length;
      firstPaths = Arrays.copyOf(firstPaths, n);
      lastPaths = Arrays.copyOf(lastPaths, n);
      Arrays.fill(firstPaths, old, n, NONE);
      Arrays.fill(lastPaths, old, n, NONE);
    }
    return code;
  }

  /** The session id of a code; null for 0. */
  public String value(int code) {
    return ids.value(code);
  }

  /** Number of codes, the null code included. */
  public int size() {
    return ids.size();
  }

  /** Records a pageview of session {@code code} (appended after all earlier ones). */
  void addPageview(int code, long timestamp, int pathCode) {
    if (code == Dictionary.NULL) {
      return;
    }
    if (firstPaths[code] == NONE || timestamp < firstTimes[code]) {
      firstTimes[code] = timestamp;
      firstPaths[code] = pathCode;
    }
    if (lastPaths[code] == NONE || timestamp >= lastTimes[code]) {
      lastTimes[code] = timestamp;
      lastPaths[code] = pathCode;
    }
  }

  /** The pathname code of the entry page of a record of session {@code code}. */
  public int entry(int code, int ownPathCode) {
    return code == Dictionary.NULL || firstPaths[code] == NONE ? ownPathCode : firstPaths[code];
  }

  /** The pathname code of the exit page of a record of session {@code code}. */
  public int exit(int code, int ownPathCode) {
    return code == Dictionary.NULL || lastPaths[code] == NONE ? ownPathCode : lastPaths[code];
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    Arrays.fill(a, NONE);
    return a;
  }
}
