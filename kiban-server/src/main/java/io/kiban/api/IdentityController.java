package io.kiban.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kiban.identity.AccessControl;
import io.kiban.identity.ApiToken;
import io.kiban.identity.Grant;
import io.kiban.identity.IdentityService;
import io.kiban.identity.KibanPrincipal;
import io.kiban.identity.TokenService;
import io.kiban.identity.User;
import io.kiban.identity.Workspace;
import io.kiban.identity.WorkspaceService;
import io.kiban.platform.error.KibanException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users, API tokens, workspaces and role grants. Secrets are never returned, except a new token's
 * value in the response that creates it.
 */
@RestController
@RequestMapping(path = "/api/kiban/v1", produces = "application/json")
class IdentityController {

  /** Body of user creation and changes. */
  record UserRequest(
      String username,
      @JsonProperty("display_name") @JsonAlias("displayName") String displayName,
      String email,
      String kind,
      String password,
      Boolean active) {}

  record PasswordChange(
      @JsonProperty("current_password") @JsonAlias("currentPassword") String currentPassword,
      @JsonProperty("new_password") @JsonAlias("newPassword") String newPassword) {}

  record PasswordReset(String password) {}

  record TokenRequest(
      String name,
      @JsonProperty("expires_in_days") @JsonAlias("expiresInDays") Integer expiresInDays) {}

  record WorkspaceRequest(
      String name,
      @JsonProperty("display_name") @JsonAlias("displayName") String displayName,
      String description) {}

  record GrantRequest(String role, String workspace) {}

  private final AccessControl access;
  private final IdentityService identity;
  private final TokenService tokens;
  private final WorkspaceService workspaces;

  IdentityController(
      AccessControl access,
      IdentityService identity,
      TokenService tokens,
      WorkspaceService workspaces) {
    this.access = access;
    this.identity = identity;
    this.tokens = tokens;
    this.workspaces = workspaces;
  }

  // --- the caller

  @GetMapping("/me")
  Map<String, Object> me() {
    KibanPrincipal me = access.current();
    Map<String, Object> body = userJson(identity.get(me.username()));
    body.put("grants", me.grants().stream().map(IdentityController::grantJson).toList());
    return body;
  }

  @PostMapping("/me/password")
  Map<String, Object> changePassword(@RequestBody PasswordChange request) {
    identity.changeOwnPassword(request.currentPassword(), request.newPassword());
    return Map.of("changed", true);
  }

  @GetMapping("/me/tokens")
  List<Map<String, Object>> myTokens() {
    return tokens.mine().stream().map(IdentityController::tokenJson).toList();
  }

  @PostMapping("/me/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> createMyToken(@RequestBody TokenRequest request) {
    return created(tokens.create(null, request.name(), request.expiresInDays()));
  }

  @DeleteMapping("/tokens/{id}")
  Map<String, Object> revoke(@PathVariable long id) {
    return tokenJson(tokens.revoke(id));
  }

  // --- users (administrators)

  @GetMapping("/users")
  List<Map<String, Object>> users() {
    return identity.list().stream().map(IdentityController::userJson).toList();
  }

  @PostMapping("/users")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> createUser(@RequestBody UserRequest request) {
    return userJson(
        identity.create(
            request.username(),
            request.displayName(),
            request.email(),
            request.kind(),
            request.password()));
  }

  @GetMapping("/users/{username}")
  Map<String, Object> user(@PathVariable String username) {
    Map<String, Object> body = userJson(identity.get(username));
    body.put(
        "grants",
        workspaces.grantsOf(username).stream().map(IdentityController::grantJson).toList());
    return body;
  }

  @PatchMapping("/users/{username}")
  Map<String, Object> updateUser(@PathVariable String username, @RequestBody UserRequest request) {
    if (request.password() != null || request.username() != null || request.kind() != null) {
      throw KibanException.invalid(
          "Only display_name, email and active can be changed here; passwords are reset with"
              + " PUT /users/{username}/password.");
    }
    User user = identity.updateProfile(username, request.displayName(), request.email());
    if (request.active() != null && request.active() != user.active()) {
      user = identity.setActive(username, request.active());
    }
    return userJson(user);
  }

  @PutMapping("/users/{username}/password")
  Map<String, Object> resetPassword(
      @PathVariable String username, @RequestBody PasswordReset request) {
    identity.resetPassword(username, request.password());
    return Map.of("reset", true);
  }

