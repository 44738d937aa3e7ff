package io.kiban.identity;

import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The one place where permissions are checked. Every service asks it before reading or changing
 * anything of a workspace; controllers and pages never decide access themselves.
 */
@Component
public class AccessControl {

  private static final ThreadLocal<Boolean> SYSTEM = new ThreadLocal<>();

  private final PrincipalSource source;

  public AccessControl(PrincipalSource source) {
    this.source = source;
  }

  /** The acting principal; refuses when nobody is signed in. */
  public KibanPrincipal current() {
    if (Boolean.TRUE.equals(SYSTEM.get())) {
      return KibanPrincipal.SYSTEM;
    }
    return source
        .current()
        .orElseThrow(
            () ->
                new KibanException(
                    ErrorCode.UNAUTHENTICATED,
                    "Sign in or send an API token (Authorization: Bearer <token>)."));
  }

  /** The actor name for audit events, "system" for Kiban's own work, or null when none. */
  public String actorName() {
    if (Boolean.TRUE.equals(SYSTEM.get())) {
      return KibanPrincipal.SYSTEM.username();
    }
    return source.current().map(KibanPrincipal::username).orElse(null);
  }

  public void require(Permission permission, String workspace) {
    KibanPrincipal principal = current();
    if (!principal.can(permission, workspace)) {
      throw denied(principal, permission, "workspace '" + workspace + "'");
    }
  }

  public void requireGlobal(Permission permission) {
    KibanPrincipal principal = current();
    if (!principal.canGlobally(permission)) {
      throw denied(principal, permission, "all workspaces");
    }
  }

  public boolean can(Permission permission, String workspace) {
    return current().can(permission, workspace);
  }

  /** The workspaces the current principal may read. */
  public WorkspaceScope readable() {
    return current().scope(Permission.READ);
  }

  public WorkspaceScope scope(Permission permission) {
    return current().scope(permission);
  }

  /**
   * Where something new goes when the client did not name a workspace: the first workspace where
   * the principal holds the permission, or "default" when a global grant gives it.
   */
  public String defaultWorkspace(Permission permission) {
    KibanPrincipal principal = current();
    for (Grant grant : principal.grants()) {
      if (!grant.global() && grant.role().allows(permission)) {
        return grant.workspace();
      }
    }
    if (principal.canGlobally(permission)) {
      return Workspaces.DEFAULT;
    }
    throw denied(principal, permission, "any workspace");
  }

  /** Runs Kiban's own work (start-up, jobs) with every permission. */
  public <T> T asSystem(Supplier<T> work) {
    Boolean previous = SYSTEM.get();
    SYSTEM.set(Boolean.TRUE);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        SYSTEM.remove();
      } else {
        SYSTEM.set(previous);
      }
    }
  }

  public void asSystem(Runnable work) {
    asSystem(
        () -> {
          work.run();
          return null;
        });
  }

  private static KibanException denied(
      KibanPrincipal principal, Permission permission, String where) {
    return new KibanException(
        ErrorCode.PERMISSION_DENIED,
        "User '"
            + principal.username()
            + "' lacks the "
            + permission.name().toLowerCase(java.util.Locale.ROOT)
            + " permission in "
            + where
            + ".");
  }
}
