package dev.sparkfathom.emulator.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer before it is sent: status, content type, extra headers, and a body written
 * straight to the wire (or to a buffer when a fault needs the whole body first). {@code rows}
 * is what the request log records; {@code stream} asks for chunked encoding instead of a
 * buffered body with {@code Content-Length}, for answers that may be large; {@code cut} that
 * a {@code limit} or the row cap dropped rows (for the request log only).
 */
record ApiResponse(int status, String contentType, Map<String, String> headers, Body body,
    Integer rows, boolean stream, boolean cut) {
  static final String JSON = "application/json";
  /** JSON answers of more rows than this stream out. */
  static final int STREAM_ROWS = 1000;
  private static final JsonFactory FACTORY = new JsonFactory()
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  /** Writes the body; called once. */
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes JSON with a generator that the caller need not close. */
  interface JsonBody {
    void write(JsonGenerator g) throws IOException;
  }

  static ApiResponse json(int status, JsonBody body) {
    return json(status, body, null);
  }

  static ApiResponse json(int status, JsonBody body, Integer rows) {
    return new ApiResponse(status, JSON, Map.of(), out -> {
      try (JsonGenerator g = FACTORY.createGenerator(out)) {
        body.write(g);
      }
    }, rows, rows != null && rows > STREAM_ROWS, false);
  }

  static ApiResponse error(int status, String message) {
    return json(status, g -> {
      g.writeStartObject();
      g.writeStringField("error", message);
      g.writeEndObject();
    });
  }

  /** A streamed non-JSON answer (the JSONL export). */
  static ApiResponse streamed(int status, String contentType, Body body) {
    return new ApiResponse(status, contentType, Map.of(), body, null, true, false);
  }

  ApiResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiResponse(status, contentType, Map.copyOf(h), body, rows, stream, cut);
  }

  /** This answer, marked as cut short by a limit. */
  ApiResponse markedCut() {
    return new ApiResponse(status, contentType, headers, body, rows, stream, true);
  }
}
