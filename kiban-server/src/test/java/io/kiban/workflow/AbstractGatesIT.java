package io.kiban.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.Browserless;
import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import io.kiban.support.TestAuth;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.MlflowClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Governance gates enforced in the registry: a model version of a high-risk use case cannot reach
 * production until the policy's criteria are met, through the MLflow API (raw calls; the official
 * Java client logs the run) and the UI; refusals change nothing and list what is missing; every
 * evaluation is stored; the policy is validated on load; use case stage gates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractGatesIT {

  static final String ML = "/api/2.0/mlflow/";
  static final String API = "/api/kiban/v1/";
  static final String CREDIT =
      "{\"prohibited_practices\":[],\"annex_i_safety_component\":false,"
          + "\"annex_iii_areas\":[\"5b\"],\"profiling\":true,\"transparency\":[],"
          + "\"general_purpose_model\":false,\"public_service_deployer\":false}";
  static final String ANSWERS =
      "{\"purpose\":\"p\",\"users\":\"u\",\"deployment_process\":\"d\",\"period_frequency\":\"f\","
          + "\"affected_categories\":\"a\",\"individual_impacts\":\"i\",\"societal_impacts\":\"s\","
          + "\"specific_risks\":\"r\",\"severity\":\"high\",\"likelihood\":\"possible\","
          + "\"oversight_measures\":\"o\",\"mitigations\":\"m\",\"materialised_measures\":\"x\","
          + "\"residual_acceptable\":\"yes\"}";

  @LocalServerPort int port;

  RawHttp admin() {
    return new RawHttp(port);
  }

  /**
   * Takes a model version through the default policy's production-release flow: asked by a model
   * owner, approved by a business owner, the CAIO and (high risk) a committee member.
   */
  static long grantRelease(int port, String model, String version) {
    RawHttp admin = new RawHttp(port);
    String password = "Correct-Horse-Battery-9";
    java.util.Map<String, RawHttp> people = new java.util.LinkedHashMap<>();
    for (String role : new String[] {"model_owner", "business_owner", "caio", "committee_member"}) {
      String name = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 5);
      admin.post(
          API + "users", "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}");
      admin.post(
          API + "users/" + name + "/grants", "{\"role\":\"" + role + "\",\"workspace\":\"*\"}");
      people.put(role, RawHttp.withPassword(port, name, password));
    }
    Response asked =
        people
            .get("model_owner")
            .post(
                API + "approvals",
                "{\"flow\":\"production-release\",\"target_kind\":\"model_version\",\"target\":\""
                    + model
                    + "/"
                    + version
                    + "\"}");
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    long id = asked.json().path("id").asLong();
    int steps = asked.json().path("steps").size();
    String[] deciders = {"business_owner", "caio", "committee_member"};
    for (int i = 0; i < steps; i++) {
      Response r =
          people
              .get(deciders[i])
              .post(API + "approvals/" + id + "/decisions", "{\"decision\":\"approve\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
    return id;
  }

  String useCase(String key) {
    Response r =
        admin()
            .post(
                API + "use-cases",
                "{\"key\":\""
                    + key
                    + "\",\"name_ja\":\"与信\",\"name_en\":\"Credit\","
                    + "\"lifecycle_stage\":\"validation\",\"ai_type\":\"predictive_ml\","
                    + "\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_in_the_loop\","
                    + "\"eu_roles\":[\"provider\",\"deployer\"],"
                    + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return key;
  }

  @Test
  void aHighRiskModelReachesProductionOnlyWhenTheGateIsMet() {
    String key = useCase("UC-G" + UUID.randomUUID().toString().substring(0, 5));
    assertThat(admin().post(API + "use-cases/" + key + "/classifications", CREDIT).status())
        .isEqualTo(201);
    String model = "credit-scorer-" + key;
    String run;
    try (MlflowClient client = TestAuth.adminClient(port)) {
      String exp = client.createExperiment("gates-" + key);
      run = client.createRun(exp).getRunId();
      client.logMetric(run, "disparate_impact", 0.86);
      client.logMetric(run, "auc", 0.91);
      client.logParam(run, "max_depth", "6");
    }
    admin()
        .post(
            ML + "runs/log-inputs",
            "{\"run_id\":\""
                + run
                + "\",\"datasets\":[{\"dataset\":{\"name\":\"loans-2026\","
                + "\"digest\":\"d1\",\"source_type\":\"local\",\"source\":\"/data/loans\"}}]}");
    admin()
        .post(
            ML + "registered-models/create",
            "{\"name\":\""
                + model
                + "\",\"tags\":[{\"key\":\"kiban.use_case\",\"value\":\""
                + key
                + "\"}]}");
    admin()
        .post(
            ML + "model-versions/create",
            "{\"name\":\""
                + model
                + "\",\"source\":\"runs:/"
                + run
                + "/model\",\"run_id\":\""
                + run
                + "\"}");

    Response refused =
        admin()
            .post(
                ML + "registered-models/alias",
                "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
    assertThat(refused.message())
        .contains(
            "refused by the governance gates", "assessment_within_months", "model_card_complete")
        .doesNotContain("classification_done:")
        .doesNotContain("metric_at_least");
    Response stage =
        admin()
            .post(
                ML + "model-versions/transition-stage",
                "{\"name\":\""
                    + model
                    + "\",\"version\":\"1\",\"stage\":\"Production\",\"archive_existing_versions\":false}");
    assertThat(stage.status()).isEqualTo(403);
    JsonNode afterRefusal = admin().get(ML + "registered-models/get?name=" + model).json();
    assertThat(
            afterRefusal.path("registered_model").path("aliases").isMissingNode()
                || afterRefusal.path("registered_model").path("aliases").isEmpty())
        .as("nothing changed")
        .isTrue();
    assertThat(
            admin()
                .get(ML + "model-versions/get?name=" + model + "&version=1")
                .json()
                .path("model_version")
                .path("current_stage")
                .asString())
        .isEqualTo("None");
    Browserless browser = new Browserless(port);
    browser.signIn(TestAuth.ADMIN, TestAuth.ADMIN_PASSWORD);
    browser.postForm(
        "/models/" + model + "/versions/1/alias",
        Map.of("alias", "production"),
        "/models/" + model + "/versions/1");
    assertThat(
            admin()
                .get(ML + "model-versions/get?name=" + model + "&version=1")
                .json()
                .path("model_version")
                .path("aliases")
                .toString())
        .as("refused through the UI too")
        .doesNotContain("production");
    assertThat(
            admin()
                .post(
                    ML + "registered-models/alias",
                    "{\"name\":\"" + model + "\",\"alias\":\"challenger\",\"version\":\"1\"}")
                .status())
        .as("non-production aliases are not gated")
        .isEqualTo(200);

    long assessment =
        admin()
            .post(
                API + "use-cases/" + key + "/assessments",
                "{\"answers\":" + ANSWERS + ",\"reassess_by\":\"2027-12-31\"}")
            .json()
            .path("id")
            .asLong();
    String officer = "officer-" + UUID.randomUUID().toString().substring(0, 5);
    admin()
        .post(
            API + "users",
            "{\"username\":\"" + officer + "\",\"password\":\"Correct-Horse-Battery-9\"}");
    admin()
        .post(
            API + "users/" + officer + "/grants",
            "{\"role\":\"governance_officer\",\"workspace\":\"*\"}");
    RawHttp.withPassword(port, officer, "Correct-Horse-Battery-9")
        .post(
            API + "assessments/" + assessment + "/review",
            "{\"decision\":\"approve\",\"comment\":\"ok\"}");
    for (String section :
        new String[] {"limitations", "ethical_considerations", "out_of_scope_uses"}) {
      assertThat(
              admin()
                  .method(
                      "PUT",
                      API + "registered-models/" + model + "/versions/1/card/sections/" + section,
                      "{\"text\":\"Written for the gate\"}")
                  .status())
          .isEqualTo(200);
    }
    assertThat(
            admin()
                .post(
                    ML + "registered-models/alias",
                    "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}")
                .message())
        .as("assessment and card done; the approvals are still missing")
        .contains("approvals:")
        .doesNotContain("assessment_within_months");
    grantRelease(port, model, "1");
    Response allowed =
        admin()
            .post(
                ML + "registered-models/alias",
                "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}");
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
    assertThat(
            admin()
                .get(ML + "model-versions/get?name=" + model + "&version=1")
                .json()
                .path("model_version")
                .path("aliases")
                .toString())
        .contains("production");

    JsonNode evaluations =
        admin().get(API + "gate-evaluations?subject=model_version:" + model).json();
    assertThat(evaluations.size()).isGreaterThanOrEqualTo(4);
    assertThat(evaluations.get(0).path("passed").asBoolean()).isTrue();
    assertThat(evaluations.get(evaluations.size() - 1).path("passed").asBoolean()).isFalse();
    assertThat(evaluations.get(0).path("criteria").toString()).contains("disparate_impact", "0.86");
  }

  @Test
  void unlinkedModelsFollowThePolicyAndBadPoliciesAreRefused() {
    String model = "unlinked-" + UUID.randomUUID().toString().substring(0, 5);
    admin().post(ML + "registered-models/create", "{\"name\":\"" + model + "\"}");
    admin()
        .post(
            ML + "model-versions/create",
            "{\"name\":\"" + model + "\",\"source\":\"s3://bucket/m\"}");
    long before = admin().get(API + "policy").json().path("version").asLong();
    Response bad =
        admin()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(admin().base() + API + "policy"))
                    .header("Content-Type", "application/yaml")
                    .PUT(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "unlinked_models: require_link\ngates:\n  - id: g\n    gate: model_promotion\n    criteria:\n      - assessment_within_months: forever\n")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").get(0).path("line").asInt()).isEqualTo(6);
    assertThat(bad.json().path("errors").toString()).contains("number of months");
    assertThat(admin().get(API + "policy").json().path("version").asLong())
        .as("the policy in force stays")
        .isEqualTo(before);
    assertThat(
            admin()
                .post(
                    ML + "registered-models/alias",
                    "{\"name\":\"" + model + "\",\"alias\":\"champion\",\"version\":\"1\"}")
                .status())
        .as("the default policy allows unlinked models")
        .isEqualTo(200);

    Response strict =
        admin()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(admin().base() + API + "policy"))
                    .header("Content-Type", "application/yaml")
                    .PUT(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "unlinked_models: require_link\ngates:\n  - id: any\n    gate: model_promotion\n    criteria:\n      - classification_done: true\n")));
    assertThat(strict.status()).as(strict.body()).isEqualTo(200);
    Response refused =
        admin()
            .post(
                ML + "registered-models/alias",
                "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.message()).contains("linked to no use case");
    admin()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(admin().base() + API + "policy"))
                .header("Content-Type", "application/yaml")
                .PUT(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        io.kiban.workflow.GateService.shipped())));
  }

  @Test
  void useCaseStageChangesPassTheirGate() {
    String key = useCase("UC-T" + UUID.randomUUID().toString().substring(0, 5));
    String body =
        "{\"name_ja\":\"与信\",\"name_en\":\"Credit\",\"lifecycle_stage\":\"production\","
            + "\"ai_type\":\"predictive_ml\",\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_in_the_loop\","
            + "\"eu_roles\":[\"provider\",\"deployer\"],\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}";
    Response refused = admin().method("PUT", API + "use-cases/" + key, body);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("detail").asString())
        .contains("stage-production", "classification_done", "assessment_within_months");
    assertThat(admin().get(API + "use-cases/" + key).json().path("lifecycle_stage").asString())
        .isEqualTo("validation");
    admin().post(API + "use-cases/" + key + "/classifications", CREDIT);
    long assessment =
        admin()
            .post(
                API + "use-cases/" + key + "/assessments",
                "{\"answers\":" + ANSWERS + ",\"reassess_by\":\"2027-12-31\"}")
            .json()
            .path("id")
            .asLong();
    String officer = "officer-" + UUID.randomUUID().toString().substring(0, 5);
    admin()
        .post(
            API + "users",
            "{\"username\":\"" + officer + "\",\"password\":\"Correct-Horse-Battery-9\"}");
    admin()
        .post(
            API + "users/" + officer + "/grants",
            "{\"role\":\"governance_officer\",\"workspace\":\"*\"}");
    RawHttp.withPassword(port, officer, "Correct-Horse-Battery-9")
        .post(
            API + "assessments/" + assessment + "/review",
            "{\"decision\":\"approve\",\"comment\":\"ok\"}");
    Response allowed = admin().method("PUT", API + "use-cases/" + key, body);
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
    assertThat(allowed.json().path("lifecycle_stage").asString()).isEqualTo("production");
  }
}
