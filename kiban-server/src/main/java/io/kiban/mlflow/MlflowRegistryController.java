package io.kiban.mlflow;

import static io.kiban.mlflow.MlflowWire.obj;

import io.kiban.registry.ModelAlias;
import io.kiban.registry.ModelVersion;
import io.kiban.registry.RegisteredModel;
import io.kiban.registry.RegistryService;
import io.kiban.tracking.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** MLflow model registry RPCs, mapped onto {@link RegistryService}. */
@RestController
@RequestMapping(
    path = {"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"},
    produces = "application/json")
class MlflowRegistryController {

  private final RegistryService registry;

  MlflowRegistryController(RegistryService registry) {
    this.registry = registry;
  }

  // --- registered models ------------------------------------------------------------------

  @PostMapping("/registered-models/create")
  Map<String, Object> create(MlflowRequest req) {
    RegisteredModel model =
        registry.createModel(
            req.requiredString("name"), req.string("description"), req.tags("tags"));
    return obj().with("registered_model", model(model));
  }

  @GetMapping("/registered-models/get")
  Map<String, Object> get(MlflowRequest req) {
    return obj().with("registered_model", model(registry.getModel(req.requiredString("name"))));
  }

  @PostMapping("/registered-models/rename")
  Map<String, Object> rename(MlflowRequest req) {
    return obj()
        .with(
            "registered_model",
            model(
                registry.renameModel(req.requiredString("name"), req.requiredString("new_name"))));
  }

  @PatchMapping("/registered-models/update")
  Map<String, Object> update(MlflowRequest req) {
    return obj()
        .with(
            "registered_model",
            model(registry.updateModel(req.requiredString("name"), req.string("description"))));
  }

  @DeleteMapping("/registered-models/delete")
  Map<String, Object> delete(MlflowRequest req) {
    registry.deleteModel(req.requiredString("name"));
    return obj();
  }

  @GetMapping("/registered-models/search")
  Map<String, Object> search(MlflowRequest req) {
    Page<RegisteredModel> page =
        registry.searchModels(
            req.string("filter"),
            req.int32("max_results"),
            req.strings("order_by"),
            req.string("page_token"));
    List<Object> items = new ArrayList<>();
    page.items().forEach(m -> items.add(model(m)));
    return obj().with("registered_models", items).with("next_page_token", page.nextPageToken());
  }

  @RequestMapping(
      path = "/registered-models/get-latest-versions",
      method = {RequestMethod.GET, RequestMethod.POST})
  Map<String, Object> latestVersions(MlflowRequest req) {
    return obj()
        .with(
            "model_versions",
            versions(registry.latestVersions(req.requiredString("name"), req.strings("stages"))));
  }

  @PostMapping("/registered-models/set-tag")
  Map<String, Object> setTag(MlflowRequest req) {
    registry.setModelTag(
        req.requiredString("name"), req.requiredString("key"), req.presentString("value"));
    return obj();
  }

  @DeleteMapping("/registered-models/delete-tag")
  Map<String, Object> deleteTag(MlflowRequest req) {
    registry.deleteModelTag(req.requiredString("name"), req.requiredString("key"));
    return obj();
  }

  @PostMapping("/registered-models/alias")
  Map<String, Object> setAlias(MlflowRequest req) {
    registry.setAlias(
        req.requiredString("name"), req.requiredString("alias"), req.requiredString("version"));
    return obj();
  }

  @DeleteMapping("/registered-models/alias")
  Map<String, Object> deleteAlias(MlflowRequest req) {
    registry.deleteAlias(req.requiredString("name"), req.requiredString("alias"));
    return obj();
  }

  @GetMapping("/registered-models/alias")
  Map<String, Object> getAlias(MlflowRequest req) {
    return obj()
        .with(
            "model_version",
            version(
                registry.versionByAlias(req.requiredString("name"), req.requiredString("alias"))));
  }

  // --- model versions -----------------------------------------------------------------------

  @PostMapping("/model-versions/create")
  Map<String, Object> createVersion(MlflowRequest req) {
    ModelVersion v =
        registry.createVersion(
            req.requiredString("name"),
            req.requiredString("source"),
            req.string("run_id"),
            req.tags("tags"),
            req.string("run_link"),
            req.string("description"),
            req.string("model_id"));
    return obj().with("model_version", version(v));
  }

