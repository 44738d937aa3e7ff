package io.kiban.platform.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kiban's typed configuration. Every property has a default that gives a one-command start; each is
 * settable as {@code kiban.*} property or {@code KIBAN_*} environment variable.
 *
 * @param host address the HTTP server binds to
 * @param port HTTP port
 * @param dataDir directory for the embedded database and local artifacts
 * @param database database connection; empty URL means the embedded H2 file database
 * @param artifacts artifact storage; empty root means {@code <dataDir>/artifacts}
 */
@ConfigurationProperties("kiban")
public record KibanProperties(
    @DefaultValue("127.0.0.1") String host,
    @DefaultValue("5000") int port,
    @DefaultValue("./kiban-data") Path dataDir,
    @DefaultValue Database database,
    @DefaultValue Artifacts artifacts) {

  /**
   * @param url JDBC URL ({@code jdbc:postgresql://...} or {@code jdbc:h2:...}); empty for the
   *     embedded default
   * @param user database user (may also be given as URL parameter)
   * @param password database password (may also be given as URL parameter)
   * @param maxPoolSize largest number of pooled connections
   */
  public record Database(
      @DefaultValue("") String url,
      @DefaultValue("") String user,
      @DefaultValue("") String password,
      @DefaultValue("16") int maxPoolSize) {}

  /**
   * @param root directory of the local artifact store; empty for {@code <dataDir>/artifacts}
   */
  public record Artifacts(@DefaultValue("") String root) {}

  public Path artifactRoot() {
    return artifacts.root().isBlank()
        ? dataDir.resolve("artifacts").toAbsolutePath().normalize()
        : Path.of(artifacts.root()).toAbsolutePath().normalize();
  }

  public boolean embeddedDatabase() {
    return database.url().isBlank() || database.url().startsWith("jdbc:h2:");
  }
}
