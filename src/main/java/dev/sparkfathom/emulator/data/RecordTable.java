package dev.sparkfathom.emulator.data;

import dev.sparkfathom.api.Entity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The raw records of one partition of the store: a site's pageviews or an event's
 * conversions, as a list of {@link Chunk}s of which only the last is appended to. Partitioning
 * by site and event means a query reads only its own records and a wipe drops a table whole.
 */
public final class RecordTable {
  private final Entity kind;
  private final List<Chunk> chunks = new ArrayList<>();
  private long count;

  RecordTable(Entity kind) {
    this.kind = kind;
  }

  void append(long timestamp, int[] codes, int flags, long measure, int sessionCode) {
    Chunk last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
    if (last == null || last.isFull()) {
      last = new Chunk(kind);
      chunks.add(last);
    }
    last.append(timestamp, codes, flags, measure, sessionCode);
    count++;
  }

  /**
   * Appends {@code other}'s records, their codes translated by {@code remap} and their session
   * codes by {@code sessionRemap}; a pageview table's records are also added to {@code
   * sessions} (when not null).
   */
  void appendAll(RecordTable other, int[][] remap, int[] sessionRemap, SessionIndex sessions) {
    for (Chunk c : other.chunks) {
      Chunk copy = c.remapped(remap, sessionRemap);
      chunks.add(copy);
      count += c.size();
      if (sessions != null && kind == Entity.PAGEVIEW) {
        CodeColumn paths = copy.dimension(dev.sparkfathom.api.Field.PATHNAME);
        for (int i = 0; i < copy.size(); i++) {
          sessions.addPageview(copy.sessions().get(i), copy.timestamps()[i], paths.get(i));
        }
      }
    }
  }

  /** The chunks, oldest first; read them under the store's lock. */
  public List<Chunk> chunks() {
    return Collections.unmodifiableList(chunks);
  }

  public long count() {
    return count;
  }

  long bytesUsed() {
    long total = 0;
    for (Chunk c : chunks) {
      total += c.bytesUsed();
    }
    return total;
  }
}
