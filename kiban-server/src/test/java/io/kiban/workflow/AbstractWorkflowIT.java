package io.kiban.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Approvals (steps by role, escalation to the committee, separation of duties, rejection and
 * resubmission, the granted request as the gate's evidence), incidents with the EU AI Act reporting
 * clock, and remediation tasks (manual, from failed gates, incidents and the sweep).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractWorkflowIT {

  static final String ML = "/api/2.0/mlflow/";
  static final String API = "/api/kiban/v1/";
  static final String PASSWORD = "Correct-Horse-Battery-9";

  @LocalServerPort int port;

  RawHttp admin() {
    return new RawHttp(port);
  }

  String user(String... roles) {
    String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            admin()
                .post(
                    API + "users",
                    "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
                .status())
        .isEqualTo(201);
    for (String role : roles) {
      assertThat(
              admin()
                  .post(
                      API + "users/" + name + "/grants",
                      "{\"role\":\"" + role + "\",\"workspace\":\"*\"}")
                  .status())
          .isEqualTo(201);
    }
    return name;
  }

  RawHttp as(String name) {
    return RawHttp.withPassword(port, name, PASSWORD);
  }

  String useCase(String prefix, boolean highRisk) {
    String key = prefix + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
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
    if (highRisk) {
      assertThat(
              admin()
                  .post(API + "use-cases/" + key + "/classifications", AbstractGatesIT.CREDIT)
                  .status())
          .isEqualTo(201);
    }
    return key;
  }

  String model(String useCase) {
    String model = "m-" + useCase.toLowerCase();
    admin()
        .post(
            ML + "registered-models/create",
            "{\"name\":\""
                + model
                + "\",\"tags\":[{\"key\":\"kiban.use_case\",\"value\":\""
                + useCase
                + "\"}]}");
    admin()
        .post(
            ML + "model-versions/create",
            "{\"name\":\"" + model + "\",\"source\":\"s3://bucket/" + model + "\"}");
    return model;
  }

  static String ask(String model) {
    return "{\"flow\":\"production-release\",\"target_kind\":\"model_version\",\"target\":\""
        + model
        + "/1\",\"comment\":\"Validated on the 2026 back-test\"}";
  }

  static String decision(String decision, String comment) {
    return "{\"decision\":\""
        + decision
        + "\""
        + (comment == null ? "" : ",\"comment\":\"" + comment + "\"")
        + "}";
  }

  @Test
  void approvalsFollowTheirStepsWithSeparationOfDutiesAndEscalation() {
    String key = useCase("UC-A", true);
    String model = model(key);
    String requester = user("model_owner");
    String owner = user("business_owner");
    String caio = user("caio");
    String committee = user("committee_member");
    String both = user("business_owner", "caio");
    String scientist = user("data_scientist");

    assertThat(as(user("viewer")).post(API + "approvals", ask(model)).status())
        .as("asking needs the report permission")
        .isEqualTo(403);
    Response bad =
        as(requester).post(API + "approvals", ask(model).replace("production-release", "nope"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("detail").asString()).contains("'nope' is not in the policy");

    Response asked = as(requester).post(API + "approvals", ask(model));
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    JsonNode request = asked.json();
    long id = request.path("id").asLong();
    assertThat(request.path("escalated").asBoolean()).as("high-risk: committee step").isTrue();
    assertThat(request.path("steps").size()).isEqualTo(3);
    assertThat(request.path("steps").get(2).path("role").asString()).isEqualTo("committee_member");
    assertThat(as(requester).post(API + "approvals", ask(model)).status())
        .as("one open request per flow and subject")
        .isEqualTo(409);

    Response own =
        as(requester).post(API + "approvals/" + id + "/decisions", decision("approve", null));
    assertThat(own.status()).isEqualTo(403);
    assertThat(own.json().path("detail").asString()).contains("Separation of duties");
    Response wrongRole =
        as(scientist).post(API + "approvals/" + id + "/decisions", decision("approve", null));
    assertThat(wrongRole.status()).isEqualTo(403);
    assertThat(wrongRole.json().path("detail").asString()).contains("business-owner");
    assertThat(inbox(owner)).contains(id);
    assertThat(inbox(caio)).as("not yet the CAIO's step").doesNotContain(id);
    assertThat(inbox(requester)).doesNotContain(id);

    assertThat(
            as(owner)
                .post(API + "approvals/" + id + "/decisions", decision("approve", "OK"))
                .status())
        .isEqualTo(200);
    assertThat(inbox(caio)).contains(id);
    assertThat(
            as(owner)
                .post(API + "approvals/" + id + "/decisions", decision("approve", null))
                .status())
        .as("the business owner's step is done; the next needs the CAIO")
        .isEqualTo(403);
    Response noReason =
        as(caio).post(API + "approvals/" + id + "/decisions", decision("reject", null));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().path("detail").asString()).contains("needs a reason");
    Response rejected =
        as(caio)
            .post(
                API + "approvals/" + id + "/decisions",
                decision("reject", "Fairness evaluation on the 2026 applicants is missing"));
    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.json().path("status").asString()).isEqualTo("rejected");
    assertThat(
            as(caio)
                .post(API + "approvals/" + id + "/decisions", decision("approve", null))
                .status())
        .isEqualTo(409);

    assertThat(as(requester).post(API + "approvals/" + id + "/resubmit", "{}").status())
        .isEqualTo(400);
    Response again =
        as(requester)
            .post(API + "approvals/" + id + "/resubmit", "{\"comment\":\"Fairness report added\"}");
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().path("round").asInt()).isEqualTo(2);
    assertThat(again.json().path("currentStep").asInt()).isZero();

    assertThat(
            as(both)
                .post(API + "approvals/" + id + "/decisions", decision("approve", null))
                .status())
        .isEqualTo(200);
    Response twice =
        as(both).post(API + "approvals/" + id + "/decisions", decision("approve", null));
    assertThat(twice.status()).as("one person decides one step of a request").isEqualTo(403);
    assertThat(twice.json().path("detail").asString()).contains("Separation of duties");
    assertThat(
            as(caio)
                .post(API + "approvals/" + id + "/decisions", decision("approve", null))
                .status())
        .isEqualTo(200);
    Response granted =
        as(committee).post(API + "approvals/" + id + "/decisions", decision("approve", "Agreed"));
    assertThat(granted.json().path("status").asString()).isEqualTo("approved");
    assertThat(inbox(committee)).doesNotContain(id);
    assertThat(granted.json().path("decisions").size()).isEqualTo(6);

    Response refused =
        admin()
            .post(
                ML + "registered-models/alias",
                "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}");
    assertThat(refused.status()).as("other criteria still unmet").isEqualTo(403);
    assertThat(refused.message()).doesNotContain("] approvals:");
    JsonNode evaluation =
        admin().get(API + "gate-evaluations?subject=model_version:" + model + "/1").json().get(0);
    JsonNode approvals = null;
    for (JsonNode c : evaluation.path("criteria")) {
      if (c.path("criterion").asString().equals("approvals")) {
        approvals = c;
      }
    }
    assertThat(approvals).isNotNull();
    assertThat(approvals.path("passed").asBoolean()).isTrue();
    assertThat(approvals.path("reason").asString())
        .contains("request #" + id, both, caio, committee);
    assertThat(
            admin().get(API + "audit/events?entity_type=approval_request&entity_id=" + id).body())
        .contains(
            "approval.requested", "approval.rejected", "approval.resubmitted", "approval.granted");
  }

  @Test
  void aStepOfNamedPeopleWhereAllMustApprove() {
    String ann = user("viewer");
    String ben = user("viewer");
    String requester = user("governance_officer");
    String key = useCase("UC-P", false);
    String policy =
        GateService.shipped()
            .replace(
                "approval_flows:\n",
                "approval_flows:\n  - id: stage-signoff\n    gate: use_case_stage\n    steps:\n      - name: reviewers\n        people: ["
                    + ann
                    + ", "
                    + ben
                    + "]\n        approval: all\n");
    assertThat(putPolicy(policy).status()).isEqualTo(200);
    try {
      Response broken = putPolicy(policy.replace("approval: all", "approval: most"));
      assertThat(broken.status()).isEqualTo(400);
      assertThat(broken.json().path("errors").toString()).contains("approval").contains("line");
      Response unknown =
          putPolicy(policy.replace("approvals: [production-release]", "approvals: [missing]"));
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.json().path("errors").toString()).contains("'missing' is not defined");

      Response asked =
          as(requester)
              .post(
                  API + "approvals",
                  "{\"flow\":\"stage-signoff\",\"target_kind\":\"use_case_stage\",\"target\":\""
                      + key
                      + "\",\"to_stage\":\"production\"}");
      assertThat(asked.status()).as(asked.body()).isEqualTo(201);
      long id = asked.json().path("id").asLong();
      assertThat(asked.json().path("subject").asString())
          .isEqualTo("use_case:" + key + "->production");
      Response first =
          as(ann).post(API + "approvals/" + id + "/decisions", decision("approve", null));
      assertThat(first.json().path("status").asString()).as("one of two").isEqualTo("pending");
      assertThat(inbox(ben)).contains(id);
      Response second =
          as(ben).post(API + "approvals/" + id + "/decisions", decision("approve", null));
      assertThat(second.json().path("status").asString()).isEqualTo("approved");

      String other = useCase("UC-Q", false);
      long concurrent =
          as(requester)
              .post(
                  API + "approvals",
                  "{\"flow\":\"stage-signoff\",\"target_kind\":\"use_case_stage\",\"target\":\""
                      + other
                      + "\",\"to_stage\":\"production\"}")
              .json()
              .path("id")
              .asLong();
      var annVotes =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () ->
                  as(ann)
                      .post(
                          API + "approvals/" + concurrent + "/decisions", decision("approve", null))
                      .status());
      var benVotes =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () ->
                  as(ben)
                      .post(
                          API + "approvals/" + concurrent + "/decisions", decision("approve", null))
                      .status());
      assertThat(annVotes.join()).isEqualTo(200);
      assertThat(benVotes.join()).isEqualTo(200);
      assertThat(admin().get(API + "approvals/" + concurrent).json().path("status").asString())
          .as("two approvals at the same moment both count")
          .isEqualTo("approved");
    } finally {
      putPolicy(GateService.shipped());
    }
  }

  @Test
  void frameworkRequirementsCountWhenImplementedOrCoveredByAnAcceptedRisk() {
    String fw = "house-" + UUID.randomUUID().toString().substring(0, 6);
    String yaml =
        "key: "
            + fw
            + "\nversion: '1'\nname: {ja: 社内AI基準, en: House AI standard}\nnodes:\n"
            + "  - id: G1\n    kind: section\n    title: {ja: 統制, en: Controls}\n    children:\n"
            + "      - id: G1.1\n        title: {ja: 方針, en: Policy}\n"
            + "      - id: G1.2\n        title: {ja: 監視, en: Monitoring}\n";
    Response imported =
        admin()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(admin().base() + API + "frameworks/import"))
                    .header("Content-Type", "application/yaml")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(yaml)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    String key = useCase("UC-F", false);
    String policy =
        GateService.shipped()
            + "  - id: retire-with-standard\n    gate: use_case_stage\n    to_stage: [retired]\n"
            + "    criteria:\n      - frameworks_implemented: ["
            + fw
            + "]\n";
    assertThat(putPolicy(policy).status()).isEqualTo(200);
    String retire =
        "{\"name_ja\":\"与信\",\"name_en\":\"Credit\",\"lifecycle_stage\":\"retired\","
            + "\"ai_type\":\"predictive_ml\",\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_in_the_loop\","
            + "\"eu_roles\":[\"provider\",\"deployer\"],\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}";
    try {
      Response unassessed = admin().method("PUT", API + "use-cases/" + key, retire);
      assertThat(unassessed.status()).isEqualTo(403);
      assertThat(unassessed.json().path("detail").asString()).contains(fw, "2 not assessed");
      admin()
          .method(
              "PUT",
              API + "soa/" + key + "/" + fw + "/G1.1",
              "{\"applicable\":true,\"status\":\"implemented\"}");
      admin()
          .method(
              "PUT",
              API + "soa/" + key + "/" + fw + "/G1.2",
              "{\"applicable\":true,\"status\":\"in_progress\"}");
      Response partly = admin().method("PUT", API + "use-cases/" + key, retire);
      assertThat(partly.status()).isEqualTo(403);
      assertThat(partly.json().path("detail").asString())
          .contains("1 applicable not implemented: G1.2")
          .doesNotContain("G1.1");
      long risk =
          admin()
              .post(
                  API + "risks",
                  "{\"use_case\":\""
                      + key
                      + "\",\"title\":\"Monitoring not automated\",\"principle\":\"safety\","
                      + "\"characteristic\":\"valid_reliable\",\"lifecycle_phase\":\"operation\",\"likelihood\":2,\"impact\":2,"
                      + "\"treatment\":\"retain\",\"residual_likelihood\":1,\"residual_impact\":2,"
                      + "\"controls\":[\""
                      + fw
                      + ":G1.2\"]}")
              .json()
              .path("id")
              .asLong();
      assertThat(admin().method("PUT", API + "use-cases/" + key, retire).status())
          .as("an open risk does not cover the requirement")
          .isEqualTo(403);
      Response accepted =
          admin()
              .post(API + "risks/" + risk + "/accept", "{\"rationale\":\"Manual checks weekly\"}");
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
      Response retired = admin().method("PUT", API + "use-cases/" + key, retire);
      assertThat(retired.status()).as(retired.body()).isEqualTo(200);
      assertThat(
              admin()
                  .get(API + "gate-evaluations?subject=use_case:" + key + "-%3Eretired")
                  .json()
                  .get(0)
                  .path("criteria")
                  .toString())
          .contains("covered by 1 accepted risk");
    } finally {
      putPolicy(GateService.shipped());
    }
  }

  @Test
  void thePolicyMayNameMoreRolesThatSuspend() {
    String key = useCase("UC-S", false);
    String model = model(key);
    String first = user("governance_officer");
    String second = user("governance_officer");
    String suspend =
        "{\"target_kind\":\"model_version\",\"target\":\"" + model + "/1\",\"reason\":\"Drift\"}";
    Response denied = as(first).post(API + "suspensions", suspend);
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.json().path("detail").asString()).contains("suspend permission");
    Response typo =
        putPolicy(
            "suspension_roles: [governance_oficer]\n"
                + GateService.shipped().replace("suspension_roles: []\n", ""));
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.json().path("errors").toString()).contains("Unknown role");
    assertThat(
            putPolicy(
                    GateService.shipped()
                        .replace("suspension_roles: []", "suspension_roles: [governance_officer]"))
                .status())
        .isEqualTo(200);
    try {
      Response suspended = as(first).post(API + "suspensions", suspend);
      assertThat(suspended.status()).as(suspended.body()).isEqualTo(201);
      long id = suspended.json().path("id").asLong();
      assertThat(
              as(first)
                  .post(API + "suspensions/" + id + "/lift-request", "{\"reason\":\"Retrained\"}")
                  .status())
          .isEqualTo(200);
      assertThat(as(first).post(API + "suspensions/" + id + "/lift-approval", "").status())
          .as("the one who asked cannot approve")
          .isEqualTo(403);
      assertThat(as(second).post(API + "suspensions/" + id + "/lift-approval", "").status())
          .isEqualTo(200);
    } finally {
      putPolicy(GateService.shipped());
    }
  }

  @Test
  void incidentsKeepTheRegulatoryClockAndTheirTimeline() {
    String key = useCase("UC-I", false);
    String reporter = user("model_owner");
    String officer = user("governance_officer");
    Instant twelveDaysAgo =
        Instant.now().minus(12, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    String good =
        "{\"use_case\":\""
            + key
            + "\",\"title\":\"Refusals for one postcode\",\"severity\":\"high\","
            + "\"description\":\"Applicants from one postcode were all refused\","
            + "\"harm_categories\":[\"discrimination\",\"financial\"],"
            + "\"affected_people\":\"About 40 applicants\",\"detected_at\":\""
            + twelveDaysAgo
            + "\",\"aware_at\":\""
            + twelveDaysAgo
            + "\",\"initial_response\":\"Manual review of all refusals\"}";
    String[][] bad = {
      {good.replace("\"high\"", "\"huge\""), "severity"},
      {good.replace("\"financial\"", "\"bad-luck\""), "harm category"},
      {
        good.replace("\"description\":\"Applicants from one postcode were all refused\",", ""),
        "description"
      },
      {
        good.replace(
            "\"aware_at\":\"" + twelveDaysAgo,
            "\"aware_at\":\"" + twelveDaysAgo.minus(1, ChronoUnit.DAYS)),
        "awareness follows detection"
      },
      {
        good.replace(
            "\"aware_at\":\"" + twelveDaysAgo,
            "\"aware_at\":\"" + Instant.now().plus(2, ChronoUnit.DAYS)),
        "future"
      },
      {good.replace("\"aware_at\":\"" + twelveDaysAgo, "\"aware_at\":\"yesterday"), "aware_at"},
    };
    for (String[] b : bad) {
      Response r = as(reporter).post(API + "incidents", b[0]);
      assertThat(r.status()).as(b[1]).isEqualTo(400);
      assertThat(r.json().path("detail").asString()).as(b[1]).contains(b[1]);
    }
    assertThat(admin().get(API + "incidents?use_case=" + key).json().size())
        .as("nothing half-written")
        .isZero();
    assertThat(as(user("viewer")).post(API + "incidents", good).status()).isEqualTo(403);

    Response created = as(reporter).post(API + "incidents", good);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().path("id").asLong();
    assertThat(created.json().path("clock").path("state").asString()).isEqualTo("not_serious");
    JsonNode tasks = admin().get(API + "tasks?source=incident&use_case=" + key).json();
    assertThat(tasks.size()).isEqualTo(1);
    assertThat(tasks.get(0).path("title").asString()).contains("Investigate incident #" + id);

    assertThat(
            as(reporter)
                .method("PATCH", API + "incidents/" + id, "{\"status\":\"investigating\"}")
                .status())
        .as("investigation fields need the governance permission")
        .isEqualTo(403);
    Response serious =
        as(officer)
            .method(
                "PATCH",
                API + "incidents/" + id,
                "{\"serious\":true,\"serious_kind\":\"death\",\"status\":\"investigating\","
                    + "\"note\":\"A refused applicant died without treatment funding\"}");
    assertThat(serious.status()).as(serious.body()).isEqualTo(200);
    JsonNode clock = serious.json().path("clock");
    assertThat(clock.path("periodDays").asInt()).isEqualTo(10);
    assertThat(clock.path("deadline").asLong())
        .isEqualTo(twelveDaysAgo.plus(Duration.ofDays(10)).toEpochMilli());
    assertThat(clock.path("state").asString()).isEqualTo("overdue");
    assertThat(admin().get(API + "incidents?clock=overdue").body()).contains("\"id\":" + id);
    assertThat(admin().get(API + "tasks?source=incident&use_case=" + key).body())
        .contains("Report serious incident #" + id);

    String recent =
        good.replace(twelveDaysAgo.toString(), Instant.now().minus(1, ChronoUnit.DAYS).toString());
    long due = as(reporter).post(API + "incidents", recent).json().path("id").asLong();
    JsonNode dueClock =
        as(officer)
            .method(
                "PATCH",
                API + "incidents/" + due,
                "{\"serious\":true,\"serious_kind\":\"widespread_or_critical_infrastructure\"}")
            .json()
            .path("clock");
    assertThat(dueClock.path("periodDays").asInt()).isEqualTo(2);
    assertThat(dueClock.path("state").asString()).isEqualTo("due");
    Response kind =
        as(officer)
            .method("PATCH", API + "incidents/" + due, "{\"serious_kind\":\"catastrophic\"}");
    assertThat(kind.status()).isEqualTo(400);

    Response early =
        as(officer).method("PATCH", API + "incidents/" + id, "{\"status\":\"closed\"}");
    assertThat(early.status()).isEqualTo(400);
    assertThat(early.json().path("detail").asString())
        .contains("root_cause", "corrective_actions", "reported_at");
    Response closed =
        as(officer)
            .method(
                "PATCH",
                API + "incidents/" + id,
                "{\"status\":\"closed\",\"root_cause\":\"Postcode used as a proxy feature\","
                    + "\"corrective_actions\":\"Feature removed, model retrained\","
                    + "\"reported_at\":\""
                    + Instant.now().minus(1, ChronoUnit.HOURS)
                    + "\",\"report_reference\":\"MSA-2026-0042\"}");
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().path("clock").path("state").asString()).isEqualTo("reported_late");
    assertThat(closed.json().path("closedAt").isNull()).isFalse();
    assertThat(as(officer).method("PATCH", API + "incidents/" + id, "{\"title\":\"x\"}").status())
        .as("a closed incident is reopened before it changes")
        .isEqualTo(409);
    JsonNode open =
        admin().get(API + "tasks?source=incident&use_case=" + key + "&status=open").json();
    for (JsonNode t : open) {
      assertThat(t.path("sourceRef").asString())
          .as("tasks of the closed incident are done")
          .isNotEqualTo(String.valueOf(id));
    }
    JsonNode timeline = admin().get(API + "incidents/" + id + "/timeline").json();
    assertThat(timeline.size()).isEqualTo(3);
    assertThat(timeline.get(1).path("changes").path("serious_kind").get(1).asString())
        .isEqualTo("death");
    assertThat(timeline.get(1).path("note").asString()).contains("died");
    assertThat(timeline.get(2).path("changes").path("status").get(1).asString())
        .isEqualTo("closed");
    assertThat(admin().get(API + "audit/events?entity_type=incident&entity_id=" + id).body())
        .contains("incident.reported", "incident.updated");
  }

  @Test
  void tasksComeFromGatesRisksAndPeopleAndRecordWhoClosedThem() {
    String key = useCase("UC-T", false);
    String officer = user("governance_officer");
    String scientist = user("data_scientist");
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    String task =
        "{\"use_case\":\""
            + key
            + "\",\"title\":\"Document the training data lineage\",\"assignee\":\""
            + scientist
            + "\",\"due_date\":\""
            + yesterday
            + "\"}";
    assertThat(
            as(officer)
                .post(API + "tasks", task.replace("Document the training data lineage", ""))
                .status())
        .isEqualTo(400);
    assertThat(as(officer).post(API + "tasks", task.replace(yesterday, "next week")).status())
        .isEqualTo(400);
    Response unknown = as(officer).post(API + "tasks", task.replace(scientist, "nobody-here"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("detail").asString()).contains("not an active account");
    assertThat(as(scientist).post(API + "tasks", task).status())
        .as("creating tasks needs the governance permission")
        .isEqualTo(403);
    Response created = as(officer).post(API + "tasks", task);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().path("id").asLong();
    assertThat(created.json().path("overdue").asBoolean()).isTrue();
    assertThat(admin().get(API + "tasks?overdue=true").body()).contains("\"id\":" + id);
    assertThat(as(scientist).get(API + "tasks?assignee=me").body()).contains("\"id\":" + id);
    assertThat(
            as(user("viewer"))
                .method("PATCH", API + "tasks/" + id, "{\"status\":\"done\"}")
                .status())
        .as("only the assignee or the governance office")
        .isEqualTo(403);
    assertThat(
            as(scientist)
                .method("PATCH", API + "tasks/" + id, "{\"status\":\"cancelled\"}")
                .status())
        .as("cancelling needs a reason")
        .isEqualTo(400);
    Response done =
        as(scientist)
            .method(
                "PATCH",
                API + "tasks/" + id,
                "{\"status\":\"done\",\"note\":\"Lineage page written\"}");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().path("closedBy").asString()).isEqualTo(scientist);
    assertThat(done.json().path("closedAt").asLong()).isPositive();
    assertThat(done.json().path("overdue").asBoolean()).isFalse();

    String stage =
        "{\"name_ja\":\"与信\",\"name_en\":\"Credit\",\"lifecycle_stage\":\"production\","
            + "\"ai_type\":\"predictive_ml\",\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_in_the_loop\","
            + "\"eu_roles\":[\"provider\",\"deployer\"],\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}";
    assertThat(admin().method("PUT", API + "use-cases/" + key, stage).status()).isEqualTo(403);
    assertThat(admin().method("PUT", API + "use-cases/" + key, stage).status()).isEqualTo(403);
    JsonNode gateTasks = admin().get(API + "tasks?source=gate&use_case=" + key).json();
    assertThat(gateTasks.size()).as("one task per refused subject").isEqualTo(1);
    assertThat(gateTasks.get(0).path("description").asString())
        .contains("classification_done", "assessment_within_months");

    Response risk =
        admin()
            .post(
                API + "risks",
                "{\"use_case\":\""
                    + key
                    + "\",\"title\":\"Proxy discrimination\",\"description\":\"d\",\"principle\":\"safety\","
                    + "\"characteristic\":\"valid_reliable\",\"lifecycle_phase\":\"operation\",\"likelihood\":5,\"impact\":5,"
                    + "\"treatment\":\"change_likelihood\",\"treatment_plan\":\"p\",\"residual_likelihood\":4,"
                    + "\"residual_impact\":4,\"owner\":\"Credit\",\"review_date\":\"2026-01-31\",\"controls\":[\"iso42001:A.6.2.4\"]}");
    assertThat(risk.status()).as(risk.body()).isEqualTo(201);
    long riskId = risk.json().path("id").asLong();
    assertThat(as(scientist).post(API + "tasks/sweep", "").status()).isEqualTo(403);
    Response sweep = admin().post(API + "tasks/sweep", "");
    assertThat(sweep.status()).isEqualTo(200);
    assertThat(sweep.json().path("created").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(admin().post(API + "tasks/sweep", "").json().path("created").asInt())
        .as("a source gets its task once")
        .isZero();
    assertThat(admin().get(API + "tasks?source=risk&use_case=" + key).body())
        .contains("Treat high residual risk #" + riskId);
    assertThat(admin().get(API + "tasks?source=risk_review&use_case=" + key).body())
        .contains("Review risk #" + riskId, "2026-01-31");
  }

  java.util.List<Long> inbox(String user) {
    java.util.List<Long> ids = new java.util.ArrayList<>();
    for (JsonNode r : as(user).get(API + "approvals/inbox").json()) {
      ids.add(r.path("id").asLong());
    }
    return ids;
  }

  Response putPolicy(String text) {
    return admin()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(admin().base() + API + "policy"))
                .header("Content-Type", "application/yaml")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(text)));
  }
}
