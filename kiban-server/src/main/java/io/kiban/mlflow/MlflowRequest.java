package io.kiban.mlflow;

import io.kiban.platform.error.KibanException;
import io.kiban.tracking.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The parameters of one MLflow RPC, read either from a JSON body (POST, PATCH, DELETE) or from the
 * query string (GET), with MLflow's type rules: int64 as number or numeric string, doubles also as
 * "NaN"/"Infinity", unknown fields ignored. Type errors are 400s naming the parameter.
 */
final class MlflowRequest {

  private final JsonNode body;
  private final Map<String, List<String>> query;
  private final String prefix;
  private final int bodySize;

  private MlflowRequest(JsonNode body, Map<String, List<String>> query, String prefix, int size) {
    this.body = body;
    this.query = query;
    this.prefix = prefix;
    this.bodySize = size;
  }

  static MlflowRequest ofJson(JsonNode body, int bodySize) {
    return new MlflowRequest(body, null, "", bodySize);
  }

  static MlflowRequest ofQuery(Map<String, List<String>> query) {
    return new MlflowRequest(null, query, "", 0);
  }

  int bodySize() {
    return bodySize;
  }

  private String path(String name) {
    return prefix + name;
  }

  private JsonNode node(String name) {
    if (body == null) {
      return null;
    }
    JsonNode n = body.get(name);
    return n == null || n.isNull() ? null : n;
  }

  private String queryValue(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }

  private KibanException invalid(String name, Object value, String expected) {
    String shown = String.valueOf(value);
    if (shown.length() > 100) {
      shown = shown.substring(0, 97) + "...";
    }
    return KibanException.invalid(
        "Invalid value "
            + shown
            + " for parameter '"
            + path(name)
            + "' supplied: expected "
            + expected);
  }

  private KibanException missing(String name) {
    return KibanException.invalid("Missing value for required parameter '" + path(name) + "'.");
  }

  boolean has(String name) {
    return body != null ? node(name) != null : queryValue(name) != null;
  }

  String string(String name) {
    if (body == null) {
      return queryValue(name);
    }
    JsonNode n = node(name);
    if (n == null) {
      return null;
    }
    if (!n.isString()) {
      throw invalid(name, n, "a string");
    }
    return n.stringValue();
  }

  String requiredString(String name) {
    String value = string(name);
    if (value == null || value.isEmpty()) {
      throw missing(name);
    }
    return value;
  }

  /** A string that must be present but may be empty (tag and param values). */
  String presentString(String name) {
    String value = string(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  /**
   * The text of a scalar that arrives as a JSON string or in the query string; null when absent. A
   * JSON number is handed to {@code number} instead, and any other JSON type is an error.
   */
  private String scalarText(
      String name, String expected, java.util.function.Consumer<JsonNode> number) {
    if (body == null) {
      return queryValue(name);
    }
    JsonNode n = node(name);
    if (n == null) {
      return null;
    }
    if (n.isNumber()) {
      number.accept(n);
      return null;
    }
    if (!n.isString()) {
      throw invalid(name, n, expected);
    }
    return n.stringValue();
  }

  Long int64(String name) {
    Long[] fromNumber = new Long[1];
    String text =
        scalarText(
            name,
            "an integer",
            n -> {
              if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw invalid(name, n, "an integer");
              }
              fromNumber[0] = n.longValue();
            });
    if (fromNumber[0] != null || text == null) {
      return fromNumber[0];
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw invalid(name, text, "an integer");
    }
  }

  long requiredInt64(String name) {
    Long value = int64(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  Integer int32(String name) {
    Long value = int64(name);
    if (value == null) {
      return null;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw invalid(name, value, "a 32-bit integer");
    }
    return value.intValue();
  }

  double requiredDouble(String name) {
    Double[] fromNumber = new Double[1];
    String text = scalarText(name, "a number", n -> fromNumber[0] = n.doubleValue());
    if (fromNumber[0] != null) {
      return fromNumber[0];
    }
    if (text == null) {
      throw missing(name);
    }
    return switch (text.strip()) {
      case "NaN", "nan" -> Double.NaN;
      case "Infinity", "inf", "+Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
          throw invalid(name, text, "a number");
        }
      }
    };
  }

  Boolean bool(String name) {
    if (body == null) {
      String text = queryValue(name);
      if (text == null) {
        return null;
      }
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(text);
      }
      throw invalid(name, text, "true or false");
    }
    JsonNode n = node(name);
    if (n == null) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    throw invalid(name, n, "true or false");
  }

  /** A repeated string: a JSON array, or repeated query keys (also {@code name[]}). */
  List<String> strings(String name) {
    if (body == null) {
      List<String> out = new ArrayList<>(query.getOrDefault(name, List.of()));
      out.addAll(query.getOrDefault(name + "[]", List.of()));
      return out;
    }
    JsonNode n = node(name);
    if (n == null) {
      return List.of();
    }
    if (n.isString()) {
      return List.of(n.stringValue());
    }
    if (!n.isArray()) {
      throw invalid(name, n, "a list of strings");
    }
    List<String> out = new ArrayList<>(n.size());
    for (JsonNode item : n.values()) {
      if (!item.isString()) {
        throw invalid(name, n, "a list of strings");
      }
      out.add(item.stringValue());
    }
    return out;
  }

  /** A repeated message: a JSON array of objects. */
  List<MlflowRequest> objects(String name) {
    if (body == null) {
      if (queryValue(name) != null) {
        throw KibanException.invalid(
            "Parameter '" + path(name) + "' must be sent in a JSON request body");
      }
      return List.of();
    }
    JsonNode n = node(name);
    if (n == null) {
      return List.of();
    }
    if (!n.isArray()) {
      throw invalid(name, n, "a list of objects");
    }
    List<MlflowRequest> out = new ArrayList<>(n.size());
    int i = 0;
    for (JsonNode item : n.values()) {
      if (!item.isObject()) {
        throw invalid(name + "[" + i + "]", item, "an object");
      }
      out.add(new MlflowRequest(item, null, path(name) + "[" + i + "].", 0));
      i++;
    }
    return out;
  }

  MlflowRequest object(String name) {
    if (body == null) {
      return null;
    }
    JsonNode n = node(name);
    if (n == null) {
      return null;
    }
    if (!n.isObject()) {
      throw invalid(name, n, "an object");
    }
    return new MlflowRequest(n, null, path(name) + ".", 0);
  }

  List<Tag> tags(String name) {
    List<MlflowRequest> items = objects(name);
    List<Tag> tags = new ArrayList<>(items.size());
    for (MlflowRequest item : items) {
      tags.add(new Tag(item.requiredString("key"), item.presentString("value")));
    }
    return tags;
  }
}
