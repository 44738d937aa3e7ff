package io.kiban.identity;

import io.kiban.audit.AuditLog;
import io.kiban.identity.IdentityRepository.StoredUser;
import io.kiban.platform.config.KibanProperties;
import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creation, profiles, passwords, sign-in with lockout, and the principal per request. */
@Service
public class IdentityService {

  static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");

  /** Outcome of a password sign-in. */
  public sealed interface SignIn {
    record Success(KibanPrincipal principal) implements SignIn {}

    record Failure(String reason) implements SignIn {}

    record Locked(long until) implements SignIn {}
  }

  private final IdentityRepository repo;
  private final PasswordPolicy policy;
  private final PasswordHasher hasher;
  private final AccessControl access;
  private final AuditLog audit;
  private final Clock clock;
  private final KibanProperties.Identity settings;
  private final CredentialCache cache;

  public IdentityService(
      IdentityRepository repo,
      PasswordPolicy policy,
      PasswordHasher hasher,
      AccessControl access,
      AuditLog audit,
      Clock clock,
      KibanProperties properties,
      CredentialCache cache) {
    this.repo = repo;
    this.policy = policy;
    this.hasher = hasher;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
    this.settings = properties.identity();
    this.cache = cache;
  }

  // --- the principal of a request

  /** The active user's principal with fresh grants; empty when the account is gone or inactive. */
  @Transactional(readOnly = true)
  public Optional<KibanPrincipal> principal(long userId) {
    return repo.findUser(userId)
        .map(StoredUser::user)
        .filter(User::active)
        .map(
            u ->
                new KibanPrincipal(
                    u.userId(), u.username(), u.displayName(), repo.grantsOf(u.userId())));
  }

  /** The principal of the named active account, if any. */
  @Transactional(readOnly = true)
  public Optional<KibanPrincipal> principal(String username) {
    String name = normalize(username);
    return name == null
        ? Optional.empty()
        : repo.findUser(name).flatMap(u -> principal(u.user().userId()));
  }

  // --- sign-in

  /**
   * Checks a password. Failures count towards a lockout that doubles with every further failure;
   * unknown users cost the same time as known ones, and the answer never says which it was.
   */
  @Transactional(noRollbackFor = KibanException.class)
  public SignIn signIn(String username, String password) {
    String name = normalize(username);
    if (name == null || password == null || password.isEmpty()) {
      hasher.burn(password == null ? "" : password);
      return new SignIn.Failure("missing");
    }
    Optional<StoredUser> found = repo.findUserForUpdate(name);
    long now = clock.millis();
    if (found.isEmpty()) {
      hasher.burn(password);
      return new SignIn.Failure("bad_credentials");
    }
    User user = found.get().user();
    if (user.lockedAt(now)) {
      return new SignIn.Locked(user.lockedUntil());
    }
    if (!user.active() || !hasher.matches(password, found.get().passwordHash())) {
      int failures = user.failedAttempts() + 1;
      long lockedUntil = 0;
      if (failures >= settings.maxFailedSignIns()) {
        int over = Math.min(failures - settings.maxFailedSignIns(), 10);
        long seconds = Math.min(3600L, (long) settings.lockoutSeconds() << over);
        lockedUntil = now + seconds * 1000;
      }
      repo.recordFailure(user.userId(), failures, lockedUntil);
      audit.record(
          lockedUntil > 0 ? "user.locked" : "user.sign_in_failed",
          "user",
          user.username(),
          JsonText.object("failed_attempts", String.valueOf(failures)));
      return lockedUntil > 0
          ? new SignIn.Locked(lockedUntil)
          : new SignIn.Failure("bad_credentials");
    }
    repo.recordSignIn(user.userId(), now);
    return new SignIn.Success(
        new KibanPrincipal(
            user.userId(), user.username(), user.displayName(), repo.grantsOf(user.userId())));
  }

  // --- accounts (administrators)

  @Transactional
  public User create(
      String username, String displayName, String email, String kind, String password) {
    access.requireGlobal(Permission.ADMIN);
    return createUnchecked(username, displayName, email, kind, password);
  }

  /** Creates the first administrator; only when no account exists yet. */
  @Transactional(propagation = Propagation.REQUIRED)
  public Optional<User> bootstrapAdmin(String password) {
    if (repo.countUsers() > 0) {
      return Optional.empty();
    }
    return Optional.of(
        access.asSystem(
            () -> {
              User admin = createUnchecked("admin", "Administrator", null, User.HUMAN, password);
              repo.insertGrant(
                  admin.userId(), Role.ADMIN, Grant.GLOBAL, "manual", clock.millis(), "system");
              audit.record(
                  "grant.created",
                  "user",
                  admin.username(),
                  JsonText.object("role", Role.ADMIN.wireName(), "workspace", Grant.GLOBAL));
              return admin;
            }));
  }

