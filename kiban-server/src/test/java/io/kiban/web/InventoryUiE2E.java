package io.kiban.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The inventory in the browser: record a use case, see its findings, link a model. */
class InventoryUiE2E extends BrowserE2ESupport {

  @Test
  void recordAUseCaseSeeItsResidencyFindingAndLinkAModel() throws IOException {
    String key = "UC-" + UUID.randomUUID().toString().substring(0, 5);
    String model = "credit-" + key;
    new RawHttp(port)
        .post("/api/2.0/mlflow/registered-models/create", "{\"name\":\"" + model + "\"}");

    browser.get(url("/inventory?lang=ja"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("AIインベントリ");
    browser.findElement(By.id("new-use-case")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("use-case-form")));
    browser.findElement(By.id("key")).sendKeys(key);
    browser.findElement(By.id("nameJa")).sendKeys("住宅ローン審査");
    browser.findElement(By.id("nameEn")).sendKeys("Mortgage scoring");
    browser.findElement(By.id("businessOwner")).sendKeys("個人営業部");
    new Select(browser.findElement(By.id("lifecycleStage"))).selectByValue("validation");
    browser.findElement(By.cssSelector("input[name=euRoles][value=deployer]")).click();
    browser.findElement(By.cssSelector("input[name=dataCategories][value=personal]")).click();
    new Select(browser.findElement(By.id("processingLocation"))).selectByValue("overseas");
    browser.findElement(By.id("save-use-case")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.error")));
    assertThat(browser.findElement(By.cssSelector("p.error")).getText())
        .contains("overseas_countries");
    assertThat(browser.findElement(By.id("nameJa")).getAttribute("value"))
        .as("what was typed is kept")
        .isEqualTo("住宅ローン審査");
    browser.findElement(By.id("overseasCountries")).sendKeys("SG");
    browser.findElement(By.id("save-use-case")).click();
    waiting(10).until(ExpectedConditions.urlContains("/inventory/" + key));
    assertThat(browser.findElement(By.id("use-case-name")).getText()).isEqualTo("住宅ローン審査");
    assertThat(browser.findElement(By.id("use-case-findings")).getText())
        .contains("personal-data-in-country", "SG");
    shot("finding");

    browser.findElement(By.id("link-model-name")).sendKeys(model);
    browser.findElement(By.cssSelector("#link-model button[type=submit]")).click();
    waiting(10)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("use-case-models"), model));

    browser.findElement(By.id("edit-use-case")).click();
    new Select(browser.findElement(By.id("processingLocation"))).selectByValue("domestic_cloud");
    browser.findElement(By.id("save-use-case")).click();
    waiting(10).until(ExpectedConditions.urlContains("/inventory/" + key));
    assertThat(browser.findElements(By.id("use-case-findings"))).as("finding resolved").isEmpty();

    browser.get(url("/inventory?lang=en"));
    assertThat(browser.findElement(By.id("use-cases")).getText())
        .contains(key, "Mortgage scoring", "Validation");
    shot("list");
  }

  @Test
  void recordKpisCostsAndBenefitsAndSeeTheRoiAndPortfolio() throws IOException {
    String key = "UC-" + UUID.randomUUID().toString().substring(0, 5);
    new RawHttp(port)
        .post(
            "/api/kiban/v1/use-cases",
            "{\"key\":\""
                + key
                + "\",\"name_ja\":\"需要予測\",\"name_en\":\"Demand forecast\","
                + "\"lifecycle_stage\":\"production\",\"ai_type\":\"predictive_ml\","
                + "\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_decides\","
                + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}");
    browser.get(url("/inventory/" + key + "?lang=en"));
    browser.findElement(By.id("use-case-value")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("kpi-form")));
    browser.findElement(By.id("kpi-name")).sendKeys("Stock-out rate");
    new Select(browser.findElement(By.id("kpi-direction"))).selectByValue("lower_better");
    browser.findElement(By.id("kpi-baseline")).sendKeys("8");
    browser.findElement(By.id("kpi-target")).sendKeys("4");
    browser.findElement(By.cssSelector("#kpi-form button[type=submit]")).click();
    waiting(10)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("kpis"), "Stock-out rate"));
    for (String[] e :
        new String[][] {{"2026-Q3", "cost_run", "1000000"}, {"2026-Q3", "benefit", "2500000"}}) {
      browser.findElement(By.id("period")).sendKeys(e[0]);
      new Select(browser.findElement(By.id("kind"))).selectByValue(e[1]);
      browser.findElement(By.id("amount")).sendKeys(e[2]);
      browser.findElement(By.cssSelector("#entry-form button[type=submit]")).click();
      waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")));
    }
    assertThat(browser.findElement(By.id("total-roi")).getText()).isEqualTo("150.0%");
    browser.get(url("/portfolio"));
    assertThat(browser.findElement(By.id("portfolio")).getText()).contains(key, "150.0%");
    shot("portfolio");
  }

  @Test
  void submitAnImpactAssessmentInJapanese() throws IOException {
    String key = "UC-" + UUID.randomUUID().toString().substring(0, 5);
    new RawHttp(port)
        .post(
            "/api/kiban/v1/use-cases",
            "{\"key\":\""
                + key
                + "\",\"name_ja\":\"与信\",\"name_en\":\"Credit\","
                + "\"lifecycle_stage\":\"validation\",\"ai_type\":\"predictive_ml\","
                + "\"sourcing\":\"in_house\",\"decision_autonomy\":\"human_in_the_loop\","
                + "\"storage_location\":\"on_premises\",\"processing_location\":\"on_premises\"}");
    browser.get(url("/inventory/" + key + "/assessment?lang=ja"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("影響評価");
    browser.findElement(By.id("q-purpose")).sendKeys("個人ローンの審査");
    browser.findElement(By.id("reassess_by")).sendKeys("11302027");
    browser.findElement(By.id("submit-aiia")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("aiia-errors")));
    assertThat(browser.findElement(By.id("aiia-errors")).getText()).contains("users", "severity");
    for (String id :
        new String[] {
          "purpose",
          "users",
          "deployment_process",
          "period_frequency",
          "affected_categories",
          "individual_impacts",
          "societal_impacts",
          "specific_risks",
          "oversight_measures",
          "mitigations",
          "materialised_measures"
        }) {
      browser.findElement(By.id("q-" + id)).sendKeys("回答 " + id);
    }
    new Select(browser.findElement(By.id("q-severity"))).selectByValue("high");
    new Select(browser.findElement(By.id("q-likelihood"))).selectByValue("possible");
    new Select(browser.findElement(By.id("q-residual_acceptable"))).selectByValue("yes");
    browser.findElement(By.id("reassess_by")).sendKeys("11302027");
    browser.findElement(By.id("submit-aiia")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("submissions")));
    assertThat(browser.findElement(By.id("submissions")).getText())
        .contains("レビュー待ち", "2027-11-30");
    shot("submitted");
  }
}
