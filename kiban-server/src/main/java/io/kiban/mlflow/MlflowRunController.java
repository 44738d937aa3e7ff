package io.kiban.mlflow;

import static io.kiban.mlflow.MlflowWire.obj;

import io.kiban.platform.error.KibanException;
import io.kiban.tracking.Dataset;
import io.kiban.tracking.DatasetInput;
import io.kiban.tracking.Metric;
import io.kiban.tracking.Page;
import io.kiban.tracking.Param;
import io.kiban.tracking.Run;
import io.kiban.tracking.RunService;
import io.kiban.tracking.RunStatus;
import io.kiban.tracking.ViewType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** MLflow run RPCs, mapped onto {@link RunService}. */
@RestController
@RequestMapping(
    path = {"/api/2.0/mlflow/runs", "/ajax-api/2.0/mlflow/runs"},
    produces = "application/json")
class MlflowRunController {

  /** MLflow's limit on the size of a log-batch request body. */
  static final int MAX_LOG_BATCH_BYTES = 1_000_000;

  private final RunService runs;
  private final io.kiban.tracking.LoggedModelService loggedModels;

  MlflowRunController(RunService runs, io.kiban.tracking.LoggedModelService loggedModels) {
    this.runs = runs;
    this.loggedModels = loggedModels;
  }

  @PostMapping("/create")
  Map<String, Object> create(MlflowRequest req) {
    Run run =
        runs.create(
            req.string("experiment_id"),
            req.string("user_id"),
            req.string("run_name"),
            req.int64("start_time"),
            req.tags("tags"));
    return obj().with("run", MlflowWire.run(run));
  }

  @GetMapping("/get")
  Map<String, Object> get(MlflowRequest req) {
    String runId = runId(req);
    MlflowWire.Obj run = MlflowWire.run(runs.get(runId));
    List<Object> outputs = new ArrayList<>();
    for (String[] output : loggedModels.outputsOf(runId)) {
      outputs.add(obj().with("model_id", output[0]).with("step", Long.parseLong(output[1])));
    }
    run.with("outputs", obj().with("model_outputs", outputs));
    return obj().with("run", run);
  }

  @PostMapping("/update")
  Map<String, Object> update(MlflowRequest req) {
    String status = req.string("status");
    var info =
        runs.update(
            runId(req),
            status == null ? null : RunStatus.parse(status),
            req.int64("end_time"),
            req.string("run_name"));
    return obj().with("run_info", MlflowWire.runInfo(info));
  }

  @PostMapping("/delete")
  Map<String, Object> delete(MlflowRequest req) {
    runs.delete(req.requiredString("run_id"));
    return obj();
  }

  @PostMapping("/restore")
  Map<String, Object> restore(MlflowRequest req) {
    runs.restore(req.requiredString("run_id"));
    return obj();
  }

  @PostMapping("/search")
  Map<String, Object> search(MlflowRequest req) {
    Page<Run> page =
        runs.search(
            req.strings("experiment_ids"),
            req.string("filter"),
            ViewType.parse(req.string("run_view_type")),
            req.int32("max_results"),
            req.strings("order_by"),
            req.string("page_token"));
    List<Object> items = new ArrayList<>(page.items().size());
    page.items().forEach(r -> items.add(MlflowWire.run(r)));
    return obj().with("runs", items).with("next_page_token", page.nextPageToken());
  }

  @PostMapping("/log-metric")
  Map<String, Object> logMetric(MlflowRequest req) {
    runs.logMetric(runId(req), metric(req));
    return obj();
  }

  @PostMapping("/log-parameter")
  Map<String, Object> logParam(MlflowRequest req) {
    runs.logParam(runId(req), req.requiredString("key"), req.presentString("value"));
    return obj();
  }

  @PostMapping("/set-tag")
  Map<String, Object> setTag(MlflowRequest req) {
    runs.setTag(runId(req), req.requiredString("key"), req.presentString("value"));
    return obj();
  }

  @PostMapping("/delete-tag")
  Map<String, Object> deleteTag(MlflowRequest req) {
    runs.deleteTag(req.requiredString("run_id"), req.requiredString("key"));
    return obj();
  }

  @PostMapping("/log-batch")
  Map<String, Object> logBatch(MlflowRequest req) {
    if (req.bodySize() > MAX_LOG_BATCH_BYTES) {
      throw KibanException.invalid(
          "Batched logging API requests must be at most "
              + MAX_LOG_BATCH_BYTES
              + " bytes, got a request of "
              + req.bodySize()
              + " bytes");
    }
    List<MlflowRequest> metricItems = req.objects("metrics");
    List<MlflowRequest> paramItems = req.objects("params");
    // Count first so an oversized batch is refused before any item is parsed.
    RunService.checkBatchLimits(metricItems.size(), paramItems.size(), req.objects("tags").size());
    List<Metric> metrics = new ArrayList<>(metricItems.size());
    for (MlflowRequest item : metricItems) {
      metrics.add(metric(item));
    }
    List<Param> params = new ArrayList<>(paramItems.size());
    for (MlflowRequest item : paramItems) {
      params.add(new Param(item.requiredString("key"), item.presentString("value")));
    }
    runs.logBatch(runId(req), metrics, params, req.tags("tags"));
    return obj();
  }

  @PostMapping("/log-inputs")
  Map<String, Object> logInputs(MlflowRequest req) {
    List<DatasetInput> inputs = new ArrayList<>();
    for (MlflowRequest item : req.objects("datasets")) {
      MlflowRequest d = item.object("dataset");
      if (d == null) {
        throw KibanException.invalid("Missing value for required parameter 'datasets[].dataset'.");
      }
      inputs.add(
          new DatasetInput(
              item.tags("tags"),
              new Dataset(
                  d.requiredString("name"),
                  d.requiredString("digest"),
                  d.requiredString("source_type"),
                  d.requiredString("source"),
                  d.string("schema"),
                  d.string("profile"))));
    }
    runs.logInputs(req.requiredString("run_id"), inputs);
    return obj();
  }

  private static Metric metric(MlflowRequest req) {
    Long step = req.int64("step");
    return new Metric(
        req.requiredString("key"),
        req.requiredDouble("value"),
        req.requiredInt64("timestamp"),
        step == null ? 0 : step);
  }

  /** run_id, or the deprecated run_uuid that older clients send. */
  static String runId(MlflowRequest req) {
    String id = req.string("run_id");
    if (id == null || id.isEmpty()) {
      id = req.string("run_uuid");
    }
    if (id == null || id.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'run_id'.");
    }
    return id;
  }
}
