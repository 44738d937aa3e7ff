package io.kiban.identity;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/** Argon2id password hashes (16 MiB memory, 2 passes, random 16-byte salt per hash). */
@Component
public class PasswordHasher {

  private final Argon2PasswordEncoder encoder =
      Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

  /** A hash of a throw-away password, compared against when the user does not exist. */
  private final String decoy = encoder.encode("decoy-password-for-unknown-users");

  public String hash(String password) {
    return encoder.encode(password);
  }

  public boolean matches(String password, String hash) {
    return hash != null && encoder.matches(password, hash);
  }

  /** Spends the time of one verification, so unknown usernames answer as slowly as known ones. */
  public void burn(String password) {
    encoder.matches(password, decoy);
  }
}
