package io.kiban.tracking;

import io.kiban.audit.AuditLog;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.identity.WorkspaceScope;
import io.kiban.identity.Workspaces;
import io.kiban.platform.db.SqlParams;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import io.kiban.tracking.search.FilterClause;
import io.kiban.tracking.search.OrderClause;
import io.kiban.tracking.search.SearchFilterParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Runs: lifecycle, params, tags, metrics, dataset inputs and search. */
@Service
public class RunService {

  public static final int MAX_BATCH_METRICS = 1000;
  public static final int MAX_BATCH_PARAMS = 100;
  public static final int MAX_BATCH_TAGS = 100;
  public static final int MAX_BATCH_ENTITIES = 1000;
  public static final int MAX_SEARCH_RESULTS = 50_000;
  public static final int DEFAULT_SEARCH_RESULTS = 1000;
  static final String ENTITY = "run";

  private final RunRepository runs;
  private final ExperimentRepository experiments;
  private final MetricWriter metricWriter;
  private final AuditLog audit;
  private final Clock clock;
  private final AccessControl access;

  RunService(
      RunRepository runs,
      ExperimentRepository experiments,
      MetricWriter metricWriter,
      AuditLog audit,
      Clock clock,
      AccessControl access) {
    this.runs = runs;
    this.experiments = experiments;
    this.metricWriter = metricWriter;
    this.audit = audit;
    this.clock = clock;
    this.access = access;
  }

  /** Whether a run with this id exists (a well-formed id is not checked for access). */
  @Transactional(readOnly = true)
  public boolean exists(String runId) {
    return runId != null && runId.length() <= 32 && runs.find(runId).isPresent();
  }

  /** Checks the caller's permission on the run's workspace and returns the run. */
  @Transactional(readOnly = true)
  public RunInfo authorize(String runId, Permission permission) {
    Validation.runId(runId);
    RunInfo info = runs.find(runId).orElseThrow(() -> missingRun(runId));
    check(info, permission);
    return info;
  }

  private void check(RunInfo info, Permission permission) {
    String workspace =
        experiments.workspaceOf(Long.parseLong(info.experimentId())).orElse(Workspaces.DEFAULT);
    access.require(permission, workspace);
  }

