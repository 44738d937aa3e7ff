package io.kiban.storage;

import io.kiban.platform.error.KibanException;

/** Validates artifact paths: relative, no '..' or '.' segments, no backslashes or NULs. */
public final class ArtifactPath {

  private ArtifactPath() {}

  /**
   * Returns the path without leading/trailing slashes repeated inside; "" for the root.
   *
   * @throws KibanException "Invalid path" (400) for absolute paths, '..' segments and the like
   */
  public static String normalize(String path) {
    if (path == null || path.isEmpty()) {
      return "";
    }
    if (path.startsWith("/")
        || path.contains("\\")
        || path.indexOf('\0') >= 0
        || path.startsWith("~")
        || (path.length() > 1 && path.charAt(1) == ':')) {
      throw invalid();
    }
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals("..") || segment.equals(".")) {
        throw invalid();
      }
      if (!out.isEmpty()) {
        out.append('/');
      }
      out.append(segment);
    }
    return out.toString();
  }

  public static String join(String dir, String child) {
    return dir.isEmpty() ? child : dir + "/" + child;
  }

  static KibanException invalid() {
    return KibanException.invalid("Invalid path");
  }
}
