package io.kiban.identity;

import io.kiban.platform.config.KibanProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Remembers verified HTTP Basic passwords for a few seconds, keyed by a salted SHA-256 of the
 * credentials (the salt is random per process, so the keys are useless outside it). Any password or
 * account change clears it.
 */
@Component
public class CredentialCache {

  private static final int MAX_ENTRIES = 10_000;

  private record Entry(long userId, long expiresAt) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final byte[] salt = new byte[32];
  private final long ttlMillis;
  private final Clock clock;

  public CredentialCache(KibanProperties properties, Clock clock) {
    new SecureRandom().nextBytes(salt);
    this.ttlMillis = properties.identity().basicAuthCacheSeconds() * 1000L;
    this.clock = clock;
  }

  public Optional<Long> lookup(String username, String password) {
    if (ttlMillis <= 0) {
      return Optional.empty();
    }
    String key = key(username, password);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.expiresAt() <= clock.millis()) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(entry.userId());
  }

  public void remember(String username, String password, long userId) {
    if (ttlMillis <= 0) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key(username, password), new Entry(userId, clock.millis() + ttlMillis));
  }

  public void clear() {
    entries.clear();
  }

  private String key(String username, String password) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      digest.update(username.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(password.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
