package io.kiban.tracking;

import io.kiban.audit.AuditLog;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.identity.WorkspaceScope;
import io.kiban.identity.WorkspaceService;
import io.kiban.identity.Workspaces;
import io.kiban.platform.db.SqlParams;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import io.kiban.tracking.search.FilterClause;
import io.kiban.tracking.search.OrderClause;
import io.kiban.tracking.search.SearchFilterParser;
import io.kiban.tracking.search.SqlPredicates;
import java.time.Clock;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Experiments: create, read, search, rename, soft delete and restore, tags. */
@Service
public class ExperimentService {

  public static final String DEFAULT_EXPERIMENT_ID = "0";
  public static final int MAX_SEARCH_RESULTS = 50_000;
  public static final int DEFAULT_SEARCH_RESULTS = 1000;
  static final String ENTITY = "experiment";

  private final ExperimentRepository experiments;
  private final RunRepository runs;
  private final AuditLog audit;
  private final Clock clock;
  private final AccessControl access;
  private final WorkspaceService workspaces;

  ExperimentService(
      ExperimentRepository experiments,
      RunRepository runs,
      AuditLog audit,
      Clock clock,
      AccessControl access,
      WorkspaceService workspaces) {
    this.experiments = experiments;
    this.runs = runs;
    this.audit = audit;
    this.clock = clock;
    this.access = access;
    this.workspaces = workspaces;
  }

  @Transactional
  public String create(String name, String artifactLocation, List<Tag> tags) {
    validateName(name);
    Validation.maxLength(
        "artifact_location", artifactLocation, Validation.MAX_ARTIFACT_LOCATION_LENGTH);
    for (Tag tag : tags) {
      validateTag(tag.key(), tag.value());
    }
    String workspace = workspaceFor(tags);
    tags = tags.stream().filter(t -> !Workspaces.TAG.equals(t.key())).toList();
    if (experiments.findByName(name).isPresent()) {
      throw duplicate(name);
    }
    long id = experiments.nextId();
    String location =
        artifactLocation == null || artifactLocation.isBlank()
            ? "mlflow-artifacts:/" + id
            : artifactLocation.strip();
    long now = clock.millis();
    try {
      experiments.insert(id, name, location, now, workspace);
    } catch (DuplicateKeyException e) {
      throw duplicate(name);
    }
    for (Tag tag : tags) {
      experiments.upsertTag(id, tag.key(), tag.value());
    }
    audit.record(
        "experiment.created",
        ENTITY,
        String.valueOf(id),
        JsonText.object("name", name, "workspace", workspace));
    return String.valueOf(id);
  }

  /**
   * The workspace named by the {@code kiban.workspace} tag, else the caller's default; the caller
   * must be allowed to track there.
   */
  private String workspaceFor(List<Tag> tags) {
    String named =
        tags.stream()
            .filter(t -> Workspaces.TAG.equals(t.key()))
            .map(t -> t.value().strip())
            .reduce((a, b) -> b)
            .orElse(null);
    String workspace = named == null ? access.defaultWorkspace(Permission.TRACK) : named;
    workspaces.requireExists(workspace);
    access.require(Permission.TRACK, workspace);
    return workspace;
  }

  @Transactional(readOnly = true)
  public Experiment get(String experimentId) {
    Experiment experiment =
        experiments.find(parseId(experimentId)).orElseThrow(() -> missing(experimentId));
    access.require(Permission.READ, experiment.workspace());
    return experiment;
  }

  /** Checks that the caller may read (or, with TRACK, change) things of the experiment. */
  public void requireAccess(String experimentId, Permission permission) {
    String workspace =
        experiments.workspaceOf(parseId(experimentId)).orElseThrow(() -> missing(experimentId));
    access.require(permission, workspace);
  }

  /**
   * The experiments of the list that the caller may read; unknown ids are kept (they match
   * nothing).
   */
  public List<String> readable(List<String> experimentIds) {
    WorkspaceScope scope = access.readable();
    if (scope.unrestricted()) {
      return experimentIds;
    }
    return experimentIds.stream()
        .filter(
            id -> {
              try {
                return experiments.workspaceOf(parseId(id)).map(scope::includes).orElse(true);
              } catch (KibanException e) {
                return true;
              }
            })
        .toList();
  }