  private User createUnchecked(
      String username, String displayName, String email, String kind, String password) {
    String name = requireUsername(username);
    String userKind = kind == null || kind.isBlank() ? User.HUMAN : kind.strip();
    if (!User.HUMAN.equals(userKind) && !User.SERVICE.equals(userKind)) {
      throw KibanException.invalid("Unknown account kind '" + kind + "'; use human or service.");
    }
    String hash = null;
    if (User.SERVICE.equals(userKind)) {
      if (password != null && !password.isEmpty()) {
        throw KibanException.invalid("Service accounts have no password; they use API tokens.");
      }
    } else {
      policy.check(name, password);
      hash = hasher.hash(password);
    }
    String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
    checkLength("display_name", display, 256);
    String mail = email == null || email.isBlank() ? null : email.strip();
    if (mail != null && (mail.length() > 320 || !mail.contains("@"))) {
      throw KibanException.invalid("The e-mail address '" + mail + "' is not valid.");
    }
    if (repo.findUser(name).isPresent()) {
      throw KibanException.alreadyExists("A user named '" + name + "' already exists.");
    }
    long id;
    try {
      id = repo.insertUser(name, display, mail, userKind, User.LOCAL, null, hash, clock.millis());
    } catch (DuplicateKeyException e) {
      throw KibanException.alreadyExists("A user named '" + name + "' already exists.");
    }
    audit.record(
        "user.created",
        "user",
        name,
        JsonText.object("kind", userKind, "display_name", display, "email", mail));
    return repo.findUser(id).orElseThrow().user();
  }

  /** The active accounts holding the role in the workspace (directly or in all workspaces). */
  @Transactional(readOnly = true)
  public List<String> holders(Role role, String workspace) {
    return repo.activeHolders(role, workspace);
  }

  @Transactional(readOnly = true)
  public List<User> list() {
    access.requireGlobal(Permission.ADMIN);
    return repo.listUsers();
  }

  @Transactional(readOnly = true)
  public User get(String username) {
    KibanPrincipal me = access.current();
    User user = stored(username).user();
    if (user.userId() != me.userId()) {
      access.requireGlobal(Permission.ADMIN);
    }
    return user;
  }

  @Transactional
  public User updateProfile(String username, String displayName, String email) {
    access.requireGlobal(Permission.ADMIN);
    User user = stored(username).user();
    String display =
        displayName == null || displayName.isBlank() ? user.displayName() : displayName.strip();
    checkLength("display_name", display, 256);
    String mail = email == null ? user.email() : (email.isBlank() ? null : email.strip());
    if (mail != null && (mail.length() > 320 || !mail.contains("@"))) {
      throw KibanException.invalid("The e-mail address '" + mail + "' is not valid.");
    }
    repo.updateProfile(user.userId(), display, mail);
    audit.record(
        "user.updated",
        "user",
        user.username(),
        JsonText.object(
            "before_display_name",
            user.displayName(),
            "display_name",
            display,
            "before_email",
            user.email(),
            "email",
            mail));
    return repo.findUser(user.userId()).orElseThrow().user();
  }

  @Transactional
  public User setActive(String username, boolean active) {
    access.requireGlobal(Permission.ADMIN);
    User user = stored(username).user();
    if (!active && user.userId() == access.current().userId()) {
      throw KibanException.invalid("You cannot deactivate your own account.");
    }
    if (!active
        && repo.grantsOf(user.userId()).stream().anyMatch(g -> g.role() == Role.ADMIN && g.global())
        && repo.countGlobalAdmins() <= 1) {
      throw KibanException.invalid("'" + user.username() + "' is the last active administrator.");
    }
    repo.setActive(user.userId(), active);
    if (!active) {
      repo.revokeTokensOf(user.userId(), clock.millis());
    }
    cache.clear();
    audit.record(
        active ? "user.activated" : "user.deactivated",
        "user",
        user.username(),
        JsonText.object("active", String.valueOf(active)));
    return repo.findUser(user.userId()).orElseThrow().user();
  }

  @Transactional
  public void unlock(String username) {
    access.requireGlobal(Permission.ADMIN);
    User user = stored(username).user();
    repo.unlock(user.userId());
    audit.record("user.unlocked", "user", user.username(), "{}");
  }

