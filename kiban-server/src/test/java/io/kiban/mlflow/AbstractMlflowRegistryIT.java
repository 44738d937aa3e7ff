package io.kiban.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.ModelVersionsPage;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The MLflow model registry API with the official Java client 2.17.2 (reads) and raw HTTP (writes,
 * PATCH and DELETE, which that client cannot send), plus Kiban's registry history. Runs once per
 * database backend.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractMlflowRegistryIT {

  static final String API = "/api/2.0/mlflow/";

  @LocalServerPort int port;
  MlflowClient client;
  RawHttp http;

  @BeforeEach
  void connect() {
    client = io.kiban.support.TestAuth.adminClient(port);
    http = new RawHttp(port);
  }

  @AfterEach
  void close() {
    client.close();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  Response post(String path, String body) {
    Response r = http.post(API + path, body);
    return r;
  }

  Response ok(String method, String path, String body) {
    Response r = http.method(method, API + path, body);
    assertThat(r.status()).as(method + " " + path + " -> " + r.body()).isEqualTo(200);
    return r;
  }

  String newRun() {
    return client.createRun("0").getRunId();
  }

  String createVersion(String model, String runId) {
    return ok(
            "POST",
            "model-versions/create",
            "{\"name\":\""
                + model
                + "\",\"source\":\"mlflow-artifacts:/0/"
                + runId
                + "/artifacts/model\",\"run_id\":\""
                + runId
                + "\",\"tags\":[{\"key\":\"t\","
                + "\"value\":\"1\"}],\"description\":\"first\"}")
        .json()
        .at("/model_version/version")
        .asString();
  }

  @Test
  void registeredModelLifecycle() {
    String name = unique("fraud");
    Response created =
        ok(
            "POST",
            "registered-models/create",
            "{\"name\":\""
                + name
                + "\",\"description\":\"Detects card fraud\","
                + "\"tags\":[{\"key\":\"kiban.use_case\",\"value\":\"UC-12\"}]}");
    assertThat(created.json().at("/registered_model/name").asString()).isEqualTo(name);

    RegisteredModel viaClient = client.getRegisteredModel(name);
    assertThat(viaClient.getDescription()).isEqualTo("Detects card fraud");
    assertThat(viaClient.getTagsList())
        .extracting(t -> t.getKey() + "=" + t.getValue())
        .containsExactly("kiban.use_case=UC-12");

    Response duplicate = post("registered-models/create", "{\"name\":\"" + name + "\"}");
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");

    ok("PATCH", "registered-models/update", "{\"name\":\"" + name + "\",\"description\":\"v2\"}");
    ok(
        "POST",
        "registered-models/set-tag",
        "{\"name\":\"" + name + "\",\"key\":\"team\",\"value\":\"risk\"}");
    ok("DELETE", "registered-models/delete-tag", "{\"name\":\"" + name + "\",\"key\":\"team\"}");
    String renamed = name + "-renamed";
    ok(
        "POST",
        "registered-models/rename",
        "{\"name\":\"" + name + "\",\"new_name\":\"" + renamed + "\"}");
    assertThat(client.getRegisteredModel(renamed).getDescription()).isEqualTo("v2");
    assertThatThrownBy(() -> client.getRegisteredModel(name))
        .isInstanceOfSatisfying(
            MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));

    String run = newRun();
    createVersion(renamed, run);
    ok("DELETE", "registered-models/delete", "{\"name\":\"" + renamed + "\"}");
    assertThat(http.get(API + "registered-models/get?name=" + renamed).status()).isEqualTo(404);
    assertThat(http.get(API + "model-versions/get?name=" + renamed + "&version=1").status())
        .isEqualTo(404);

    JsonNode events =
        http.get("/api/kiban/v1/registered-models/" + renamed + "/history").json().get("events");
    List<String> actions = new ArrayList<>();
    events.forEach(e -> actions.add(e.get("action").asString()));
    assertThat(actions)
        .containsExactly(
            "model.created",
            "model.description_set",
            "model.tag_set",
            "model.tag_deleted",
            "model.renamed",
            "version.created",
            "model.deleted");
    assertThat(events.get(1).get("before").asString()).isEqualTo("Detects card fraud");
    assertThat(events.get(1).get("after").asString()).isEqualTo("v2");
  }

  @Test
  void versionsStagesAliasesAndTags() {
    String name = unique("churn");
    ok("POST", "registered-models/create", "{\"name\":\"" + name + "\"}");
    String run = newRun();
    assertThat(createVersion(name, run)).isEqualTo("1");
    assertThat(createVersion(name, run)).isEqualTo("2");
    assertThat(createVersion(name, run)).isEqualTo("3");

    ModelVersion v1 = client.getModelVersion(name, "1");
    assertThat(v1.getRunId()).isEqualTo(run);
    assertThat(v1.getCurrentStage()).isEqualTo("None");
    assertThat(v1.getStatus().name()).isEqualTo("READY");
    assertThat(v1.getTagsList()).extracting(t -> t.getKey()).containsExactly("t");
    assertThat(client.getModelVersionDownloadUri(name, "1"))
        .isEqualTo("mlflow-artifacts:/0/" + run + "/artifacts/model");

    ok(
        "POST",
        "model-versions/transition-stage",
        "{\"name\":\""
            + name
            + "\",\"version\":\"1\",\"stage\":\"Production\",\"archive_existing_versions\":false}");
    ok(
        "POST",
        "model-versions/transition-stage",
        "{\"name\":\""
            + name
            + "\",\"version\":\"2\",\"stage\":\"production\",\"archive_existing_versions\":true}");
    assertThat(client.getModelVersion(name, "1").getCurrentStage()).isEqualTo("Archived");
    assertThat(client.getModelVersion(name, "2").getCurrentStage()).isEqualTo("Production");
    assertThat(client.getLatestVersions(name, List.of("Production")))
        .extracting(ModelVersion::getVersion)
        .containsExactly("2");
    assertThat(client.getLatestVersions(name))
        .extracting(ModelVersion::getVersion)
        .containsExactly("1", "2", "3");

    ok(
        "POST",
        "registered-models/alias",
        "{\"name\":\"" + name + "\",\"alias\":\"champion\",\"version\":\"2\"}");
    ok(
        "POST",
        "registered-models/alias",
        "{\"name\":\"" + name + "\",\"alias\":\"challenger\",\"version\":\"3\"}");
    assertThat(
            http.get(API + "registered-models/alias?name=" + name + "&alias=champion")
                .json()
                .at("/model_version/version")
                .asString())
        .isEqualTo("2");
    assertThat(
            http.get(API + "model-versions/get?name=" + name + "&version=3")
                .json()
                .at("/model_version/aliases/0")
                .asString())
        .isEqualTo("challenger");
    JsonNode model =
        http.get(API + "registered-models/get?name=" + name).json().get("registered_model");
    assertThat(model.get("aliases").size()).isEqualTo(2);
    long beforeMove = System.currentTimeMillis();
    sleep();
    ok(
        "POST",
        "registered-models/alias",
        "{\"name\":\"" + name + "\",\"alias\":\"champion\",\"version\":\"3\"}");
    ok("DELETE", "registered-models/alias", "{\"name\":\"" + name + "\",\"alias\":\"challenger\"}");

    ok(
        "PATCH",
        "model-versions/update",
        "{\"name\":\"" + name + "\",\"version\":\"3\",\"description\":\"retrained\"}");
    ok(
        "POST",
        "model-versions/set-tag",
        "{\"name\":\"" + name + "\",\"version\":\"3\",\"key\":\"validated\",\"value\":\"yes\"}");
    ok(
        "DELETE",
        "model-versions/delete-tag",
        "{\"name\":\"" + name + "\",\"version\":\"3\",\"key\":\"validated\"}");
    ok("DELETE", "model-versions/delete", "{\"name\":\"" + name + "\",\"version\":\"1\"}");
    assertThat(createVersion(name, run)).as("numbers are never reused").isEqualTo("4");

    JsonNode then =
        http.get("/api/kiban/v1/registered-models/" + name + "/state?at=" + beforeMove).json();
    assertThat(then.at("/aliases/champion").asString()).isEqualTo("2");
    assertThat(then.at("/aliases/challenger").asString()).isEqualTo("3");
    assertThat(then.at("/stages/Production/0").asString()).isEqualTo("2");
    JsonNode now =
        http.get(
                "/api/kiban/v1/registered-models/"
                    + name
                    + "/state?at="
                    + java.time.Instant.now().plusSeconds(60))
            .json();
    assertThat(now.at("/aliases/champion").asString()).isEqualTo("3");
    assertThat(now.at("/aliases").has("challenger")).isFalse();
    assertThat(now.at("/stages/None").size()).isEqualTo(2);

    JsonNode v3 =
        http.get("/api/kiban/v1/registered-models/" + name + "/versions/3/history").json();
    List<String> actions = new ArrayList<>();
    v3.get("events")
        .forEach(e -> actions.add(e.get("action").asString() + ":" + e.get("subject").asString()));
    assertThat(actions)
        .containsExactly(
            "version.created:source",
            "alias.set:challenger",
            "alias.moved:champion",
            "alias.removed:challenger",
            "version.description_set:description",
            "version.tag_set:validated",
            "version.tag_deleted:validated");
  }

  static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void searchRegisteredModelsAndVersions() {
    String prefix = unique("search");
    String run = newRun();
    for (int i = 0; i < 3; i++) {
      ok(
          "POST",
          "registered-models/create",
          "{\"name\":\""
              + prefix
              + "-"
              + i
              + "\",\"tags\":"
              + "[{\"key\":\"tier\",\"value\":\""
              + (i == 1 ? "high" : "low")
              + "\"}]}");
      createVersion(prefix + "-" + i, run);
    }
    JsonNode page =
        http.get(
                API
                    + "registered-models/search?filter="
                    + enc("name LIKE '" + prefix + "%'")
                    + "&max_results=2&order_by="
                    + enc("name DESC"))
            .json();
    assertThat(page.get("registered_models").size()).isEqualTo(2);
    assertThat(page.at("/registered_models/0/name").asString()).isEqualTo(prefix + "-2");
    String token = page.get("next_page_token").asString();
    JsonNode second =
        http.get(
                API
                    + "registered-models/search?filter="
                    + enc("name LIKE '" + prefix + "%'")
                    + "&max_results=2&order_by="
                    + enc("name DESC")
                    + "&page_token="
                    + enc(token))
            .json();
    assertThat(second.get("registered_models").size()).isEqualTo(1);
    assertThat(second.has("next_page_token")).isFalse();
    JsonNode tagged =
        http.get(
                API
                    + "registered-models/search?filter="
                    + enc("tags.tier = 'high' AND name ILIKE '" + prefix.toUpperCase() + "%'"))
            .json();
    assertThat(tagged.at("/registered_models/0/name").asString()).isEqualTo(prefix + "-1");

    ModelVersionsPage versions =
        client.searchModelVersions("run_id = '" + run + "'", 10, List.of("name ASC"));
    assertThat(versions.getItems())
        .extracting(ModelVersion::getName)
        .containsExactly(prefix + "-0", prefix + "-1", prefix + "-2");
    assertThat(
            client
                .searchModelVersions(
                    "name = '" + prefix + "-1' AND version_number >= 1", 10, List.of())
                .getItems())
        .hasSize(1);
    assertThat(
            client
                .searchModelVersions("run_id IN ('" + run + "') AND tags.t = '1'", 10, List.of())
                .getItems())
        .hasSize(3);
    assertThat(
            client
                .searchModelVersions("source_path LIKE '%" + run + "%'", 10, List.of())
                .getItems())
        .hasSize(3);
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void mlflow3LogModelThenRegisterModel() {
    String exp = client.createExperiment(unique("mlflow3"));
    String run = client.createRun(exp).getRunId();
    JsonNode created =
        ok(
                "POST",
                "logged-models",
                "{\"experiment_id\":\""
                    + exp
                    + "\","
                    + "\"name\":\"model\",\"model_type\":\"sklearn\",\"source_run_id\":\""
                    + run
                    + "\","
                    + "\"params\":[{\"key\":\"alpha\",\"value\":\"0.5\"}],"
                    + "\"tags\":[{\"key\":\"mlflow.source.type\",\"value\":\"LOCAL\"}]}")
            .json();
    String modelId = created.at("/model/info/model_id").asString();
    String artifactUri = created.at("/model/info/artifact_uri").asString();
    assertThat(modelId).matches("m-[0-9a-f]{32}");
    assertThat(artifactUri)
        .isEqualTo("mlflow-artifacts:/" + exp + "/models/" + modelId + "/artifacts");
    assertThat(created.at("/model/info/status").asString()).isEqualTo("LOGGED_MODEL_PENDING");

    String proxy =
        "/api/2.0/mlflow-artifacts/artifacts/"
            + artifactUri.substring("mlflow-artifacts:/".length());
    Response upload =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(http.base() + proxy + "/MLmodel"))
                .PUT(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "flavors:\n  sklearn: {}\n")));
    assertThat(upload.status()).isEqualTo(200);
    JsonNode files = http.get(API + "logged-models/" + modelId + "/artifacts/directories").json();
    assertThat(files.at("/files/0/path").asString()).isEqualTo("MLmodel");

    ok("PATCH", "logged-models/" + modelId, "{\"status\":\"LOGGED_MODEL_READY\"}");
    ok(
        "POST",
        "runs/outputs",
        "{\"run_id\":\"" + run + "\",\"models\":[{\"model_id\":\"" + modelId + "\",\"step\":0}]}");
    assertThat(
            http.get(API + "runs/get?run_id=" + run)
                .json()
                .at("/run/outputs/model_outputs/0/model_id")
                .asString())
        .isEqualTo(modelId);
    ok(
        "PATCH",
        "logged-models/" + modelId + "/tags",
        "{\"tags\":[{\"key\":\"stage\",\"value\":\"eval\"}]}");
    ok("DELETE", "logged-models/" + modelId + "/tags/stage", "");
    ok(
        "POST",
        "logged-models/" + modelId + "/params",
        "{\"params\":[{\"key\":\"alpha\",\"value\":\"0.5\"},{\"key\":\"beta\",\"value\":\"2\"}]}");
    Response changed =
        post(
            "logged-models/" + modelId + "/params",
            "{\"params\":[{\"key\":\"alpha\",\"value\":\"9\"}]}");
    assertThat(changed.status()).isEqualTo(400);

    JsonNode got = http.get(API + "logged-models/" + modelId).json();
    assertThat(got.at("/model/info/status").asString()).isEqualTo("LOGGED_MODEL_READY");
    assertThat(got.at("/model/data/params").size()).isEqualTo(2);
    JsonNode found =
        ok(
                "POST",
                "logged-models/search",
                "{\"experiment_ids\":[\""
                    + exp
                    + "\"],"
                    + "\"filter\":\"model_type = 'sklearn' AND params.beta = '2'\","
                    + "\"order_by\":[{\"field_name\":\"creation_timestamp\",\"ascending\":false}]}")
            .json();
    assertThat(found.at("/models/0/info/model_id").asString()).isEqualTo(modelId);

    String name = unique("registered-from-logged");
    ok("POST", "registered-models/create", "{\"name\":\"" + name + "\"}");
    JsonNode version =
        ok(
                "POST",
                "model-versions/create",
                "{\"name\":\""
                    + name
                    + "\","
                    + "\"source\":\"models:/"
                    + modelId
                    + "\",\"model_id\":\""
                    + modelId
                    + "\"}")
            .json();
    assertThat(version.at("/model_version/model_id").asString()).isEqualTo(modelId);
    assertThat(version.at("/model_version/run_id").asString()).isEqualTo(run);
    assertThat(client.getModelVersionDownloadUri(name, "1")).isEqualTo(artifactUri);

    Response unknown =
        post("model-versions/create", "{\"name\":\"" + name + "\",\"source\":\"models:/m-0000\"}");
    assertThat(unknown.status()).isEqualTo(404);
    Response badStatus =
        http.method("PATCH", API + "logged-models/" + modelId, "{\"status\":\"DONE\"}");
    assertThat(badStatus.status()).isEqualTo(400);
    ok("DELETE", "logged-models/" + modelId, "");
    assertThat(http.get(API + "logged-models/" + modelId).errorCode())
        .isEqualTo("RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void lineageFromDatasetToModelVersionAndBack() {
    String exp = client.createExperiment(unique("lineage"));
    String run = client.createRun(exp).getRunId();
    ok(
        "POST",
        "runs/log-inputs",
        "{\"run_id\":\""
            + run
            + "\",\"datasets\":[{\"dataset\":"
            + "{\"name\":\"loans\",\"digest\":\"abc123\",\"source_type\":\"local\","
            + "\"source\":\"/data/loans.csv\"}}]}");
    client.setTag(run, "mlflow.source.git.commit", "9f1c2e7");
    client.logParam(run, "alpha", "0.5");
    String modelId =
        ok(
                "POST",
                "logged-models",
                "{\"experiment_id\":\"" + exp + "\",\"source_run_id\":\"" + run + "\"}")
            .json()
            .at("/model/info/model_id")
            .asString();
    String name = unique("lineage-model");
    ok("POST", "registered-models/create", "{\"name\":\"" + name + "\"}");
    ok(
        "POST",
        "model-versions/create",
        "{\"name\":\""
            + name
            + "\",\"source\":\"models:/"
            + modelId
            + "\",\"model_id\":\""
            + modelId
            + "\"}");

    JsonNode up =
        http.get(
                "/api/kiban/v1/lineage?node="
                    + enc("model_version:" + name + "/1")
                    + "&direction=upstream&depth=3")
            .json();
    List<String> ids = new ArrayList<>();
    up.get("nodes").forEach(n -> ids.add(n.get("type").asString()));
    assertThat(ids).containsExactlyInAnyOrder("model_version", "logged_model", "run", "dataset");
    JsonNode runNode = null;
    for (JsonNode n : up.get("nodes")) {
      if (n.get("type").asString().equals("run")) {
        runNode = n;
      }
    }
    assertThat(runNode.at("/attributes/mlflow.source.git.commit").asString()).isEqualTo("9f1c2e7");
    assertThat(runNode.at("/attributes/params.alpha").asString()).isEqualTo("0.5");
    List<String> edges = new ArrayList<>();
    up.get("edges")
        .forEach(
            e ->
                edges.add(
                    e.get("from").asString().split(":")[0]
                        + "->"
                        + e.get("to").asString().split(":")[0]));
    assertThat(edges)
        .contains(
            "dataset->run",
            "run->logged_model",
            "logged_model->model_version",
            "run->model_version");

    JsonNode shallow =
        http.get(
                "/api/kiban/v1/lineage?node="
                    + enc("model_version:" + name + "/1")
                    + "&direction=upstream&depth=1")
            .json();
    List<String> shallowTypes = new ArrayList<>();
    shallow.get("nodes").forEach(n -> shallowTypes.add(n.get("type").asString()));
    assertThat(shallowTypes).doesNotContain("dataset");

    String datasetId = null;
    for (JsonNode n : up.get("nodes")) {
      if (n.get("type").asString().equals("dataset")) {
        datasetId = n.get("id").asString();
      }
    }
    JsonNode down =
        http.get("/api/kiban/v1/lineage?node=" + enc(datasetId) + "&direction=downstream&depth=3")
            .json();
    List<String> downIds = new ArrayList<>();
    down.get("nodes").forEach(n -> downIds.add(n.get("id").asString()));
    assertThat(downIds)
        .contains("run:" + run, "logged_model:" + modelId, "model_version:" + name + "/1");

    assertThat(http.get("/api/kiban/v1/lineage?node=run:0123456789abcdef0123456789abcdef").status())
        .isEqualTo(404);
    assertThat(http.get("/api/kiban/v1/lineage?node=whatever").status()).isEqualTo(400);
    assertThat(http.get("/api/kiban/v1/lineage?node=run:" + run + "&depth=11").status())
        .isEqualTo(400);
    assertThat(http.get("/api/kiban/v1/lineage?node=run:" + run + "&direction=sideways").status())
        .isEqualTo(400);
  }

  @Test
  void modelCardsAreGeneratedEditedAndExported() {
    String exp = client.createExperiment(unique("card"));
    String run = client.createRun(exp).getRunId();
    ok(
        "POST",
        "runs/log-inputs",
        "{\"run_id\":\""
            + run
            + "\",\"datasets\":[{\"dataset\":"
            + "{\"name\":\"applications-2025\",\"digest\":\"d1g3st\",\"source_type\":\"local\","
            + "\"source\":\"/data/apps.parquet\"},\"tags\":[{\"key\":\"mlflow.data.context\","
            + "\"value\":\"training\"}]}]}");
    client.logParam(run, "max_depth", "6");
    client.logMetric(run, "train_loss", 0.21);
    client.logMetric(run, "eval_auc", 0.91);
    client.logMetric(run, "disparate_impact", 0.86);
    String artifactRoot = "/api/2.0/mlflow-artifacts/artifacts/" + exp + "/" + run + "/artifacts/";
    http.send(
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(http.base() + artifactRoot + "evaluation/report.json"))
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
    String name = unique("credit");
    ok(
        "POST",
        "registered-models/create",
        "{\"name\":\""
            + name
            + "\",\"description\":"
            + "\"Scores consumer credit applications\",\"tags\":[{\"key\":\"domain\",\"value\":\"lending\"}]}");
    createVersion(name, run);
    String base = "/api/kiban/v1/registered-models/" + name + "/versions/1/card";

    JsonNode card = http.get(base + "?lang=en").json();
    assertThat(card.get("emptySections").toString())
        .contains("limitations", "ethical_considerations", "out_of_scope_uses")
        .doesNotContain("training_data", "evaluation");
    JsonNode sections = card.get("sections");
    java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
    sections.forEach(x -> byId.put(x.get("id").asString(), x));
    assertThat(byId.get("intended_use").at("/content/Model description").asString())
        .isEqualTo("Scores consumer credit applications");
    assertThat(byId.get("intended_use").at("/content/domain").asString()).isEqualTo("lending");
    assertThat(byId.get("training_data").at("/content/0/digest").asString()).isEqualTo("d1g3st");
    assertThat(byId.get("training_data").at("/content/0/context").asString()).isEqualTo("training");
    assertThat(byId.get("parameters").at("/content/max_depth").asString()).isEqualTo("6");
    assertThat(byId.get("evaluation").get("content").toString())
        .contains("eval_auc", "0.91", "disparate_impact", "evaluation/report.json")
        .doesNotContain("train_loss");
    assertThat(byId.get("version_history").at("/content/0/action").asString())
        .isEqualTo("version.created");

    Response written =
        http.method(
            "PUT",
            base + "/sections/limitations",
            "{\"text\":\"Not validated for applicants under 20.\"}");
    assertThat(written.status()).as(written.body()).isEqualTo(200);
    assertThat(written.json().get("emptySections").toString()).doesNotContain("limitations");

    Response md = http.get(base + ".md?lang=ja");
    assertThat(md.status()).isEqualTo(200);
    assertThat(md.contentType()).startsWith("text/markdown");
    assertThat(md.body())
        .startsWith("# モデルカード: " + name + " v1")
        .contains(
            "> 未記入の項目: 倫理的配慮, 想定外の用途",
            "## 制約事項",
            "Not validated for applicants under 20.",
            "## 学習データ",
            "d1g3st",
            "| max_depth | 6 |");
    assertThat(http.get(base + ".md?lang=en").body())
        .contains("## Limitations", "## Evaluation results");

    Response derived = http.method("PUT", base + "/sections/metrics", "{\"text\":\"x\"}");
    assertThat(derived.status()).isEqualTo(400);
    assertThat(derived.json().get("detail").asString()).contains("derived");
    assertThat(http.method("PUT", base + "/sections/limitations", "{\"text\":5}").status())
        .isEqualTo(400);
    Response notJson = http.method("PUT", base + "/sections/limitations", "not json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.contentType()).startsWith("application/problem+json");
    assertThat(http.get(base + "?lang=fr").status()).isEqualTo(400);
    assertThat(http.get("/api/kiban/v1/registered-models/" + name + "/versions/9/card").status())
        .isEqualTo(404);
    JsonNode history =
        http.get("/api/kiban/v1/registered-models/" + name + "/versions/1/history").json();
    assertThat(history.toString()).contains("card.section_set");
  }

  @Test
  void badRegistryInputGetsMlflowErrorCodes() {
    String name = unique("bad");
    ok("POST", "registered-models/create", "{\"name\":\"" + name + "\"}");
    String run = newRun();
    createVersion(name, run);
    record Case(String method, String path, String body, int status, String code, String text) {}
    List<Case> cases =
        List.of(
            new Case(
                "POST", "registered-models/create", "{}", 400, "INVALID_PARAMETER_VALUE", "'name'"),
            new Case(
                "POST",
                "registered-models/create",
                "{\"name\":\"a/b\"}",
                400,
                "INVALID_PARAMETER_VALUE",
                "'/'"),
            new Case(
                "GET",
                "registered-models/get?name=nope-" + name,
                null,
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "not found"),
            new Case(
                "GET",
                "model-versions/get?name=" + name + "&version=99",
                null,
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "version=99"),
            new Case(
                "GET",
                "model-versions/get?name=" + name + "&version=abc",
                null,
                400,
                "INVALID_PARAMETER_VALUE",
                "abc"),
            new Case(
                "POST",
                "model-versions/create",
                "{\"name\":\"" + name + "\"}",
                400,
                "INVALID_PARAMETER_VALUE",
                "'source'"),
            new Case(
                "POST",
                "model-versions/create",
                "{\"name\":\"nope-" + name + "\",\"source\":\"s3://x\"}",
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "not found"),
            new Case(
                "POST",
                "model-versions/transition-stage",
                "{\"name\":\""
                    + name
                    + "\",\"version\":\"1\",\"stage\":\"Live\",\"archive_existing_versions\":false}",
                400,
                "INVALID_PARAMETER_VALUE",
                "Live"),
            new Case(
                "POST",
                "registered-models/alias",
                "{\"name\":\"" + name + "\",\"alias\":\"latest\",\"version\":\"1\"}",
                400,
                "INVALID_PARAMETER_VALUE",
                "reserved"),
            new Case(
                "POST",
                "registered-models/alias",
                "{\"name\":\"" + name + "\",\"alias\":\"V3\",\"version\":\"1\"}",
                400,
                "INVALID_PARAMETER_VALUE",
                "reserved"),
            new Case(
                "POST",
                "registered-models/alias",
                "{\"name\":\"" + name + "\",\"alias\":\"has space\",\"version\":\"1\"}",
                400,
                "INVALID_PARAMETER_VALUE",
                "alias"),
            new Case(
                "POST",
                "registered-models/alias",
                "{\"name\":\"" + name + "\",\"alias\":\"prod\",\"version\":\"7\"}",
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "version=7"),
            new Case(
                "DELETE",
                "registered-models/alias",
                "{\"name\":\"" + name + "\",\"alias\":\"ghost\"}",
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "ghost"),
            new Case(
                "DELETE",
                "registered-models/delete-tag",
                "{\"name\":\"" + name + "\",\"key\":\"ghost\"}",
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "ghost"),
            new Case(
                "GET",
                "registered-models/search?max_results=1001",
                null,
                400,
                "INVALID_PARAMETER_VALUE",
                "max_results"),
            new Case(
                "GET",
                "registered-models/search?filter=" + enc("owner = 'x'"),
                null,
                400,
                "INVALID_PARAMETER_VALUE",
                "owner"),
            new Case(
                "GET",
                "model-versions/search?filter=" + enc("run_id = 'a' OR name = 'b'"),
                null,
                400,
                "INVALID_PARAMETER_VALUE",
                "OR"),
            new Case(
                "GET",
                "registered-models/get-latest-versions?name=" + name + "&stages=Live",
                null,
                400,
                "INVALID_PARAMETER_VALUE",
                "Live"));
    for (Case c : cases) {
      Response r =
          c.body() == null
              ? http.get(API + c.path())
              : http.method(c.method(), API + c.path(), c.body());
      assertThat(r.status()).as(c + " -> " + r.body()).isEqualTo(c.status());
      assertThat(r.errorCode()).as(c + " -> " + r.body()).isEqualTo(c.code());
      assertThat(r.message()).as(c + " -> " + r.body()).contains(c.text());
    }
    assertThat(client.getModelVersion(name, "1").getCurrentStage()).isEqualTo("None");
    Response problem = http.get("/api/kiban/v1/registered-models/nope-" + name + "/history");
    assertThat(problem.status()).isEqualTo(404);
    assertThat(problem.contentType()).startsWith("application/problem+json");
    assertThat(problem.json().get("detail").asString()).contains("No history");
    Response badTime = http.get("/api/kiban/v1/registered-models/" + name + "/state?at=yesterday");
    assertThat(badTime.status()).isEqualTo(400);
    assertThat(badTime.json().get("title").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
  }
}
