package io.kiban.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for users, role grants, API tokens and workspaces. */
@Repository
class IdentityRepository {

  private static final String USER_COLUMNS =
      "user_id, username, display_name, email, kind, source, active, failed_attempts,"
          + " locked_until, created_at, password_changed_at, last_sign_in_at, password_hash";

  private static final String TOKEN_COLUMNS =
      "t.token_id, t.user_id, u.username, t.name, t.token_prefix, t.created_at, t.created_by,"
          + " t.expires_at, t.revoked_at, t.last_used_at";

  private final JdbcClient jdbc;

  IdentityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // --- users

  record StoredUser(User user, String passwordHash, String externalSubject) {}

  long countUsers() {
    return jdbc.sql("SELECT COUNT(*) FROM kiban_user").query(Long.class).single();
  }

  long insertUser(
      String username,
      String displayName,
      String email,
      String kind,
      String source,
      String externalSubject,
      String passwordHash,
      long now) {
    jdbc.sql(
            "INSERT INTO kiban_user (username, display_name, email, kind, source, external_subject,"
                + " password_hash, active, failed_attempts, locked_until, created_at,"
                + " password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, 0, 0, ?, ?)")
        .params(
            username,
            displayName,
            email,
            kind,
            source,
            externalSubject,
            passwordHash,
            now,
            passwordHash == null ? null : now)
        .update();
    return jdbc.sql("SELECT user_id FROM kiban_user WHERE username = ?")
        .param(username)
        .query(Long.class)
        .single();
  }

  Optional<StoredUser> findUser(String username) {
    return jdbc.sql(
            "SELECT " + USER_COLUMNS + ", external_subject FROM kiban_user WHERE username = ?")
        .param(username)
        .query(this::mapStored)
        .optional();
  }

  Optional<StoredUser> findUserForUpdate(String username) {
    return jdbc.sql(
            "SELECT "
                + USER_COLUMNS
                + ", external_subject FROM kiban_user WHERE username = ? FOR UPDATE")
        .param(username)
        .query(this::mapStored)
        .optional();
  }

  Optional<StoredUser> findUser(long userId) {
    return jdbc.sql(
            "SELECT " + USER_COLUMNS + ", external_subject FROM kiban_user WHERE user_id = ?")
        .param(userId)
        .query(this::mapStored)
        .optional();
  }

  Optional<StoredUser> findByExternalSubject(String subject) {
    return jdbc.sql(
            "SELECT "
                + USER_COLUMNS
                + ", external_subject FROM kiban_user WHERE source = 'oidc' AND external_subject = ?")
        .param(subject)
        .query(this::mapStored)
        .optional();
  }

  List<User> listUsers() {
    return jdbc
        .sql("SELECT " + USER_COLUMNS + ", external_subject FROM kiban_user ORDER BY username")
        .query(this::mapStored)
        .list()
        .stream()
        .map(StoredUser::user)
        .toList();
  }

  void updateProfile(long userId, String displayName, String email) {
    jdbc.sql("UPDATE kiban_user SET display_name = ?, email = ? WHERE user_id = ?")
        .params(displayName, email, userId)
        .update();
  }

  void setActive(long userId, boolean active) {
    jdbc.sql("UPDATE kiban_user SET active = ? WHERE user_id = ?").params(active, userId).update();
  }

  void setPassword(long userId, String hash, long now) {
    jdbc.sql(
            "UPDATE kiban_user SET password_hash = ?, password_changed_at = ?, failed_attempts = 0,"
                + " locked_until = 0 WHERE user_id = ?")
        .params(hash, now, userId)
        .update();
  }

  void recordFailure(long userId, int failedAttempts, long lockedUntil) {
    jdbc.sql("UPDATE kiban_user SET failed_attempts = ?, locked_until = ? WHERE user_id = ?")
        .params(failedAttempts, lockedUntil, userId)
        .update();
  }

  void recordSignIn(long userId, long now) {
    jdbc.sql(
            "UPDATE kiban_user SET failed_attempts = 0, locked_until = 0, last_sign_in_at = ?"
                + " WHERE user_id = ?")
        .params(now, userId)
        .update();
  }

  void unlock(long userId) {
    jdbc.sql("UPDATE kiban_user SET failed_attempts = 0, locked_until = 0 WHERE user_id = ?")
        .param(userId)
        .update();
  }

  private StoredUser mapStored(ResultSet rs, int row) throws SQLException {
    String hash = rs.getString("password_hash");
    User user =
        new User(
            rs.getLong("user_id"),
            rs.getString("username"),
            rs.getString("display_name"),
            rs.getString("email"),
            rs.getString("kind"),
            rs.getString("source"),
            rs.getBoolean("active"),
            rs.getInt("failed_attempts"),
            rs.getLong("locked_until"),
            rs.getLong("created_at"),
            nullableLong(rs, "password_changed_at"),
            nullableLong(rs, "last_sign_in_at"),
            hash != null);
    return new StoredUser(user, hash, rs.getString("external_subject"));
  }

  // --- grants