  /** An administrator sets a new password (for example after a forgotten one). */
  @Transactional
  public void resetPassword(String username, String newPassword) {
    access.requireGlobal(Permission.ADMIN);
    User user = stored(username).user();
    requireLocal(user);
    policy.check(user.username(), newPassword);
    repo.setPassword(user.userId(), hasher.hash(newPassword), clock.millis());
    cache.clear();
    audit.record("user.password_reset", "user", user.username(), "{}");
  }

  /** The signed-in user changes their own password, proving the current one. */
  @Transactional(noRollbackFor = KibanException.class)
  public void changeOwnPassword(String currentPassword, String newPassword) {
    KibanPrincipal me = access.current();
    StoredUser user = repo.findUser(me.userId()).orElseThrow();
    requireLocal(user.user());
    if (currentPassword == null || !hasher.matches(currentPassword, user.passwordHash())) {
      throw KibanException.invalid("The current password is not correct.");
    }
    if (currentPassword.equals(newPassword)) {
      throw KibanException.invalid("The new password must differ from the current one.");
    }
    policy.check(user.user().username(), newPassword);
    repo.setPassword(me.userId(), hasher.hash(newPassword), clock.millis());
    cache.clear();
    audit.record("user.password_changed", "user", me.username(), "{}");
  }

  // --- single sign-on

  /**
   * The account of a user signing in through OpenID Connect, created on first sign-in; its
   * provider-given grants are replaced by the mapped ones each time.
   */
  @Transactional
  public KibanPrincipal oidcSignIn(
      String subject,
      String username,
      String displayName,
      String email,
      List<RoleMapping.Target> grants) {
    return access.asSystem(
        () -> {
          String name = requireUsername(username);
          Optional<StoredUser> bySubject = repo.findByExternalSubject(subject);
          long userId;
          if (bySubject.isPresent()) {
            userId = bySubject.get().user().userId();
            if (!bySubject.get().user().active()) {
              throw new KibanException(ErrorCode.PERMISSION_DENIED, "This account is deactivated.");
            }
          } else {
            Optional<StoredUser> byName = repo.findUser(name);
            if (byName.isPresent()) {
              throw new KibanException(
                  ErrorCode.PERMISSION_DENIED,
                  "A local account named '"
                      + name
                      + "' already exists; an administrator must resolve the clash.");
            }
            String display = displayName == null || displayName.isBlank() ? name : displayName;
            userId =
                repo.insertUser(
                    name,
                    display.length() > 256 ? display.substring(0, 256) : display,
                    email,
                    User.HUMAN,
                    User.OIDC,
                    subject,
                    null,
                    clock.millis());
            audit.record("user.created", "user", name, JsonText.object("source", User.OIDC));
          }
          List<Grant> before =
              repo.grantsOf(userId).stream().filter(g -> "oidc".equals(g.origin())).toList();
          repo.deleteGrantsOfOrigin(userId, "oidc");
          for (RoleMapping.Target target : grants) {
            if (repo.workspace(target.workspace()).isEmpty()
                && !Grant.GLOBAL.equals(target.workspace())) {
              continue;
            }
            if (!repo.grantExists(userId, target.role(), target.workspace())) {
              repo.insertGrant(
                  userId, target.role(), target.workspace(), "oidc", clock.millis(), "oidc");
            }
          }
          List<Grant> after =
              repo.grantsOf(userId).stream().filter(g -> "oidc".equals(g.origin())).toList();
          if (!describe(before).equals(describe(after))) {
            audit.record(
                "grant.synced",
                "user",
                name,
                JsonText.object("before", describe(before), "after", describe(after)));
          }
          repo.recordSignIn(userId, clock.millis());
          return principal(userId).orElseThrow();
        });
  }

  private static String describe(List<Grant> grants) {
    return String.join(
        ",", grants.stream().map(g -> g.role().wireName() + "@" + g.workspace()).sorted().toList());
  }

  // --- helpers

  StoredUser stored(String username) {
    String name = normalize(username);
    return repo.findUser(name == null ? "" : name)
        .orElseThrow(() -> KibanException.notFound("User '" + username + "' does not exist."));
  }

  private static void requireLocal(User user) {
    if (!User.LOCAL.equals(user.source()) || User.SERVICE.equals(user.kind())) {
      throw KibanException.invalid(
          "'" + user.username() + "' has no Kiban password (service account or single sign-on).");
    }
  }

  static String normalize(String username) {
    return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
  }

  static String requireUsername(String username) {
    String name = normalize(username);
    if (name == null || !USERNAME.matcher(name).matches()) {
      throw KibanException.invalid(
          "A username has 2 to 64 characters: letters, digits and . _ @ -, starting with a letter"
              + " or digit.");
    }
    return name;
  }

  private static void checkLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw KibanException.invalid("'" + field + "' is longer than " + max + " characters.");
    }
  }
}
