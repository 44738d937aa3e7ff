package io.kiban.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.TestAuth;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.MlflowClient;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Administration and self-service in the browser: an administrator creates a workspace and a user
 * and grants a role; the user signs in, sees only what the role allows, and creates an API token
 * that the MLflow client then uses.
 */
class IdentityUiE2E extends BrowserE2ESupport {

  static final String PASSWORD = "Correct-Horse-Battery-9";

  @Test
  void adminCreatesAUserWhoSignsInAndCreatesAToken() throws IOException {
    String team = "e2e-" + UUID.randomUUID().toString().substring(0, 6);
    String user = "sato-" + UUID.randomUUID().toString().substring(0, 6);

    browser.get(url("/admin/workspaces?lang=en"));
    browser.findElement(By.id("ws-name")).sendKeys(team);
    browser.findElement(By.id("ws-display")).sendKeys("Credit risk team");
    browser.findElement(By.cssSelector("#create-workspace button[type=submit]")).click();
    waiting(10)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("workspaces"), team));

    browser.get(url("/admin/users"));
    browser.findElement(By.id("new-username")).sendKeys(user);
    browser.findElement(By.id("new-display")).sendKeys("Sato Hanako");
    browser.findElement(By.id("new-password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("#create-user button[type=submit]")).click();
    waiting(10).until(ExpectedConditions.urlContains("/admin/users/" + user));
    new Select(browser.findElement(By.id("grant-role"))).selectByValue("data_scientist");
    new Select(browser.findElement(By.id("grant-workspace"))).selectByValue(team);
    browser.findElement(By.cssSelector("#grant-form button[type=submit]")).click();
    waiting(10)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("grants"), "Data scientist"));
    assertThat(browser.findElement(By.id("grants")).getText()).contains(team);
    shot("admin");

    browser.findElement(By.id("sign-out")).click();
    waiting(10).until(ExpectedConditions.urlContains("/signin"));
    browser.get(url("/signin?lang=ja"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("サインイン");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys("wrong-password-1");
    browser.findElement(By.id("signin-submit")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
    assertThat(browser.findElement(By.id("signin-error")).getText())
        .contains("ユーザー名またはパスワードが正しくありません");
    signIn(user, PASSWORD);
    assertThat(browser.findElements(By.linkText("管理"))).isEmpty();
    expectedConsoleErrors.add(
        "/admin/users?lang=en - Failed to load resource: the server responded with a status of 403");
    browser.get(url("/admin/users?lang=en"));
    assertThat(browser.getPageSource()).contains("permission");

    browser.get(url("/account"));
    assertThat(browser.findElement(By.id("my-roles")).getText()).contains("Data scientist", team);
    browser.findElement(By.id("token-name")).sendKeys("laptop");
    browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("new-token")));
    String token = browser.findElement(By.id("new-token")).getText().strip();
    assertThat(token).startsWith("kbn_");
    shot("token");
    browser.navigate().refresh();
    assertThat(browser.findElements(By.id("new-token"))).as("shown once").isEmpty();

    try (MlflowClient client = TestAuth.tokenClient(port, token)) {
      String experiment = client.createExperiment("e2e-token-" + team);
      assertThat(
              RawHttp.withToken(port, token)
                  .get("/api/2.0/mlflow/experiments/get?experiment_id=" + experiment)
                  .body())
          .contains("e2e-token-" + team);
    }
    browser.get(url("/experiments"));
    assertThat(browser.getPageSource()).contains("e2e-token-" + team);

    browser.get(url("/account"));
    browser.findElement(By.cssSelector(".token-table button[type=submit]")).click();
    waiting(10)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".token-table"), "Revoked"));
    assertThat(
            RawHttp.withToken(port, token)
                .get("/api/2.0/mlflow/experiments/get?experiment_id=0")
                .status())
        .isEqualTo(401);
  }
}
