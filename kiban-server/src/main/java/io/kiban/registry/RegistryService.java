package io.kiban.registry;

import io.kiban.audit.ActorProvider;
import io.kiban.audit.AuditLog;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.identity.WorkspaceScope;
import io.kiban.identity.WorkspaceService;
import io.kiban.identity.Workspaces;
import io.kiban.platform.config.KibanProperties;
import io.kiban.platform.db.SqlParams;
import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import io.kiban.registry.RegistryRepository.ModelRow;
import io.kiban.tracking.Page;
import io.kiban.tracking.PageTokens;
import io.kiban.tracking.Tag;
import io.kiban.tracking.Validation;
import io.kiban.tracking.search.FilterClause;
import io.kiban.tracking.search.OrderClause;
import io.kiban.tracking.search.SearchFilterParser;
import io.kiban.tracking.search.SqlPredicates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The model registry: registered models, versions, tags, stages and aliases. Every change is
 * recorded in the registry history and the audit log in the same transaction, and every alias or
 * stage change asks the {@link PromotionGuard} first.
 */
@Service
public class RegistryService {

  public static final int MAX_MODEL_RESULTS = 1000;
  public static final int DEFAULT_MODEL_RESULTS = 100;
  public static final int MAX_VERSION_RESULTS = 200_000;
  public static final int DEFAULT_VERSION_RESULTS = 10_000;
  static final int MAX_TAG_VALUE = 100_000;
  static final String LOGGED_MODEL_SCHEME = "models:/";
  private static final Pattern ALIAS = Pattern.compile("[\\w\\-]{1,255}");
  private static final Pattern RESERVED_ALIAS = Pattern.compile("[vV]\\d+|(?i:latest)");

  private final RegistryRepository repo;
  private final io.kiban.tracking.LoggedModelService loggedModels;
  private final PromotionGuard guard;
  private final AuditLog audit;
  private final ActorProvider actors;
  private final Clock clock;
  private final AccessControl access;
  private final io.kiban.notify.Notifier notifier;
  private final WorkspaceService workspaces;
  private final io.kiban.tracking.RunService runs;
  private final java.util.Set<String> productionAliases;

  RegistryService(
      RegistryRepository repo,
      io.kiban.tracking.LoggedModelService loggedModels,
      PromotionGuard guard,
      AuditLog audit,
      ActorProvider actors,
      Clock clock,
      AccessControl access,
      WorkspaceService workspaces,
      io.kiban.tracking.RunService runs,
      KibanProperties properties,
      io.kiban.notify.Notifier notifier) {
    this.notifier = notifier;
    this.access = access;
    this.workspaces = workspaces;
    this.runs = runs;
    this.productionAliases =
        properties.registry().productionAliases().stream()
            .map(a -> a.strip().toLowerCase(java.util.Locale.ROOT))
            .filter(a -> !a.isEmpty())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.repo = repo;
    this.loggedModels = loggedModels;
    this.guard = guard;
    this.audit = audit;
    this.actors = actors;
    this.clock = clock;
  }

  // --- registered models ------------------------------------------------------------------

  @Transactional
  public RegisteredModel createModel(String name, String description, List<Tag> tags) {
    validateName(name);
    Validation.maxLength("description", description, 5000);
    tags.forEach(t -> validateTag(t.key(), t.value()));
    String workspace =
        tags.stream()
            .filter(t -> Workspaces.TAG.equals(t.key()))
            .map(t -> t.value().strip())
            .reduce((a, b) -> b)
            .orElseGet(() -> access.defaultWorkspace(Permission.REGISTER));
    workspaces.requireExists(workspace);
    access.require(Permission.REGISTER, workspace);
    tags = tags.stream().filter(t -> !Workspaces.TAG.equals(t.key())).toList();
    if (repo.model(name, false).isPresent()) {
      throw duplicate(name);
    }
    long now = clock.millis();
    long id;
    try {
      id = repo.insertModel(name, description, actors.currentActor(), now, workspace);
    } catch (DuplicateKeyException e) {
      throw duplicate(name);
    }
    for (Tag t : tags) {
      repo.setModelTag(id, t.key(), t.value());
    }
    record(id, name, null, "model.created", null, null, description);
    return getModel(name);
  }

