package dev.sparkfathom.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.connector.read.streaming.Offset;

/**
 * A current-visitors stream's position: how many answers it has fetched ({@code fetch}, 0 before
 * the first). Batch {@code (a, b]} is the answer numbered {@code b}, recorded in the checkpoint
 * under that number. The answer's time is not part of the offset: it is in the recorded answer.
 */
public final class VisitorsOffset extends Offset {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final VisitorsOffset START = new VisitorsOffset(0);

  private final long fetch;

  public VisitorsOffset(long fetch) {
    if (fetch < 0) {
      throw new IllegalArgumentException("a fetch number is at least 0; got: " + fetch);
    }
    this.fetch = fetch;
  }

  public long fetch() {
    return fetch;
  }

  /** The offset after one more answer. */
  public VisitorsOffset next() {
    return new VisitorsOffset(fetch + 1);
  }

  @Override
  public String json() {
    return "{\"fetch\":" + fetch + "}";
  }

  /**
   * Reads {@link #json()}'s form back (from Spark's offset log).
   *
   * @throws IllegalArgumentException naming the text when it is not such an offset
   */
  public static VisitorsOffset fromJson(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      JsonNode f = n == null ? null : n.get("fetch");
      if (f != null && f.isIntegralNumber() && f.canConvertToLong() && f.asLong() >= 0 && n.size() == 1) {
        return new VisitorsOffset(f.asLong());
      }
    } catch (java.io.IOException e) {
      // reported below, with the text
    }
    throw new IllegalArgumentException("not a current-visitors offset (expected {\"fetch\":<n>}, n >= 0): " + json);
  }

  /** Spark's offsets of another type (a checkpoint of another source) are told apart clearly. */
  static VisitorsOffset of(Offset o) {
    if (o instanceof VisitorsOffset v) {
      return v;
    }
    return fromJson(o.json());
  }
}
