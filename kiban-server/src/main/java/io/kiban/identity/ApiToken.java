package io.kiban.identity;

/** An API token's metadata; the secret itself is shown once at creation and never stored. */
public record ApiToken(
    long tokenId,
    long userId,
    String username,
    String name,
    String prefix,
    long createdAt,
    String createdBy,
    Long expiresAt,
    Long revokedAt,
    Long lastUsedAt) {

  public boolean usableAt(long now) {
    return revokedAt == null && (expiresAt == null || expiresAt > now);
  }

  public String state(long now) {
    if (revokedAt != null) {
      return "revoked";
    }
    return expiresAt != null && expiresAt <= now ? "expired" : "active";
  }
}
