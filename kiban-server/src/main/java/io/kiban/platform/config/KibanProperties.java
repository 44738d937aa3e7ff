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
    @DefaultValue Security security,
    @DefaultValue Identity identity,
    @DefaultValue Oidc oidc,
    @DefaultValue Registry registry,
    @DefaultValue Governance governance) {

  /**
   * @param residencyRules data-residency rules, each {@code id:categories:locations} with {@code +}
   *     between several values, e.g. {@code
   *     personal-data-in-country:personal+special_care:overseas} (a use case with one of the data
   *     categories must not store or process data, or use a vendor, at one of the locations)
   */
  public record Governance(
      @DefaultValue(
              "personal-data-in-country:personal+special_care:overseas,"
                  + "confidential-data-in-country:confidential:overseas")
          java.util.List<String> residencyRules,
      @DefaultValue("5") int riskMatrixSize,
      @DefaultValue("low:4,medium:9,high:15,very_high:25") java.util.List<String> riskLevels,
      @DefaultValue("low:model_owner,medium:business_owner,high:caio,very_high:caio")
          java.util.List<String> riskAcceptance) {}

  /**
   * @param productionAliases aliases that put a version into production; setting or removing them
   *     needs the promote permission (and, with governance, passes the gate)
   */
  public record Registry(
      @DefaultValue("production,champion,prod") java.util.List<String> productionAliases) {}

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
   * @param behindProxy trust X-Forwarded-* headers from a TLS-terminating reverse proxy (also marks
   *     the session cookie Secure)
   * @param secureCookies mark the session cookie Secure (automatic on direct HTTPS)
   * @param insecureDevNoAuth development only: every request acts as a built-in administrator; only
   *     accepted while listening on loopback, logged loudly
   * @param maxJsonBody largest JSON request body accepted by the APIs, in bytes
   * @param signInPerMinute sign-in attempts accepted per client address and minute
   * @param tokenRequestsPerMinute token creations accepted per user and minute
   */
  public record Security(
      @DefaultValue("") java.util.List<String> allowedHosts,
      @DefaultValue("") java.util.List<String> corsAllowedOrigins,
      @DefaultValue("false") boolean behindProxy,
      @DefaultValue("false") boolean secureCookies,
      @DefaultValue("false") boolean insecureDevNoAuth,
      @DefaultValue("33554432") long maxJsonBody,
      @DefaultValue("10") int signInPerMinute,
      @DefaultValue("10") int tokenRequestsPerMinute) {}

  /**
   * @param adminPassword password of the {@code admin} account created on first start; when empty
   *     one is generated, printed once and written to {@code <dataDir>/initial-admin-password}
   * @param passwordMinLength shortest password accepted
   * @param maxFailedSignIns failed sign-ins in a row before the account is locked
   * @param lockoutSeconds first lockout; it doubles with each further failure, up to one hour
   * @param tokenDefaultDays lifetime of a new API token when the request names none
   * @param tokenMaxDays longest lifetime an API token may have
   * @param basicAuthCacheSeconds how long a verified HTTP Basic password is remembered in memory,
   *     so MLflow clients that send it on every request are not slowed by password hashing
   */
  public record Identity(
      @DefaultValue("") String adminPassword,
      @DefaultValue("12") int passwordMinLength,
      @DefaultValue("5") int maxFailedSignIns,
      @DefaultValue("60") int lockoutSeconds,
      @DefaultValue("90") int tokenDefaultDays,
      @DefaultValue("730") int tokenMaxDays,
      @DefaultValue("30") int basicAuthCacheSeconds) {}

  /**
   * Single sign-on with OpenID Connect (authorization code flow with PKCE).
   *
   * @param enabled show "sign in with SSO" and accept users of the provider
   * @param issuerUri the provider's issuer (discovery at {@code /.well-known/openid-configuration})
   * @param clientId client registered at the provider
   * @param clientSecret its secret (empty for a public client)
   * @param scopes scopes requested
   * @param usernameClaim claim that becomes the Kiban username
   * @param groupsClaim claim holding the user's groups or roles
   * @param roleMappings {@code group=role} or {@code group=role@workspace}; a user's grants from
   *     the provider are replaced with the mapped ones at every sign-in
   * @param buttonLabel text of the sign-in button
   */
  public record Oidc(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("") String issuerUri,
      @DefaultValue("") String clientId,
      @DefaultValue("") String clientSecret,
      @DefaultValue("openid,profile,email") java.util.List<String> scopes,
      @DefaultValue("preferred_username") String usernameClaim,
      @DefaultValue("groups") String groupsClaim,
      @DefaultValue("") java.util.List<String> roleMappings,
      @DefaultValue("") String buttonLabel) {}

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
