package io.kiban.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The risk register through Kiban's API: ratings and levels on the default 5x5 matrix, ISO 31000
 * treatment, validation, acceptance by the role the policy names, heat map and trend.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractRiskIT {

  static final String API = "/api/kiban/v1/";
  static final String PASSWORD = "Correct-Horse-Battery-9";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  RawHttp admin() {
    return new RawHttp(port);
  }

  String useCase() {
    String key = "UC-R" + UUID.randomUUID().toString().substring(0, 5);
    Response r =
        admin()
            .post(
                API + "use-cases",
                "{\"key\":\""
                    + key
                    + "\",\"name_ja\":\"チャットボット\",\"name_en\":\"Chatbot\","
                    + "\"lifecycle_stage\":\"development\",\"ai_type\":\"generative_ai\","
                    + "\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_on_the_loop\","
                    + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return key;
  }

  static String risk(String useCase, int l, int i, int rl, int ri, String extra) {
    return "{\"use_case\":\""
        + useCase
        + "\",\"title\":\"Hallucinated answers\","
        + "\"description\":\"The bot states wrong product terms\",\"principle\":\"safety\","
        + "\"characteristic\":\"valid_reliable\",\"lifecycle_phase\":\"operation\","
        + "\"likelihood\":"
        + l
        + ",\"impact\":"
        + i
        + ",\"treatment\":\"change_likelihood\","
        + "\"treatment_plan\":\"Retrieval grounding and answer checks\","
        + "\"residual_likelihood\":"
        + rl
        + ",\"residual_impact\":"
        + ri
        + ","
        + "\"owner\":\"Customer Service\",\"review_date\":\"2027-03-31\","
        + "\"controls\":[\"iso42001:A.6.2.4\",\"nist-ai-rmf:MEASURE 2.5\"]"
        + extra
        + "}";
  }

  String user(String role, String workspace) {
    String name = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 5);
    admin()
        .post(API + "users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(
            admin()
                .post(
                    API + "users/" + name + "/grants",
                    "{\"role\":\"" + role + "\",\"workspace\":\"" + workspace + "\"}")
                .status())
        .isEqualTo(201);
    return name;
  }

  @Test
  void risksAreRatedOnTheMatrixAndValidated() {
    String uc = useCase();
    Response created = admin().post(API + "risks", risk(uc, 4, 5, 2, 3, ""));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode r = created.json();
    assertThat(r.path("inherent_level").asString()).isEqualTo("very_high");
    assertThat(r.path("residual_level").asString()).isEqualTo("medium");
    assertThat(r.path("status").asString()).isEqualTo("open");
    assertThat(r.path("controls").toString())
        .contains("iso42001:A.6.2.4", "nist-ai-rmf:MEASURE 2.5");
    long id = r.path("id").asLong();
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_event WHERE action = 'risk.created' AND entity_id = ?")
                .param(String.valueOf(id))
                .query(Long.class)
                .single())
        .isEqualTo(1);

    String[][] bad = {
      {risk(uc, 6, 1, 1, 1, ""), "likelihood"},
      {risk(uc, 2, 2, 3, 3, ""), "residual rating"},
      {risk(uc, 2, 2, 1, 1, "").replace("\"safety\"", "\"luck\""), "principle"},
      {risk(uc, 2, 2, 1, 1, "").replace("change_likelihood", "ignore"), "treatment"},
      {risk(uc, 2, 2, 1, 1, "").replace("iso42001:A.6.2.4", "just words"), "requirement reference"},
      {risk(uc, 2, 2, 1, 1, "").replace("2027-03-31", "next spring"), "review_date"},
      {
        risk(uc, 2, 2, 1, 1, "").replace("iso42001:A.6.2.4", "iso42001:A.99"),
        "not in the framework library"
      },
      {risk(uc, 2, 2, 1, 1, ",\"status\":\"accepted\""), "accepted"},
    };
    for (String[] b : bad) {
      Response resp = admin().post(API + "risks", b[0]);
      assertThat(resp.status()).as(b[1] + ": " + resp.body()).isEqualTo(400);
      assertThat(resp.json().path("detail").asString()).as(b[1]).contains(b[1]);
    }
    assertThat(admin().post(API + "risks", risk("NO-SUCH", 2, 2, 1, 1, "")).status())
        .isEqualTo(404);
    assertThat(admin().get(API + "risks/999999").status()).isEqualTo(404);
  }

  @Test
  void acceptingAResidualRiskNeedsTheRoleThePolicyNames() {
    String uc = useCase();
    long medium = admin().post(API + "risks", risk(uc, 3, 4, 2, 3, "")).json().path("id").asLong();
    long high = admin().post(API + "risks", risk(uc, 5, 5, 3, 4, "")).json().path("id").asLong();
    String owner = user("business_owner", "default");
    String officer = user("governance_officer", "*");
    String caio = user("caio", "*");

    Response noRationale =
        RawHttp.withPassword(port, owner, PASSWORD).post(API + "risks/" + medium + "/accept", "{}");
    assertThat(noRationale.status()).isEqualTo(400);
    Response ownerAccepts =
        RawHttp.withPassword(port, owner, PASSWORD)
            .post(API + "risks/" + medium + "/accept", "{\"rationale\":\"Within appetite\"}");
    assertThat(ownerAccepts.status()).as(ownerAccepts.body()).isEqualTo(200);
    assertThat(ownerAccepts.json().path("status").asString()).isEqualTo("accepted");
    assertThat(ownerAccepts.json().path("accepted_by").asString()).isEqualTo(owner);

    Response officerTries =
        RawHttp.withPassword(port, officer, PASSWORD)
            .post(API + "risks/" + high + "/accept", "{\"rationale\":\"fine\"}");
    assertThat(officerTries.status()).isEqualTo(403);
    assertThat(officerTries.json().path("detail").asString()).contains("high", "caio");
    assertThat(admin().get(API + "risks/" + high).json().path("status").asString())
        .isEqualTo("open");
    Response caioAccepts =
        RawHttp.withPassword(port, caio, PASSWORD)
            .post(
                API + "risks/" + high + "/accept",
                "{\"rationale\":\"Board approved the appetite\"}");
    assertThat(caioAccepts.status()).isEqualTo(200);

    Response rerated = admin().method("PUT", API + "risks/" + medium, risk(uc, 3, 4, 3, 3, ""));
    assertThat(rerated.status()).as(rerated.body()).isEqualTo(200);
    assertThat(rerated.json().path("status").asString())
        .as("a new residual rating voids the acceptance")
        .isEqualTo("open");
    assertThat(
            rerated.json().path("accepted_by").isNull()
                || rerated.json().path("accepted_by").isMissingNode())
        .isTrue();
  }

  @Test
  void heatMapAndTrendSummariseOpenRisks() {
    String uc = useCase();
    admin().post(API + "risks", risk(uc, 4, 5, 2, 3, ""));
    admin().post(API + "risks", risk(uc, 4, 5, 1, 1, ""));
    JsonNode map = admin().get(API + "risks/heatmap?use_case=" + uc).json();
    assertThat(map.path("size").asInt()).isEqualTo(5);
    assertThat(map.path("inherent").get(3).get(4).asInt()).isEqualTo(2);
    assertThat(map.path("residual").get(1).get(2).asInt()).isEqualTo(1);
    assertThat(map.path("residual").get(0).get(0).asInt()).isEqualTo(1);
    assertThat(map.path("cellLevels").get(4).get(4).asString()).isEqualTo("very_high");
    JsonNode trend = admin().get(API + "risks/trend?use_case=" + uc + "&days=7").json();
    assertThat(trend).hasSize(7);
    JsonNode today = trend.get(6).path("openByLevel");
    assertThat(today.path("medium").asInt()).isEqualTo(1);
    assertThat(today.path("low").asInt()).isEqualTo(1);
    assertThat(admin().get(API + "risks/trend?days=0").status()).isEqualTo(400);
  }

  @Test
  void risksFollowTheirUseCasesWorkspace() {
    String uc = useCase();
    String viewer = user("viewer", "default");
    RawHttp http = RawHttp.withPassword(port, viewer, PASSWORD);
    assertThat(http.post(API + "risks", risk(uc, 2, 2, 1, 1, "")).status()).isEqualTo(403);
    long id = admin().post(API + "risks", risk(uc, 2, 2, 1, 1, "")).json().path("id").asLong();
    assertThat(http.get(API + "risks/" + id).status()).isEqualTo(200);
    assertThat(http.method("PUT", API + "risks/" + id, risk(uc, 2, 2, 1, 1, "")).status())
        .isEqualTo(403);
  }
}
