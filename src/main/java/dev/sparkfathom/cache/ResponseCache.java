package dev.sparkfathom.cache;

import dev.sparkfathom.client.AggregationRow;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The cache's store on a Hadoop file system: one file per key, at
 * {@code <cache.path>/<first two hex digits>/<key>.entry}.
 *
 * <p>A write goes to a temporary file in the same directory, then is renamed onto the entry's
 * name: readers see a whole entry or none. Several writers of one key (two executors, two
 * jobs) each write their own temporary file; the last rename wins, and every one of them
 * wrote the same answer of a closed window. A read that finds a damaged, foreign, partial or
 * expired entry reports it as a miss; the refetched answer then replaces it.
 *
 * <p>Hadoop's own checksum side files ({@code .crc}) are turned off: the entry carries its
 * own checksum, and side files would not follow the rename.
 */
public final class ResponseCache {
  /** What a lookup found. */
  public enum State { HIT, MISSING, EXPIRED, DAMAGED }

  /** A lookup's outcome: rows only on a hit. */
  public record Lookup(State state, List<AggregationRow> rows, String why) {
    public boolean hit() {
      return state == State.HIT;
    }
  }

  private static final long MAX_ENTRY_BYTES = 256L * 1024 * 1024;
  private final Path root;
  private final Configuration conf;

  public ResponseCache(String path, Configuration conf) {
    this.root = new Path(Objects.requireNonNull(path, "path"));
    this.conf = Objects.requireNonNull(conf, "conf");
  }

  Path file(CacheKey key) {
    return new Path(new Path(root, key.hex().substring(0, 2)), key.hex() + ".entry");
  }

  /**
   * A file system instance of our own (not Hadoop's shared cached one), so turning its
   * checksum side files off changes nothing for Spark's own writes; closed after each use.
   */
  private FileSystem fs() throws IOException {
    FileSystem fs = FileSystem.newInstance(root.toUri(), conf);
    fs.setVerifyChecksum(false);
    fs.setWriteChecksum(false);
    return fs;
  }

  /**
   * The entry of {@code key} if it is whole, its own, and younger than {@code ttl} at
   * {@code nowMillis} (null ttl: no expiry).
   *
   * @throws IOException only when the file system itself fails (not for a bad entry)
   */
  public Lookup get(CacheKey key, long nowMillis, Duration ttl) throws IOException {
    try (FileSystem fs = fs()) {
      return get(fs, key, nowMillis, ttl);
    }
  }

  private Lookup get(FileSystem fs, CacheKey key, long nowMillis, Duration ttl) throws IOException {
    Path f = file(key);
    byte[] bytes;
    try (InputStream in = fs.open(f)) {
      bytes = readAll(in);
    } catch (FileNotFoundException e) {
      return new Lookup(State.MISSING, null, "no entry");
    }
    if (bytes == null) {
      return new Lookup(State.DAMAGED, null, "entry larger than " + MAX_ENTRY_BYTES + " bytes");
    }
    EntryCodec.Entry entry;
    try {
      entry = EntryCodec.decode(key, bytes);
    } catch (EntryCodec.Damaged e) {
      return new Lookup(State.DAMAGED, null, e.getMessage());
    }
    if (ttl != null && nowMillis - entry.writtenMillis() > ttl.toMillis()) {
      return new Lookup(State.EXPIRED, null, "written " + (nowMillis - entry.writtenMillis()) / 1000 + " s ago");
    }
    return new Lookup(State.HIT, entry.rows(), "");
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > MAX_ENTRY_BYTES) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Writes the entry atomically (temporary file, then rename), replacing any entry there. */
  public void put(CacheKey key, long writtenMillis, List<AggregationRow> rows) throws IOException {
    try (FileSystem fs = fs()) {
      put(fs, key, writtenMillis, rows);
    }
  }

  private void put(FileSystem fs, CacheKey key, long writtenMillis, List<AggregationRow> rows) throws IOException {
    Path f = file(key);
    fs.mkdirs(f.getParent());
    Path tmp = new Path(f.getParent(), "." + key.hex() + "." + UUID.randomUUID() + ".tmp");
    try (OutputStream out = fs.create(tmp, false)) {
      out.write(EntryCodec.encode(key, writtenMillis, rows));
    }
    if (fs.rename(tmp, f)) {
      return;
    }
    // File systems whose rename does not replace (HDFS): drop the old entry, then rename.
    // Another writer may rename in between; its entry is as good as ours.
    fs.delete(f, false);
    if (!fs.rename(tmp, f)) {
      fs.delete(tmp, false);
    }
  }

  /** For messages: the cache's root, without any user info a URI might carry. */
  @Override
  public String toString() {
    URI u = root.toUri();
    return u.getUserInfo() == null ? root.toString() : root.toString().replace(u.getUserInfo() + "@", "***@");
  }
}
