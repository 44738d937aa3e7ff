package io.kiban.identity;

import io.kiban.platform.config.KibanProperties;
import io.kiban.platform.error.KibanException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Length over composition (as NIST SP 800-63B advises): a minimum length, an upper bound, no
 * password that contains the username, and none of the passwords attackers try first.
 */
@Component
public class PasswordPolicy {

  static final int MAX_BYTES = 256;

  private static final Set<String> COMMON =
      Set.of(
          "password",
          "password1",
          "password123",
          "123456789012",
          "qwertyuiop",
          "111111111111",
          "letmein",
          "welcome",
          "administrator",
          "changeme",
          "iloveyou",
          "abc123",
          "p@ssw0rd",
          "passw0rd",
          "trustno1",
          "kiban",
          "mlflow");

  private final int minLength;

  public PasswordPolicy(KibanProperties properties) {
    this.minLength = Math.max(8, properties.identity().passwordMinLength());
  }

  public int minLength() {
    return minLength;
  }

  /** Throws INVALID_PARAMETER_VALUE naming the first rule the password breaks. */
  public void check(String username, String password) {
    if (password == null || password.isEmpty()) {
      throw KibanException.invalid("A password is required.");
    }
    int length = password.codePointCount(0, password.length());
    if (length < minLength) {
      throw KibanException.invalid(
          "The password is too short: at least " + minLength + " characters are required.");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw KibanException.invalid("The password is too long: at most " + MAX_BYTES + " bytes.");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (username != null
        && username.length() >= 3
        && lower.contains(username.toLowerCase(Locale.ROOT))) {
      throw KibanException.invalid("The password must not contain the username.");
    }
    String stripped = lower.replaceAll("[^a-z0-9@]", "");
    for (String common : COMMON) {
      if (stripped.equals(common) || stripped.replaceAll("\\d+$", "").equals(common)) {
        throw KibanException.invalid(
            "The password is one of the first that attackers try; choose another.");
      }
    }
    if (password.chars().distinct().count() < 4) {
      throw KibanException.invalid("The password repeats too few different characters.");
    }
  }
}
