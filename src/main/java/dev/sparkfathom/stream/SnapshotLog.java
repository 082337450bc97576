package dev.sparkfathom.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The answers a current-visitors stream fetched, one file per fetch number
 * ({@code <source checkpoint>/current_visitors/<n>.json}), on any Hadoop-compatible file system
 * the checkpoint is on. An answer is written (to a temporary file, then renamed) before its
 * offset reaches Spark's offset log, so a batch Spark replays after a restart is answered from
 * here, never by a new request: a live value cannot be asked for again. Files of committed
 * batches are deleted.
 */
public final class SnapshotLog {
  static final String DIR = "current_visitors";
  private static final Pattern NAME = Pattern.compile("(\\d{1,18})\\.json");

  private final FileSystem fs;
  private final Path dir;

  SnapshotLog(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  /** The log of the source whose checkpoint directory Spark gave ({@code toMicroBatchStream}). */
  public static SnapshotLog at(String checkpointLocation, Configuration conf) {
    Path dir = new Path(checkpointLocation, DIR);
    try {
      return new SnapshotLog(dir.getFileSystem(conf), dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of the stream's checkpoint " + dir, e);
    }
  }

  Path file(long fetch) {
    return new Path(dir, fetch + ".json");
  }

  /** Records answer {@code fetch}, replacing one of that number left by a run that never logged it. */
  public void write(long fetch, VisitorsSnapshot snapshot) {
    Path target = file(fetch);
    Path temp = new Path(dir, "." + fetch + ".json." + java.util.UUID.randomUUID() + ".tmp");
    try {
      fs.mkdirs(dir);
      try (OutputStream out = fs.create(temp, false)) {
        out.write(snapshot.toJson().getBytes(StandardCharsets.UTF_8));
      }
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(temp, target)) {
        throw new IOException("rename of " + temp + " to " + target + " failed");
      }
    } catch (IOException e) {
      try {
        fs.delete(temp, false);
      } catch (IOException ignored) {
        // the temporary file is not read by anyone; the original failure is what matters
      }
      throw new UncheckedIOException("cannot record current-visitors answer " + fetch + " in " + dir, e);
    }
  }

  /**
   * Answer {@code fetch} as it was recorded.
   *
   * @throws MissingAnswerException when it is not there or cannot be read back whole
   */
  public VisitorsSnapshot read(long fetch) {
    Path f = file(fetch);
    String text;
    try (InputStream in = fs.open(f)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.FileNotFoundException e) {
      throw new MissingAnswerException(fetch, f, "it is not there", e);
    } catch (IOException e) {
      throw new MissingAnswerException(fetch, f, "it cannot be read (" + e.getMessage() + ")", e);
    }
    try {
      return VisitorsSnapshot.fromJson(text);
    } catch (IllegalArgumentException e) {
      throw new MissingAnswerException(fetch, f, "it is damaged (" + e.getMessage() + ")", e);
    }
  }

  /** The highest fetch number recorded, if any. */
  public OptionalLong latest() {
    OptionalLong best = OptionalLong.empty();
    for (FileStatus s : list()) {
      Matcher m = NAME.matcher(s.getPath().getName());
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        if (best.isEmpty() || n > best.getAsLong()) {
          best = OptionalLong.of(n);
        }
      }
    }
    return best;
  }

  /** The latest recorded answer that can be read, if any (for pacing a restarted stream). */
  public Optional<VisitorsSnapshot> latestSnapshot() {
    OptionalLong n = latest();
    if (n.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(read(n.getAsLong()));
    } catch (MissingAnswerException e) {
      return Optional.empty();
    }
  }

  /** Deletes the answers numbered below {@code fetch}: their batches are committed. */
  public void purgeBefore(long fetch) {
    for (FileStatus s : list()) {
      Matcher m = NAME.matcher(s.getPath().getName());
      if (m.matches() && Long.parseLong(m.group(1)) < fetch) {
        try {
          fs.delete(s.getPath(), false);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete the committed answer " + s.getPath(), e);
        }
      }
    }
  }

  private FileStatus[] list() {
    try {
      return fs.exists(dir) ? fs.listStatus(dir) : new FileStatus[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** A recorded answer a replayed batch needs is gone or damaged: the batch cannot be replayed. */
  public static final class MissingAnswerException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final long fetch;

    MissingAnswerException(long fetch, Path file, String why, Throwable cause) {
      super("the current-visitors answer of fetch " + fetch + " was recorded at " + file + ", but " + why
          + "; a live value cannot be asked for again, so this batch cannot be replayed exactly."
          + " Restore the file, or start the query on a new checkpoint location", cause);
      this.fetch = fetch;
    }

    public long fetch() {
      return fetch;
    }
  }
}
