package io.kiban.tracking;

import io.kiban.platform.error.KibanException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opaque page tokens: base64 of a small JSON object of integers, as MLflow's ({@code {"offset":
 * N}}). Clients never look inside; a token that does not decode is a 400.
 */
public final class PageTokens {

  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?\\d+)");

  private PageTokens() {}

  static String encode(Map<String, Long> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach(
        (k, v) -> {
          if (json.length() > 1) {
            json.append(", ");
          }
          json.append('"').append(k).append("\": ").append(v);
        });
    json.append('}');
    return Base64.getEncoder().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static String offsetToken(long offset) {
    return encode(Map.of("offset", offset));
  }

  static Map<String, Long> decode(String token) {
    Map<String, Long> fields = new LinkedHashMap<>();
    try {
      String json = new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8);
      if (!json.startsWith("{") || !json.endsWith("}")) {
        throw new IllegalArgumentException();
      }
      Matcher m = FIELD.matcher(json);
      while (m.find()) {
        fields.put(m.group(1), Long.parseLong(m.group(2)));
      }
    } catch (IllegalArgumentException e) {
      throw KibanException.invalid("Invalid page token '" + token + "'");
    }
    return fields;
  }

  /** The offset of an offset token; 0 for a null or empty token. */
  public static long offset(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    Long offset = decode(token).get("offset");
    if (offset == null || offset < 0) {
      throw KibanException.invalid("Invalid page token '" + token + "'");
    }
    return offset;
  }
}
