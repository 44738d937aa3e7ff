package io.kiban.mlflow;

import static io.kiban.mlflow.MlflowWire.obj;

import io.kiban.platform.error.KibanException;
import io.kiban.storage.ArtifactEntry;
import io.kiban.tracking.LoggedModel;
import io.kiban.tracking.LoggedModelService;
import io.kiban.tracking.Page;
import io.kiban.tracking.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** MLflow 3 logged-model RPCs and runs/outputs, mapped onto {@link LoggedModelService}. */
@RestController
@RequestMapping(
    path = {"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"},
    produces = "application/json")
class MlflowLoggedModelController {

  private final LoggedModelService models;

  MlflowLoggedModelController(LoggedModelService models) {
    this.models = models;
  }

  @PostMapping("/logged-models")
  Map<String, Object> create(MlflowRequest req) {
    LoggedModel model =
        models.create(
            req.requiredString("experiment_id"),
            req.string("name"),
            req.string("model_type"),
            req.string("source_run_id"),
            params(req),
            req.tags("tags"));
    return obj().with("model", model(model));
  }

  @GetMapping("/logged-models/{modelId}")
  Map<String, Object> get(@PathVariable String modelId) {
    return obj().with("model", model(models.get(modelId)));
  }

  @PatchMapping("/logged-models/{modelId}")
  Map<String, Object> finalizeModel(@PathVariable String modelId, MlflowRequest req) {
    return obj().with("model", model(models.finalizeModel(modelId, req.requiredString("status"))));
  }

  @DeleteMapping("/logged-models/{modelId}")
  Map<String, Object> delete(@PathVariable String modelId) {
    models.delete(modelId);
    return obj();
  }

  @PostMapping("/logged-models/search")
  Map<String, Object> search(MlflowRequest req) {
    List<LoggedModelService.Order> order = new ArrayList<>();
    for (MlflowRequest o : req.objects("order_by")) {
      Boolean ascending = o.bool("ascending");
      order.add(
          new LoggedModelService.Order(
              o.requiredString("field_name"), ascending == null || ascending));
    }
    Page<LoggedModel> page =
        models.search(
            req.strings("experiment_ids"),
            req.string("filter"),
            req.int32("max_results"),
            order,
            req.string("page_token"));
    List<Object> items = new ArrayList<>();
    page.items().forEach(m -> items.add(model(m)));
    return obj().with("models", items).with("next_page_token", page.nextPageToken());
  }

  @PatchMapping("/logged-models/{modelId}/tags")
  Map<String, Object> setTags(@PathVariable String modelId, MlflowRequest req) {
    models.setTags(modelId, req.tags("tags"));
    return obj();
  }

  @DeleteMapping("/logged-models/{modelId}/tags/{tagKey}")
  Map<String, Object> deleteTag(@PathVariable String modelId, @PathVariable String tagKey) {
    models.deleteTag(modelId, tagKey);
    return obj();
  }

  @PostMapping("/logged-models/{modelId}/params")
  Map<String, Object> logParams(@PathVariable String modelId, MlflowRequest req) {
    models.logParams(modelId, params(req));
    return obj();
  }

  @GetMapping("/logged-models/{modelId}/artifacts/directories")
  Map<String, Object> artifacts(@PathVariable String modelId, MlflowRequest req) {
    String path = req.string("artifact_directory_path");
    List<Object> files = new ArrayList<>();
    for (ArtifactEntry e : models.listArtifacts(modelId, path)) {
      files.add(
          obj().with("path", e.path()).with("is_dir", e.isDir()).with("file_size", e.fileSize()));
    }
    return obj().with("root_uri", models.get(modelId).artifactUri()).with("files", files);
  }

  @PostMapping("/runs/outputs")
  Map<String, Object> outputs(MlflowRequest req) {
    List<String> ids = new ArrayList<>();
    List<Long> steps = new ArrayList<>();
    for (MlflowRequest m : req.objects("models")) {
      ids.add(m.requiredString("model_id"));
      Long step = m.int64("step");
      if (step == null) {
        throw KibanException.invalid("Missing value for required parameter 'models[].step'.");
      }
      steps.add(step);
    }
    models.logOutputs(req.requiredString("run_id"), ids, steps);
    return obj();
  }

  private static List<Param> params(MlflowRequest req) {
    List<Param> params = new ArrayList<>();
    for (MlflowRequest p : req.objects("params")) {
      params.add(new Param(p.requiredString("key"), p.presentString("value")));
    }
    return params;
  }

  static MlflowWire.Obj model(LoggedModel m) {
    List<Object> params = new ArrayList<>();
    m.params().forEach(p -> params.add(obj().with("key", p.key()).with("value", p.value())));
    return obj()
        .with(
            "info",
            obj()
                .with("model_id", m.modelId())
                .with("experiment_id", m.experimentId())
                .with("name", m.name())
                .with("creation_timestamp_ms", m.creationTime())
                .with("last_updated_timestamp_ms", m.lastUpdatedTime())
                .with("artifact_uri", m.artifactUri())
                .with("status", m.status())
                .with("model_type", m.modelType())
                .with("source_run_id", m.sourceRunId())
                .with("status_message", m.statusMessage())
                .with("tags", MlflowWire.tags(m.tags())))
        .with("data", obj().with("params", params));
  }
}
