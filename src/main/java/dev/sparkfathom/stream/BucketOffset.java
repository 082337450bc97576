package dev.sparkfathom.stream;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.apache.spark.sql.connector.read.streaming.Offset;

/**
 * A bucket boundary in the read's timezone: every bucket starting before it has been read.
 * Its JSON (in the checkpoint) is the local date-time as a JSON string.
 */
public final class BucketOffset extends Offset {
  private final LocalDateTime boundary;

  public BucketOffset(LocalDateTime boundary) {
    this.boundary = Objects.requireNonNull(boundary, "boundary");
  }

  public LocalDateTime boundary() {
    return boundary;
  }

  @Override
  public String json() {
    return "\"" + boundary + "\"";
  }

  static BucketOffset parse(String json) {
    String t = json.trim();
    if (t.length() < 2 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"') {
      throw new IllegalArgumentException("a Fathom stream offset is a quoted local date-time; got: " + json);
    }
    try {
      return new BucketOffset(LocalDateTime.parse(t.substring(1, t.length() - 1)));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("a Fathom stream offset is a quoted local date-time; got: " + json, e);
    }
  }
}
