package io.kiban.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiban.support.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash-chained audit trail: every change appends a chained event with its request id, the chain
 * verifies, an altered or removed event is named, and the export can be checked without Kiban. Runs
 * once per database (PostgreSQL also refuses changes itself).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractAuditChainIT {

  @LocalServerPort int port;
  @Autowired AuditChain chain;
  @Autowired JdbcClient jdbc;

  abstract void tamper(String sql);

  abstract boolean databaseRefusesChanges();

  @Test
  void changesAreChainedVerifiedAndTamperingIsNamed() throws Exception {
    RawHttp http = new RawHttp(port);
    var created =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(http.base() + "/api/2.0/mlflow/experiments/create"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "req-audit-0001")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"chain-test\"}")));
    assertThat(created.status()).isEqualTo(200);
    String experiment = created.json().path("experiment_id").asString();
    http.post(
        "/api/2.0/mlflow/experiments/set-experiment-tag",
        "{\"experiment_id\":\"" + experiment + "\",\"key\":\"k\",\"value\":\"v\"}");
    assertThat(
            jdbc.sql(
                    "SELECT request_id FROM audit_event WHERE action = 'experiment.created' AND entity_id = ?")
                .param(experiment)
                .query(String.class)
                .single())
        .isEqualTo("req-audit-0001");

    AuditChain.Verification ok = chain.verify();
    assertThat(ok.intact()).as(String.valueOf(ok)).isTrue();
    assertThat(ok.events()).isGreaterThanOrEqualTo(3);

    Path dir = Files.createTempDirectory("kiban-audit-export");
    long exported = chain.export(dir);
    assertThat(exported).isEqualTo(ok.events());
    String previous = AuditLog.GENESIS;
    JsonMapper json = JsonMapper.builder().build();
    for (String line : Files.readAllLines(dir.resolve("audit-events.jsonl"))) {
      JsonNode e = json.readTree(line);
      String expected =
          sha256(
              e.path("seq").asLong()
                  + "\n"
                  + e.path("prev_hash").asString()
                  + "\n"
                  + e.path("occurred_at").asLong()
                  + "\n"
                  + e.path("actor").asString()
                  + "\n"
                  + e.path("action").asString()
                  + "\n"
                  + e.path("entity_type").asString()
                  + "\n"
                  + e.path("entity_id").asString()
                  + "\n"
                  + e.path("detail").asString()
                  + "\n"
                  + (e.path("request_id").isNull() ? "" : e.path("request_id").asString()));
      assertThat(e.path("prev_hash").asString()).isEqualTo(previous);
      assertThat(e.path("hash").asString()).as("recomputed without Kiban").isEqualTo(expected);
      previous = expected;
    }
    assertThat(Files.readAllLines(dir.resolve("audit-events.csv"))).hasSize((int) exported + 1);

    if (databaseRefusesChanges()) {
      assertThatThrownBy(
              () ->
                  jdbc.sql(
                          "UPDATE audit_event SET actor = 'mallory' WHERE action = 'experiment.created'")
                      .update())
          .hasMessageContaining("append-only");
      assertThatThrownBy(
              () ->
                  jdbc.sql("DELETE FROM audit_event WHERE action = 'experiment.tag_set'").update())
          .hasMessageContaining("append-only");
    }
    long victim =
        jdbc.sql(
                "SELECT seq FROM audit_event WHERE action = 'experiment.created' AND entity_id = ?")
            .param(experiment)
            .query(Long.class)
            .single();
    tamper("UPDATE audit_event SET actor = 'mallory' WHERE seq = " + victim);
    AuditChain.Verification broken = chain.verify();
    assertThat(broken.intact()).isFalse();
    assertThat(broken.firstBrokenSeq()).isEqualTo(victim);
    assertThat(broken.reason()).contains("altered");
    RawHttp.Response api = http.get("/api/kiban/v1/audit/verify");
    assertThat(api.status()).isEqualTo(200);
    assertThat(api.json().path("intact").asBoolean()).isFalse();
    assertThat(api.json().path("firstBrokenSeq").asLong()).isEqualTo(victim);
  }

  @Test
  void theHistoryOfAnyObjectIsShown() {
    RawHttp http = new RawHttp(port);
    String id =
        http.post(
                "/api/2.0/mlflow/experiments/create",
                "{\"name\":\"history-" + System.nanoTime() + "\"}")
            .json()
            .path("experiment_id")
            .asString();
    http.post(
        "/api/2.0/mlflow/experiments/update",
        "{\"experiment_id\":\"" + id + "\",\"new_name\":\"renamed-" + System.nanoTime() + "\"}");
    JsonNode events =
        http.get("/api/kiban/v1/audit/events?entity_type=experiment&entity_id=" + id).json();
    assertThat(events).hasSize(2);
    assertThat(events.get(0).path("action").asString()).isEqualTo("experiment.created");
    assertThat(events.get(1).path("action").asString()).isEqualTo("experiment.renamed");
    assertThat(events.get(0).path("hash").asString()).hasSize(64);
    assertThat(events.get(1).path("actor").asString()).isEqualTo("admin");
  }

  static String sha256(String s) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
