package io.kiban.tracking;

import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.identity.WorkspaceScope;
import io.kiban.platform.error.KibanException;
import io.kiban.storage.ArtifactEntry;
import io.kiban.storage.ArtifactStore;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The artifact store as clients reach it through the MLflow artifact proxy. Every path starts with
 * the experiment id ({@code <experiment>/<run>/artifacts/...}), so the experiment's workspace
 * decides who may read (READ) and write (TRACK) it; paths outside any experiment need the
 * permission in all workspaces.
 */
@Service
public class ArtifactService {

  private final ArtifactStore store;
  private final ExperimentRepository experiments;
  private final AccessControl access;

  ArtifactService(ArtifactStore store, ExperimentRepository experiments, AccessControl access) {
    this.store = store;
    this.experiments = experiments;
    this.access = access;
  }

  public List<ArtifactEntry> list(String path) {
    if (path.isEmpty()) {
      WorkspaceScope scope = access.readable();
      return store.list(path).stream()
          .filter(
              e -> scope.unrestricted() || workspaceOf(e.path()).map(scope::includes).orElse(false))
          .toList();
    }
    authorize(path, Permission.READ);
    return store.list(path);
  }

  public long put(String path, InputStream content) {
    authorize(path, Permission.TRACK);
    return store.put(path, content);
  }

  public Optional<ArtifactStore.Content> open(String path) {
    authorize(path, Permission.READ);
    return store.open(path);
  }

  public boolean isDirectory(String path) {
    authorize(path, Permission.READ);
    return store.isDirectory(path);
  }

  public boolean delete(String path) {
    authorize(path, Permission.TRACK);
    return store.delete(path);
  }

  private void authorize(String path, Permission permission) {
    String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
    Optional<String> workspace = workspaceOf(first);
    if (workspace.isPresent()) {
      access.require(permission, workspace.get());
    } else {
      access.requireGlobal(permission);
    }
  }

  private Optional<String> workspaceOf(String segment) {
    if (segment.isEmpty()
        || segment.length() > 18
        || !segment.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    try {
      return experiments.workspaceOf(Long.parseLong(segment));
    } catch (NumberFormatException | KibanException e) {
      return Optional.empty();
    }
  }
}
