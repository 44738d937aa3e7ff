package io.kiban.identity;

import io.kiban.platform.config.KibanProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start, creates the {@code admin} account. Its password comes from
 * KIBAN_ADMIN_PASSWORD or is generated, printed once to the console and written to {@code
 * <dataDir>/initial-admin-password}, readable by the owner only.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
    name = "kiban.commands",
    havingValue = "false",
    matchIfMissing = true)
@Order(0)
class AdminBootstrap implements ApplicationRunner {

  static final String PASSWORD_FILE = "initial-admin-password";
  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final IdentityService identity;
  private final KibanProperties properties;

  AdminBootstrap(IdentityService identity, KibanProperties properties) {
    this.identity = identity;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    String configured = properties.identity().adminPassword();
    boolean generated = configured == null || configured.isBlank();
    String password = generated ? generate() : configured;
    Optional<User> admin;
    try {
      admin = identity.bootstrapAdmin(password);
    } catch (io.kiban.platform.error.KibanException e) {
      throw new IllegalStateException("KIBAN_ADMIN_PASSWORD is not accepted: " + e.getMessage(), e);
    }
    if (admin.isEmpty()) {
      return;
    }
    if (!generated) {
      log.info(
          "Created the administrator account 'admin' with the password from KIBAN_ADMIN_PASSWORD.");
      return;
    }
    Path file = properties.dataDir().resolve(PASSWORD_FILE).toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(
        file, password + System.lineSeparator(), StandardOpenOption.TRUNCATE_EXISTING);
    // Printed once on purpose, to the console only: this is the one way to learn the password.
    System.out.println();
    System.out.println("==============================================================");
    System.out.println(" Kiban created the administrator account.");
    System.out.println("   username: admin");
    System.out.println("   password: " + password);
    System.out.println(" Also written to " + file + " (readable by you only).");
    System.out.println(" Sign in and change it; delete the file afterwards.");
    System.out.println("==============================================================");
    System.out.println();
    log.info("Created the administrator account 'admin'; its password is in {}", file);
  }

  static String generate() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) {
        sb.append('-');
      }
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