  @Transactional(readOnly = true)
  public Experiment getByName(String name) {
    if (name == null || name.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'experiment_name'.");
    }
    Experiment experiment =
        experiments
            .findByName(name)
            .orElseThrow(
                () ->
                    KibanException.notFound("Could not find experiment with name '" + name + "'"));
    access.require(Permission.READ, experiment.workspace());
    return experiment;
  }

  @Transactional(readOnly = true)
  public Page<Experiment> search(
      String filter,
      List<String> orderBy,
      ViewType viewType,
      Integer maxResults,
      String pageToken) {
    int limit = Validation.maxResults(maxResults, DEFAULT_SEARCH_RESULTS, MAX_SEARCH_RESULTS);
    long offset = PageTokens.offset(pageToken);
    SqlParams q = new SqlParams();
    q.append("SELECT " + ExperimentRepository.COLUMNS + " FROM experiment e WHERE ");
    q.append(viewType.sqlCondition("e.lifecycle_stage"));
    WorkspaceScope scope = access.readable();
    if (!scope.unrestricted()) {
      if (scope.empty()) {
        q.append(" AND 1 = 0");
      } else {
        q.append(" AND e.workspace IN ").inList(scope.workspaces());
      }
    }
    for (FilterClause clause : SearchFilterParser.parseExperimentFilter(filter)) {
      q.append(" AND ");
      appendExperimentClause(q, clause);
    }
    q.append(" ORDER BY ");
    List<OrderClause> orders = SearchFilterParser.parseExperimentOrderBy(orderBy);
    if (orders.isEmpty()) {
      q.append("e.creation_time DESC, ");
    }
    for (OrderClause order : orders) {
      q.append(experimentColumn(order.key()) + (order.ascending() ? " ASC, " : " DESC, "));
    }
    q.append("e.experiment_id ASC LIMIT ? OFFSET ?", limit + 1, offset);
    List<Experiment> rows = experiments.query(q);
    if (rows.size() > limit) {
      return new Page<>(rows.subList(0, limit), PageTokens.offsetToken(offset + limit));
    }
    return new Page<>(rows, null);
  }

  private static void appendExperimentClause(SqlParams q, FilterClause clause) {
    switch (clause.type()) {
      case ATTRIBUTE -> SqlPredicates.compare(q, experimentColumn(clause.key()), clause);
      case TAG -> {
        q.append(
            "EXISTS (SELECT 1 FROM experiment_tag t WHERE t.experiment_id = e.experiment_id"
                + " AND t.tag_key = ? AND ",
            clause.key());
        SqlPredicates.compare(q, "t.tag_value", clause);
        q.append(")");
      }
      default ->
          throw KibanException.invalid(
              "Invalid filter on experiments: '" + clause.type() + "' keys are not supported");
    }
  }

  private static String experimentColumn(String key) {
    return switch (key) {
      case "name" -> "e.name";
      case "creation_time" -> "e.creation_time";
      case "last_update_time" -> "e.last_update_time";
      case "experiment_id" -> "e.experiment_id";
      default -> throw KibanException.invalid("Invalid experiment attribute '" + key + "'");
    };
  }

  @Transactional
  public void rename(String experimentId, String newName) {
    validateName(newName);
    Experiment experiment = active(experimentId, "rename");
    if (experiment.name().equals(newName)) {
      return;
    }
    if (experiments.findByName(newName).isPresent()) {
      throw duplicate(newName);
    }
    try {
      experiments.rename(parseId(experimentId), newName, clock.millis());
    } catch (DuplicateKeyException e) {
      throw duplicate(newName);
    }
    audit.record(
        "experiment.renamed",
        ENTITY,
        experiment.experimentId(),
        JsonText.object("from", experiment.name(), "to", newName));
  }

