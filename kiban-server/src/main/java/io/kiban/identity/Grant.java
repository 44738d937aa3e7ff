package io.kiban.identity;

/**
 * A role held by a user, in one workspace or everywhere ({@link #GLOBAL}).
 *
 * @param origin "manual" when an administrator granted it, "oidc" when it follows a group claim
 */
public record Grant(long grantId, Role role, String workspace, String origin) {

  public static final String GLOBAL = "*";

  public boolean global() {
    return GLOBAL.equals(workspace);
  }

  public boolean covers(String workspaceName) {
    return global() || workspace.equals(workspaceName);
  }
}