  List<Grant> grantsOf(long userId) {
    return jdbc.sql(
            "SELECT grant_id, role, workspace, origin FROM role_grant WHERE user_id = ?"
                + " ORDER BY grant_id")
        .param(userId)
        .query(
            (rs, i) ->
                new Grant(
                    rs.getLong(1), Role.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)))
        .list();
  }

  record GrantRow(long grantId, String username, Role role, String workspace, String origin) {}

  List<GrantRow> grantsIn(String workspace) {
    return jdbc.sql(
            "SELECT g.grant_id, u.username, g.role, g.workspace, g.origin FROM role_grant g"
                + " JOIN kiban_user u ON u.user_id = g.user_id WHERE g.workspace = ?"
                + " ORDER BY u.username, g.role")
        .param(workspace)
        .query(
            (rs, i) ->
                new GrantRow(
                    rs.getLong(1),
                    rs.getString(2),
                    Role.valueOf(rs.getString(3)),
                    rs.getString(4),
                    rs.getString(5)))
        .list();
  }

  List<String> activeHolders(Role role, String workspace) {
    return jdbc.sql(
            "SELECT DISTINCT u.username FROM role_grant g JOIN kiban_user u ON u.user_id = g.user_id"
                + " WHERE g.role = ? AND (g.workspace = ? OR g.workspace = '*') AND u.active = TRUE"
                + " ORDER BY u.username")
        .params(role.name(), workspace)
        .query(String.class)
        .list();
  }

  boolean grantExists(long userId, Role role, String workspace) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM role_grant WHERE user_id = ? AND role = ? AND workspace = ?")
            .params(userId, role.name(), workspace)
            .query(Long.class)
            .single()
        > 0;
  }

  void insertGrant(long userId, Role role, String workspace, String origin, long now, String by) {
    jdbc.sql(
            "INSERT INTO role_grant (user_id, role, workspace, origin, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(userId, role.name(), workspace, origin, now, by)
        .update();
  }

  int deleteGrant(long userId, Role role, String workspace) {
    return jdbc.sql("DELETE FROM role_grant WHERE user_id = ? AND role = ? AND workspace = ?")
        .params(userId, role.name(), workspace)
        .update();
  }

  int deleteGrantsOfOrigin(long userId, String origin) {
    return jdbc.sql("DELETE FROM role_grant WHERE user_id = ? AND origin = ?")
        .params(userId, origin)
        .update();
  }

  long countGlobalAdmins() {
    return jdbc.sql(
            "SELECT COUNT(*) FROM role_grant g JOIN kiban_user u ON u.user_id = g.user_id"
                + " WHERE g.role = 'ADMIN' AND g.workspace = '*' AND u.active = TRUE")
        .query(Long.class)
        .single();
  }

  // --- tokens

  record TokenOwner(ApiToken token, long userId) {}

  void insertToken(
      long userId,
      String name,
      String hash,
      String prefix,
      long now,
      String createdBy,
      Long expiresAt) {
    jdbc.sql(
            "INSERT INTO api_token (user_id, name, token_hash, token_prefix, created_at,"
                + " created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(userId, name, hash, prefix, now, createdBy, expiresAt)
        .update();
  }

  Optional<ApiToken> tokenByHash(String hash) {
    return jdbc.sql(
            "SELECT "
                + TOKEN_COLUMNS
                + " FROM api_token t JOIN kiban_user u ON u.user_id = t.user_id"
                + " WHERE t.token_hash = ?")
        .param(hash)
        .query(this::mapToken)
        .optional();
  }

  Optional<ApiToken> token(long tokenId) {
    return jdbc.sql(
            "SELECT "
                + TOKEN_COLUMNS
                + " FROM api_token t JOIN kiban_user u ON u.user_id = t.user_id"
                + " WHERE t.token_id = ?")
        .param(tokenId)
        .query(this::mapToken)
        .optional();
  }

  List<ApiToken> tokensOf(long userId) {
    return jdbc.sql(
            "SELECT "
                + TOKEN_COLUMNS
                + " FROM api_token t JOIN kiban_user u ON u.user_id = t.user_id"
                + " WHERE t.user_id = ? ORDER BY t.token_id DESC")
        .param(userId)
        .query(this::mapToken)
        .list();
  }

  List<ApiToken> allTokens() {
    return jdbc.sql(
            "SELECT "
                + TOKEN_COLUMNS
                + " FROM api_token t JOIN kiban_user u ON u.user_id = t.user_id"
                + " ORDER BY t.token_id DESC")
        .query(this::mapToken)
        .list();
  }

  long newestTokenId(long userId) {
    return jdbc.sql("SELECT MAX(token_id) FROM api_token WHERE user_id = ?")
        .param(userId)
        .query(Long.class)
        .single();
  }

  void revokeToken(long tokenId, long now) {
    jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL")
        .params(now, tokenId)
        .update();
  }

  void revokeTokensOf(long userId, long now) {
    jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
        .params(now, userId)
        .update();
  }

  void touchToken(long tokenId, long now) {
    jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE token_id = ?")
        .params(now, tokenId)
        .update();
  }

  private ApiToken mapToken(ResultSet rs, int row) throws SQLException {
    return new ApiToken(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getLong(6),
        rs.getString(7),
        nullableLong(rs, "expires_at"),
        nullableLong(rs, "revoked_at"),
        nullableLong(rs, "last_used_at"));
  }

  // --- workspaces

  void insertWorkspace(String name, String displayName, String description, long now, String by) {
    jdbc.sql(
            "INSERT INTO workspace (name, display_name, description, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(name, displayName, description, now, by)
        .update();
  }

  Optional<Workspace> workspace(String name) {
    return jdbc.sql(
            "SELECT name, display_name, description, created_at, created_by FROM workspace"
                + " WHERE name = ?")
        .param(name)
        .query(this::mapWorkspace)
        .optional();
  }

  List<Workspace> workspaces() {
    return jdbc.sql(
            "SELECT name, display_name, description, created_at, created_by FROM workspace"
                + " ORDER BY name")
        .query(this::mapWorkspace)
        .list();
  }

  void updateWorkspace(String name, String displayName, String description) {
    jdbc.sql("UPDATE workspace SET display_name = ?, description = ? WHERE name = ?")
        .params(displayName, description, name)
        .update();
  }

  private Workspace mapWorkspace(ResultSet rs, int row) throws SQLException {
    return new Workspace(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
