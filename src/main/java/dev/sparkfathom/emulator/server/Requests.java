package dev.sparkfathom.emulator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
    for (Map.Entry<String, JsonNode> e : n.properties()) {
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

  /**
   * Why a control request looks like it comes from a web page, or null when it does not. A
   * page in a local browser can send a simple POST (which needs no CORS preflight) to the
   * loopback port, or reach it under its own name by DNS rebinding; browsers always send
   * {@code Origin} with a cross-origin POST and the page's name in {@code Host}. Tools (curl,
   * HTTP clients) send no {@code Origin} and the loopback name they dialled; a request without
   * {@code Host} (HTTP/1.0) cannot come from a browser and passes.
   */
  static String browserRefusal(Headers headers) {
    if (headers.containsKey("Origin")) {
      return "The control API refuses requests with an Origin header (sent by web browsers); "
          + "got: '" + headers.getFirst("Origin") + "'";
    }
    String host = headers.getFirst("Host");
    if (host != null && !isLoopbackHost(host)) {
      return "The control API answers only a loopback Host (localhost, 127.x.x.x or [::1], any "
          + "port); got: '" + host + "'";
    }
    return null;
  }

  /** {@code localhost}, {@code 127.x.x.x} or {@code [::1]}, each with an optional port. */
  static boolean isLoopbackHost(String host) {
    String name;
    String port;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        return false;
      }
      name = host.substring(1, close);
      String rest = host.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return false;
      }
      port = rest.isEmpty() ? null : rest.substring(1);
      if (!name.equals("::1")) {
        return false;
      }
    } else {
      int colon = host.indexOf(':');
      name = colon < 0 ? host : host.substring(0, colon);
      port = colon < 0 ? null : host.substring(colon + 1);
      if (!name.equalsIgnoreCase("localhost") && !LOOPBACK_V4.matcher(name).matches()) {
        return false;
      }
    }
    return port == null || PORT.matcher(port).matches();
  }

  private static final java.util.regex.Pattern LOOPBACK_V4 = java.util.regex.Pattern.compile(
      "127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final java.util.regex.Pattern PORT = java.util.regex.Pattern.compile("[0-9]{1,5}");

  static boolean isLoopback(InetSocketAddress remote) {
    return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
  }
}
