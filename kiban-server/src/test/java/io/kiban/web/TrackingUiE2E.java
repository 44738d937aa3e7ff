package io.kiban.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The tracking UI in Debian's headless Chromium: the server is seeded through the MLflow API
 * (official Java client) and driven like a user would. Each test saves a screenshot under
 * target/e2e-screenshots.
 */
class TrackingUiE2E extends BrowserE2ESupport {

  String seedRun(String experimentId, String name, String lr, int points) {
    String runId =
        mlflow
            .createRun(
                CreateRun.newBuilder().setExperimentId(experimentId).setRunName(name).build())
            .getRunId();
    mlflow.logBatch(
        runId, List.of(), List.of(Param.newBuilder().setKey("lr").setValue(lr).build()), List.of());
    for (int from = 0; from < points; from += 1000) {
      List<Metric> batch = new java.util.ArrayList<>();
      for (int i = from; i < Math.min(points, from + 1000); i++) {
        batch.add(
            Metric.newBuilder()
                .setKey("loss")
                .setValue(1.0 / (i + 1) + Double.parseDouble(lr))
                .setTimestamp(1_700_000_000_000L + i)
                .setStep(i)
                .build());
      }
      mlflow.logBatch(runId, batch, List.of(), List.of());
    }
    return runId;
  }

  @Test
  void createExperimentLogALongMetricAndSeeTheChart() throws IOException {
    browser.get(url("/experiments?lang=en"));
    String name = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    browser.findElement(By.id("new-name")).sendKeys(name);
    browser.findElement(By.cssSelector("#create-experiment button[type=submit]")).click();
    waiting(10).until(d -> d.findElement(By.tagName("h1")).getText().equals(name));
    assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains(name);
    String experimentId = mlflow.getExperimentByName(name).orElseThrow().getExperimentId();

    seedRun(experimentId, "long-run", "0.1", 50_000);
    browser.navigate().refresh();
    browser.findElement(By.linkText("long-run")).click();
    waiting(10).until(d -> d.getTitle().startsWith("long-run"));
    WebElement chart = browser.findElement(By.cssSelector(".chart[data-key='loss']"));
    waiting(15).until(d -> "true".equals(chart.getAttribute("data-loaded")));
    int shown = Integer.parseInt(chart.getAttribute("data-points"));
    assertThat(shown).isBetween(500, 1000);
    assertThat(browser.findElement(By.cssSelector(".chart-note")).getText()).endsWith("/ 50000");
    assertThat(browser.findElement(By.id("params-table")).getText()).contains("lr", "0.1");
    assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
    browser.findElement(By.cssSelector("input[data-chart-control=log]")).click();
    waiting(5).until(d -> d.getCurrentUrl().contains("log=1"));
    browser.navigate().refresh();
    waiting(10)
        .until(d -> d.findElement(By.cssSelector("input[data-chart-control=log]")).isSelected());
    WebElement reloaded = browser.findElement(By.cssSelector(".chart[data-key='loss']"));
    waiting(15).until(d -> "true".equals(reloaded.getAttribute("data-loaded")));
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", reloaded);
    shot("chart");
  }

  @Test
  void compareTwoRuns() {
    String experimentId =
        mlflow.createExperiment("cmp-" + UUID.randomUUID().toString().substring(0, 8));
    seedRun(experimentId, "run-a", "0.1", 300);
    seedRun(experimentId, "run-b", "0.2", 300);
    browser.get(url("/runs?experiments=" + experimentId + "&lang=en"));
    List<WebElement> boxes = browser.findElements(By.cssSelector("input.run-select"));
    assertThat(boxes).hasSize(2);
    boxes.forEach(WebElement::click);
    browser.findElement(By.cssSelector("button[value=compare]")).click();
    waiting(10).until(d -> d.getCurrentUrl().contains("/compare"));
    WebElement params = browser.findElement(By.id("compare-params"));
    assertThat(params.findElements(By.cssSelector("tr.differs"))).hasSize(1);
    assertThat(params.getText()).contains("lr", "0.1", "0.2");
    WebElement chart = browser.findElement(By.cssSelector(".chart[data-key='loss']"));
    waiting(15).until(d -> "true".equals(chart.getAttribute("data-loaded")));
    assertThat(chart.getAttribute("data-points")).isEqualTo("600");
    waiting(10)
        .until(d -> "true".equals(d.findElement(By.id("scatter")).getAttribute("data-loaded")));
  }

