package io.kiban.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The risk register in the browser: record a risk, see it on the heat map, accept it. */
class RiskUiE2E extends BrowserE2ESupport {

  @Test
  void recordARiskSeeTheHeatMapAndAcceptTheResidualRisk() throws IOException {
    String key = "UC-" + UUID.randomUUID().toString().substring(0, 5);
    new RawHttp(port)
        .post(
            "/api/kiban/v1/use-cases",
            "{\"key\":\""
                + key
                + "\",\"name_ja\":\"採用スクリーニング\",\"name_en\":\"CV screening\","
                + "\"lifecycle_stage\":\"validation\",\"ai_type\":\"predictive_ml\","
                + "\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_decides\","
                + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}");

    browser.get(url("/risks/new?lang=en&use_case=" + key));
    browser.findElement(By.id("title")).sendKeys("Gender bias in rankings");
    new Select(browser.findElement(By.id("principle"))).selectByValue("fairness");
    new Select(browser.findElement(By.id("characteristic"))).selectByValue("fair_bias_managed");
    browser.findElement(By.id("likelihood")).sendKeys("4");
    browser.findElement(By.id("impact")).sendKeys("4");
    new Select(browser.findElement(By.id("treatment"))).selectByValue("change_likelihood");
    browser.findElement(By.id("controls")).sendKeys("iso42001:A.7.4\nnist-ai-rmf:MEASURE 2.11");
    browser.findElement(By.id("residualLikelihood")).sendKeys("2");
    browser.findElement(By.id("residualImpact")).sendKeys("4");
    browser.findElement(By.id("save-risk")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("risk-title")));
    assertThat(browser.findElement(By.id("inherent")).getText()).contains("4 × 4", "Very high");
    assertThat(browser.findElement(By.id("residual")).getText()).contains("2 × 4", "Medium");

    browser.findElement(By.id("rationale")).sendKeys("Quarterly fairness audit in place");
    browser.findElement(By.cssSelector("#accept-form button[type=submit]")).click();
    waiting(10)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("risk-status"), "Accepted"));

    browser.get(url("/risks?use_case=" + key));
    assertThat(browser.findElement(By.id("risks")).getText()).contains("Gender bias in rankings");
    String cell =
        browser
            .findElement(By.cssSelector("#heat-inherent tbody tr:nth-child(2) td:nth-child(5)"))
            .getText();
    assertThat(cell).as("likelihood 4, impact 4").isEqualTo("1");
    assertThat(browser.findElement(By.id("risk-trend")).getText())
        .as("the accepted risk is no longer open")
        .contains("0 0 0 0");
    shot("register");
    browser.get(url("/risks?lang=ja&use_case=" + key));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("リスク登録簿");
  }

  @Test
  void classifyAUseCaseWithTheWizard() throws IOException {
    String key = "UC-" + UUID.randomUUID().toString().substring(0, 5);
    new RawHttp(port)
        .post(
            "/api/kiban/v1/use-cases",
            "{\"key\":\""
                + key
                + "\",\"name_ja\":\"与信\",\"name_en\":\"Credit\","
                + "\"lifecycle_stage\":\"development\",\"ai_type\":\"predictive_ml\","
                + "\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_in_the_loop\","
                + "\"eu_roles\":[\"provider\",\"deployer\"],\"data_categories\":[\"personal\"],"
                + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}");
    browser.get(url("/inventory/" + key + "/classification?lang=en"));
    browser.findElement(By.cssSelector("input[name=annex_i_safety_component][value=no]")).click();
    browser.findElement(By.cssSelector("input[name=annex_iii_areas][value='5b']")).click();
    browser.findElement(By.id("classify")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("answer-errors")));
    assertThat(browser.findElement(By.id("answer-errors")).getText())
        .contains("profiling", "general_purpose_model");
    browser.findElement(By.cssSelector("input[name=annex_i_safety_component][value=no]")).click();
    browser.findElement(By.cssSelector("input[name=annex_iii_areas][value='5b']")).click();
    browser.findElement(By.cssSelector("input[name=profiling][value=yes]")).click();
    browser.findElement(By.cssSelector("input[name=general_purpose_model][value=no]")).click();
    browser.findElement(By.cssSelector("input[name=public_service_deployer][value=no]")).click();
    browser.findElement(By.id("classify")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("eu-tier")));
    assertThat(browser.findElement(By.id("eu-tier")).getText()).isEqualTo("High-risk");
    assertThat(browser.findElement(By.id("rationale")).getText())
        .contains("profiles natural persons");
    assertThat(browser.findElement(By.id("obligations")).getText()).contains("Art. 27");
    browser.findElement(By.id("evaluate-tier")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("internal-tier")));
    assertThat(browser.findElement(By.id("internal-tier")).getText()).isEqualTo("high");
    shot("classified");
  }

  @Test
  void keepTheStatementOfApplicabilityAndSeeTheGap() throws IOException {
    browser.get(url("/soa?lang=en&framework=iso42001&scope=org"));
    org.openqa.selenium.WebElement row = browser.findElement(By.id("req-A-2-2"));
    new Select(row.findElement(By.name("status"))).selectByValue("implemented");
    row.findElement(By.name("owner")).sendKeys("CAIO office");
    row.findElement(By.cssSelector("form.soa-line button[type=submit]")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")));
    row = browser.findElement(By.id("req-A-2-2"));
    new Select(row.findElement(By.name("kind"))).selectByValue("link");
    row.findElement(By.name("reference")).sendKeys("https://intra.example.co.jp/ai-policy");
    row.findElement(By.cssSelector("form.soa-evidence button[type=submit]")).click();
    waiting(10)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("req-A-2-2"), "ai-policy"));
    assertThat(browser.findElement(By.id("gap")).getText()).contains("Applicable 1", "100%");
    row = browser.findElement(By.id("req-A-10-4"));
    new Select(row.findElement(By.name("applicable"))).selectByValue("false");
    row.findElement(By.cssSelector("form.soa-line button[type=submit]")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.error")));
    assertThat(browser.findElement(By.cssSelector("p.error")).getText()).contains("justification");
    shot("soa");
  }
}
