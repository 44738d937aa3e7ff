package io.kiban.identity;

/**
 * An account as shown to administrators; never carries the password hash.
 *
 * @param kind "human" (signs in) or "service" (API tokens only)
 * @param source "local" (password kept by Kiban) or "oidc" (signs in through the identity provider)
 */
public record User(
    long userId,
    String username,
    String displayName,
    String email,
    String kind,
    String source,
    boolean active,
    int failedAttempts,
    long lockedUntil,
    long createdAt,
    Long passwordChangedAt,
    Long lastSignInAt,
    boolean hasPassword) {

  public static final String HUMAN = "human";
  public static final String SERVICE = "service";
  public static final String LOCAL = "local";
  public static final String OIDC = "oidc";

  public boolean lockedAt(long now) {
    return lockedUntil > now;
  }
}