  @Transactional
  public Run create(
      String experimentId, String userId, String runName, Long startTime, List<Tag> tags) {
    String expId = experimentId == null || experimentId.isBlank() ? "0" : experimentId.strip();
    List<Tag> validTags = validateRunTags(tags);
    // A plain read: locking the experiment row would serialize every run creation in it.
    Experiment experiment =
        experiments
            .find(ExperimentService.parseId(expId))
            .orElseThrow(
                () -> KibanException.notFound("No Experiment with id=" + expId + " exists"));
    access.require(Permission.TRACK, experiment.workspace());
    if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
      throw KibanException.invalid(
          "The experiment "
              + expId
              + " must be in the 'active' state to create runs in it. Current state is deleted.");
    }
    Map<String, String> tagMap = new LinkedHashMap<>();
    validTags.forEach(t -> tagMap.put(t.key(), t.value()));
    String tagName = tagMap.get(MlflowTags.RUN_NAME);
    String name = runName == null || runName.isEmpty() ? null : runName;
    if (name != null && tagName != null && !name.equals(tagName)) {
      throw KibanException.invalid(
          "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different"
              + " values (run_name='"
              + name
              + "', mlflow.runName='"
              + tagName
              + "').");
    }
    if (name == null) {
      name = tagName != null && !tagName.isEmpty() ? tagName : RunNames.generate();
    }
    Validation.maxLength("run_name", name, Validation.MAX_RUN_NAME_LENGTH);
    tagMap.put(MlflowTags.RUN_NAME, name);
    String user =
        userId != null && !userId.isEmpty() ? userId : tagMap.getOrDefault(MlflowTags.USER, "");
    String runId = UUID.randomUUID().toString().replace("-", "");
    RunInfo info =
        new RunInfo(
            runId,
            expId,
            name,
            Validation.truncate(user, 256),
            RunStatus.RUNNING,
            startTime == null ? clock.millis() : startTime,
            null,
            experiment.artifactLocation() + "/" + runId + "/artifacts",
            LifecycleStage.ACTIVE);
    runs.insert(info);
    List<Tag> stored =
        tagMap.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    runs.upsertTags(runId, stored);
    audit.record(
        "run.created", ENTITY, runId, JsonText.object("experiment_id", expId, "run_name", name));
    return new Run(info, List.of(), List.of(), stored, List.of());
  }

  @Transactional(readOnly = true)
  public Run get(String runId) {
    Validation.runId(runId);
    RunInfo info = runs.find(runId).orElseThrow(() -> missingRun(runId));
    check(info, Permission.READ);
    return withData(List.of(info)).get(0);
  }

  @Transactional(readOnly = true)
  public RunInfo getInfo(String runId) {
    return authorize(runId, Permission.READ);
  }

  @Transactional
  public RunInfo update(String runId, RunStatus status, Long endTime, String runName) {
    RunInfo info = lockActive(runId);
    RunStatus newStatus = status == null ? info.status() : status;
    Long newEnd = endTime == null ? info.endTime() : endTime;
    String newName = runName == null || runName.isEmpty() ? info.runName() : runName;
    Validation.maxLength("run_name", newName, Validation.MAX_RUN_NAME_LENGTH);
    runs.update(runId, newStatus, newEnd, newName);
    if (!newName.equals(info.runName())) {
      runs.upsertTags(runId, List.of(new Tag(MlflowTags.RUN_NAME, newName)));
    }
    audit.record(
        "run.updated",
        ENTITY,
        runId,
        JsonText.object(
            "status",
            newStatus.name(),
            "end_time",
            newEnd == null ? null : String.valueOf(newEnd),
            "run_name",
            newName));
    return new RunInfo(
        runId,
        info.experimentId(),
        newName,
        info.userId(),
        newStatus,
        info.startTime(),
        newEnd,
        info.artifactUri(),
        info.lifecycleStage());
  }

  @Transactional
  public void delete(String runId) {
    Validation.runId(runId);
    RunInfo info = runs.lock(runId).orElseThrow(() -> missingRun(runId));
    check(info, Permission.TRACK);
    if (info.lifecycleStage() == LifecycleStage.DELETED) {
      return;
    }
    runs.setStage(runId, LifecycleStage.DELETED, clock.millis());
    audit.record("run.deleted", ENTITY, runId, JsonText.object("run_name", info.runName()));
  }

  @Transactional
  public void restore(String runId) {
    Validation.runId(runId);
    RunInfo info = runs.lock(runId).orElseThrow(() -> missingRun(runId));
    check(info, Permission.TRACK);
    if (info.lifecycleStage() == LifecycleStage.ACTIVE) {
      return;
    }
    Experiment experiment = experiments.find(Long.parseLong(info.experimentId())).orElseThrow();
    if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
      throw KibanException.invalid(
          "Cannot restore run "
              + runId
              + ": its experiment "
              + info.experimentId()
              + " is deleted; restore the experiment first");
    }
    runs.setStage(runId, LifecycleStage.ACTIVE, null);
    audit.record("run.restored", ENTITY, runId, JsonText.object("run_name", info.runName()));
  }

  @Transactional
  public void setTag(String runId, String key, String value) {
    logBatch(runId, List.of(), List.of(), List.of(new Tag(key, value)));
  }

  @Transactional
  public void deleteTag(String runId, String key) {
    Validation.runId(runId);
    if (key == null || key.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'key'.");
    }
    RunInfo info = runs.lock(runId).orElseThrow(() -> missingRun(runId));
    check(info, Permission.TRACK);
    requireActive(info);
    if (runs.deleteTag(runId, key) == 0) {
      throw KibanException.notFound("No tag with name: " + key + " in run with id " + runId);
    }
    audit.record("run.tag_deleted", ENTITY, runId, JsonText.object("key", key));
  }

  @Transactional
  public void logParam(String runId, String key, String value) {
    logBatch(runId, List.of(), List.of(new Param(key, value)), List.of());
  }

  @Transactional
  public void logMetric(String runId, Metric metric) {
    logBatch(runId, List.of(metric), List.of(), List.of());
  }

  /**
   * Logs metrics, params and tags of one run, all or nothing: every item is validated before the
   * first write, and a conflict found while writing rolls the whole request back.
   */
  @Transactional
  public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags) {
    Validation.runId(runId);
    checkBatchLimits(metrics.size(), params.size(), tags.size());
    String previousKey = null;
    for (Metric m : metrics) {
      // Batches usually repeat a few keys many times; check each run of equal keys once.
      if (!m.key().equals(previousKey)) {
        Validation.key("metric", m.key());
        previousKey = m.key();
      }
    }
    List<Param> validParams = validateParams(params);
    List<Tag> validTags = validateRunTags(tags);

    RunInfo info = lockActive(runId);
    if (!validParams.isEmpty()) {
      Map<String, String> existing =
          runs.params(runId, validParams.stream().map(Param::key).toList());
      List<Param> fresh = new ArrayList<>();
      for (Param p : validParams) {
        String old = existing.get(p.key());
        if (old == null) {
          fresh.add(p);
        } else if (!old.equals(p.value())) {
          throw KibanException.invalid(
              "Changing param values is not allowed. Param with key='"
                  + p.key()
                  + "' was already logged with value='"
                  + Validation.abbreviate(old)
                  + "' for run ID='"
                  + runId
                  + "'. Attempted logging new value '"
                  + Validation.abbreviate(p.value())
                  + "'.");
        }
      }
      runs.insertParams(runId, fresh);
    }
    if (!validTags.isEmpty()) {
      runs.upsertTags(runId, validTags);
      for (Tag tag : validTags) {
        if (MlflowTags.RUN_NAME.equals(tag.key()) && !tag.value().equals(info.runName())) {
          runs.update(runId, info.status(), info.endTime(), tag.value());
        }
      }
      StringBuilder keys = new StringBuilder();
      validTags.forEach(t -> keys.append(keys.isEmpty() ? "" : ",").append(t.key()));
      audit.record("run.tags_set", ENTITY, runId, JsonText.object("keys", keys.toString()));
    }
    if (!metrics.isEmpty()) {
      metricWriter.write(runId, metrics);
    }
  }

  @Transactional
  public void logInputs(String runId, List<DatasetInput> inputs) {
    Validation.runId(runId);
    for (DatasetInput input : inputs) {
      validateDatasetInput(input);
    }
    RunInfo info = lockActive(runId);
    long experimentId = Long.parseLong(info.experimentId());
    int added = 0;
    for (DatasetInput input : inputs) {
      Dataset d = input.dataset();
      long datasetId =
          runs.findDataset(experimentId, d.name(), d.digest())
              .orElseGet(() -> runs.insertDataset(experimentId, d));
      if (!runs.hasInput(runId, datasetId)) {
        Map<String, Tag> unique = new LinkedHashMap<>();
        input.tags().forEach(t -> unique.put(t.key(), t));
        runs.insertInput(runId, datasetId, List.copyOf(unique.values()));
        added++;
      }
    }
    if (added > 0) {
      audit.record(
          "run.inputs_logged", ENTITY, runId, JsonText.object("datasets", String.valueOf(added)));
    }
  }

  @Transactional(readOnly = true)
  public Page<Run> search(
      List<String> experimentIds,
      String filter,
      ViewType viewType,
      Integer maxResults,
      List<String> orderBy,
      String pageToken) {
    int limit = Validation.maxResults(maxResults, DEFAULT_SEARCH_RESULTS, MAX_SEARCH_RESULTS);
    long offset = PageTokens.offset(pageToken);
    List<FilterClause> clauses = SearchFilterParser.parseRunFilter(filter);
    List<OrderClause> orders = SearchFilterParser.parseRunOrderBy(orderBy);
    Set<Long> expIds = new LinkedHashSet<>();
    WorkspaceScope scope = access.readable();
    for (String id : experimentIds) {
      long experimentId = ExperimentService.parseId(id);
      if (scope.unrestricted()
          || experiments.workspaceOf(experimentId).map(scope::includes).orElse(false)) {
        expIds.add(experimentId);
      }
    }
    if (expIds.isEmpty()) {
      return new Page<>(List.of(), null);
    }
    SqlParams q = RunSearchSql.build(expIds, viewType, clauses, orders, limit + 1, offset);
    List<RunInfo> infos = runs.query(q);
    String next = null;
    if (infos.size() > limit) {
      infos = infos.subList(0, limit);
      next = PageTokens.offsetToken(offset + limit);
    }
    return new Page<>(withData(infos), next);
  }

  private List<Run> withData(List<RunInfo> infos) {
    List<String> ids = infos.stream().map(RunInfo::runId).toList();
    Map<String, List<Metric>> metrics = runs.latestMetricsOf(ids);
    Map<String, List<Param>> params = runs.paramsOf(ids);
    Map<String, List<Tag>> tags = runs.tagsOf(ids);
    Map<String, List<DatasetInput>> inputs = runs.inputsOf(ids);
    List<Run> out = new ArrayList<>(infos.size());
    for (RunInfo info : infos) {
      String id = info.runId();
      out.add(
          new Run(
              info,
              metrics.getOrDefault(id, List.of()),
              params.getOrDefault(id, List.of()),
              tags.getOrDefault(id, List.of()),
              inputs.getOrDefault(id, List.of())));
    }
    return out;
  }

  RunInfo lockActive(String runId) {
    Validation.runId(runId);
    RunInfo info = runs.lock(runId).orElseThrow(() -> missingRun(runId));
    check(info, Permission.TRACK);
    requireActive(info);
    return info;
  }

  private static void requireActive(RunInfo info) {
    if (info.lifecycleStage() != LifecycleStage.ACTIVE) {
      throw KibanException.invalid(
          "The run "
              + info.runId()
              + " must be in the 'active' state. Current state is "
              + info.lifecycleStage().wireName()
              + ".");
    }
  }

  static KibanException missingRun(String runId) {
    return KibanException.notFound("Run '" + runId + "' not found");
  }

  /** MLflow's log-batch limits; adapters may check them before parsing the items. */
  public static void checkBatchLimits(int metrics, int params, int tags) {
    if (metrics > MAX_BATCH_METRICS) {
      throw KibanException.invalid(
          "A batch logging request can contain at most "
              + MAX_BATCH_METRICS
              + " metrics. Got "
              + metrics
              + " metrics. Please split up metrics across multiple requests and try again.");
    }
    if (params > MAX_BATCH_PARAMS) {
      throw KibanException.invalid(
          "A batch logging request can contain at most "
              + MAX_BATCH_PARAMS
              + " params. Got "
              + params
              + " params. Please split up params across multiple requests and try again.");
    }
    if (tags > MAX_BATCH_TAGS) {
      throw KibanException.invalid(
          "A batch logging request can contain at most "
              + MAX_BATCH_TAGS
              + " tags. Got "
              + tags
              + " tags. Please split up tags across multiple requests and try again.");
    }
    int total = metrics + params + tags;
    if (total > MAX_BATCH_ENTITIES) {
      throw KibanException.invalid(
          "A batch logging request can contain at most "
              + MAX_BATCH_ENTITIES
              + " metrics, params and tags in total. Got "
              + total
              + ".");
    }
  }

  private static List<Param> validateParams(List<Param> params) {
    Map<String, Param> byKey = new LinkedHashMap<>();
    for (Param p : params) {
      Validation.key("param", p.key());
      if (p.value() == null) {
        throw KibanException.invalid(
            "Missing value for required parameter 'value' of param '" + p.key() + "'.");
      }
      Param truncated =
          new Param(p.key(), Validation.truncate(p.value(), Validation.MAX_PARAM_VALUE_LENGTH));
      Param previous = byKey.putIfAbsent(p.key(), truncated);
      if (previous != null && !previous.value().equals(truncated.value())) {
        throw KibanException.invalid(
            "Duplicate parameter keys have been submitted: param '"
                + p.key()
                + "' appears twice with different values in one request");
      }
    }
    return List.copyOf(byKey.values());
  }

  private static List<Tag> validateRunTags(List<Tag> tags) {
    List<Tag> out = new ArrayList<>(tags.size());
    for (Tag t : tags) {
      Validation.key("tag", t.key());
      if (t.value() == null) {
        throw KibanException.invalid(
            "Missing value for required parameter 'value' of tag '" + t.key() + "'.");
      }
      out.add(
          new Tag(t.key(), Validation.truncate(t.value(), Validation.MAX_RUN_TAG_VALUE_LENGTH)));
    }
    return out;
  }

  private static void validateDatasetInput(DatasetInput input) {
    Dataset d = input.dataset();
    if (d == null) {
      throw KibanException.invalid("Missing value for required parameter 'dataset'.");
    }
    required("dataset.name", d.name(), 500);
    required("dataset.digest", d.digest(), 36);
    required("dataset.source_type", d.sourceType(), 36);
    required("dataset.source", d.source(), 65_535);
    Validation.maxLength("dataset.schema", d.schema(), 1_048_575);
    Validation.maxLength("dataset.profile", d.profile(), 16_777_215);
    for (Tag t : input.tags()) {
      required("input tag key", t.key(), 255);
      if (t.value() == null) {
        throw KibanException.invalid("Missing value for input tag '" + t.key() + "'.");
      }
      Validation.maxLength("input tag value", t.value(), 500);
    }
  }

  private static void required(String what, String value, int limit) {
    if (value == null || value.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter '" + what + "'.");
    }
    Validation.maxLength(what, value, limit);
  }
}
