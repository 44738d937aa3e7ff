package io.kiban.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.platform.config.KibanProperties;
import io.kiban.support.RawHttp;
import io.kiban.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** First start without KIBAN_ADMIN_PASSWORD: a generated password, in an owner-only file. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "kiban.identity.admin-password=")
class AdminBootstrapIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @LocalServerPort int port;
  @Autowired KibanProperties properties;

  @Test
  void generatedPasswordIsWrittenForTheOwnerOnlyAndWorks() throws IOException {
    Path file = properties.dataDir().resolve("initial-admin-password");
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String password = Files.readString(file).strip();
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    assertThat(RawHttp.withPassword(port, "admin", password).get("/api/kiban/v1/me").status())
        .isEqualTo(200);
    assertThat(
            RawHttp.withPassword(port, "admin", io.kiban.support.TestAuth.ADMIN_PASSWORD)
                .get("/api/kiban/v1/me")
                .status())
        .isEqualTo(401);
  }
}
