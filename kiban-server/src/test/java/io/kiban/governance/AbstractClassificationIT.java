package io.kiban.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** EU AI Act classification and internal tiers through Kiban's API, stored per submission. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractClassificationIT {

  static final String API = "/api/kiban/v1/";
  static final String CREDIT =
      "{\"prohibited_practices\":[],\"annex_i_safety_component\":false,"
          + "\"annex_iii_areas\":[\"5b\"],\"profiling\":true,\"transparency\":[],"
          + "\"general_purpose_model\":false,\"public_service_deployer\":false}";

  @LocalServerPort int port;

  RawHttp admin() {
    return new RawHttp(port);
  }

  String useCase(String extra) {
    String key = "UC-C" + UUID.randomUUID().toString().substring(0, 5);
    Response r =
        admin()
            .post(
                API + "use-cases",
                "{\"key\":\""
                    + key
                    + "\",\"name_ja\":\"個人ローン審査\",\"name_en\":\"Loan scoring\","
                    + "\"lifecycle_stage\":\"development\",\"ai_type\":\"predictive_ml\","
                    + "\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_in_the_loop\","
                    + "\"eu_roles\":[\"provider\",\"deployer\"],"
                    + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\""
                    + extra
                    + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return key;
  }

  @Test
  void classificationsAreStoredPerSubmissionWithTheirRationale() {
    assertThat(admin().get(API + "classification/questionnaire").json().path("questions").size())
        .isEqualTo(9);
    String key = useCase("");
    assertThat(admin().get(API + "use-cases/" + key + "/classifications/current").status())
        .isEqualTo(404);
    Response first = admin().post(API + "use-cases/" + key + "/classifications", CREDIT);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    JsonNode result = first.json().path("result");
    assertThat(result.path("tier").asString()).isEqualTo("HIGH_RISK");
    assertThat(result.path("triggers").toString()).contains("Annex III 5(b)");
    assertThat(result.path("obligations").toString()).contains("Art. 27", "Art. 9");
    assertThat(result.path("steps").toString()).contains("信用", "Annex III 5(b)");

    Response second =
        admin().post(API + "use-cases/" + key + "/classifications", CREDIT.replace("\"5b\"", ""));
    assertThat(second.status()).isEqualTo(201);
    JsonNode history = admin().get(API + "use-cases/" + key + "/classifications").json();
    assertThat(history).hasSize(2);
    assertThat(history.get(0).path("result").path("tier").asString()).isEqualTo("MINIMAL_RISK");
    assertThat(history.get(1).path("result").path("tier").asString())
        .as("kept as submitted")
        .isEqualTo("HIGH_RISK");

    Response missing =
        admin()
            .post(API + "use-cases/" + key + "/classifications", "{\"annex_iii_areas\":[\"5b\"]}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("errors").toString())
        .contains("prohibited_practices", "general_purpose_model");
    Response unknown =
        admin()
            .post(
                API + "use-cases/" + key + "/classifications", CREDIT.replace("\"5b\"", "\"9z\""));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(admin().get(API + "use-cases/" + key + "/classifications").json()).hasSize(2);
  }

  @Test
  void internalTiersFollowTheCriteriaAndBadCriteriaAreRefused() {
    String key = useCase(",\"data_categories\":[\"personal\"]");
    admin().post(API + "use-cases/" + key + "/classifications", CREDIT);
    Response tier = admin().post(API + "use-cases/" + key + "/internal-tier", "");
    assertThat(tier.status()).as(tier.body()).isEqualTo(201);
    assertThat(tier.json().path("tier").asString()).isEqualTo("high");
    assertThat(tier.json().path("ruleId").asString()).isEqualTo("eu-high-risk");
    assertThat(tier.json().path("ruleJa").asString()).contains("高リスク");

    Response bad =
        admin()
            .method(
                "PUT",
                API + "tier-criteria",
                "{\"tiers\":[\"a\",\"b\"],\"rules\":[{\"id\":\"x\",\"tier\":\"c\",\"ja\":\"x\",\"en\":\"x\","
                    + "\"when\":{\"shoe_size\":[\"9\"]}},{\"id\":\"x\",\"tier\":\"b\",\"ja\":\"y\",\"en\":\"y\","
                    + "\"when\":{\"ai_type\":[\"agent\"]}}]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").toString())
        .contains("rules[0].tier", "shoe_size", "used twice", "last rule");
    Response broken = admin().method("PUT", API + "tier-criteria", "{\n  \"tiers\": [\"a\",\n}");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().path("errors").get(0).path("line").asInt()).isGreaterThan(1);

    Response custom =
        admin()
            .method(
                "PUT",
                API + "tier-criteria",
                "{\"tiers\":[\"tier-1\",\"tier-2\"],\"rules\":[{\"id\":\"personal\",\"tier\":\"tier-1\","
                    + "\"ja\":\"個人情報\",\"en\":\"Personal data\",\"when\":{\"data_categories\":[\"personal\"]}},"
                    + "{\"id\":\"rest\",\"tier\":\"tier-2\",\"ja\":\"その他\",\"en\":\"Rest\",\"when\":{}}]}");
    assertThat(custom.status()).as(custom.body()).isEqualTo(200);
    long version = custom.json().path("version").asLong();
    assertThat(version).isPositive();
    JsonNode again = admin().post(API + "use-cases/" + key + "/internal-tier", "").json();
    assertThat(again.path("tier").asString()).isEqualTo("tier-1");
    assertThat(again.path("criteriaVersion").asLong()).isEqualTo(version);
    assertThat(admin().get(API + "use-cases/" + key + "/internal-tier").json()).hasSize(2);
  }

  @Test
  void viewersCannotClassify() {
    String key = useCase("");
    String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 5);
    admin()
        .post(
            API + "users",
            "{\"username\":\"" + viewer + "\",\"password\":\"Correct-Horse-Battery-9\"}");
    admin()
        .post(
            API + "users/" + viewer + "/grants", "{\"role\":\"viewer\",\"workspace\":\"default\"}");
    RawHttp http = RawHttp.withPassword(port, viewer, "Correct-Horse-Battery-9");
    assertThat(http.post(API + "use-cases/" + key + "/classifications", CREDIT).status())
        .isEqualTo(403);
    assertThat(http.method("PUT", API + "tier-criteria", "{}").status()).isEqualTo(403);
    assertThat(http.get(API + "use-cases/" + key + "/classifications").status()).isEqualTo(200);
  }
}
