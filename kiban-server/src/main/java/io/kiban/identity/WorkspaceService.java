package io.kiban.identity;

import io.kiban.audit.AuditLog;
import io.kiban.identity.IdentityRepository.GrantRow;
import io.kiban.identity.IdentityRepository.StoredUser;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Workspaces and the role grants that give people access to them. */
@Service
public class WorkspaceService {

  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** A grant as listed for administrators. */
  public record Member(long grantId, String username, Role role, String workspace, String origin) {}

  private final IdentityRepository repo;
  private final IdentityService users;
  private final AccessControl access;
  private final AuditLog audit;
  private final Clock clock;

  public WorkspaceService(
      IdentityRepository repo,
      IdentityService users,
      AccessControl access,
      AuditLog audit,
      Clock clock) {
    this.repo = repo;
    this.users = users;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public Workspace create(String name, String displayName, String description) {
    access.requireGlobal(Permission.ADMIN);
    if (name == null || !NAME.matcher(name).matches()) {
      throw KibanException.invalid(
          "A workspace name has 1 to 64 characters: lower-case letters, digits, _ and -,"
              + " starting with a letter or digit.");
    }
    String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
    if (display.length() > 256) {
      throw KibanException.invalid("'display_name' is longer than 256 characters.");
    }
    String text = description == null || description.isBlank() ? null : description.strip();
    if (text != null && text.length() > 2000) {
      throw KibanException.invalid("'description' is longer than 2000 characters.");
    }
    if (repo.workspace(name).isPresent()) {
      throw KibanException.alreadyExists("Workspace '" + name + "' already exists.");
    }
    try {
      repo.insertWorkspace(name, display, text, clock.millis(), access.current().username());
    } catch (DuplicateKeyException e) {
      throw KibanException.alreadyExists("Workspace '" + name + "' already exists.");
    }
    audit.record(
        "workspace.created",
        "workspace",
        name,
        JsonText.object("display_name", display, "description", text));
    return repo.workspace(name).orElseThrow();
  }

  @Transactional
  public Workspace update(String name, String displayName, String description) {
    access.requireGlobal(Permission.ADMIN);
    Workspace before = get(name);
    String display =
        displayName == null || displayName.isBlank() ? before.displayName() : displayName.strip();
    String text = description == null ? before.description() : description.strip();
    if (display.length() > 256 || (text != null && text.length() > 2000)) {
      throw KibanException.invalid("'display_name' or 'description' is too long (256 / 2000).");
    }
    repo.updateWorkspace(name, display, text);
    audit.record(
        "workspace.updated",
        "workspace",
        name,
        JsonText.object(
            "before_display_name",
            before.displayName(),
            "display_name",
            display,
            "before_description",
            before.description(),
            "description",
            text));
    return repo.workspace(name).orElseThrow();
  }

  /** The workspaces the current user can read (all of them for global roles). */
  @Transactional(readOnly = true)
  public List<Workspace> list() {
    WorkspaceScope scope = access.readable();
    return repo.workspaces().stream().filter(w -> scope.includes(w.name())).toList();
  }

  @Transactional(readOnly = true)
  public Workspace get(String name) {
    Workspace workspace =
        repo.workspace(name == null ? "" : name)
            .orElseThrow(() -> KibanException.notFound("Workspace '" + name + "' does not exist."));
    if (!access.readable().includes(workspace.name())) {
      access.require(Permission.READ, workspace.name());
    }
    return workspace;
  }

  /** Fails with a clear message when no such workspace exists. */
  @Transactional(readOnly = true)
  public void requireExists(String name) {
    if (repo.workspace(name == null ? "" : name).isEmpty()) {
      throw KibanException.invalid("Workspace '" + name + "' does not exist.");
    }
  }

  // --- grants

  @Transactional
  public List<Grant> grant(String username, String roleName, String workspace) {
    access.requireGlobal(Permission.ADMIN);
    StoredUser user = users.stored(username);
    Role role = Role.parse(roleName);
    String where = workspace == null || workspace.isBlank() ? Grant.GLOBAL : workspace.strip();
    if (!Grant.GLOBAL.equals(where) && repo.workspace(where).isEmpty()) {
      throw KibanException.invalid("Workspace '" + where + "' does not exist.");
    }
    if ((role == Role.ADMIN || role == Role.AUDITOR) && !Grant.GLOBAL.equals(where)) {
      throw KibanException.invalid(
          "The " + role.wireName() + " role is granted for all workspaces only (workspace '*').");
    }
    if (repo.grantExists(user.user().userId(), role, where)) {
      throw KibanException.alreadyExists(
          "'"
              + user.user().username()
              + "' already holds "
              + role.wireName()
              + " in "
              + where
              + ".");
    }
    repo.insertGrant(
        user.user().userId(), role, where, "manual", clock.millis(), access.current().username());
    audit.record(
        "grant.created",
        "user",
        user.user().username(),
        JsonText.object("role", role.wireName(), "workspace", where));
    return repo.grantsOf(user.user().userId());
  }

  @Transactional
  public List<Grant> revoke(String username, String roleName, String workspace) {
    access.requireGlobal(Permission.ADMIN);
    StoredUser user = users.stored(username);
    Role role = Role.parse(roleName);
    String where = workspace == null || workspace.isBlank() ? Grant.GLOBAL : workspace.strip();
    if (role == Role.ADMIN
        && Grant.GLOBAL.equals(where)
        && repo.countGlobalAdmins() <= 1
        && user.user().active()) {
      throw KibanException.invalid(
          "'"
              + user.user().username()
              + "' is the last administrator; grant admin to someone else"
              + " first.");
    }
    if (repo.deleteGrant(user.user().userId(), role, where) == 0) {
      throw KibanException.notFound(
          "'"
              + user.user().username()
              + "' does not hold "
              + role.wireName()
              + " in "
              + where
              + ".");
    }
    audit.record(
        "grant.revoked",
        "user",
        user.user().username(),
        JsonText.object("role", role.wireName(), "workspace", where));
    return repo.grantsOf(user.user().userId());
  }

  @Transactional(readOnly = true)
  public List<Grant> grantsOf(String username) {
    KibanPrincipal me = access.current();
    StoredUser user = users.stored(username);
    if (user.user().userId() != me.userId()) {
      access.requireGlobal(Permission.ADMIN);
    }
    return repo.grantsOf(user.user().userId());
  }

  @Transactional(readOnly = true)
  public List<Member> members(String workspace) {
    access.requireGlobal(Permission.ADMIN);
    List<GrantRow> rows = repo.grantsIn(workspace);
    return rows.stream()
        .map(r -> new Member(r.grantId(), r.username(), r.role(), r.workspace(), r.origin()))
        .toList();
  }
}
