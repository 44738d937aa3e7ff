package io.kiban.tracking;

import io.kiban.platform.error.KibanException;
import java.util.regex.Pattern;

/** MLflow's rules for names, keys and value sizes, with messages that say what to fix. */
public final class Validation {

  static final int MAX_KEY_LENGTH = 250;
  static final int MAX_PARAM_VALUE_LENGTH = 6000;
  static final int MAX_RUN_TAG_VALUE_LENGTH = 8000;
  static final int MAX_EXPERIMENT_TAG_VALUE_LENGTH = 5000;
  static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
  static final int MAX_RUN_NAME_LENGTH = 250;
  static final int MAX_ARTIFACT_LOCATION_LENGTH = 2048;

  private static final Pattern RUN_ID = Pattern.compile("[a-zA-Z0-9][\\w\\-]{0,255}");

  private Validation() {}

  /** Validates a metric, param or tag key: MLflow's charset, length and path-uniqueness rules. */
  public static void key(String kind, String key) {
    if (key == null || key.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'key' of a " + kind);
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw KibanException.invalid(
          kind
              + " key '"
              + abbreviate(key)
              + "' is "
              + key.length()
              + " characters long; the limit is "
              + MAX_KEY_LENGTH);
    }
    if (!hasKeyChars(key)) {
      throw KibanException.invalid(
          "Invalid "
              + kind
              + " key '"
              + abbreviate(key)
              + "': names may only contain alphanumerics, underscores (_), dashes (-),"
              + " periods (.), spaces ( ), colons (:) and slashes (/)");
    }
    if (!isNormalPath(key)) {
      throw KibanException.invalid(
          "Invalid "
              + kind
              + " key '"
              + abbreviate(key)
              + "': names may not be '.', start with '/', contain '..' segments, '//' or './',"
              + " or end with '/'");
    }
  }

  /** MLflow's key charset: Unicode word characters, '/', '.', '-', ' ' and ':'. */
  private static boolean hasKeyChars(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean word = Character.isLetterOrDigit(c) || c == '_';
      if (!word && c != '/' && c != '.' && c != '-' && c != ' ' && c != ':') {
        return false;
      }
    }
    return true;
  }

  /** True when the key, read as a POSIX path, is already in normal form. */
  private static boolean isNormalPath(String key) {
    if (key.startsWith("/") || key.endsWith("/") || key.contains("//")) {
      return false;
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  static void runId(String runId) {
    if (runId == null || runId.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'run_id'.");
    }
    if (!RUN_ID.matcher(runId).matches()) {
      throw KibanException.invalid("Invalid value '" + abbreviate(runId) + "' for run_id");
    }
  }

  /** A page size: the default when absent, else between 1 and {@code max}. */
  public static int maxResults(Integer requested, int fallback, int max) {
    int limit = requested == null ? fallback : requested;
    if (limit < 1 || limit > max) {
      throw KibanException.invalid(
          "Invalid value "
              + limit
              + " for parameter 'max_results': it must be between 1 and "
              + max);
    }
    return limit;
  }

  static String truncate(String value, int limit) {
    return value.length() > limit ? value.substring(0, limit) : value;
  }

  public static void maxLength(String what, String value, int limit) {
    if (value != null && value.length() > limit) {
      throw KibanException.invalid(
          what + " is " + value.length() + " characters long; the limit is " + limit);
    }
  }

  static String abbreviate(String value) {
    return value.length() > 60 ? value.substring(0, 57) + "..." : value;
  }
}
