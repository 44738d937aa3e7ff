package io.kiban.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is acting, with the grants loaded fresh for the current request, so a revoked grant or a
 * deactivated account takes effect at once.
 */
public record KibanPrincipal(long userId, String username, String displayName, List<Grant> grants) {

  /** The principal of work Kiban does by itself (start-up, background jobs). */
  public static final KibanPrincipal SYSTEM =
      new KibanPrincipal(
          0, "system", "Kiban", List.of(new Grant(0, Role.ADMIN, Grant.GLOBAL, "system")));

  public KibanPrincipal {
    grants = List.copyOf(grants);
  }

  public boolean can(Permission permission, String workspace) {
    for (Grant grant : grants) {
      if (grant.covers(workspace) && grant.role().allows(permission)) {
        return true;
      }
    }
    return false;
  }

  public boolean canGlobally(Permission permission) {
    for (Grant grant : grants) {
      if (grant.global() && grant.role().allows(permission)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The workspaces where the permission holds; {@link WorkspaceScope#all()} when a global grant
   * gives it.
   */
  public WorkspaceScope scope(Permission permission) {
    Set<String> names = new LinkedHashSet<>();
    for (Grant grant : grants) {
      if (grant.role().allows(permission)) {
        if (grant.global()) {
          return WorkspaceScope.all();
        }
        names.add(grant.workspace());
      }
    }
    return WorkspaceScope.of(names);
  }

  /** Whether a grant of this role covers the workspace. */
  public boolean holds(Role role, String workspace) {
    return grants.stream().anyMatch(g -> g.role() == role && g.covers(workspace));
  }

  public boolean hasRole(Role role) {
    return grants.stream().anyMatch(g -> g.role() == role);
  }
}