  @Transactional(readOnly = true)
  public RegisteredModel getModel(String name) {
    return toModels(List.of(model(name, false))).get(0);
  }

  @Transactional
  public RegisteredModel renameModel(String name, String newName) {
    validateName(newName);
    ModelRow row = model(name, true);
    if (!name.equals(newName) && repo.model(newName, false).isPresent()) {
      throw duplicate(newName);
    }
    repo.updateModel(row.modelId(), newName, row.description(), clock.millis());
    record(row.modelId(), newName, null, "model.renamed", "name", name, newName);
    return getModel(newName);
  }

  @Transactional
  public RegisteredModel updateModel(String name, String description) {
    Validation.maxLength("description", description, 5000);
    ModelRow row = model(name, true);
    repo.updateModel(row.modelId(), name, description, clock.millis());
    record(
        row.modelId(),
        name,
        null,
        "model.description_set",
        "description",
        row.description(),
        description);
    return getModel(name);
  }

  @Transactional
  public void deleteModel(String name) {
    ModelRow row = model(name, true);
    for (ModelVersion v : versionsOf(row.modelId())) {
      for (String alias : v.aliases()) {
        guard.check(new Promotion(name, v.version(), Promotion.Kind.ALIAS, alias, true));
      }
    }
    repo.deleteModel(row.modelId());
    record(row.modelId(), name, null, "model.deleted", null, null, null);
  }

  @Transactional
  public void setModelTag(String name, String key, String value) {
    if (Workspaces.TAG.equals(key)) {
      throw KibanException.invalid(
          "The workspace of an existing model is not a tag; an administrator moves it.");
    }
    validateTag(key, value);
    ModelRow row = model(name, true);
    String before = repo.modelTag(row.modelId(), key).orElse(null);
    repo.setModelTag(row.modelId(), key, value);
    repo.updateModel(row.modelId(), name, row.description(), clock.millis());
    record(row.modelId(), name, null, "model.tag_set", key, before, value);
  }

  @Transactional
  public void deleteModelTag(String name, String key) {
    ModelRow row = model(name, true);
    String before =
        repo.modelTag(row.modelId(), key)
            .orElseThrow(
                () ->
                    KibanException.notFound(
                        "No tag with key '" + key + "' on registered model '" + name + "'"));
    repo.deleteModelTag(row.modelId(), key);
    record(row.modelId(), name, null, "model.tag_deleted", key, before, null);
  }

  @Transactional(readOnly = true)
  public Page<RegisteredModel> searchModels(
      String filter, Integer maxResults, List<String> orderBy, String pageToken) {
    int limit = Validation.maxResults(maxResults, DEFAULT_MODEL_RESULTS, MAX_MODEL_RESULTS);
    long offset = PageTokens.offset(pageToken);
    SqlParams q =
        new SqlParams()
            .append(
                "SELECT "
                    + RegistryRepository.MODEL_COLUMNS
                    + " FROM registered_model m"
                    + " WHERE 1 = 1");
    restrictToReadable(q);
    for (FilterClause c : SearchFilterParser.parseRegisteredModelFilter(filter)) {
      q.append(" AND ");
      if (c.type() == io.kiban.tracking.search.EntityType.TAG) {
        q.append(
            "EXISTS (SELECT 1 FROM registered_model_tag t WHERE t.model_id = m.model_id"
                + " AND t.tag_key = ? AND ",
            c.key());
        SqlPredicates.compare(q, "t.tag_value", c);
        q.append(")");
      } else {
        SqlPredicates.compare(q, "m.name", c);
      }
    }
    StringBuilder order = new StringBuilder();
    for (OrderClause o : SearchFilterParser.parseRegisteredModelOrderBy(orderBy)) {
      String column = o.key().equals("name") ? "m.name" : "m.last_updated_time";
      order.append(column).append(o.ascending() ? " ASC, " : " DESC, ");
    }
    q.append(" ORDER BY " + order + "m.name ASC LIMIT ? OFFSET ?", limit + 1, offset);
    List<ModelRow> rows = repo.models(q);
    String next = null;
    if (rows.size() > limit) {
      rows = rows.subList(0, limit);
      next = PageTokens.offsetToken(offset + limit);
    }
    return new Page<>(toModels(rows), next);
  }

