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
    @DefaultValue Artifacts artifacts,
    @DefaultValue Security security) {

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

  /**
   * @param allowedHosts Host header values accepted (names, optionally with :port), besides the
   *     loopback names and the configured host; "*" accepts any (not recommended)
   * @param corsAllowedOrigins origins allowed to call the API from a browser; empty: none
   * @param behindProxy trust X-Forwarded-* headers from a TLS-terminating reverse proxy
   * @param allowUnauthenticatedRemote listen on a non-loopback address although sign-in does not
   *     exist yet; for isolated networks only, logged loudly
   */
  public record Security(
      @DefaultValue("") java.util.List<String> allowedHosts,
      @DefaultValue("") java.util.List<String> corsAllowedOrigins,
      @DefaultValue("false") boolean behindProxy,
      @DefaultValue("false") boolean allowUnauthenticatedRemote) {}

  /** True when the configured host is a loopback address (127.0.0.0/8, ::1 or localhost). */
  public boolean loopbackOnly() {
    String h = host.strip().toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
  }

  public Path artifactRoot() {
    return artifacts.root().isBlank()
        ? dataDir.resolve("artifacts").toAbsolutePath().normalize()
        : Path.of(artifacts.root()).toAbsolutePath().normalize();
  }

  public boolean embeddedDatabase() {
    return database.url().isBlank() || database.url().startsWith("jdbc:h2:");
  }
}
