package io.kiban.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.registry.Promotion;
import io.kiban.registry.PromotionGuard;
import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import io.kiban.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A guard that refuses is obeyed by every alias and stage change, and nothing changes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PromotionGuardIT {

  static final String API = "/api/2.0/mlflow/";

  @TestConfiguration
  static class RefusingGuard {
    @Bean
    @org.springframework.context.annotation.Primary
    PromotionGuard promotionGuard() {
      return (Promotion p) -> {
        boolean toProduction =
            (p.kind() == Promotion.Kind.ALIAS && p.target().equals("production"))
                || (p.kind() == Promotion.Kind.STAGE && p.target().equals("Production"));
        if (toProduction) {
          throw new KibanException(
              ErrorCode.PERMISSION_DENIED,
              "Promotion of "
                  + p.modelName()
                  + " version "
                  + p.version()
                  + " refused: impact assessment missing; approval by committee missing");
        }
      };
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @LocalServerPort int port;

  @Test
  void refusedPromotionsChangeNothing() {
    RawHttp http = new RawHttp(port);
    http.post(API + "registered-models/create", "{\"name\":\"guarded\"}");
    http.post(API + "model-versions/create", "{\"name\":\"guarded\",\"source\":\"s3://m/1\"}");

    Response alias =
        http.post(
            API + "registered-models/alias",
            "{\"name\":\"guarded\",\"alias\":\"production\",\"version\":\"1\"}");
    assertThat(alias.status()).isEqualTo(403);
    assertThat(alias.errorCode()).isEqualTo("PERMISSION_DENIED");
    assertThat(alias.message()).contains("impact assessment missing", "committee");

    Response stage =
        http.post(
            API + "model-versions/transition-stage",
            "{\"name\":\"guarded\",\"version\":\"1\",\"stage\":\"Production\","
                + "\"archive_existing_versions\":true}");
    assertThat(stage.status()).isEqualTo(403);
    assertThat(stage.errorCode()).isEqualTo("PERMISSION_DENIED");

    Response version = http.get(API + "model-versions/get?name=guarded&version=1");
    assertThat(version.json().at("/model_version/current_stage").asString()).isEqualTo("None");
    assertThat(version.json().at("/model_version").has("aliases")).isFalse();
    Response history = http.get("/api/kiban/v1/registered-models/guarded/history");
    assertThat(history.body()).doesNotContain("alias.set", "stage_changed");

    Response allowed =
        http.post(
            API + "registered-models/alias",
            "{\"name\":\"guarded\",\"alias\":\"staging\",\"version\":\"1\"}");
    assertThat(allowed.status()).isEqualTo(200);
  }
}