  @Transactional(readOnly = true)
  public List<ModelVersion> latestVersions(String name, List<String> stages) {
    List<Stage> parsed = stages.stream().map(Stage::parse).toList();
    return repo.latestVersions(model(name, false).modelId(), parsed);
  }

  // --- model versions ---------------------------------------------------------------------

  @Transactional
  public ModelVersion createVersion(
      String name,
      String source,
      String runId,
      List<Tag> tags,
      String runLink,
      String description,
      String loggedModelId) {
    if (source == null || source.isBlank()) {
      throw KibanException.invalid("Missing value for required parameter 'source'.");
    }
    Validation.maxLength("source", source, 4096);
    Validation.maxLength("description", description, 5000);
    Validation.maxLength("run_link", runLink, 2048);
    if (runId != null && runId.length() > 32) {
      throw KibanException.invalid("Invalid run_id '" + runId + "'");
    }
    tags.forEach(t -> validateTag(t.key(), t.value()));
    String modelId = blankToNull(loggedModelId);
    if (modelId == null && source.startsWith(LOGGED_MODEL_SCHEME)) {
      modelId = source.substring(LOGGED_MODEL_SCHEME.length()).split("/")[0];
    }
    String runOfModel = null;
    if (modelId != null) {
      runOfModel = loggedModels.get(modelId).sourceRunId();
    }
    if ((runId == null || runId.isBlank()) && runOfModel != null) {
      runId = runOfModel;
    }
    ModelRow row = model(name, true);
    if (runId != null && !runId.isBlank() && runs.exists(runId)) {
      runs.authorize(runId, Permission.READ);
    }
    int version = row.nextVersion();
    long now = clock.millis();
    repo.insertVersion(
        row.modelId(),
        version,
        new RegistryRepository.VersionRow(
            now,
            description,
            actors.currentActor(),
            source,
            blankToNull(runId),
            blankToNull(runLink),
            blankToNull(loggedModelId)));
    repo.takeVersionNumber(row.modelId(), version, now);
    for (Tag t : tags) {
      repo.setVersionTag(row.modelId(), version, t.key(), t.value());
    }
    record(row.modelId(), name, version, "version.created", "source", null, source);
    return repo.version(row.modelId(), version).orElseThrow();
  }

  @Transactional(readOnly = true)
  public ModelVersion getVersion(String name, String version) {
    ModelRow row = model(name, false);
    return repo.version(row.modelId(), versionNumber(name, version))
        .orElseThrow(() -> missingVersion(name, version));
  }

  @Transactional
  public ModelVersion updateVersion(String name, String version, String description) {
    Validation.maxLength("description", description, 5000);
    ModelRow row = model(name, true);
    ModelVersion v = getVersion(name, version);
    int n = Integer.parseInt(v.version());
    repo.updateVersion(row.modelId(), n, description, v.currentStage(), clock.millis());
    record(
        row.modelId(),
        name,
        n,
        "version.description_set",
        "description",
        v.description(),
        description);
    return repo.version(row.modelId(), n).orElseThrow();
  }

  @Transactional
  public void deleteVersion(String name, String version) {
    ModelRow row = model(name, true);
    ModelVersion v = getVersion(name, version);
    for (String alias : v.aliases()) {
      guard.check(new Promotion(name, v.version(), Promotion.Kind.ALIAS, alias, true));
    }
    int n = Integer.parseInt(v.version());
    repo.deleteVersion(row.modelId(), n);
    for (String alias : v.aliases()) {
      record(row.modelId(), name, n, "alias.removed", alias, v.version(), null);
    }
    record(row.modelId(), name, n, "version.deleted", "stage", v.currentStage().wireName(), null);
  }