  @PostMapping("/users/{username}/unlock")
  Map<String, Object> unlock(@PathVariable String username) {
    identity.unlock(username);
    return userJson(identity.get(username));
  }

  @GetMapping("/users/{username}/tokens")
  List<Map<String, Object>> tokensOf(@PathVariable String username) {
    return tokens.of(username).stream().map(IdentityController::tokenJson).toList();
  }

  @PostMapping("/users/{username}/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> createToken(
      @PathVariable String username, @RequestBody TokenRequest request) {
    return created(tokens.create(username, request.name(), request.expiresInDays()));
  }

  @GetMapping("/users/{username}/grants")
  List<Map<String, Object>> grants(@PathVariable String username) {
    return workspaces.grantsOf(username).stream().map(IdentityController::grantJson).toList();
  }

  @PostMapping("/users/{username}/grants")
  @ResponseStatus(HttpStatus.CREATED)
  List<Map<String, Object>> grant(
      @PathVariable String username, @RequestBody GrantRequest request) {
    return workspaces.grant(username, request.role(), request.workspace()).stream()
        .map(IdentityController::grantJson)
        .toList();
  }

  @DeleteMapping("/users/{username}/grants/{role}/{workspace}")
  List<Map<String, Object>> revokeGrant(
      @PathVariable String username, @PathVariable String role, @PathVariable String workspace) {
    return workspaces.revoke(username, role, workspace).stream()
        .map(IdentityController::grantJson)
        .toList();
  }

  // --- workspaces

  @GetMapping("/workspaces")
  List<Map<String, Object>> workspaces() {
    return workspaces.list().stream().map(IdentityController::workspaceJson).toList();
  }

  @PostMapping("/workspaces")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> createWorkspace(@RequestBody WorkspaceRequest request) {
    return workspaceJson(
        workspaces.create(request.name(), request.displayName(), request.description()));
  }

  @GetMapping("/workspaces/{name}")
  Map<String, Object> workspace(@PathVariable String name) {
    return workspaceJson(workspaces.get(name));
  }

  @PatchMapping("/workspaces/{name}")
  Map<String, Object> updateWorkspace(
      @PathVariable String name, @RequestBody WorkspaceRequest request) {
    return workspaceJson(workspaces.update(name, request.displayName(), request.description()));
  }

  @GetMapping("/workspaces/{name}/members")
  List<Map<String, Object>> members(@PathVariable String name) {
    workspaces.get(name);
    return workspaces.members(name).stream()
        .map(
            m -> {
              Map<String, Object> json = new LinkedHashMap<>();
              json.put("username", m.username());
              json.put("role", m.role().wireName());
              json.put("workspace", m.workspace());
              json.put("origin", m.origin());
              return json;
            })
        .toList();
  }

  static Map<String, Object> workspaceJson(Workspace w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", w.name());
    m.put("display_name", w.displayName());
    m.put("description", w.description());
    m.put("created_at", w.createdAt());
    m.put("created_by", w.createdBy());
    return m;
  }

  // --- JSON shapes

  static Map<String, Object> userJson(User u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", u.username());
    m.put("display_name", u.displayName());
    m.put("email", u.email());
    m.put("kind", u.kind());
    m.put("source", u.source());
    m.put("active", u.active());
    m.put("locked", u.lockedAt(System.currentTimeMillis()));
    m.put("created_at", u.createdAt());
    m.put("last_sign_in_at", u.lastSignInAt());
    m.put("password_changed_at", u.passwordChangedAt());
    return m;
  }

  static Map<String, Object> grantJson(Grant g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", g.role().wireName());
    m.put("workspace", g.workspace());
    m.put("origin", g.origin());
    return m;
  }

  static Map<String, Object> tokenJson(ApiToken t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.tokenId());
    m.put("owner", t.username());
    m.put("name", t.name());
    m.put("prefix", t.prefix());
    m.put("created_at", t.createdAt());
    m.put("created_by", t.createdBy());
    m.put("expires_at", t.expiresAt());
    m.put("revoked_at", t.revokedAt());
    m.put("last_used_at", t.lastUsedAt());
    m.put("state", t.state(System.currentTimeMillis()));
    return m;
  }

  private static Map<String, Object> created(TokenService.Created created) {
    Map<String, Object> m = tokenJson(created.token());
    m.put("token", created.secret());
    return m;
  }
}
