package io.kiban.tracking;

import io.kiban.audit.AuditLog;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.identity.WorkspaceScope;
import io.kiban.identity.Workspaces;
import io.kiban.platform.db.SqlParams;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import io.kiban.storage.ArtifactEntry;
import io.kiban.storage.ArtifactPath;
import io.kiban.storage.ArtifactStore;
import io.kiban.tracking.search.EntityType;
import io.kiban.tracking.search.FilterClause;
import io.kiban.tracking.search.SearchFilterParser;
import io.kiban.tracking.search.SqlPredicates;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** MLflow 3 logged models: create, finalize, search, tags, params, run outputs, artifacts. */
@Service
public class LoggedModelService {

  public static final String READY = "LOGGED_MODEL_READY";
  public static final String PENDING = "LOGGED_MODEL_PENDING";
  public static final String FAILED = "LOGGED_MODEL_UPLOAD_FAILED";
  public static final int MAX_SEARCH_RESULTS = 1000;
  public static final int DEFAULT_SEARCH_RESULTS = 100;
  static final String ENTITY = "logged_model";

  /** A sort key of a logged-model search. */
  public record Order(String field, boolean ascending) {}

  private final LoggedModelRepository models;
  private final ExperimentRepository experiments;
  private final RunRepository runs;
  private final ArtifactStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final AccessControl access;

  LoggedModelService(
      LoggedModelRepository models,
      ExperimentRepository experiments,
      RunRepository runs,
      ArtifactStore store,
      AuditLog audit,
      Clock clock,
      AccessControl access) {
    this.access = access;
    this.models = models;
    this.experiments = experiments;
    this.runs = runs;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public LoggedModel create(
      String experimentId,
      String name,
      String modelType,
      String sourceRunId,
      List<Param> params,
      List<Tag> tags) {
    Experiment experiment =
        experiments
            .find(ExperimentService.parseId(experimentId))
            .orElseThrow(
                () -> KibanException.notFound("No Experiment with id=" + experimentId + " exists"));
    access.require(Permission.TRACK, experiment.workspace());
    if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
      throw KibanException.invalid(
          "Cannot log a model into experiment " + experimentId + ": it is deleted");
    }
    if (sourceRunId != null && !sourceRunId.isEmpty()) {
      Validation.runId(sourceRunId);
      RunInfo source = runs.find(sourceRunId).orElseThrow(() -> RunService.missingRun(sourceRunId));
      requireExperiment(source.experimentId(), Permission.READ);
    }
    Validation.maxLength("name", name, 500);
    Validation.maxLength("model_type", modelType, 500);
    params.forEach(p -> Validation.key("param", p.key()));
    tags.forEach(t -> Validation.key("tag", t.key()));
    String id = "m-" + UUID.randomUUID().toString().replace("-", "");
    long now = clock.millis();
    LoggedModel model =
        new LoggedModel(
            id,
            experiment.experimentId(),
            name == null || name.isBlank() ? RunNames.generate() : name,
            experiment.artifactLocation() + "/models/" + id + "/artifacts",
            now,
            now,
            blankToNull(modelType),
            blankToNull(sourceRunId),
            PENDING,
            null,
            List.of(),
            List.of());
    models.insert(model);
    for (Tag t : tags) {
      models.setTag(id, t.key(), Validation.truncate(t.value(), 8000));
    }
    for (Param p : params) {
      models.insertParam(id, p.key(), Validation.truncate(p.value(), 6000));
    }
    audit.record("logged_model.created", ENTITY, id, JsonText.object("name", model.name()));
    return get(id);
  }

  @Transactional(readOnly = true)
  public LoggedModel get(String modelId) {
    LoggedModel model = models.find(modelId, false).orElseThrow(() -> missing(modelId));
    requireExperiment(model.experimentId(), Permission.READ);
    return model;
  }

  private LoggedModel forChange(String modelId) {
    LoggedModel model = models.find(modelId, true).orElseThrow(() -> missing(modelId));
    requireExperiment(model.experimentId(), Permission.TRACK);
    return model;
  }