  /**
   * Moves a version to a stage after the guard agreed; with {@code archiveExisting}, other versions
   * in that stage (Staging or Production) move to Archived, each recorded.
   */
  @Transactional
  public ModelVersion transitionStage(
      String name, String version, String stage, boolean archiveExisting) {
    Stage target = Stage.parse(stage);
    ModelRow row = model(name, true);
    ModelVersion v = getVersion(name, version);
    if (target == Stage.PRODUCTION || v.currentStage() == Stage.PRODUCTION) {
      access.require(Permission.PROMOTE, row.workspace());
    }
    guard.check(new Promotion(name, v.version(), Promotion.Kind.STAGE, target.wireName()));
    long now = clock.millis();
    int n = Integer.parseInt(v.version());
    if (archiveExisting && (target == Stage.STAGING || target == Stage.PRODUCTION)) {
      for (ModelVersion other : versionsOf(row.modelId())) {
        if (!other.version().equals(v.version()) && other.currentStage() == target) {
          int o = Integer.parseInt(other.version());
          repo.updateVersion(row.modelId(), o, other.description(), Stage.ARCHIVED, now);
          record(
              row.modelId(),
              name,
              o,
              "version.stage_changed",
              "stage",
              target.wireName(),
              Stage.ARCHIVED.wireName());
        }
      }
    }
    repo.updateVersion(row.modelId(), n, v.description(), target, now);
    record(
        row.modelId(),
        name,
        n,
        "version.stage_changed",
        "stage",
        v.currentStage().wireName(),
        target.wireName());
    return repo.version(row.modelId(), n).orElseThrow();
  }

  /** Where the version's files are: the logged model's artifacts, or the source as given. */
  @Transactional(readOnly = true)
  public String downloadUri(String name, String version) {
    ModelVersion v = getVersion(name, version);
    if (v.loggedModelId() != null && v.source().startsWith(LOGGED_MODEL_SCHEME)) {
      return loggedModels.get(v.loggedModelId()).artifactUri();
    }
    return v.source();
  }

  @Transactional
  public void setVersionTag(String name, String version, String key, String value) {
    validateTag(key, value);
    ModelRow row = model(name, true);
    int n = Integer.parseInt(getVersion(name, version).version());
    String before = repo.versionTag(row.modelId(), n, key).orElse(null);
    repo.setVersionTag(row.modelId(), n, key, value);
    record(row.modelId(), name, n, "version.tag_set", key, before, value);
  }

  @Transactional
  public void deleteVersionTag(String name, String version, String key) {
    ModelRow row = model(name, true);
    int n = Integer.parseInt(getVersion(name, version).version());
    String before =
        repo.versionTag(row.modelId(), n, key)
            .orElseThrow(
                () ->
                    KibanException.notFound(
                        "No tag with key '" + key + "' on model version " + name + "/" + n));
    repo.deleteVersionTag(row.modelId(), n, key);
    record(row.modelId(), name, n, "version.tag_deleted", key, before, null);
  }

