package io.kiban.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kiban.audit.AuditChain;
import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import io.kiban.support.TestAuth;
import io.kiban.support.TestDatabases;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.MlflowClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The governance scenario end to end: a model registered from the MLflow client for a high-risk use
 * case is refused production with the unmet criteria, passes once the assessment is approved and
 * the model card is complete, is suspended by the CAIO (alias gone, webhook received, no way back
 * until the suspension is lifted by two people), and the audit chain verifies.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"kiban.webhooks.backoff-millis=50", "kiban.webhooks.poll-millis=100"})
class GovernanceScenarioIT {

  static final String ML = "/api/2.0/mlflow/";
  static final String API = "/api/kiban/v1/";
  static final String PASSWORD = "Correct-Horse-Battery-9";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @LocalServerPort int port;
  @Autowired AuditChain chain;

  String user(RawHttp admin, String role) {
    String name = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 5);
    admin.post(API + "users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
    admin.post(
        API + "users/" + name + "/grants", "{\"role\":\"" + role + "\",\"workspace\":\"*\"}");
    return name;
  }

  @Test
  void fromRegistrationThroughRefusalApprovalSuspensionToAVerifiedChain() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer deploy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    deploy.createContext(
        "/",
        x -> {
          received.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    deploy.start();
    try {
      RawHttp admin = new RawHttp(port);
      admin.post(
          API + "webhooks",
          "{\"name\":\"deployments\",\"url\":\"http://127.0.0.1:"
              + deploy.getAddress().getPort()
              + "/kiban\",\"event_types\":\"suspension.*,gate.refused,approval.granted\"}");
      String key = "UC-E2E" + UUID.randomUUID().toString().substring(0, 4);
      admin.post(
          API + "use-cases",
          "{\"key\":\""
              + key
              + "\",\"name_ja\":\"住宅ローン審査\",\"name_en\":\"Mortgage scoring\",\"lifecycle_stage\":\"validation\",\"ai_type\":\"predictive_ml\",\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_in_the_loop\",\"eu_roles\":[\"provider\",\"deployer\"],\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}");
      admin.post(API + "use-cases/" + key + "/classifications", AbstractGatesIT.CREDIT);

      String model = "mortgage-" + key.toLowerCase();
      String run;
      try (MlflowClient client = TestAuth.adminClient(port)) {
        run = client.createRun(client.createExperiment("scenario-" + key)).getRunId();
        client.logParam(run, "learning_rate", "0.05");
        client.logMetric(run, "disparate_impact", 0.91);
      }
      admin.post(
          ML + "runs/log-inputs",
          "{\"run_id\":\""
              + run
              + "\",\"datasets\":[{\"dataset\":{\"name\":\"mortgages\",\"digest\":\"m1\",\"source_type\":\"local\",\"source\":\"/data/m\"}}]}");
      admin.post(
          ML + "registered-models/create",
          "{\"name\":\""
              + model
              + "\",\"tags\":[{\"key\":\"kiban.use_case\",\"value\":\""
              + key
              + "\"}]}");
      admin.post(
          ML + "model-versions/create",
          "{\"name\":\""
              + model
              + "\",\"source\":\"runs:/"
              + run
              + "/model\",\"run_id\":\""
              + run
              + "\"}");

      Response refused =
          admin.post(
              ML + "registered-models/alias",
              "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.message()).contains("assessment_within_months", "model_card_complete");

      long assessment =
          admin
              .post(
                  API + "use-cases/" + key + "/assessments",
                  "{\"answers\":" + AbstractGatesIT.ANSWERS + ",\"reassess_by\":\"2027-12-31\"}")
              .json()
              .path("id")
              .asLong();
      RawHttp.withPassword(port, user(admin, "governance_officer"), PASSWORD)
          .post(
              API + "assessments/" + assessment + "/review",
              "{\"decision\":\"approve\",\"comment\":\"Complete\"}");
      for (String section :
          new String[] {"limitations", "ethical_considerations", "out_of_scope_uses"}) {
        admin.method(
            "PUT",
            API + "registered-models/" + model + "/versions/1/card/sections/" + section,
            "{\"text\":\"Documented\"}");
      }
      Response waiting =
          admin.post(
              ML + "registered-models/alias",
              "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}");
      assertThat(waiting.status()).isEqualTo(403);
      assertThat(waiting.message()).contains("approvals:", "production-release");
      AbstractGatesIT.grantRelease(port, model, "1");
      assertThat(
              admin
                  .post(
                      ML + "registered-models/alias",
                      "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}")
                  .status())
          .isEqualTo(200);

      RawHttp caio = RawHttp.withPassword(port, user(admin, "caio"), PASSWORD);
      RawHttp officer = RawHttp.withPassword(port, user(admin, "governance_officer"), PASSWORD);
      assertThat(
              officer
                  .post(
                      API + "suspensions",
                      "{\"target_kind\":\"model_version\",\"target\":\""
                          + model
                          + "/1\",\"reason\":\"x\"}")
                  .status())
          .as("only the suspend permission may veto")
          .isEqualTo(403);
      Response suspended =
          caio.post(
              API + "suspensions",
              "{\"target_kind\":\"model_version\",\"target\":\""
                  + model
                  + "/1\",\"reason\":\"Complaints of unfair refusals\"}");
      assertThat(suspended.status()).as(suspended.body()).isEqualTo(201);
      assertThat(suspended.json().path("removedAliases").asString()).contains("production");
      assertThat(
              admin
                  .get(ML + "model-versions/get?name=" + model + "&version=1")
                  .json()
                  .path("model_version")
                  .path("aliases")
                  .toString())
          .doesNotContain("production");
      Response again =
          admin.post(
              ML + "registered-models/alias",
              "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}");
      assertThat(again.status()).isEqualTo(403);
      assertThat(again.message()).contains("suspended", "Complaints of unfair refusals");
      for (int i = 0;
          i < 50 && received.stream().noneMatch(b -> b.contains("suspension.created"));
          i++) {
        Thread.sleep(100);
      }
      assertThat(received)
          .anySatisfy(
              b ->
                  assertThat(b)
                      .contains(
                          "suspension.created", model + "/1", "Complaints of unfair refusals"));
      assertThat(received)
          .as("gate decisions and approvals reach the subscribers too")
          .anySatisfy(b -> assertThat(b).contains("gate.refused", "model_version:" + model + "/1"))
          .anySatisfy(b -> assertThat(b).contains("approval.granted", "production-release"));

      long id = suspended.json().path("id").asLong();
      assertThat(
              officer
                  .post(
                      API + "suspensions/" + id + "/lift-request",
                      "{\"reason\":\"Retrained and re-tested\"}")
                  .status())
          .isEqualTo(200);
      assertThat(officer.post(API + "suspensions/" + id + "/lift-approval", "").status())
          .as("needs the suspend permission")
          .isEqualTo(403);
      assertThat(caio.post(API + "suspensions/" + id + "/lift-approval", "").status())
          .isEqualTo(200);
      assertThat(
              admin
                  .post(
                      ML + "registered-models/alias",
                      "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}")
                  .status())
          .as("after the lifting the gate decides again")
          .isEqualTo(200);

      AuditChain.Verification v = chain.verify();
      assertThat(v.intact()).as(String.valueOf(v)).isTrue();
      assertThat(
              admin
                  .get(API + "audit/events?entity_type=model_version&entity_id=" + model + "/1")
                  .body())
          .contains(
              "suspension.created",
              "suspension.lifted",
              "registry.alias.set",
              "registry.alias.removed");
    } finally {
      deploy.stop(0);
    }
  }
}
