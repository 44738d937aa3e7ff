package io.kiban.identity;

import io.kiban.audit.AuditLog;
import io.kiban.identity.IdentityRepository.StoredUser;
import io.kiban.platform.config.KibanProperties;
import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal and service-account API tokens. The secret is 256 random bits, shown once; only its
 * SHA-256 is stored, so a stolen database does not yield usable tokens.
 */
@Service
public class TokenService {

  public static final String PREFIX = "kbn_";
  private static final long DAY = 86_400_000L;
  private static final long TOUCH_INTERVAL = 60_000L;

  /** A new token: its metadata and the secret, which is never available again. */
  public record Created(ApiToken token, String secret) {}

  private final IdentityRepository repo;
  private final IdentityService users;
  private final AccessControl access;
  private final AuditLog audit;
  private final Clock clock;
  private final RateLimiter limiter;
  private final KibanProperties properties;
  private final SecureRandom random = new SecureRandom();

  public TokenService(
      IdentityRepository repo,
      IdentityService users,
      AccessControl access,
      AuditLog audit,
      Clock clock,
      RateLimiter limiter,
      KibanProperties properties) {
    this.repo = repo;
    this.users = users;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
    this.limiter = limiter;
    this.properties = properties;
  }

  /**
   * Creates a token for the signed-in user, or (administrators) for another account such as a
   * service account.
   *
   * @param owner username, or null for oneself
   * @param expiresInDays lifetime; null for the default, at most the configured maximum
   */
  @Transactional
  public Created create(String owner, String name, Integer expiresInDays) {
    KibanPrincipal me = access.current();
    if (!limiter.tryAcquire(
        "token:" + me.username(), properties.security().tokenRequestsPerMinute())) {
      throw new KibanException(
          ErrorCode.REQUEST_LIMIT_EXCEEDED,
          "Too many tokens created in the last minute; try again in "
              + limiter.retryAfterSeconds("token:" + me.username())
              + " seconds.");
    }
    StoredUser user;
    if (owner == null
        || owner.isBlank()
        || IdentityService.normalize(owner).equals(me.username())) {
      user = repo.findUser(me.userId()).orElseThrow(() -> KibanException.notFound("No such user."));
    } else {
      access.requireGlobal(Permission.ADMIN);
      user = users.stored(owner);
    }
    if (!user.user().active()) {
      throw KibanException.invalid("'" + user.user().username() + "' is deactivated.");
    }
    String label = name == null ? "" : name.strip();
    if (label.isEmpty() || label.length() > 128) {
      throw KibanException.invalid("A token needs a name of 1 to 128 characters.");
    }
    int maxDays = properties.identity().tokenMaxDays();
    int days = expiresInDays == null ? properties.identity().tokenDefaultDays() : expiresInDays;
    if (days < 1 || days > maxDays) {
      throw KibanException.invalid("'expires_in_days' must be between 1 and " + maxDays + ".");
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long now = clock.millis();
    repo.insertToken(
        user.user().userId(),
        label,
        hash(secret),
        secret.substring(0, PREFIX.length() + 6),
        now,
        me.username(),
        now + days * DAY);
    long id = repo.newestTokenId(user.user().userId());
    audit.record(
        "token.created",
        "api_token",
        String.valueOf(id),
        JsonText.object(
            "owner",
            user.user().username(),
            "name",
            label,
            "expires_in_days",
            String.valueOf(days)));
    return new Created(repo.token(id).orElseThrow(), secret);
  }

  @Transactional(readOnly = true)
  public List<ApiToken> mine() {
    return repo.tokensOf(access.current().userId());
  }

  @Transactional(readOnly = true)
  public List<ApiToken> of(String username) {
    KibanPrincipal me = access.current();
    StoredUser user = users.stored(username);
    if (user.user().userId() != me.userId()) {
      access.requireGlobal(Permission.ADMIN);
    }
    return repo.tokensOf(user.user().userId());
  }

  @Transactional(readOnly = true)
  public List<ApiToken> all() {
    access.requireGlobal(Permission.ADMIN);
    return repo.allTokens();
  }

  /** Revokes a token at once; its owner may, and so may administrators. */
  @Transactional
  public ApiToken revoke(long tokenId) {
    KibanPrincipal me = access.current();
    ApiToken token =
        repo.token(tokenId)
            .orElseThrow(() -> KibanException.notFound("Token " + tokenId + " does not exist."));
    if (token.userId() != me.userId()) {
      access.requireGlobal(Permission.ADMIN);
    }
    if (token.revokedAt() == null) {
      repo.revokeToken(tokenId, clock.millis());
      audit.record(
          "token.revoked",
          "api_token",
          String.valueOf(tokenId),
          JsonText.object("owner", token.username(), "name", token.name()));
    }
    return repo.token(tokenId).orElseThrow();
  }

  /**
   * The principal a token stands for, when it is known, unrevoked, unexpired and its user active.
   */
  @Transactional
  public Optional<KibanPrincipal> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
      return Optional.empty();
    }
    long now = clock.millis();
    Optional<ApiToken> token = repo.tokenByHash(hash(secret)).filter(t -> t.usableAt(now));
    if (token.isEmpty()) {
      return Optional.empty();
    }
    Optional<KibanPrincipal> principal = users.principal(token.get().userId());
    if (principal.isPresent()
        && (token.get().lastUsedAt() == null || token.get().lastUsedAt() < now - TOUCH_INTERVAL)) {
      repo.touchToken(token.get().tokenId(), now);
    }
    return principal;
  }

  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
