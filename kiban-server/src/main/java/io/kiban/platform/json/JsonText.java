package io.kiban.platform.json;

/** Builds small JSON objects of strings for audit details without a mapper. */
public final class JsonText {

  private JsonText() {}

  /** {@code s} as a JSON string literal. */
  public static String quoted(String s) {
    StringBuilder sb = new StringBuilder();
    quote(sb, s);
    return sb.toString();
  }

  /** A JSON object from alternating keys and values; null values are written as null. */
  public static String object(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      quote(sb, keysAndValues[i]);
      sb.append(':');
      if (keysAndValues[i + 1] == null) {
        sb.append("null");
      } else {
        quote(sb, keysAndValues[i + 1]);
      }
    }
    return sb.append('}').toString();
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
