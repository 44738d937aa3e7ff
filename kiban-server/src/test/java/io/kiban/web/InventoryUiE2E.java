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
}
