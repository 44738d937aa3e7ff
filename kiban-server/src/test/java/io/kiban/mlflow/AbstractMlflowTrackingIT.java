package io.kiban.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiban.audit.AuditLog;
import io.kiban.support.RawHttp;
import io.kiban.support.RawHttp.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The MLflow tracking API driven by the official MLflow Java client 2.17.2 and by raw HTTP for what
 * that client cannot send. Runs once per database backend.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractMlflowTrackingIT {

  static final String API = "/api/2.0/mlflow/";

  @LocalServerPort int port;
  @Autowired AuditLog auditLog;

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

  String newRun(String experimentId) {
    return client.createRun(experimentId).getRunId();
  }

  // --- experiments ----------------------------------------------------------------------

  @Test
  void defaultExperimentExists() {
    Experiment experiment = client.getExperiment("0");
    assertThat(experiment.getName()).isEqualTo("Default");
    assertThat(experiment.getLifecycleStage()).isEqualTo("active");
  }

  @Test
  void experimentLifecycleThroughTheJavaClient() {
    String name = unique("exp");
    String id = client.createExperiment(name);
    Experiment created = client.getExperiment(id);
    assertThat(created.getName()).isEqualTo(name);
    assertThat(created.getArtifactLocation()).isEqualTo("mlflow-artifacts:/" + id);
    assertThat(created.getCreationTime()).isPositive();
    assertThat(client.getExperimentByName(name)).map(Experiment::getExperimentId).contains(id);
    assertThat(client.getExperimentByName(unique("missing"))).isEqualTo(Optional.empty());

    client.setExperimentTag(id, "team", "risk");
    client.setExperimentTag(id, "team", "credit");
    assertThat(client.getExperiment(id).getTagsList())
        .extracting(t -> t.getKey() + "=" + t.getValue())
        .containsExactly("team=credit");

    String renamed = unique("renamed");
    client.renameExperiment(id, renamed);
    assertThat(client.getExperiment(id).getName()).isEqualTo(renamed);

    String run = newRun(id);
    client.deleteExperiment(id);
    assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
    assertThat(client.getRun(run).getInfo().getLifecycleStage()).isEqualTo("deleted");
    client.restoreExperiment(id);
    assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("active");
    assertThat(client.getRun(run).getInfo().getLifecycleStage()).isEqualTo("active");

    assertThat(auditLog.eventsFor("experiment", id))
        .extracting(e -> e.action())
        .containsSubsequence(
            "experiment.created",
            "experiment.tag_set",
            "experiment.renamed",
            "experiment.deleted",
            "experiment.restored");
  }

  @Test
  void duplicateExperimentNameIsResourceAlreadyExists() {
    String name = unique("dup");
    client.createExperiment(name);
    assertThatThrownBy(() -> client.createExperiment(name))
        .isInstanceOfSatisfying(
            MlflowHttpException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS");
            });
  }

  @Test
  void searchExperimentsFiltersOrdersAndPages() {
    String prefix = unique("search");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(client.createExperiment(prefix + "-" + i));
    }
    client.setExperimentTag(ids.get(2), "stage", "prod");
    ExperimentsPage page =
        client.searchExperiments(
            "name LIKE '" + prefix + "%'", ViewType.ACTIVE_ONLY, 2, List.of("name DESC"));
    assertThat(page.getItems())
        .extracting(Experiment::getName)
        .containsExactly(prefix + "-4", prefix + "-3");
    List<String> all = new ArrayList<>();
    page.getItems().forEach(e -> all.add(e.getName()));
    while (page.getNextPageToken().isPresent()) {
      page =
          client.searchExperiments(
              "name LIKE '" + prefix + "%'",
              ViewType.ACTIVE_ONLY,
              2,
              List.of("name DESC"),
              page.getNextPageToken().get());
      page.getItems().forEach(e -> all.add(e.getName()));
    }
    assertThat(all).hasSize(5).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    ExperimentsPage tagged =
        client.searchExperiments(
            "tags.stage = 'prod' AND name ILIKE '" + prefix.toUpperCase() + "%'",
            ViewType.ACTIVE_ONLY,
            100,
            List.of());
    assertThat(tagged.getItems())
        .extracting(Experiment::getExperimentId)
        .containsExactly(ids.get(2));

    client.deleteExperiment(ids.get(0));
    assertThat(
            client
                .searchExperiments(
                    "name = '" + prefix + "-0'", ViewType.DELETED_ONLY, 10, List.of())
                .getItems())
        .hasSize(1);
    assertThat(
            client
                .searchExperiments("name = '" + prefix + "-0'", ViewType.ACTIVE_ONLY, 10, List.of())
                .getItems())
        .isEmpty();
  }

  // --- runs -----------------------------------------------------------------------------

  @Test
  void runLifecycleParamsTagsAndLatestMetrics() {
    String exp = client.createExperiment(unique("runs"));
    RunInfo info =
        client.createRun(
            CreateRun.newBuilder()
                .setExperimentId(exp)
                .setStartTime(1_000)
                .setRunName("first-run")
                .addTags(RunTag.newBuilder().setKey("mlflow.user").setValue("hanako"))
                .build());
    String runId = info.getRunId();
    assertThat(runId).matches("[0-9a-f]{32}");
    assertThat(info.getStatus()).isEqualTo(RunStatus.RUNNING);
    assertThat(info.getArtifactUri())
        .isEqualTo("mlflow-artifacts:/" + exp + "/" + runId + "/artifacts");

    client.logParam(runId, "lr", "0.01");
    client.logParam(runId, "lr", "0.01");
    client.setTag(runId, "team", "risk");
    client.logMetric(runId, "loss", 0.9, 10, 0);
    client.logMetric(runId, "loss", 0.5, 5, 2);
    client.logMetric(runId, "loss", 0.7, 20, 1);
    client.logMetric(runId, "loss", 0.4, 6, 2);
    client.logBatch(
        runId,
        List.of(
            Metric.newBuilder().setKey("acc").setValue(0.8).setTimestamp(1).setStep(0).build(),
            Metric.newBuilder().setKey("acc").setValue(0.85).setTimestamp(1).setStep(0).build()),
        List.of(Param.newBuilder().setKey("depth").setValue("6").build()),
        List.of(RunTag.newBuilder().setKey("stage").setValue("dev").build()));

    Run run = client.getRun(runId);
    assertThat(run.getInfo().getUserId()).isEqualTo("hanako");
    assertThat(run.getInfo().getRunName()).isEqualTo("first-run");
    assertThat(run.getData().getParamsList())
        .extracting(p -> p.getKey() + "=" + p.getValue())
        .containsExactlyInAnyOrder("lr=0.01", "depth=6");
    assertThat(run.getData().getTagsList())
        .extracting(t -> t.getKey() + "=" + t.getValue())
        .contains("team=risk", "stage=dev", "mlflow.runName=first-run", "mlflow.user=hanako");
    // Latest = highest step, then highest timestamp, then highest value.
    assertThat(run.getData().getMetricsList())
        .extracting(
            m -> m.getKey() + "=" + m.getValue() + "@" + m.getStep() + "/" + m.getTimestamp())
        .containsExactlyInAnyOrder("loss=0.4@2/6", "acc=0.85@0/1");

    client.deleteTag(runId, "team");
    assertThat(client.getRun(runId).getData().getTagsList())
        .extracting(RunTag::getKey)
        .doesNotContain("team");
    assertThatThrownBy(() -> client.deleteTag(runId, "team"))
        .isInstanceOfSatisfying(
            MlflowHttpException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getBodyMessage())
                  .contains("No tag with name: team in run with id " + runId);
            });

    client.setTerminated(runId, RunStatus.FINISHED, 5_000);
    RunInfo finished = client.getRun(runId).getInfo();
    assertThat(finished.getStatus()).isEqualTo(RunStatus.FINISHED);
    assertThat(finished.getEndTime()).isEqualTo(5_000);

    client.deleteRun(runId);
    assertThat(client.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("deleted");
    Response logToDeleted =
        http.post(
            API + "runs/set-tag", "{\"run_id\":\"" + runId + "\",\"key\":\"k\",\"value\":\"v\"}");
    assertThat(logToDeleted.status()).isEqualTo(400);
    assertThat(logToDeleted.message()).contains("must be in the 'active' state");
    client.restoreRun(runId);
    assertThat(client.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("active");

    assertThat(auditLog.eventsFor("run", runId))
        .extracting(e -> e.action())
        .contains(
            "run.created",
            "run.tags_set",
            "run.tag_deleted",
            "run.updated",
            "run.deleted",
            "run.restored");
  }

  @Test
  void updateRunNameWithoutTouchingStatus() {
    String runId = newRun("0");
    Response r =
        http.post(API + "runs/update", "{\"run_id\":\"" + runId + "\",\"run_name\":\"renamed\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/run_info/run_name").asString()).isEqualTo("renamed");
    assertThat(r.json().at("/run_info/status").asString()).isEqualTo("RUNNING");
    Run run = client.getRun(runId);
    assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.getData().getTagsList())
        .extracting(t -> t.getKey() + "=" + t.getValue())
        .contains("mlflow.runName=renamed");
  }

  @Test
  void parentRunIdTagIsKept() {
    String exp = client.createExperiment(unique("nested"));
    String parent = newRun(exp);
    String child =
        client
            .createRun(
                CreateRun.newBuilder()
                    .setExperimentId(exp)
                    .addTags(RunTag.newBuilder().setKey("mlflow.parentRunId").setValue(parent))
                    .build())
            .getRunId();
    RunsPage children =
        client.searchRuns(
            List.of(exp), "tags.mlflow.parentRunId = '" + parent + "'", ViewType.ACTIVE_ONLY, 10);
    assertThat(children.getItems())
        .extracting(Run::getInfo)
        .extracting(RunInfo::getRunId)
        .containsExactly(child);
  }

  @Test
  void searchRunsWithTheFullFilterGrammar() {
    String exp = client.createExperiment(unique("grammar"));
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String run =
          client
              .createRun(
                  CreateRun.newBuilder()
                      .setExperimentId(exp)
                      .setStartTime(1_000 + i)
                      .setRunName("run " + i)
                      .build())
              .getRunId();
      runs.add(run);
      client.logBatch(
          run,
          List.of(
              Metric.newBuilder()
                  .setKey("val/acc")
                  .setValue(i / 10.0)
                  .setTimestamp(1)
                  .setStep(0)
                  .build()),
          List.of(
              Param.newBuilder().setKey("model type").setValue(i % 2 == 0 ? "gbm" : "mlp").build()),
          List.of(RunTag.newBuilder().setKey("team").setValue("Team" + (i % 3)).build()));
    }
    client.setTerminated(runs.get(5), RunStatus.FAILED, 9_000);

    assertThat(
            ids(
                client.searchRuns(
                    List.of(exp),
                    "metrics.`val/acc` >= 0.3",
                    ViewType.ACTIVE_ONLY,
                    100,
                    List.of("metrics.`val/acc` ASC"))))
        .containsExactly(runs.get(3), runs.get(4), runs.get(5));
    assertThat(
            ids(
                client.searchRuns(
                    List.of(exp),
                    "params.`model type` = 'gbm' and tags.team ILIKE 'team0%'",
                    ViewType.ACTIVE_ONLY,
                    100)))
        .containsExactly(runs.get(0));
    assertThat(
            ids(
                client.searchRuns(
                    List.of(exp), "attributes.status = 'FAILED'", ViewType.ACTIVE_ONLY, 100)))
        .containsExactly(runs.get(5));
    assertThat(
            ids(
                client.searchRuns(
                    List.of(exp),
                    "attributes.run_id IN ('" + runs.get(1) + "', '" + runs.get(2) + "')",
                    ViewType.ACTIVE_ONLY,
                    100,
                    List.of("attributes.start_time ASC"))))
        .containsExactly(runs.get(1), runs.get(2));
    assertThat(
            ids(
                client.searchRuns(
                    List.of(exp),
                    "attributes.`run name` LIKE 'run 4%'",
                    ViewType.ACTIVE_ONLY,
                    100)))
        .containsExactly(runs.get(4));
    assertThat(
            ids(
                client.searchRuns(
                    List.of(exp), "attributes.start_time > 1003", ViewType.ACTIVE_ONLY, 100)))
        .containsExactly(runs.get(5), runs.get(4));
    // A metric filter compares against the latest value.
    client.logMetric(runs.get(0), "val/acc", 0.95, 2, 1);
    assertThat(
            ids(
                client.searchRuns(
                    List.of(exp), "metrics.`val/acc` > 0.9", ViewType.ACTIVE_ONLY, 100)))
        .containsExactly(runs.get(0));

    // Default order: start_time DESC; paging with tokens.
    RunsPage page = client.searchRuns(List.of(exp), "", ViewType.ACTIVE_ONLY, 4);
    List<String> all = new ArrayList<>(ids(page));
    assertThat(page.getNextPageToken()).isPresent();
    page =
        client.searchRuns(
            List.of(exp), "", ViewType.ACTIVE_ONLY, 4, List.of(), page.getNextPageToken().get());
    all.addAll(ids(page));
    assertThat(page.getNextPageToken()).isEmpty();
    assertThat(all)
        .containsExactly(
            runs.get(5), runs.get(4), runs.get(3), runs.get(2), runs.get(1), runs.get(0));

    client.deleteRun(runs.get(1));
    assertThat(ids(client.searchRuns(List.of(exp), "", ViewType.DELETED_ONLY, 100)))
        .containsExactly(runs.get(1));
    assertThat(ids(client.searchRuns(List.of(exp), "", ViewType.ALL, 100))).hasSize(6);
  }

  @Test
  void searchRunsRejectsOrAndBadFiltersWithClearMessages() {
    Response or =
        http.post(
            API + "runs/search",
            "{\"experiment_ids\":[\"0\"],\"filter\":\"metrics.a > 1 OR metrics.b < 2\"}");
    assertThat(or.status()).isEqualTo(400);
    assertThat(or.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(or.message()).isEqualTo("Invalid clause(s) in filter string: 'OR'");

    Response badKey =
        http.post(API + "runs/search", "{\"experiment_ids\":[\"0\"],\"filter\":\"foo.a = 'x'\"}");
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(badKey.message()).contains("Invalid entity type 'foo'");

    Response tooMany =
        http.post(API + "runs/search", "{\"experiment_ids\":[\"0\"],\"max_results\":50001}");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.message()).contains("max_results");

    Response badToken =
        http.post(API + "runs/search", "{\"experiment_ids\":[\"0\"],\"page_token\":\"%%%\"}");
    assertThat(badToken.status()).isEqualTo(400);
  }

  static List<String> ids(RunsPage page) {
    return page.getItems().stream().map(r -> r.getInfo().getRunId()).toList();
  }

  // --- metric history -----------------------------------------------------------------------

  void logSeries(String runId, String key, int points) {
    for (int from = 0; from < points; from += 1000) {
      StringBuilder body = new StringBuilder("{\"run_id\":\"" + runId + "\",\"metrics\":[");
      for (int i = from; i < Math.min(points, from + 1000); i++) {
        body.append(i == from ? "" : ",")
            .append("{\"key\":\"")
            .append(key)
            .append("\",\"value\":")
            .append(i * 0.5)
            .append(",\"timestamp\":")
            .append(100_000 + i)
            .append(",\"step\":")
            .append(i)
            .append('}');
      }
      Response r = http.post(API + "runs/log-batch", body.append("]}").toString());
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
  }

  @Test
  void longHistoryIsWhollyRetrievableByTheJavaClientAndByRawPaging() {
    String runId = newRun("0");
    logSeries(runId, "loss", 30_000);

    List<Metric> viaClient = client.getMetricHistory(runId, "loss");
    assertThat(viaClient).hasSize(30_000);
    assertThat(viaClient.get(29_999).getStep()).isEqualTo(29_999);

    List<Long> steps = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String url =
          API
              + "metrics/get-history?run_id="
              + runId
              + "&metric_key=loss&max_results=7000"
              + (token == null
                  ? ""
                  : "&page_token="
                      + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
      JsonNode page = http.get(url).json();
      page.path("metrics").forEach(m -> steps.add(m.get("step").asLong()));
      token = page.has("next_page_token") ? page.get("next_page_token").asString() : null;
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(5);
    assertThat(steps).hasSize(30_000).isSorted().doesNotHaveDuplicates();

    JsonNode whole =
        http.get(API + "metrics/get-history?run_id=" + runId + "&metric_key=loss").json();
    assertThat(whole.path("metrics").size()).isEqualTo(30_000);
    assertThat(whole.has("next_page_token")).isFalse();
  }

  @Test
  void concurrentWritersToOneRunLoseNothing() throws Exception {
    String runId = newRun("0");
    int writers = 6;
    int batches = 10;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
    List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      results.add(
          pool.submit(
              () -> {
                int ok = 0;
                for (int b = 0; b < batches; b++) {
                  StringBuilder body =
                      new StringBuilder("{\"run_id\":\"" + runId + "\",\"metrics\":[");
                  for (int i = 0; i < 100; i++) {
                    long step = (long) b * 1000 + writer * 100 + i;
                    body.append(i == 0 ? "" : ",")
                        .append("{\"key\":\"shared\",\"value\":")
                        .append(step)
                        .append(",\"timestamp\":1,\"step\":")
                        .append(step)
                        .append('}');
                  }
                  body.append("],\"tags\":[{\"key\":\"writer\",\"value\":\"")
                      .append(writer)
                      .append("\"}]}");
                  if (http.post(API + "runs/log-batch", body.toString()).status() == 200) {
                    ok++;
                  }
                }
                return ok;
              }));
    }
    for (var result : results) {
      assertThat(result.get()).isEqualTo(batches);
    }
    pool.shutdown();
    List<Metric> all = client.getMetricHistory(runId, "shared");
    assertThat(all).hasSize(writers * batches * 100);
    assertThat(all).extracting(Metric::getStep).isSorted().doesNotHaveDuplicates();
    Metric latest = client.getRun(runId).getData().getMetricsList().get(0);
    assertThat(latest.getStep()).isEqualTo((batches - 1) * 1000L + (writers - 1) * 100 + 99);
    assertThat(latest.getValue()).isEqualTo(latest.getStep());
  }

  @Test
  void historyPagesSplitPointsThatShareAStep() {
    String runId = newRun("0");
    StringBuilder body = new StringBuilder("{\"run_id\":\"" + runId + "\",\"metrics\":[");
    for (int i = 0; i < 10; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"key\":\"m\",\"value\":")
          .append(i)
          .append(",\"timestamp\":5,\"step\":1}");
    }
    http.post(API + "runs/log-batch", body.append("]}").toString());
    List<Double> values = new ArrayList<>();
    String token = null;
    do {
      JsonNode page =
          http.get(
                  API
                      + "metrics/get-history?run_id="
                      + runId
                      + "&metric_key=m&max_results=3"
                      + (token == null ? "" : "&page_token=" + token))
              .json();
      page.path("metrics").forEach(m -> values.add(m.get("value").asDouble()));
      token = page.has("next_page_token") ? page.get("next_page_token").asString() : null;
    } while (token != null);
    assertThat(values).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
  }

  @Test
  void nanAndInfinityTravelAsStrings() {
    String runId = newRun("0");
    Response r =
        http.post(
            API + "runs/log-batch",
            "{\"run_id\":\""
                + runId
                + "\",\"metrics\":["
                + "{\"key\":\"x\",\"value\":\"NaN\",\"timestamp\":1,\"step\":0},"
                + "{\"key\":\"x\",\"value\":\"Infinity\",\"timestamp\":1,\"step\":1},"
                + "{\"key\":\"x\",\"value\":\"-Infinity\",\"timestamp\":1,\"step\":2}]}");
    assertThat(r.status()).isEqualTo(200);
    Response history = http.get(API + "metrics/get-history?run_id=" + runId + "&metric_key=x");
    assertThat(history.body()).contains("\"NaN\"", "\"Infinity\"", "\"-Infinity\"");
    List<Metric> viaClient = client.getMetricHistory(runId, "x");
    assertThat(viaClient.get(0).getValue()).isNaN();
    assertThat(viaClient.get(1).getValue()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void bulkIntervalSamplesIncludeFirstAndLastStep() {
    String a = newRun("0");
    String b = newRun("0");
    logSeries(a, "loss", 10_000);
    logSeries(b, "loss", 50);
    JsonNode sampled =
        http.get(
                API
                    + "metrics/get-history-bulk-interval?run_ids="
                    + a
                    + "&run_ids="
                    + b
                    + "&metric_key=loss&max_results=320")
            .json();
    List<Long> stepsA = new ArrayList<>();
    List<Long> stepsB = new ArrayList<>();
    sampled
        .path("metrics")
        .forEach(
            m ->
                (m.get("run_id").asString().equals(a) ? stepsA : stepsB)
                    .add(m.get("step").asLong()));
    assertThat(stepsA).hasSizeBetween(300, 320).isSorted().doesNotHaveDuplicates();
    assertThat(stepsA.get(0)).isZero();
    assertThat(stepsA.get(stepsA.size() - 1)).isEqualTo(9_999);
    assertThat(stepsB).hasSize(50);

    JsonNode window =
        http.get(
                API
                    + "metrics/get-history-bulk-interval?run_ids="
                    + a
                    + "&metric_key=loss&max_results=10&start_step=100&end_step=200")
            .json();
    List<Long> windowSteps = new ArrayList<>();
    window.path("metrics").forEach(m -> windowSteps.add(m.get("step").asLong()));
    assertThat(windowSteps).hasSize(10).startsWith(100L).endsWith(200L);

    Response onlyStart =
        http.get(
            API
                + "metrics/get-history-bulk-interval?run_ids="
                + a
                + "&metric_key=loss&start_step=5");
    assertThat(onlyStart.status()).isEqualTo(400);
    Response tooMany =
        http.get(
            API
                + "metrics/get-history-bulk-interval?run_ids="
                + a
                + "&metric_key=loss&max_results=2501");
    assertThat(tooMany.status()).isEqualTo(400);
  }

  // --- datasets ---------------------------------------------------------------------------

  @Test
  void logInputsAndSearchByDataset() {
    String exp = client.createExperiment(unique("data"));
    String run = newRun(exp);
    Response r =
        http.post(
            API + "runs/log-inputs",
            "{\"run_id\":\""
                + run
                + "\",\"datasets\":[{"
                + "\"tags\":[{\"key\":\"mlflow.data.context\",\"value\":\"training\"}],"
                + "\"dataset\":{\"name\":\"loans\",\"digest\":\"d1g3st\",\"source_type\":\"local\","
                + "\"source\":\"{\\\"uri\\\":\\\"/data/loans.csv\\\"}\",\"schema\":\"{}\",\"profile\":\"{\\\"rows\\\":10}\"}}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode got = http.get(API + "runs/get?run_id=" + run).json();
    JsonNode input = got.at("/run/inputs/dataset_inputs/0");
    assertThat(input.at("/dataset/name").asString()).isEqualTo("loans");
    assertThat(input.at("/dataset/digest").asString()).isEqualTo("d1g3st");
    assertThat(input.at("/tags/0/value").asString()).isEqualTo("training");
    assertThat(
            ids(
                client.searchRuns(
                    List.of(exp),
                    "datasets.name = 'loans' AND datasets.context = 'training'",
                    ViewType.ACTIVE_ONLY,
                    10)))
        .containsExactly(run);
    Response missing =
        http.post(
            API + "runs/log-inputs",
            "{\"run_id\":\"" + run + "\",\"datasets\":[{\"dataset\":{\"name\":\"x\"}}]}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.message()).contains("digest");
  }

  // --- bad input --------------------------------------------------------------------------

  @Test
  void badInputGetsJsonErrorsNeverServerErrors() {
    String run = newRun("0");
    record Case(String method, String path, String body, int status, String code, String text) {}
    List<Case> cases =
        List.of(
            new Case(
                "POST",
                "experiments/create",
                "{not json",
                400,
                "INVALID_PARAMETER_VALUE",
                "Malformed JSON"),
            new Case("POST", "experiments/create", "{}", 400, "INVALID_PARAMETER_VALUE", "'name'"),
            new Case(
                "POST",
                "experiments/create",
                "{\"name\": 5}",
                400,
                "INVALID_PARAMETER_VALUE",
                "'name'"),
            new Case(
                "POST",
                "experiments/create",
                "[1,2]",
                400,
                "INVALID_PARAMETER_VALUE",
                "JSON object"),
            new Case(
                "GET",
                "experiments/get?experiment_id=999999",
                null,
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "999999"),
            new Case(
                "GET",
                "experiments/get?experiment_id=abc",
                null,
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "abc"),
            new Case(
                "GET",
                "experiments/get-by-name?experiment_name=nope-" + run,
                null,
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "nope"),
            new Case(
                "POST",
                "experiments/delete",
                "{\"experiment_id\":\"0\"}",
                400,
                "INVALID_PARAMETER_VALUE",
                "default experiment"),
            new Case(
                "GET",
                "runs/get?run_id=0123456789abcdef0123456789abcdef",
                null,
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "not found"),
            new Case("GET", "runs/get", null, 400, "INVALID_PARAMETER_VALUE", "run_id"),
            new Case(
                "POST",
                "runs/create",
                "{\"experiment_id\":\"424242\"}",
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "424242"),
            new Case(
                "POST",
                "runs/create",
                "{\"start_time\":\"soon\"}",
                400,
                "INVALID_PARAMETER_VALUE",
                "start_time"),
            new Case(
                "POST",
                "runs/log-metric",
                "{\"run_id\":\"" + run + "\",\"key\":\"m\",\"value\":1}",
                400,
                "INVALID_PARAMETER_VALUE",
                "timestamp"),
            new Case(
                "POST",
                "runs/log-metric",
                "{\"run_id\":\"" + run + "\",\"key\":\"m\",\"value\":\"high\",\"timestamp\":1}",
                400,
                "INVALID_PARAMETER_VALUE",
                "value"),
            new Case(
                "POST",
                "runs/log-metric",
                "{\"run_id\":\"" + run + "\",\"key\":\"../up\",\"value\":1,\"timestamp\":1}",
                400,
                "INVALID_PARAMETER_VALUE",
                "key"),
            new Case(
                "POST",
                "runs/log-parameter",
                "{\"run_id\":\"" + run + "\",\"key\":\"bad$key\",\"value\":\"1\"}",
                400,
                "INVALID_PARAMETER_VALUE",
                "bad$key"),
            new Case(
                "POST",
                "runs/log-parameter",
                "{\"run_id\":\"" + run + "\",\"key\":\"" + "k".repeat(251) + "\",\"value\":\"1\"}",
                400,
                "INVALID_PARAMETER_VALUE",
                "250"),
            new Case(
                "POST",
                "runs/update",
                "{\"run_id\":\"" + run + "\",\"status\":\"DONE\"}",
                400,
                "INVALID_PARAMETER_VALUE",
                "DONE"),
            new Case(
                "POST",
                "runs/log-batch",
                "{\"run_id\":\"" + run + "\",\"metrics\":{}}",
                400,
                "INVALID_PARAMETER_VALUE",
                "metrics"),
            new Case(
                "GET",
                "metrics/get-history?run_id=" + run,
                null,
                400,
                "INVALID_PARAMETER_VALUE",
                "metric_key"),
            new Case(
                "GET",
                "metrics/get-history?run_id=" + run + "&metric_key=m&max_results=0",
                null,
                400,
                "INVALID_PARAMETER_VALUE",
                "max_results"),
            new Case(
                "GET",
                "metrics/get-history?run_id=" + run + "&metric_key=m&page_token=bogus",
                null,
                400,
                "INVALID_PARAMETER_VALUE",
                "page token"),
            new Case("POST", "no/such/endpoint", "{}", 404, "ENDPOINT_NOT_FOUND", "No endpoint"),
            new Case("GET", "runs/create", null, 405, "METHOD_NOT_ALLOWED", "POST"));
    for (Case c : cases) {
      Response r =
          c.body() == null
              ? http.get(API + c.path())
              : http.method(c.method(), API + c.path(), c.body());
      assertThat(r.status()).as(c + " -> " + r.body()).isEqualTo(c.status());
      assertThat(r.contentType()).as(c.toString()).startsWith("application/json");
      assertThat(r.errorCode()).as(c + " -> " + r.body()).isEqualTo(c.code());
      assertThat(r.message()).as(c + " -> " + r.body()).contains(c.text());
    }
  }

  @Test
  void paramsAreImmutable() {
    String run = newRun("0");
    client.logParam(run, "alpha", "1");
    assertThatThrownBy(() -> client.logParam(run, "alpha", "2"))
        .isInstanceOfSatisfying(
            MlflowHttpException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getBodyMessage()).contains("Changing param values is not allowed");
            });
    assertThat(client.getRun(run).getData().getParamsList())
        .extracting(Param::getValue)
        .containsExactly("1");
  }

  @Test
  void logBatchIsAllOrNothing() {
    String run = newRun("0");
    client.logParam(run, "fixed", "a");
    // The param conflict is found only while writing, after metrics and tags were accepted.
    Response conflict =
        http.post(
            API + "runs/log-batch",
            "{\"run_id\":\""
                + run
                + "\","
                + "\"metrics\":[{\"key\":\"m\",\"value\":1,\"timestamp\":1,\"step\":0}],"
                + "\"params\":[{\"key\":\"p2\",\"value\":\"x\"},{\"key\":\"fixed\",\"value\":\"b\"}],"
                + "\"tags\":[{\"key\":\"t\",\"value\":\"v\"}]}");
    assertThat(conflict.status()).isEqualTo(400);
    Response badItem =
        http.post(
            API + "runs/log-batch",
            "{\"run_id\":\""
                + run
                + "\","
                + "\"metrics\":[{\"key\":\"m\",\"value\":1,\"timestamp\":1},{\"key\":\"m2\",\"value\":2}]}");
    assertThat(badItem.status()).isEqualTo(400);
    assertThat(badItem.message()).contains("timestamp");

    StringBuilder big = new StringBuilder("{\"run_id\":\"" + run + "\",\"metrics\":[");
    for (int i = 0; i < 1001; i++) {
      big.append(i == 0 ? "" : ",")
          .append("{\"key\":\"m\",\"value\":1,\"timestamp\":1,\"step\":")
          .append(i)
          .append('}');
    }
    Response oversized = http.post(API + "runs/log-batch", big.append("]}").toString());
    assertThat(oversized.status()).isEqualTo(400);
    assertThat(oversized.message()).contains("at most 1000 metrics");

    StringBuilder params = new StringBuilder("{\"run_id\":\"" + run + "\",\"params\":[");
    for (int i = 0; i < 101; i++) {
      params
          .append(i == 0 ? "" : ",")
          .append("{\"key\":\"p")
          .append(i)
          .append("\",\"value\":\"1\"}");
    }
    assertThat(http.post(API + "runs/log-batch", params.append("]}").toString()).message())
        .contains("at most 100 params");

    String huge =
        "{\"run_id\":\""
            + run
            + "\",\"tags\":[{\"key\":\"t\",\"value\":\""
            + "x".repeat(1_000_001)
            + "\"}]}";
    assertThat(http.post(API + "runs/log-batch", huge).message()).contains("1000000 bytes");

    Run after = client.getRun(run);
    assertThat(after.getData().getMetricsList()).isEmpty();
    assertThat(after.getData().getParamsList()).extracting(Param::getKey).containsExactly("fixed");
    assertThat(after.getData().getTagsList()).extracting(RunTag::getKey).doesNotContain("t");
    assertThat(
            http.get(API + "metrics/get-history?run_id=" + run + "&metric_key=m")
                .json()
                .path("metrics")
                .size())
        .isZero();
  }

  @Test
  void longValuesAreTruncatedAsMlflowDoes() {
    String run = newRun("0");
    client.logParam(run, "long", "p".repeat(7000));
    client.setTag(run, "long", "t".repeat(9000));
    Run got = client.getRun(run);
    assertThat(got.getData().getParamsList().get(0).getValue()).hasSize(6000);
    assertThat(got.getData().getTagsList())
        .filteredOn(t -> t.getKey().equals("long"))
        .singleElement()
        .satisfies(t -> assertThat(t.getValue()).hasSize(8000));
  }

  @Test
  void ajaxPathsAndUnknownFieldsAreAccepted() {
    Response r =
        http.post(
            "/ajax-api/2.0/mlflow/experiments/create",
            "{\"name\":\"" + unique("ajax") + "\",\"unexpected_field\":{\"a\":1}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("experiment_id").asString()).isNotBlank();
    Response doubleEncoded =
        http.post(
            API + "experiments/create",
            RawHttp.JSON.writeValueAsString("{\"name\":\"" + unique("enc") + "\"}"));
    assertThat(doubleEncoded.status()).isEqualTo(200);
  }

  // --- artifacts ------------------------------------------------------------------------

  Response put(String path, byte[] body) {
    return http.send(
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(http.base() + "/api/2.0/mlflow-artifacts/artifacts/" + path))
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  @Test
  void artifactsUploadDownloadListAndDelete() {
    String exp = client.createExperiment(unique("art"));
    String run = newRun(exp);
    String base = exp + "/" + run + "/artifacts";
    assertThat(put(base + "/model/MLmodel", "flavors: {}".getBytes()).status()).isEqualTo(200);
    byte[] binary = new byte[5 * 1024 * 1024 + 7];
    new java.util.Random(42).nextBytes(binary);
    assertThat(put(base + "/model/weights.bin", binary).status()).isEqualTo(200);
    String japanese =
        java.net.URLEncoder.encode("評価 結果.csv", java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
    assertThat(put(base + "/" + japanese, "a,b\n1,2\n".getBytes()).status()).isEqualTo(200);

    var download =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    http.base()
                        + "/api/2.0/mlflow-artifacts/artifacts/"
                        + base
                        + "/model/weights.bin")));
    assertThat(download.status()).isEqualTo(200);
    try {
      byte[] got =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              http.base()
                                  + "/api/2.0/mlflow-artifacts/artifacts/"
                                  + base
                                  + "/model/weights.bin"))
                      .header("Authorization", io.kiban.support.TestAuth.adminBasic())
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofByteArray())
              .body();
      assertThat(got).isEqualTo(binary);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    Response csv = http.get("/api/2.0/mlflow-artifacts/artifacts/" + base + "/" + japanese);
    assertThat(csv.body()).isEqualTo("a,b\n1,2\n");
    assertThat(csv.contentType()).startsWith("text/csv");

    JsonNode listed = http.get(API + "artifacts/list?run_id=" + run).json();
    assertThat(listed.get("root_uri").asString()).isEqualTo("mlflow-artifacts:/" + base);
    List<String> paths = new ArrayList<>();
    listed
        .path("files")
        .forEach(
            f ->
                paths.add(
                    f.get("path").asString()
                        + (f.get("is_dir").asBoolean() ? "/" : ":" + f.get("file_size").asLong())));
    assertThat(paths).containsExactly("model/", "評価 結果.csv:8");
    JsonNode sub = http.get(API + "artifacts/list?run_id=" + run + "&path=model").json();
    assertThat(sub.path("files").get(0).get("path").asString()).isEqualTo("model/MLmodel");
    JsonNode proxyList =
        http.get("/api/2.0/mlflow-artifacts/artifacts?path=" + base + "/model").json();
    assertThat(proxyList.path("files")).hasSize(2);
    assertThat(proxyList.path("files").get(1).get("file_size").asLong()).isEqualTo(binary.length);

    Response deleted =
        http.method("DELETE", "/api/2.0/mlflow-artifacts/artifacts/" + base + "/model", "");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(http.get("/api/2.0/mlflow-artifacts/artifacts/" + base + "/model/MLmodel").status())
        .isEqualTo(404);
    assertThat(
            http.method("DELETE", "/api/2.0/mlflow-artifacts/artifacts/" + base + "/model", "")
                .errorCode())
        .isEqualTo("RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void artifactPathTraversalIsRefused() {
    for (String path :
        List.of("1/../../etc/passwd", "1/%2e%2e/%2e%2e/etc/passwd", "a/./b", "%2Fetc%2Fpasswd")) {
      Response r = http.get("/api/2.0/mlflow-artifacts/artifacts/" + path);
      assertThat(r.status()).as(path + " -> " + r.body()).isEqualTo(400);
      assertThat(r.contentType()).as(path).startsWith("application/json");
    }
    Response r = http.get("/api/2.0/mlflow-artifacts/artifacts/1/../../etc/passwd");
    assertThat(r.message()).isEqualTo("Invalid path");
    String run = newRun("0");
    Response list = http.get(API + "artifacts/list?run_id=" + run + "&path=../../x");
    assertThat(list.status()).isEqualTo(400);
    assertThat(list.message()).isEqualTo("Invalid path");
    Response abs = http.get("/api/2.0/mlflow-artifacts/artifacts?path=/etc");
    assertThat(abs.status()).isEqualTo(400);
  }

  @Test
  void healthAnswersOk() {
    Response r = http.get("/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("OK");
  }
}
