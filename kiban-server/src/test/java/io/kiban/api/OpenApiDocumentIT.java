package io.kiban.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * docs/openapi.yaml is the document the server generates from its controllers; this test fails when
 * they drift apart (regenerate: copy kiban-server/target/openapi.yaml to docs/).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentIT {

  static final Path COMMITTED = Path.of("..", "docs", "openapi.yaml");
  static final Path GENERATED = Path.of("target", "openapi.yaml");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @LocalServerPort int port;

  @Test
  void theCommittedDocumentIsTheGeneratedOne() throws IOException {
    RawHttp.Response response = new RawHttp(port).get("/api/kiban/v1/openapi.yaml");
    assertThat(response.status()).isEqualTo(200);
    String generated = response.body();
    Files.writeString(GENERATED, generated);
    assertThat(generated)
        .contains(
            "/api/kiban/v1/use-cases",
            "/api/kiban/v1/risks",
            "/api/kiban/v1/soa",
            "/api/kiban/v1/me");
    assertThat(COMMITTED).as("docs/openapi.yaml exists").exists();
    assertThat(Files.readString(COMMITTED))
        .as("docs/openapi.yaml is out of date; copy kiban-server/target/openapi.yaml to docs/")
        .isEqualTo(generated);
    assertThat(RawHttp.anonymous(port).get("/api/kiban/v1/openapi").status()).isEqualTo(401);
  }
}