  private void requireExperiment(String experimentId, Permission permission) {
    String workspace =
        experiments.workspaceOf(Long.parseLong(experimentId)).orElse(Workspaces.DEFAULT);
    access.require(permission, workspace);
  }

  @Transactional
  public LoggedModel finalizeModel(String modelId, String status) {
    if (!READY.equals(status) && !FAILED.equals(status)) {
      throw KibanException.invalid(
          "Invalid status '" + status + "': finalize a logged model as " + READY + " or " + FAILED);
    }
    LoggedModel model = forChange(modelId);
    models.updateStatus(modelId, status, null, clock.millis());
    audit.record(
        "logged_model.finalized",
        ENTITY,
        modelId,
        JsonText.object("from", model.status(), "to", status));
    return get(modelId);
  }

  @Transactional
  public void delete(String modelId) {
    forChange(modelId);
    models.markDeleted(modelId, clock.millis());
    audit.record("logged_model.deleted", ENTITY, modelId, "{}");
  }

  @Transactional
  public void setTags(String modelId, List<Tag> tags) {
    tags.forEach(t -> Validation.key("tag", t.key()));
    forChange(modelId);
    for (Tag t : tags) {
      models.setTag(modelId, t.key(), Validation.truncate(t.value(), 8000));
    }
    StringBuilder keys = new StringBuilder();
    tags.forEach(t -> keys.append(keys.isEmpty() ? "" : ",").append(t.key()));
    audit.record(
        "logged_model.tags_set", ENTITY, modelId, JsonText.object("keys", keys.toString()));
  }

  @Transactional
  public void deleteTag(String modelId, String key) {
    forChange(modelId);
    if (models.deleteTag(modelId, key) == 0) {
      throw KibanException.notFound("No tag with key '" + key + "' on logged model " + modelId);
    }
    audit.record("logged_model.tag_deleted", ENTITY, modelId, JsonText.object("key", key));
  }

  /** Params are immutable, as a run's: the same value again is a no-op. */
  @Transactional
  public void logParams(String modelId, List<Param> params) {
    params.forEach(p -> Validation.key("param", p.key()));
    forChange(modelId);
    for (Param p : params) {
      String value = Validation.truncate(p.value(), 6000);
      String existing = models.param(modelId, p.key()).orElse(null);
      if (existing == null) {
        models.insertParam(modelId, p.key(), value);
      } else if (!existing.equals(value)) {
        throw KibanException.invalid(
            "Changing param values is not allowed. Param with key='"
                + p.key()
                + "' was already logged with value='"
                + existing
                + "' for logged model "
                + modelId);
      }
    }
  }

  @Transactional
  public void logOutputs(String runId, List<String> modelIds, List<Long> steps) {
    Validation.runId(runId);
    RunInfo run = runs.lock(runId).orElseThrow(() -> RunService.missingRun(runId));
    requireExperiment(run.experimentId(), Permission.TRACK);
    if (run.lifecycleStage() != LifecycleStage.ACTIVE) {
      throw KibanException.invalid("The run " + runId + " must be in the 'active' state.");
    }
    for (int i = 0; i < modelIds.size(); i++) {
      String modelId = modelIds.get(i);
      get(modelId);
      models.upsertOutput(runId, modelId, steps.get(i));
    }
    audit.record(
        "run.outputs_logged",
        RunService.ENTITY,
        runId,
        JsonText.object("models", modelIds.toString()));
  }

  @Transactional(readOnly = true)
  public List<String[]> outputsOf(String runId) {
    RunInfo run = runs.find(runId).orElseThrow(() -> RunService.missingRun(runId));
    requireExperiment(run.experimentId(), Permission.READ);
    return models.outputsOf(runId);
  }

