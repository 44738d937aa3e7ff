package io.kiban.identity;

import java.util.List;
import java.util.Set;

/**
 * The workspaces a query may return: every one, or a listed set (possibly empty). Repositories turn
 * it into a {@code workspace IN (...)} condition.
 */
public record WorkspaceScope(boolean unrestricted, List<String> workspaces) {

  private static final WorkspaceScope ALL = new WorkspaceScope(true, List.of());

  public WorkspaceScope {
    workspaces = List.copyOf(workspaces);
  }

  public static WorkspaceScope all() {
    return ALL;
  }

  public static WorkspaceScope of(Set<String> names) {
    return new WorkspaceScope(false, List.copyOf(names));
  }

  public boolean includes(String workspace) {
    return unrestricted || workspaces.contains(workspace);
  }

  public boolean empty() {
    return !unrestricted && workspaces.isEmpty();
  }
}