  @Test
  void switchLanguageToJapanese() {
    browser.get(url("/experiments?lang=en"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Experiments");
    browser.findElement(By.id("lang-ja")).click();
    waiting(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("実験"));
    assertThat(browser.findElement(By.cssSelector(".main-nav")).getText())
        .contains("トラッキング", "AIインベントリ", "承認", "インシデント", "タスク");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
    browser.get(url("/experiments"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).as("remembered").isEqualTo("実験");
  }

  @Test
  void badFilterShowsAnInlineError() throws IOException {
    String experimentId =
        mlflow.createExperiment("flt-" + UUID.randomUUID().toString().substring(0, 8));
    seedRun(experimentId, "only-run", "0.3", 10);
    browser.get(url("/runs?experiments=" + experimentId + "&lang=en"));
    WebElement filter = browser.findElement(By.id("filter"));
    filter.sendKeys("metrics.loss > 1 OR params.lr = '0.3'");
    filter.submit();
    WebElement error = waiting(10).until(d -> d.findElement(By.id("filter-error")));
    assertThat(error.getText()).contains("OR").doesNotContain("Exception");
    assertThat(browser.findElement(By.id("filter")).getAttribute("aria-invalid")).isEqualTo("true");
    shot("error");

    WebElement again = browser.findElement(By.id("filter"));
    again.clear();
    again.sendKeys("params.lr = '0.3'");
    again.submit();
    waiting(10).until(d -> d.findElements(By.id("filter-error")).isEmpty());
    assertThat(browser.findElement(By.id("runs-table")).getText()).contains("only-run");
  }

  @Test
  void registeredModelVersionShowsLineageAndEditableCard() throws IOException {
    String experimentId =
        mlflow.createExperiment("reg-" + UUID.randomUUID().toString().substring(0, 8));
    String runId = seedRun(experimentId, "training-run", "0.1", 50);
    http.post(
        "/api/2.0/mlflow/runs/log-inputs",
        "{\"run_id\":\""
            + runId
            + "\",\"datasets\":[{"
            + "\"dataset\":{\"name\":\"loans\",\"digest\":\"abc\",\"source_type\":\"local\","
            + "\"source\":\"/d.csv\"}}]}");
    String name = "e2e-model-" + UUID.randomUUID().toString().substring(0, 6);
    http.post("/api/2.0/mlflow/registered-models/create", "{\"name\":\"" + name + "\"}");
    http.post(
        "/api/2.0/mlflow/model-versions/create",
        "{\"name\":\""
            + name
            + "\",\"source\":\"s3://bucket/model\",\"run_id\":\""
            + runId
            + "\"}");

    browser.get(url("/models?lang=en"));
    browser.findElement(By.linkText(name)).click();
    waiting(10).until(d -> d.findElement(By.tagName("h1")).getText().equals(name));
    assertThat(browser.findElement(By.id("history-list")).getText()).contains("Version created");
    browser.findElement(By.linkText("v1")).click();
    WebElement lineage = waiting(10).until(d -> d.findElement(By.id("lineage")));
    waiting(15).until(d -> "true".equals(lineage.getAttribute("data-loaded")));
    assertThat(Integer.parseInt(lineage.getAttribute("data-nodes"))).isEqualTo(3);
    assertThat(browser.findElement(By.id("card-empty")).getText()).contains("Limitations");

    WebElement text = browser.findElement(By.id("text-limitations"));
    text.sendKeys("Not for business loans.");
    browser.findElement(By.cssSelector("#card-limitations button[type=submit]")).click();
    waiting(10)
        .until(
            d ->
                d.findElement(By.id("text-limitations"))
                    .getText()
                    .contains("Not for business loans."));
    assertThat(browser.findElement(By.id("card-empty")).getText()).doesNotContain("Limitations");
    assertThat(browser.findElement(By.id("card-markdown")).getAttribute("href"))
        .endsWith(".md?lang=en");
    browser.findElement(By.id("lang-ja")).click();
    waiting(10).until(d -> d.findElement(By.id("card")).getText().equals("モデルカード"));
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("document.getElementById('lineage').scrollIntoView({block: 'center'})");
    waiting(15)
        .until(d -> "true".equals(d.findElement(By.id("lineage")).getAttribute("data-loaded")));
    shot("lineage");
  }

  @Test
  void runningRunChartUpdatesLive() throws InterruptedException {
    String experimentId =
        mlflow.createExperiment("live-" + UUID.randomUUID().toString().substring(0, 8));
    String runId = seedRun(experimentId, "live-run", "0.5", 100);
    browser.get(url("/runs/" + runId + "?lang=en"));
    WebElement chart = browser.findElement(By.cssSelector(".chart[data-key='loss']"));
    waiting(15).until(d -> "100".equals(chart.getAttribute("data-points")));
    List<Metric> more = new java.util.ArrayList<>();
    for (int i = 100; i < 150; i++) {
      more.add(
          Metric.newBuilder()
              .setKey("loss")
              .setValue(0.01)
              .setTimestamp(1_700_000_100_000L + i)
              .setStep(i)
              .build());
    }
    mlflow.logBatch(runId, more, List.of(), List.of());
    waiting(12).until(d -> "150".equals(chart.getAttribute("data-points")));
  }
}