  @Transactional(readOnly = true)
  public Page<ModelVersion> searchVersions(
      String filter, Integer maxResults, List<String> orderBy, String pageToken) {
    int limit = Validation.maxResults(maxResults, DEFAULT_VERSION_RESULTS, MAX_VERSION_RESULTS);
    long offset = PageTokens.offset(pageToken);
    SqlParams q =
        new SqlParams()
            .append(
                "SELECT "
                    + RegistryRepository.VERSION_COLUMNS
                    + " FROM model_version v"
                    + " JOIN registered_model m ON m.model_id = v.model_id WHERE 1 = 1");
    restrictToReadable(q);
    for (FilterClause c : SearchFilterParser.parseModelVersionFilter(filter)) {
      q.append(" AND ");
      if (c.type() == io.kiban.tracking.search.EntityType.TAG) {
        q.append(
            "EXISTS (SELECT 1 FROM model_version_tag t WHERE t.model_id = v.model_id"
                + " AND t.version = v.version AND t.tag_key = ? AND ",
            c.key());
        SqlPredicates.compare(q, "t.tag_value", c);
        q.append(")");
      } else {
        String column =
            switch (c.key()) {
              case "name" -> "m.name";
              case "version_number" -> "v.version";
              case "run_id" -> "v.run_id";
              default -> "v.source";
            };
        SqlPredicates.compare(q, column, c);
      }
    }
    StringBuilder order = new StringBuilder();
    List<OrderClause> orders = SearchFilterParser.parseModelVersionOrderBy(orderBy);
    for (OrderClause o : orders) {
      String column =
          switch (o.key()) {
            case "name" -> "m.name";
            case "version_number" -> "v.version";
            case "creation_timestamp" -> "v.creation_time";
            default -> "v.last_updated_time";
          };
      order.append(column).append(o.ascending() ? " ASC, " : " DESC, ");
    }
    if (orders.isEmpty()) {
      order.append("v.last_updated_time DESC, ");
    }
    q.append(
        " ORDER BY " + order + "m.name ASC, v.version DESC LIMIT ? OFFSET ?", limit + 1, offset);
    List<ModelVersion> rows = repo.versions(q);
    String next = null;
    if (rows.size() > limit) {
      rows = rows.subList(0, limit);
      next = PageTokens.offsetToken(offset + limit);
    }
    return new Page<>(rows, next);
  }

  // --- aliases ------------------------------------------------------------------------------

  @Transactional
  public void setAlias(String name, String alias, String version) {
    validateAlias(alias);
    ModelRow row = model(name, true);
    ModelVersion v = getVersion(name, version);
    requirePromoteFor(alias, row);
    guard.check(new Promotion(name, v.version(), Promotion.Kind.ALIAS, alias));
    Integer before = repo.alias(row.modelId(), alias).orElse(null);
    int n = Integer.parseInt(v.version());
    if (before != null && before == n) {
      return;
    }
    repo.setAlias(row.modelId(), alias, n);
    repo.updateModel(row.modelId(), name, row.description(), clock.millis());
    record(
        row.modelId(),
        name,
        n,
        before == null ? "alias.set" : "alias.moved",
        alias,
        before == null ? null : String.valueOf(before),
        String.valueOf(n));
  }

  @Transactional
  public void deleteAlias(String name, String alias) {
    ModelRow row = model(name, true);
    Integer before =
        repo.alias(row.modelId(), alias)
            .orElseThrow(
                () ->
                    KibanException.notFound(
                        "Registered model alias " + alias + " not found for model " + name));
    requirePromoteFor(alias, row);
    guard.check(new Promotion(name, String.valueOf(before), Promotion.Kind.ALIAS, alias, true));
    repo.deleteAlias(row.modelId(), alias);
    record(row.modelId(), name, before, "alias.removed", alias, String.valueOf(before), null);
  }

  @Transactional(readOnly = true)
  public ModelVersion versionByAlias(String name, String alias) {
    ModelRow row = model(name, false);
    int n =
        repo.alias(row.modelId(), alias)
            .orElseThrow(
                () ->
                    KibanException.notFound(
                        "Registered model alias " + alias + " not found for model " + name));
    return repo.version(row.modelId(), n).orElseThrow();
  }

  // --- model card sections written by people ---------------------------------------------

  /** The written sections of a version's model card, by section id. */
  @Transactional(readOnly = true)
  public Map<String, String> cardSections(String name, String version) {
    ModelRow row = model(name, false);
    int n = Integer.parseInt(getVersion(name, version).version());
    return repo.cardSections(row.modelId(), n);
  }

  @Transactional
  public void setCardSection(String name, String version, String section, String body) {
    if (body == null) {
      throw KibanException.invalid("Missing value for required parameter 'text'.");
    }
    Validation.maxLength("Model card section text", body, 20_000);
    ModelRow row = model(name, true);
    int n = Integer.parseInt(getVersion(name, version).version());
    String before = repo.cardSections(row.modelId(), n).get(section);
    repo.setCardSection(row.modelId(), n, section, body, clock.millis(), actors.currentActor());
    record(row.modelId(), name, n, "card.section_set", section, before, body);
  }

