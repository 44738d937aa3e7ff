package io.kiban.platform.health;

import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.JsonErrorHandler;
import org.flywaydb.core.Flyway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /health}: 200 "OK" once the database answers and every migration is applied. */
@RestController
class HealthController {

  private final JdbcClient jdbc;
  private final Flyway flyway;
  private volatile boolean migrated;

  HealthController(JdbcClient jdbc, Flyway flyway) {
    this.jdbc = jdbc;
    this.flyway = flyway;
  }

  @GetMapping("/health")
  ResponseEntity<?> health() {
    try {
      jdbc.sql("SELECT 1").query(Integer.class).single();
    } catch (RuntimeException e) {
      return JsonErrorHandler.error(
          ErrorCode.TEMPORARILY_UNAVAILABLE, "Database not reachable: " + e.getMessage());
    }
    if (!migrated) {
      // Checked until it first succeeds: once applied, migrations do not become pending again.
      int pending = flyway.info().pending().length;
      if (pending > 0) {
        return JsonErrorHandler.error(
            ErrorCode.TEMPORARILY_UNAVAILABLE,
            pending + " database migrations are not applied yet");
      }
      migrated = true;
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("OK");
  }
}
