package dev.sparkfathom.emulator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reading requests: bodies (bounded), parameters, and where they come from. */
final class Requests {
  static final int MAX_FORM_BODY = 1 << 20;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Requests() {}

  /**
   * Query-string parameters plus those of a form body ({@code
   * application/x-www-form-urlencoded}, also when no content type is sent) or, as Laravel
   * accepts it too, of a flat JSON object body ({@code application/json}).
   */
  static Params params(HttpExchange ex) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    String body = new String(readBody(ex.getRequestBody(), MAX_FORM_BODY), StandardCharsets.UTF_8);
    String rawQuery = ex.getRequestURI().getRawQuery();
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json") && !body.isBlank()) {
      return Params.parse(rawQuery, null).plus(jsonObject(body));
    }
    return Params.parse(rawQuery, body);
  }

  private static Map<String, String> jsonObject(String body) {
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the JSON body is not valid JSON");
    }
    if (n == null || !n.isObject()) {
      throw ApiException.badRequest("the JSON body must be an object of parameters");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
    }
    return out;
  }

  static byte[] readBody(InputStream in, int max) throws IOException {
    byte[] data = in.readNBytes(max + 1);
    if (data.length > max) {
      throw ApiException.badRequest("the request body is larger than " + max + " bytes");
    }
    return data;
  }

  static boolean isLoopback(InetSocketAddress remote) {
    return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
  }
}