  // --- history ------------------------------------------------------------------------------

  /** Every recorded change of the model (by its current or any earlier name), oldest first. */
  @Transactional(readOnly = true)
  public List<RegistryEvent> history(String name, Integer version) {
    Optional<ModelRow> current = name == null ? Optional.empty() : repo.model(name, false);
    if (current.isPresent()) {
      access.require(Permission.READ, current.get().workspace());
    } else {
      access.requireGlobal(Permission.READ);
    }
    SqlParams q =
        new SqlParams()
            .append(
                "SELECT event_id, model_name, version, occurred_at, actor, action, subject,"
                    + " before_value, after_value FROM registry_event WHERE model_id IN"
                    + " (SELECT DISTINCT model_id FROM registry_event WHERE model_name = ?)",
                name);
    if (version != null) {
      q.append(" AND version = ?", version);
    }
    q.append(" ORDER BY event_id");
    List<RegistryEvent> events = repo.events(q);
    if (events.isEmpty()) {
      throw KibanException.notFound("No history for registered model '" + name + "'");
    }
    return events;
  }

  /** What the model looked like at a moment: alias targets and the versions in each stage. */
  public record StateAt(long at, Map<String, String> aliases, Map<String, List<String>> stages) {}

  @Transactional(readOnly = true)
  public StateAt stateAt(String name, long at) {
    Map<String, String> aliases = new java.util.TreeMap<>();
    Map<Integer, String> stageOf = new java.util.TreeMap<>();
    for (RegistryEvent e : history(name, null)) {
      if (e.occurredAt() > at) {
        break;
      }
      switch (e.action()) {
        case "alias.set", "alias.moved" -> aliases.put(e.subject(), e.after());
        case "alias.removed" -> aliases.remove(e.subject());
        case "version.created" -> stageOf.put(e.version(), Stage.NONE.wireName());
        case "version.stage_changed" -> stageOf.put(e.version(), e.after());
        case "version.deleted" -> stageOf.remove(e.version());
        case "model.deleted" -> {
          aliases.clear();
          stageOf.clear();
        }
        default -> {}
      }
    }
    Map<String, List<String>> stages = new java.util.TreeMap<>();
    stageOf.forEach(
        (v, s) -> stages.computeIfAbsent(s, k -> new ArrayList<>()).add(String.valueOf(v)));
    return new StateAt(at, aliases, stages);
  }

  // --- helpers ------------------------------------------------------------------------------

  private void record(
      long modelId,
      String name,
      Integer version,
      String action,
      String subject,
      String before,
      String after) {
    repo.insertEvent(
        modelId,
        name,
        version,
        clock.millis(),
        actors.currentActor(),
        action,
        subject,
        before,
        after);
    audit.record(
        "registry." + action,
        version == null ? "registered_model" : "model_version",
        version == null ? name : name + "/" + version,
        JsonText.object("subject", subject, "before", before, "after", after));
    java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("model", name);
    data.put("version", version == null ? null : String.valueOf(version));
    data.put("subject", subject);
    data.put("before", before);
    data.put("after", after);
    data.put("actor", actors.currentActor());
    notifier.publish(
        "registry." + action,
        version == null ? "registered_model:" + name : "model_version:" + name + "/" + version,
        "Registered model "
            + name
            + (version == null ? "" : " version " + version)
            + ": "
            + action
            + (subject == null ? "" : " " + subject)
            + (after == null ? "" : " -> " + after),
        data);
  }

  /** The model; READ on its workspace to look, REGISTER to change (when locked). */
  private ModelRow model(String name, boolean lock) {
    if (name == null || name.isEmpty()) {
      throw KibanException.invalid("Missing value for required parameter 'name'.");
    }
    ModelRow row =
        repo.model(name, lock)
            .orElseThrow(
                () -> KibanException.notFound("Registered Model with name=" + name + " not found"));
    access.require(lock ? Permission.REGISTER : Permission.READ, row.workspace());
    return row;
  }

