package dev.sparkfathom.notebook;

import java.util.Map;

/** The few JSON strings the host writes to the kernel: flat objects of strings and nested maps. */
final class Json {
  private Json() {}

  static String object(Map<String, ?> fields) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      if (b.length() > 1) {
        b.append(',');
      }
      string(b, e.getKey());
      b.append(':');
      value(b, e.getValue());
    }
    return b.append('}').toString();
  }

  private static void value(StringBuilder b, Object v) {
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, ?> map = (Map<String, ?>) m;
      b.append(object(map));
    } else if (v instanceof Iterable<?> list) {
      b.append('[');
      boolean first = true;
      for (Object o : list) {
        if (!first) {
          b.append(',');
        }
        first = false;
        value(b, o);
      }
      b.append(']');
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      b.append(v);
    } else {
      string(b, String.valueOf(v));
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
