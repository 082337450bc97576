package dev.sparkfathom.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Fathom's {@code {"error": "..."}} (or Laravel's {@code {"message": "..."}}) from an error
 * answer, read from at most {@link #MAX_BYTES} bytes. Any copy of the token in it is replaced:
 * the text goes into exception messages.
 */
final class ErrorBody {
  static final long MAX_BYTES = 64 * 1024;
  static final int MAX_CHARS = 500;
  private static final JsonFactory JSON = new JsonFactory();

  private ErrorBody() {}

  /** The error text, or null when the body has none or cannot be read. */
  static String read(ResponseBody body, ApiToken token) {
    String text;
    try {
      BufferedSource source = body.source();
      source.request(MAX_BYTES);
      long n = Math.min(MAX_BYTES, source.getBuffer().size());
      text = parse(source.getBuffer().readString(n, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null; // the status already says what failed; a lost error text is no new failure
    }
    return text == null ? null : sanitize(text, token);
  }

  static String parse(String json) {
    String error = null;
    String message = null;
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING && key.equals("error")) {
          error = p.getText();
        } else if (t == JsonToken.VALUE_STRING && key.equals("message")) {
          message = p.getText();
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      // Not JSON (a proxy's HTML page, a cut body): use what was found before the damage.
    } catch (IOException e) {
      return null;
    }
    return error != null ? error : message;
  }

  static String sanitize(String text, ApiToken token) {
    String s = text.replace(token.reveal(), "[redacted]");
    return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) + "..." : s;
  }
}
