package io.kiban.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Governance that acts, in the browser: a refused promotion on the gates screen, an approval asked
 * for and decided step by step from the inboxes, an incident reported and marked serious with its
 * clock and printable report, its task closed, and a suspension shown on the model version page.
 */
class WorkflowUiE2E extends BrowserE2ESupport {

  static final String PASSWORD = "Correct-Horse-Battery-9";

  String user(RawHttp admin, String role) {
    String name = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 5);
    admin.post(
        "/api/kiban/v1/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
    admin.post(
        "/api/kiban/v1/users/" + name + "/grants",
        "{\"role\":\"" + role + "\",\"workspace\":\"*\"}");
    return name;
  }

  void switchTo(String user) {
    browser.findElement(By.id("sign-out")).click();
    waiting(10).until(ExpectedConditions.urlContains("/signin"));
    signIn(user, PASSWORD);
  }

  @Test
  void approveAReleaseHandleAnIncidentAndSuspendAModel() throws IOException {
    RawHttp admin = new RawHttp(port);
    String key = "UC-W" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
    admin.post(
        "/api/kiban/v1/use-cases",
        "{\"key\":\""
            + key
            + "\",\"name_ja\":\"与信\",\"name_en\":\"Credit\","
            + "\"lifecycle_stage\":\"validation\",\"ai_type\":\"predictive_ml\","
            + "\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_in_the_loop\","
            + "\"eu_roles\":[\"provider\",\"deployer\"],"
            + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}");
    admin.post(
        "/api/kiban/v1/use-cases/" + key + "/classifications",
        "{\"prohibited_practices\":[],\"annex_i_safety_component\":false,"
            + "\"annex_iii_areas\":[\"5b\"],\"profiling\":true,\"transparency\":[],"
            + "\"general_purpose_model\":false,\"public_service_deployer\":false}");
    String model = "ui-" + key.toLowerCase();
    admin.post(
        "/api/2.0/mlflow/registered-models/create",
        "{\"name\":\""
            + model
            + "\",\"tags\":[{\"key\":\"kiban.use_case\",\"value\":\""
            + key
            + "\"}]}");
    admin.post(
        "/api/2.0/mlflow/model-versions/create",
        "{\"name\":\"" + model + "\",\"source\":\"s3://bucket/" + model + "\"}");
    assertThat(
            admin
                .post(
                    "/api/2.0/mlflow/registered-models/alias",
                    "{\"name\":\"" + model + "\",\"alias\":\"production\",\"version\":\"1\"}")
                .status())
        .isEqualTo(403);
    String requester = user(admin, "model_owner");
    String owner = user(admin, "business_owner");
    String caio = user(admin, "caio");
    String committee = user(admin, "committee_member");

    browser.get(url("/gates?lang=en&subject=model_version:" + model));
    String evaluations = browser.findElement(By.id("evaluations")).getText();
    assertThat(evaluations).contains("refused", "approvals", "production-release");
    assertThat(browser.findElement(By.id("policy-flows")).getText()).contains("production-release");

    switchTo(requester);
    browser.get(url("/approvals?view=mine&target=" + model + "/1"));
    new Select(browser.findElement(By.id("flow"))).selectByValue("production-release");
    browser.findElement(By.id("comment")).sendKeys("Back-test complete");
    browser.findElement(By.id("ask")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("approval-status")));
    assertThat(browser.findElement(By.id("approval-status")).getText()).isEqualTo("Pending");
    assertThat(browser.findElement(By.id("approval-steps")).getText())
        .contains("business-owner", "caio", "ai-committee");
    String requestUrl = browser.getCurrentUrl();

    for (String decider : new String[] {owner, caio, committee}) {
      switchTo(decider);
      browser.get(url("/approvals"));
      assertThat(browser.findElement(By.id("inbox")).getText()).contains(model + "/1");
      browser.findElement(By.cssSelector("#inbox a")).click();
      waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));
      browser.findElement(By.id("decision-comment")).sendKeys("Reviewed by " + decider);
      browser.findElement(By.id("approve")).click();
      waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice")));
    }
    browser.get(requestUrl);
    assertThat(browser.findElement(By.id("approval-status")).getText()).isEqualTo("Approved");
    assertThat(browser.findElement(By.id("decisions")).getText()).contains(owner, caio, committee);
    shot("approved");

    switchTo(caio);
    browser.get(url("/incidents/new?lang=en&use_case=" + key));
    browser.findElement(By.id("title")).sendKeys("Refusals clustered in one postcode");
    new Select(browser.findElement(By.id("severity"))).selectByValue("high");
    browser.findElement(By.id("description")).sendKeys("All applicants from one postcode refused");
    browser
        .findElement(By.cssSelector("input[name=harm_categories][value=discrimination]"))
        .click();
    browser.findElement(By.id("report-incident")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-title")));
    new Select(browser.findElement(By.id("serious"))).selectByValue("true");
    new Select(browser.findElement(By.id("serious_kind"))).selectByValue("death");
    browser.findElement(By.id("note")).sendKeys("Escalated after a complaint");
    browser.findElement(By.id("save-incident")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("clock")));
    assertThat(browser.findElement(By.id("clock")).getText()).contains("10 days", "Running");
    assertThat(browser.findElement(By.id("incident-timeline")).getText())
        .contains("serious_kind", "Escalated after a complaint");
    String incidentUrl = browser.getCurrentUrl();
    browser.get(url("/incidents?lang=en"));
    assertThat(browser.findElement(By.id("incidents")).getText())
        .contains("Refusals clustered in one postcode", "Running");
    browser.get(incidentUrl);
    browser.findElement(By.id("report-ja")).click();
    waiting(10).until(ExpectedConditions.titleContains("インシデント報告書"));
    assertThat(browser.findElement(By.tagName("body")).getText())
        .contains("人の死亡", "EU AI 法 第73条", "差別");

    browser.get(url("/tasks?view=open&lang=en"));
    String row =
        browser.findElements(By.cssSelector("#tasks tbody tr")).stream()
            .filter(r -> r.getText().contains("Investigate incident"))
            .findFirst()
            .orElseThrow()
            .getAttribute("id");
    browser.findElement(By.cssSelector("#" + row + " .close-task")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice")));
    browser.get(url("/tasks?view=closed&lang=en"));
    assertThat(browser.findElement(By.id(row)).getText()).contains("Done", caio);

    browser.get(url("/suspensions?target=" + model + "/1"));
    browser.findElement(By.id("reason")).sendKeys("Postcode proxy under investigation");
    browser.findElement(By.id("suspend")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice")));
    assertThat(browser.findElement(By.id("active-suspensions")).getText())
        .contains(model + "/1", "Postcode proxy under investigation");
    browser.get(url("/models/" + model + "/versions/1?lang=ja"));
    assertThat(browser.findElement(By.cssSelector(".suspension-banner")).getText())
        .contains("利用停止中", "Postcode proxy under investigation");
    shot("suspended");
  }
}
