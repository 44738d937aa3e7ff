package io.kiban.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Impact assessments: the shipped template, submissions kept unchanged, reviewer sign-off. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractAssessmentIT {

  static final String API = "/api/kiban/v1/";
  static final String PASSWORD = "Correct-Horse-Battery-9";
  static final String ANSWERS =
      "{\"purpose\":\"Loan decisions\",\"users\":\"Credit officers\",\"deployment_process\":\"Pre-screening\","
          + "\"period_frequency\":\"Daily, from 2027\",\"affected_categories\":\"Loan applicants\","
          + "\"individual_impacts\":\"Wrong refusals\",\"societal_impacts\":\"Access to credit\","
          + "\"specific_risks\":\"Discrimination by age\",\"severity\":\"high\",\"likelihood\":\"possible\","
          + "\"oversight_measures\":\"Officer reviews every refusal\",\"mitigations\":\"Bias tests each release\","
          + "\"materialised_measures\":\"Complaints desk, re-review\",\"residual_acceptable\":\"yes\"}";

  @LocalServerPort int port;

  RawHttp admin() {
    return new RawHttp(port);
  }

  String useCase() {
    String key = "UC-A" + UUID.randomUUID().toString().substring(0, 5);
    admin()
        .post(
            API + "use-cases",
            "{\"key\":\""
                + key
                + "\",\"name_ja\":\"与信\",\"name_en\":\"Credit\","
                + "\"lifecycle_stage\":\"validation\",\"ai_type\":\"predictive_ml\","
                + "\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_in_the_loop\","
                + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}");
    return key;
  }

  String officer() {
    String name = "officer-" + UUID.randomUUID().toString().substring(0, 5);
    admin()
        .post(API + "users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
    admin()
        .post(
            API + "users/" + name + "/grants",
            "{\"role\":\"governance_officer\",\"workspace\":\"*\"}");
    return name;
  }

  @Test
  void assessmentsAreSubmittedUnchangedAndSignedOffBySomeoneElse() {
    JsonNode template = admin().get(API + "assessment-templates/kiban-aiia").json();
    assertThat(template.path("definition").path("sections").size()).isEqualTo(5);
    String key = useCase();
    Response submitted =
        admin()
            .post(
                API + "use-cases/" + key + "/assessments",
                "{\"answers\":" + ANSWERS + ",\"reassess_by\":\"2027-11-30\"}");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    long id = submitted.json().path("id").asLong();
    assertThat(submitted.json().path("reviewStatus").asString()).isEqualTo("submitted");
    assertThat(submitted.json().path("answers").path("specific_risks").asString())
        .isEqualTo("Discrimination by age");

    Response self =
        admin().post(API + "assessments/" + id + "/review", "{\"decision\":\"approve\"}");
    assertThat(self.status()).as("no self-approval").isEqualTo(403);
    RawHttp reviewer = RawHttp.withPassword(port, officer(), PASSWORD);
    assertThat(
            reviewer
                .post(API + "assessments/" + id + "/review", "{\"decision\":\"reject\"}")
                .status())
        .as("a rejection needs a comment")
        .isEqualTo(400);
    Response approved =
        reviewer.post(
            API + "assessments/" + id + "/review",
            "{\"decision\":\"approve\",\"comment\":\"Complete\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().path("reviewStatus").asString()).isEqualTo("approved");
    assertThat(
            reviewer
                .post(
                    API + "assessments/" + id + "/review",
                    "{\"decision\":\"reject\",\"comment\":\"x\"}")
                .status())
        .as("signed off once")
        .isEqualTo(400);

    Response second =
        admin()
            .post(
                API + "use-cases/" + key + "/assessments",
                "{\"answers\":"
                    + ANSWERS.replace("\"high\"", "\"medium\"")
                    + ",\"reassess_by\":\"2028-05-31\"}");
    assertThat(second.status()).isEqualTo(201);
    JsonNode history = admin().get(API + "use-cases/" + key + "/assessments").json();
    assertThat(history).hasSize(2);
    assertThat(history.get(1).path("answers").path("severity").asString())
        .as("kept as submitted")
        .isEqualTo("high");
  }

  @Test
  void incompleteOrWrongAnswersAreAllReported() {
    String key = useCase();
    Response bad =
        admin()
            .post(
                API + "use-cases/" + key + "/assessments",
                "{\"answers\":{\"purpose\":\"x\",\"severity\":\"apocalyptic\",\"colour\":\"red\"},\"reassess_by\":\"2027-01-01\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").toString())
        .contains("users", "apocalyptic", "colour", "residual_acceptable");
    Response past =
        admin()
            .post(
                API + "use-cases/" + key + "/assessments",
                "{\"answers\":" + ANSWERS + ",\"reassess_by\":\"2020-01-01\"}");
    assertThat(past.status()).isEqualTo(400);
    assertThat(admin().get(API + "use-cases/" + key + "/assessments").json()).isEmpty();
    Response badTemplate =
        admin()
            .post(
                API + "assessment-templates",
                "{\"key\":\"Bad Key\",\"version\":\"\",\"sections\":[{\"questions\":[{\"id\":\"a\",\"type\":\"essay\"}]}]}");
    assertThat(badTemplate.status()).isEqualTo(400);
    assertThat(badTemplate.json().path("errors").toString())
        .contains("key", "version", "type", "label");
  }
}