  /** Production aliases (configured names) need the promote permission, others register. */
  private void requirePromoteFor(String alias, ModelRow row) {
    if (alias != null && productionAliases.contains(alias.toLowerCase(java.util.Locale.ROOT))) {
      access.require(Permission.PROMOTE, row.workspace());
    }
  }

  /** Whether the alias is one of the configured production aliases. */
  public boolean isProductionAlias(String alias) {
    return alias != null && productionAliases.contains(alias.toLowerCase(java.util.Locale.ROOT));
  }

  private void restrictToReadable(SqlParams q) {
    WorkspaceScope scope = access.readable();
    if (scope.unrestricted()) {
      return;
    }
    if (scope.empty()) {
      q.append(" AND 1 = 0");
    } else {
      q.append(" AND m.workspace IN ").inList(scope.workspaces());
    }
  }

  private List<ModelVersion> versionsOf(long modelId) {
    return repo.versions(
        new SqlParams()
            .append(
                "SELECT "
                    + RegistryRepository.VERSION_COLUMNS
                    + " FROM model_version v"
                    + " JOIN registered_model m ON m.model_id = v.model_id WHERE v.model_id = ?"
                    + " ORDER BY v.version",
                modelId));
  }

  private List<RegisteredModel> toModels(List<ModelRow> rows) {
    List<Long> ids = rows.stream().map(ModelRow::modelId).toList();
    Map<Long, List<Tag>> tags = repo.modelTags(ids);
    Map<Long, List<ModelAlias>> aliases = repo.aliases(ids);
    List<RegisteredModel> out = new ArrayList<>(rows.size());
    for (ModelRow r : rows) {
      out.add(
          new RegisteredModel(
              r.name(),
              r.creationTime(),
              r.lastUpdatedTime(),
              r.description(),
              r.userId(),
              tags.getOrDefault(r.modelId(), List.of()),
              aliases.getOrDefault(r.modelId(), List.of()),
              repo.latestVersions(r.modelId(), List.of()),
              r.workspace()));
    }
    return out;
  }

  private static int versionNumber(String name, String version) {
    try {
      int n = Integer.parseInt(Objects.requireNonNull(version).strip());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException | NullPointerException e) {
      throw KibanException.invalid(
          "Invalid model version '" + version + "' for model '" + name + "': a positive integer");
    }
  }

  private static KibanException missingVersion(String name, String version) {
    return KibanException.notFound(
        "Model Version (name=" + name + ", version=" + version + ") not found");
  }

  private static KibanException duplicate(String name) {
    return KibanException.alreadyExists("Registered Model (name=" + name + ") already exists.");
  }

  private static void validateName(String name) {
    if (name == null || name.isBlank()) {
      throw KibanException.invalid("Missing value for required parameter 'name'.");
    }
    Validation.maxLength("Registered model name", name, 256);
    if (name.contains("/") || name.contains(":") || name.contains("%")) {
      throw KibanException.invalid(
          "Invalid name '" + name + "': registered model names may not contain '/', ':' or '%'");
    }
  }

  private static void validateTag(String key, String value) {
    Validation.key("tag", key);
    if (value == null) {
      throw KibanException.invalid("Missing value for required parameter 'value'.");
    }
    Validation.maxLength("Tag value", value, MAX_TAG_VALUE);
  }

  private static void validateAlias(String alias) {
    if (alias == null || !ALIAS.matcher(alias).matches()) {
      throw KibanException.invalid(
          "Invalid alias name '" + alias + "': an alias is 1 to 255 letters, digits, '_' or '-'");
    }
    if (RESERVED_ALIAS.matcher(alias).matches()) {
      throw new KibanException(
          ErrorCode.INVALID_PARAMETER_VALUE,
          "'"
              + alias
              + "' is reserved and cannot be used as an alias: 'latest' and 'v<number>'"
              + " refer to versions already");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
