package dev.sparkfathom.cache;

import dev.sparkfathom.client.AggregationRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The bytes of one entry: a text header, then the rows.
 *
 * <pre>
 * sparkfathom-cache 1
 * key &lt;64 hex&gt;
 * written &lt;epoch millis&gt;
 * length &lt;payload bytes&gt;
 * sha256 &lt;64 hex of the payload&gt;
 * (blank line)
 * payload
 * </pre>
 *
 * {@link #decode} checks every part: a file of another format, another key (a foreign file), a
 * payload shorter or longer than its length (partial), or one whose checksum differs (corrupt)
 * is {@link Damaged}, never rows.
 */
final class EntryCodec {
  static final String MAGIC = "sparkfathom-cache 1";
  private static final int MAX_HEADER = 512;

  private EntryCodec() {}

  /** A decoded entry. */
  record Entry(CacheKey key, long writtenMillis, List<AggregationRow> rows) {}

  /** Why bytes are not a usable entry of the asked key. */
  static final class Damaged extends Exception {
    Damaged(String why) {
      super(why);
    }
  }

  static byte[] encode(CacheKey key, long writtenMillis, List<AggregationRow> rows) {
    byte[] payload = payload(rows);
    String header = MAGIC + "\nkey " + key.hex() + "\nwritten " + writtenMillis + "\nlength " + payload.length
        + "\nsha256 " + HexFormat.of().formatHex(CacheKey.sha256().digest(payload)) + "\n\n";
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(h, h.length + payload.length);
    System.arraycopy(payload, 0, all, h.length, payload.length);
    return all;
  }

  static Entry decode(CacheKey expected, byte[] bytes) throws Damaged {
    int end = -1;
    for (int i = 1; i < Math.min(bytes.length, MAX_HEADER); i++) {
      if (bytes[i] == '\n' && bytes[i - 1] == '\n') {
        end = i + 1;
        break;
      }
    }
    if (end < 0) {
      throw new Damaged("no entry header");
    }
    String[] lines = new String(bytes, 0, end - 2, StandardCharsets.US_ASCII).split("\n", -1);
    if (lines.length != 5 || !lines[0].equals(MAGIC)) {
      throw new Damaged("not an entry of this format");
    }
    String key = value(lines[1], "key");
    if (!key.equals(expected.hex())) {
      throw new Damaged("entry of another key");
    }
    long written;
    long length;
    try {
      written = Long.parseLong(value(lines[2], "written"));
      length = Long.parseLong(value(lines[3], "length"));
    } catch (NumberFormatException e) {
      throw new Damaged("bad number in the header");
    }
    String sum = value(lines[4], "sha256");
    if (bytes.length - end != length) {
      throw new Damaged("payload of " + (bytes.length - end) + " bytes, header says " + length);
    }
    byte[] payload = Arrays.copyOfRange(bytes, end, bytes.length);
    if (!MessageDigest.isEqual(HexFormat.of().formatHex(CacheKey.sha256().digest(payload))
        .getBytes(StandardCharsets.US_ASCII), sum.getBytes(StandardCharsets.US_ASCII))) {
      throw new Damaged("checksum differs");
    }
    try {
      return new Entry(expected, written, rows(payload));
    } catch (IOException | RuntimeException e) {
      throw new Damaged("payload does not decode: " + e.getMessage());
    }
  }

  private static String value(String line, String name) throws Damaged {
    if (!line.startsWith(name + " ")) {
      throw new Damaged("header line '" + name + "' missing");
    }
    return line.substring(name.length() + 1);
  }

  private static byte[] payload(List<AggregationRow> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(rows.size());
      for (AggregationRow r : rows) {
        text(out, r.bucket() == null ? null : r.bucket().toString());
        out.writeInt(r.fields().length);
        for (String f : r.fields()) {
          text(out, f);
        }
        out.writeInt(r.metrics().length);
        for (Number m : r.metrics()) {
          if (m == null) {
            out.writeByte('N');
          } else if (m instanceof Long l) {
            out.writeByte('L');
            out.writeLong(l);
          } else if (m instanceof Double d) {
            out.writeByte('D');
            out.writeDouble(d);
          } else {
            throw new IllegalArgumentException("a metric is a Long or a Double; got: " + m.getClass().getName());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static List<AggregationRow> rows(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    int n = count(in, payload.length);
    List<AggregationRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String b = text(in, payload.length);
      String[] fields = new String[count(in, payload.length)];
      for (int f = 0; f < fields.length; f++) {
        fields[f] = text(in, payload.length);
      }
      Number[] metrics = new Number[count(in, payload.length)];
      for (int m = 0; m < metrics.length; m++) {
        int tag = in.readUnsignedByte();
        metrics[m] = switch (tag) {
          case 'N' -> null;
          case 'L' -> in.readLong();
          case 'D' -> in.readDouble();
          default -> throw new IOException("unknown metric tag " + tag);
        };
      }
      rows.add(new AggregationRow(b == null ? null : LocalDateTime.parse(b), fields, metrics));
    }
    if (in.available() != 0) {
      throw new IOException("bytes after the last row");
    }
    return rows;
  }

  private static int count(DataInputStream in, int limit) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > limit) {
      throw new EOFException("count " + n + " out of range");
    }
    return n;
  }

  private static String text(DataInputStream in, int limit) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    byte[] b = new byte[count(in, limit)];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
