package dev.sparkfathom.emulator.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code /v1} request in arrival order (the order answers were finished, for
 * concurrent requests). Bounded to the latest {@value #CAPACITY} entries so a long-running
 * emulator does not grow without end. Thread-safe.
 */
public final class RequestLog {
  public static final int CAPACITY = 100_000;

  private final List<RequestLogEntry> entries = new ArrayList<>();

  synchronized void add(RequestLogEntry e) {
    if (entries.size() >= CAPACITY) {
      entries.remove(0);
    }
    entries.add(e);
  }

  public synchronized List<RequestLogEntry> entries() {
    return List.copyOf(entries);
  }

  public synchronized void clear() {
    entries.clear();
  }
}
