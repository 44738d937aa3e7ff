package io.kiban.mlflow;

import static io.kiban.mlflow.MlflowWire.obj;

import io.kiban.tracking.Experiment;
import io.kiban.tracking.ExperimentService;
import io.kiban.tracking.Page;
import io.kiban.tracking.ViewType;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** MLflow experiment RPCs, mapped onto {@link ExperimentService}. */
@RestController
@RequestMapping(
    path = {"/api/2.0/mlflow/experiments", "/ajax-api/2.0/mlflow/experiments"},
    produces = "application/json")
class MlflowExperimentController {

  private final ExperimentService experiments;

  MlflowExperimentController(ExperimentService experiments) {
    this.experiments = experiments;
  }

  @PostMapping("/create")
  Map<String, Object> create(MlflowRequest req) {
    String id =
        experiments.create(
            req.requiredString("name"), req.string("artifact_location"), req.tags("tags"));
    return obj().with("experiment_id", id);
  }

  @GetMapping("/get")
  Map<String, Object> get(MlflowRequest req) {
    return obj()
        .with(
            "experiment",
            MlflowWire.experiment(experiments.get(req.requiredString("experiment_id"))));
  }

  @GetMapping("/get-by-name")
  Map<String, Object> getByName(MlflowRequest req) {
    return obj()
        .with(
            "experiment",
            MlflowWire.experiment(experiments.getByName(req.requiredString("experiment_name"))));
  }

  @RequestMapping(
      path = "/search",
      method = {RequestMethod.GET, RequestMethod.POST})
  Map<String, Object> search(MlflowRequest req) {
    Page<Experiment> page =
        experiments.search(
            req.string("filter"),
            req.strings("order_by"),
            ViewType.parse(req.string("view_type")),
            req.int32("max_results"),
            req.string("page_token"));
    List<Object> items = List.copyOf(page.items().stream().map(MlflowWire::experiment).toList());
    return obj().with("experiments", items).with("next_page_token", page.nextPageToken());
  }

  @PostMapping("/update")
  Map<String, Object> update(MlflowRequest req) {
    experiments.rename(req.requiredString("experiment_id"), req.requiredString("new_name"));
    return obj();
  }

  @PostMapping("/delete")
  Map<String, Object> delete(MlflowRequest req) {
    experiments.delete(req.requiredString("experiment_id"));
    return obj();
  }

  @PostMapping("/restore")
  Map<String, Object> restore(MlflowRequest req) {
    experiments.restore(req.requiredString("experiment_id"));
    return obj();
  }

  @PostMapping("/set-experiment-tag")
  Map<String, Object> setTag(MlflowRequest req) {
    experiments.setTag(
        req.requiredString("experiment_id"), req.requiredString("key"), req.presentString("value"));
    return obj();
  }

  @PostMapping("/delete-experiment-tag")
  Map<String, Object> deleteTag(MlflowRequest req) {
    experiments.deleteTag(req.requiredString("experiment_id"), req.requiredString("key"));
    return obj();
  }
}
