package io.kiban.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import io.kiban.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The UI's pages over plain HTTP: status codes, languages, errors, chart data. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebPagesIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @LocalServerPort int port;
  RawHttp http;
  String experiment;
  String run;

  @BeforeEach
  void seed() {
    http = new RawHttp(port);
    experiment =
        http.post(
                "/api/2.0/mlflow/experiments/create", "{\"name\":\"ui-" + UUID.randomUUID() + "\"}")
            .json()
            .get("experiment_id")
            .asString();
    run =
        http.post(
                "/api/2.0/mlflow/runs/create",
                "{\"experiment_id\":\"" + experiment + "\",\"run_name\":\"baseline\"}")
            .json()
            .at("/run/info/run_id")
            .asString();
    StringBuilder body = new StringBuilder("{\"run_id\":\"" + run + "\",\"metrics\":[");
    for (int i = 0; i < 1000; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"key\":\"loss\",\"value\":")
          .append(1.0 / (i + 1))
          .append(",\"timestamp\":")
          .append(1000 + i)
          .append(",\"step\":")
          .append(i)
          .append('}');
    }
    body.append("]}");
    assertThat(http.post("/api/2.0/mlflow/runs/log-batch", body.toString()).status())
        .isEqualTo(200);
    String param = "{\"run_id\":\"" + run + "\",\"key\":\"lr\",\"value\":\"0.1\"}";
    assertThat(http.post("/api/2.0/mlflow/runs/log-parameter", param).status()).isEqualTo(200);
  }

  Response page(String path, String language) {
    return http.send(
        HttpRequest.newBuilder(URI.create(http.base() + path))
            .header("Accept", "text/html")
            .header("Accept-Language", language));
  }

  @Test
  void everyTrackingPageRendersInBothLanguages() {
    for (String path :
        new String[] {
          "/experiments",
          "/runs?experiments=" + experiment,
          "/runs/" + run,
          "/areas/reports",
          "/approvals",
          "/approvals?view=mine",
          "/approvals?view=all",
          "/incidents",
          "/incidents/new",
          "/tasks",
          "/tasks?view=overdue",
          "/tasks?view=open",
          "/gates",
          "/suspensions",
          "/admin/webhooks",
          "/inventory",
          "/vendors",
          "/risks",
          "/risks/new",
          "/portfolio",
          "/frameworks",
          "/frameworks/iso42001",
          "/frameworks/iso42001/requirements/A.3.2",
          "/soa",
          "/soa?framework=nist-ai-rmf",
          "/audit?entity_type=experiment&entity_id=" + experiment + "&verify=true"
        }) {
      Response en = page(path, "en-US,en;q=0.9");
      assertThat(en.status()).as(path).isEqualTo(200);
      assertThat(en.contentType()).startsWith("text/html");
      assertThat(en.body()).as(path).contains("Tracking", "lang=\"en\"").doesNotContain("??");
      Response ja = page(path, "ja-JP,ja;q=0.9");
      assertThat(ja.status()).as(path).isEqualTo(200);
      assertThat(ja.body()).as(path).contains("トラッキング", "lang=\"ja\"").doesNotContain("??");
    }
    assertThat(page("/runs/" + run, "ja").body()).contains("パラメーター", "baseline", "lr");
    assertThat(page("/areas/reports", "en").body()).contains("comes in a later release");
    assertThat(
            page("/audit?entity_type=experiment&entity_id=" + experiment + "&verify=true", "en")
                .body())
        .contains("experiment.created", "The audit chain is intact");
    assertThat(page("/frameworks/iso42001/requirements/A.3.2", "ja").body())
        .contains("AIの役割と責任", "nist-ai-rmf:GOVERN 2.1", "同等");
  }

  @Test
  void languageChoiceIsRememberedInACookie() {
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create(http.base() + "/experiments?lang=ja"))
                .header("Accept-Language", "en"));
    assertThat(response.body()).contains("実験");
    Response again =
        http.send(
            HttpRequest.newBuilder(URI.create(http.base() + "/experiments"))
                .header("Accept-Language", "en")
                .header("Cookie", "kiban_lang=ja"));
    assertThat(again.body()).contains("実験").contains("lang=\"ja\"");
  }

  @Test
  void badFilterIsExplainedInlineWithA400() {
    Response r =
        page(
            "/runs?experiments="
                + experiment
                + "&filter=metrics.a%20%3E%201%20OR%20metrics.b%20%3C%202",
            "ja");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body())
        .contains(
            "id=\"filter-error\"",
            "リクエストを実行できませんでした",
            "Invalid clause(s) in filter string: &#39;OR&#39;");
  }

  @Test
  void unknownPagesAndRunsGetAnHtmlErrorPageInTheUserLanguage() {
    Response missingPage = page("/no/such/page", "ja");
    assertThat(missingPage.status()).isEqualTo(404);
    assertThat(missingPage.contentType()).startsWith("text/html");
    assertThat(missingPage.body()).contains("指定されたページは存在しません");
    Response missingRun = page("/runs/0123456789abcdef0123456789abcdef", "en");
    assertThat(missingRun.status()).isEqualTo(404);
    assertThat(missingRun.body()).contains("Not found:").doesNotContain("Exception");
    Response api = http.get("/api/2.0/mlflow/no/such");
    assertThat(api.contentType()).startsWith("application/json");
  }

  @Test
  void seriesAreThinnedOnTheServer() {
    String big =
        http.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + experiment + "\"}")
            .json()
            .at("/run/info/run_id")
            .asString();
    for (int from = 0; from < 20_000; from += 1000) {
      StringBuilder body = new StringBuilder("{\"run_id\":\"" + big + "\",\"metrics\":[");
      for (int i = from; i < from + 1000; i++) {
        double value = i == 12_345 ? 99.0 : Math.sin(i / 100.0);
        body.append(i == from ? "" : ",")
            .append("{\"key\":\"wave\",\"value\":")
            .append(value)
            .append(",\"timestamp\":")
            .append(i)
            .append(",\"step\":")
            .append(i)
            .append('}');
      }
      http.post("/api/2.0/mlflow/runs/log-batch", body.append("]}").toString());
    }
    JsonNode series = http.get("/ui/series?run=" + big + "&key=wave").json();
    assertThat(series.get("total").asLong()).isEqualTo(20_000);
    JsonNode points = series.get("points");
    assertThat(points.size()).isBetween(500, 1000);
    assertThat(points.get(0).get(0).asLong()).isZero();
    boolean spikeKept = false;
    long previous = -1;
    for (JsonNode p : points) {
      assertThat(p.get(0).asLong()).isGreaterThanOrEqualTo(previous);
      previous = p.get(0).asLong();
      spikeKept |= p.get(2).asDouble() == 99.0;
    }
    assertThat(spikeKept).as("min/max buckets keep the spike").isTrue();
    JsonNode small = http.get("/ui/series?run=" + run + "&key=loss").json();
    assertThat(small.get("points").size()).isEqualTo(1000);
  }

  @Test
  void formsCreateRenameTagAndDeleteExperiments() {
    String name = "form-" + UUID.randomUUID();
    Response created =
        http.send(
            HttpRequest.newBuilder(URI.create(http.base() + "/experiments"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + name)));
    assertThat(created.status()).isEqualTo(302);
    JsonNode experimentJson =
        http.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + name).json();
    String id = experimentJson.at("/experiment/experiment_id").asString();
    form("/experiments/" + id + "/tags", "key=team&value=risk");
    form("/experiments/" + id + "/rename", "name=" + name + "-renamed");
    JsonNode after = http.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id).json();
    assertThat(after.at("/experiment/name").asString()).isEqualTo(name + "-renamed");
    assertThat(after.at("/experiment/tags/0/value").asString()).isEqualTo("risk");
    form("/experiments/" + id + "/delete", "");
    assertThat(
            http.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
                .json()
                .at("/experiment/lifecycle_stage")
                .asString())
        .isEqualTo("deleted");
    Response duplicate = form("/experiments", "name=" + name + "-renamed");
    assertThat(duplicate.status()).isEqualTo(302);
  }

  @Test
  void artifactBrowserNavigatesAndPreviews() {
    String root = "/api/2.0/mlflow-artifacts/artifacts/" + experiment + "/" + run + "/artifacts/";
    put(root + "eval/metrics.json", "{\"auc\":0.91,\"gini\":0.82}");
    put(root + "eval/scores.csv", "name,score\nalpha,1\n\"b,c\",2\n");
    put(root + "eval/plot.png", "not really a png");
    put(root + "model/weights.bin", "\u0000\u0001binary");
    String top = page("/runs/" + run, "en").body();
    assertThat(top).contains("eval</span>/", "model</span>/");
    String dir = page("/runs/" + run + "?apath=eval", "en").body();
    assertThat(dir)
        .contains("metrics.json", "scores.csv", "plot.png", "Download", root + "eval/scores.csv");
    String json = page("/runs/" + run + "?apath=eval&preview=eval/metrics.json", "en").body();
    assertThat(json).contains("id=\"artifact-preview\"", "&quot;auc&quot; : 0.91");
    String csv = page("/runs/" + run + "?apath=eval&preview=eval/scores.csv", "ja").body();
    assertThat(csv).contains("<th scope=\"col\">score</th>", "<td>b,c</td>", "プレビュー");
    String image = page("/runs/" + run + "?apath=eval&preview=eval/plot.png", "en").body();
    assertThat(image).contains("<img src=\"" + root + "eval/plot.png\"");
    String binary = page("/runs/" + run + "?apath=model&preview=model/weights.bin", "en").body();
    assertThat(binary).contains("cannot be previewed");
    Response traversal = page("/runs/" + run + "?apath=../../etc", "en");
    assertThat(traversal.body()).contains("Invalid path");
  }

  @Test
  void registryPagesAndForms() {
    String name = "pd model " + UUID.randomUUID().toString().substring(0, 6);
    String path = "/models/" + name.replace(" ", "%20");
    http.post("/api/2.0/mlflow/registered-models/create", "{\"name\":\"" + name + "\"}");
    http.post(
        "/api/2.0/mlflow/model-versions/create",
        "{\"name\":\"" + name + "\",\"source\":\"s3://b/m\",\"run_id\":\"" + run + "\"}");
    assertThat(page("/models", "en").body()).contains(name, "v1 · None");
    assertThat(page("/models", "ja").body()).contains("登録モデル", "v1 · なし");
    assertThat(form(path + "/description", "description=Predicts+default").status()).isEqualTo(302);
    assertThat(form(path + "/versions/1/stage", "stage=Production&archiveExisting=true").status())
        .isEqualTo(302);
    assertThat(form(path + "/versions/1/alias", "alias=champion").status()).isEqualTo(302);
    assertThat(form(path + "/versions/1/card", "section=limitations&text=Only+retail").status())
        .isEqualTo(302);
    String modelPage = page(path, "en").body();
    assertThat(modelPage)
        .contains(
            "Predicts default",
            "@champion",
            "Production",
            "Alias set",
            "Stage changed",
            "Model card edited",
            "None → Production");
    String versionPage = page(path + "/versions/1", "ja").body();
    assertThat(versionPage)
        .contains(
            "モデルカード",
            "制約事項",
            "Only retail",
            "s3://b/m",
            "/runs/" + run,
            "data-node=\"model_version:" + name + "/1\"");
    Response refused = form(path + "/versions/1/alias", "alias=latest");
    assertThat(refused.status()).isEqualTo(302);
    assertThat(page(path, "en").body()).doesNotContain("@latest");
    Response missing = page("/models/no-such-model-" + UUID.randomUUID(), "en");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("Not found:");
  }

  void put(String path, String content) {
    Response r =
        http.send(
            HttpRequest.newBuilder(URI.create(http.base() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(content)));
    assertThat(r.status()).isEqualTo(200);
  }

  Response form(String path, String body) {
    return http.send(
        HttpRequest.newBuilder(URI.create(http.base() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }
}