  @GetMapping("/model-versions/get")
  Map<String, Object> getVersion(MlflowRequest req) {
    return obj()
        .with(
            "model_version",
            version(
                registry.getVersion(req.requiredString("name"), req.requiredString("version"))));
  }

  @PatchMapping("/model-versions/update")
  Map<String, Object> updateVersion(MlflowRequest req) {
    return obj()
        .with(
            "model_version",
            version(
                registry.updateVersion(
                    req.requiredString("name"),
                    req.requiredString("version"),
                    req.string("description"))));
  }

  @DeleteMapping("/model-versions/delete")
  Map<String, Object> deleteVersion(MlflowRequest req) {
    registry.deleteVersion(req.requiredString("name"), req.requiredString("version"));
    return obj();
  }

  @GetMapping("/model-versions/search")
  Map<String, Object> searchVersions(MlflowRequest req) {
    Page<ModelVersion> page =
        registry.searchVersions(
            req.string("filter"),
            req.int32("max_results"),
            req.strings("order_by"),
            req.string("page_token"));
    return obj()
        .with("model_versions", versions(page.items()))
        .with("next_page_token", page.nextPageToken());
  }

  @PostMapping("/model-versions/transition-stage")
  Map<String, Object> transition(MlflowRequest req) {
    Boolean archive = req.bool("archive_existing_versions");
    ModelVersion v =
        registry.transitionStage(
            req.requiredString("name"),
            req.requiredString("version"),
            req.requiredString("stage"),
            archive != null && archive);
    return obj().with("model_version", version(v));
  }

  @GetMapping("/model-versions/get-download-uri")
  Map<String, Object> downloadUri(MlflowRequest req) {
    return obj()
        .with(
            "artifact_uri",
            registry.downloadUri(req.requiredString("name"), req.requiredString("version")));
  }

  @PostMapping("/model-versions/set-tag")
  Map<String, Object> setVersionTag(MlflowRequest req) {
    registry.setVersionTag(
        req.requiredString("name"),
        req.requiredString("version"),
        req.requiredString("key"),
        req.presentString("value"));
    return obj();
  }

  @DeleteMapping("/model-versions/delete-tag")
  Map<String, Object> deleteVersionTag(MlflowRequest req) {
    registry.deleteVersionTag(
        req.requiredString("name"), req.requiredString("version"), req.requiredString("key"));
    return obj();
  }

  // --- wire shapes --------------------------------------------------------------------------

  static MlflowWire.Obj model(RegisteredModel m) {
    List<Object> aliases = new ArrayList<>();
    for (ModelAlias a : m.aliases()) {
      aliases.add(obj().with("alias", a.alias()).with("version", a.version()));
    }
    return obj()
        .with("name", m.name())
        .with("creation_timestamp", m.creationTime())
        .with("last_updated_timestamp", m.lastUpdatedTime())
        .with("user_id", m.userId())
        .with("description", m.description())
        .with("latest_versions", versions(m.latestVersions()))
        .with("tags", MlflowWire.tags(m.tags()))
        .with("aliases", aliases);
  }

  static List<Object> versions(List<ModelVersion> versions) {
    List<Object> out = new ArrayList<>(versions.size());
    versions.forEach(v -> out.add(version(v)));
    return out;
  }

  static MlflowWire.Obj version(ModelVersion v) {
    return obj()
        .with("name", v.name())
        .with("version", v.version())
        .with("creation_timestamp", v.creationTime())
        .with("last_updated_timestamp", v.lastUpdatedTime())
        .with("user_id", v.userId())
        .with("current_stage", v.currentStage().wireName())
        .with("description", v.description())
        .with("source", v.source())
        .with("run_id", v.runId())
        .with("status", v.status())
        .with("status_message", v.statusMessage())
        .with("tags", MlflowWire.tags(v.tags()))
        .with("run_link", v.runLink())
        .with("aliases", v.aliases())
        .with("model_id", v.loggedModelId());
  }
}
