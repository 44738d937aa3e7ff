package io.kiban.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Databases for integration tests. H2 gets a fresh file database in a temp directory; PostgreSQL
 * gets a fresh schema in the database named by KIBAN_TEST_POSTGRES_URL (default: kiban_test on
 * 127.0.0.1:5432, created if missing).
 */
public final class TestDatabases {

  public static final String POSTGRES_URL =
      System.getenv()
          .getOrDefault(
              "KIBAN_TEST_POSTGRES_URL",
              "jdbc:postgresql://127.0.0.1:5432/kiban_test?user=postgres");

  private TestDatabases() {}

  public static Path tempDataDir() {
    try {
      return Files.createTempDirectory("kiban-it-");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void h2(DynamicPropertyRegistry registry) {
    Path dir = tempDataDir();
    registry.add("kiban.data-dir", dir::toString);
    registry.add("kiban.database.url", () -> "");
  }

  public static void postgres(DynamicPropertyRegistry registry) {
    String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(ensureDatabase())) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is not reachable at "
              + POSTGRES_URL
              + " (set KIBAN_TEST_POSTGRES_URL): "
              + e.getMessage(),
          e);
    }
    String separator = POSTGRES_URL.contains("?") ? "&" : "?";
    registry.add("kiban.data-dir", () -> tempDataDir().toString());
    registry.add("kiban.database.url", () -> POSTGRES_URL + separator + "currentSchema=" + schema);
    // Test contexts stay cached while the suite runs; small pools keep the PostgreSQL suites
    // together well under the server's connection limit.
    registry.add("kiban.database.max-pool-size", () -> "4");
  }

  /** Creates the test database when the server is reachable but the database is missing. */
  private static String ensureDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection(POSTGRES_URL)) {
      return POSTGRES_URL;
    } catch (SQLException e) {
      if (!"3D000".equals(e.getSQLState())) {
        throw e;
      }
    }
    String name = POSTGRES_URL.replaceAll("^jdbc:postgresql://[^/]+/([^?]+).*$", "$1");
    String admin = POSTGRES_URL.replace("/" + name, "/postgres");
    try (Connection c = DriverManager.getConnection(admin)) {
      c.createStatement().execute("CREATE DATABASE " + name.toLowerCase(Locale.ROOT));
    }
    return POSTGRES_URL;
  }

  /** True when PostgreSQL answers at the test URL's host. */
  public static boolean postgresReachable() {
    String admin = POSTGRES_URL.replaceAll("^(jdbc:postgresql://[^/]+/)[^?]+", "$1postgres");
    try (Connection c = DriverManager.getConnection(admin)) {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }
}
