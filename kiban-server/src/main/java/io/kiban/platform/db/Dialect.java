package io.kiban.platform.db;

/** The two databases Kiban runs on. SQL is written once for both; this names the few forks. */
public enum Dialect {
  H2,
  POSTGRESQL;

  public static Dialect fromJdbcUrl(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    throw new IllegalArgumentException(
        "Unsupported database URL '"
            + url
            + "': use jdbc:postgresql://HOST:PORT/DB or leave it empty for the embedded database");
  }
}