  @Transactional(readOnly = true)
  public Page<LoggedModel> search(
      List<String> experimentIds,
      String filter,
      Integer maxResults,
      List<Order> orderBy,
      String pageToken) {
    int limit = Validation.maxResults(maxResults, DEFAULT_SEARCH_RESULTS, MAX_SEARCH_RESULTS);
    long offset = PageTokens.offset(pageToken);
    Set<Long> ids = new LinkedHashSet<>();
    experimentIds.forEach(id -> ids.add(ExperimentService.parseId(id)));
    if (ids.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'experiment_ids'.");
    }
    WorkspaceScope scope = access.readable();
    ids.removeIf(
        id ->
            !scope.unrestricted()
                && !experiments.workspaceOf(id).map(scope::includes).orElse(false));
    if (ids.isEmpty()) {
      return new Page<>(List.of(), null);
    }
    SqlParams q =
        new SqlParams()
            .append(
                "SELECT "
                    + LoggedModelRepository.COLUMNS
                    + " FROM logged_model lm"
                    + " WHERE lm.lifecycle_stage = 'active' AND lm.experiment_id IN ")
            .inList(ids);
    for (FilterClause c : SearchFilterParser.parseLoggedModelFilter(filter)) {
      q.append(" AND ");
      if (c.type() == EntityType.TAG) {
        q.append(
            "EXISTS (SELECT 1 FROM logged_model_tag t WHERE t.model_id = lm.model_id"
                + " AND t.tag_key = ? AND ",
            c.key());
        SqlPredicates.compare(q, "t.tag_value", c);
        q.append(")");
      } else if (c.type() == EntityType.PARAM) {
        q.append(
            "EXISTS (SELECT 1 FROM logged_model_param p WHERE p.model_id = lm.model_id"
                + " AND p.param_key = ? AND ",
            c.key());
        SqlPredicates.compare(q, "p.param_value", c);
        q.append(")");
      } else {
        SqlPredicates.compare(q, column(c.key()), c);
      }
    }
    StringBuilder order = new StringBuilder();
    for (Order o : orderBy) {
      order.append(column(o.field())).append(o.ascending() ? " ASC, " : " DESC, ");
    }
    if (orderBy.isEmpty()) {
      order.append("lm.creation_time DESC, ");
    }
    q.append(" ORDER BY " + order + "lm.model_id ASC LIMIT ? OFFSET ?", limit + 1, offset);
    List<LoggedModel> rows = models.query(q);
    String next = null;
    if (rows.size() > limit) {
      rows = rows.subList(0, limit);
      next = PageTokens.offsetToken(offset + limit);
    }
    return new Page<>(rows, next);
  }

  /** The entries of a directory of the model's artifacts, paths relative to its root. */
  @Transactional(readOnly = true)
  public List<ArtifactEntry> listArtifacts(String modelId, String path) {
    LoggedModel model = get(modelId);
    String relative = ArtifactPath.normalize(path);
    if (!model.artifactUri().startsWith(RunArtifactService.SCHEME)) {
      throw KibanException.invalid(
          "The artifacts of " + modelId + " are stored at " + model.artifactUri());
    }
    String base =
        ArtifactPath.normalize(model.artifactUri().substring(RunArtifactService.SCHEME.length()));
    return store.list(ArtifactPath.join(base, relative)).stream()
        .map(
            e ->
                new ArtifactEntry(
                    relative.isEmpty() ? e.path() : relative + "/" + e.path(),
                    e.isDir(),
                    e.fileSize()))
        .toList();
  }

  private static String column(String field) {
    return switch (field) {
      case "name" -> "lm.name";
      case "model_type" -> "lm.model_type";
      case "status" -> "lm.status";
      case "source_run_id" -> "lm.source_run_id";
      case "model_id" -> "lm.model_id";
      case "creation_timestamp", "creation_time" -> "lm.creation_time";
      case "last_updated_timestamp", "last_updated_time" -> "lm.last_updated_time";
      default ->
          throw KibanException.invalid(
              "Invalid order_by field '"
                  + field
                  + "': use name, model_id, model_type, status, creation_timestamp or"
                  + " last_updated_timestamp");
    };
  }

  static KibanException missing(String modelId) {
    return KibanException.notFound("Logged model with ID '" + modelId + "' not found.");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