  @Transactional
  public void delete(String experimentId) {
    if (DEFAULT_EXPERIMENT_ID.equals(experimentId.strip())) {
      throw KibanException.invalid(
          "Cannot delete the default experiment '0': it is reserved for runs without one");
    }
    Experiment experiment = active(experimentId, "delete");
    long now = clock.millis();
    long id = parseId(experimentId);
    experiments.setStage(id, LifecycleStage.DELETED, now);
    int deletedRuns = runs.softDeleteRunsOfExperiment(id, now);
    audit.record(
        "experiment.deleted",
        ENTITY,
        experiment.experimentId(),
        JsonText.object("name", experiment.name(), "runs_deleted", String.valueOf(deletedRuns)));
  }

  @Transactional
  public void restore(String experimentId) {
    long id = parseId(experimentId);
    Experiment experiment = experiments.findForUpdate(id).orElseThrow(() -> missing(experimentId));
    if (experiment.lifecycleStage() != LifecycleStage.DELETED) {
      throw KibanException.invalid(
          "Cannot restore experiment " + experimentId + ": it is not deleted");
    }
    int restoredRuns = runs.restoreRunsDeletedWith(id, experiment.lastUpdateTime());
    experiments.setStage(id, LifecycleStage.ACTIVE, clock.millis());
    audit.record(
        "experiment.restored",
        ENTITY,
        experiment.experimentId(),
        JsonText.object("name", experiment.name(), "runs_restored", String.valueOf(restoredRuns)));
  }

  @Transactional
  public void setTag(String experimentId, String key, String value) {
    validateTag(key, value);
    if (Workspaces.TAG.equals(key)) {
      throw KibanException.invalid(
          "The workspace of an existing experiment is not a tag; an administrator moves it.");
    }
    Experiment experiment = active(experimentId, "set a tag on");
    long id = parseId(experimentId);
    experiments.upsertTag(id, key, value);
    experiments.touch(id, clock.millis());
    audit.record(
        "experiment.tag_set",
        ENTITY,
        experiment.experimentId(),
        JsonText.object("key", key, "value", value));
  }

  @Transactional
  public void deleteTag(String experimentId, String key) {
    if (key == null || key.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'key'.");
    }
    Experiment experiment = active(experimentId, "delete a tag of");
    long id = parseId(experimentId);
    if (experiments.deleteTag(id, key) == 0) {
      throw KibanException.notFound(
          "No tag with name: " + key + " in experiment with id " + experimentId);
    }
    experiments.touch(id, clock.millis());
    audit.record(
        "experiment.tag_deleted", ENTITY, experiment.experimentId(), JsonText.object("key", key));
  }

  /** The experiment, locked, which must be active for the given action. */
  Experiment active(String experimentId, String action) {
    Experiment experiment =
        experiments.findForUpdate(parseId(experimentId)).orElseThrow(() -> missing(experimentId));
    access.require(Permission.TRACK, experiment.workspace());
    if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
      throw KibanException.invalid(
          "Cannot " + action + " experiment " + experimentId + ": it is deleted");
    }
    return experiment;
  }

  static long parseId(String experimentId) {
    if (experimentId == null || experimentId.isBlank()) {
      throw KibanException.invalid("Missing value for required parameter 'experiment_id'.");
    }
    try {
      long id = Long.parseLong(experimentId.strip());
      if (id < 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw KibanException.notFound(
          "No Experiment with id=" + Validation.abbreviate(experimentId) + " exists");
    }
  }

  private static KibanException missing(String experimentId) {
    return KibanException.notFound("No Experiment with id=" + experimentId + " exists");
  }

  private static KibanException duplicate(String name) {
    return KibanException.alreadyExists("Experiment(name=" + name + ") already exists.");
  }

  private static void validateName(String name) {
    if (name == null || name.isBlank()) {
      throw KibanException.invalid("Missing value for required parameter 'name'.");
    }
    Validation.maxLength("Experiment name", name, Validation.MAX_EXPERIMENT_NAME_LENGTH);
  }

  private static void validateTag(String key, String value) {
    Validation.key("tag", key);
    if (value == null) {
      throw KibanException.invalid("Missing value for required parameter 'value'.");
    }
    Validation.maxLength("Experiment tag value", value, Validation.MAX_EXPERIMENT_TAG_VALUE_LENGTH);
  }
}
