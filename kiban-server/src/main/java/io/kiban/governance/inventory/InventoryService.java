package io.kiban.governance.inventory;

import io.kiban.audit.AuditLog;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.identity.WorkspaceScope;
import io.kiban.identity.WorkspaceService;
import io.kiban.platform.db.SqlParams;
import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import io.kiban.registry.ModelVersion;
import io.kiban.registry.RegisteredModel;
import io.kiban.registry.RegistryService;
import io.kiban.registry.Stage;
import io.kiban.tracking.RunInfo;
import io.kiban.tracking.RunService;
import io.kiban.tracking.TrackingLineage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The AI inventory: use cases with their owners, classification facts and data residency, wired to
 * the registry (linked models, versions in production) and tracking (runs, datasets). Reading needs
 * READ in the use case's workspace, changing needs GOVERN there. Every change is audited and
 * re-evaluates the data-residency rules.
 */
@Service
public class InventoryService {

  /** Registered-model tag that links a model to a use case from training code. */
  public static final String USE_CASE_TAG = "kiban.use_case";

  static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

  /** A model linked explicitly or by tag, with the versions it has in production. */
  public record ModelLink(
      String name,
      String linkedBy,
      boolean available,
      List<String> productionVersions,
      Map<String, String> aliases) {}

  /** A run behind a version of a linked model. */
  public record RunLink(String runId, String runName, String model, String version) {}

  /** A dataset linked explicitly or used by those runs. */
  public record DatasetLink(long datasetId, String name, String digest, String linkedBy) {}

  /** Everything the use case page shows. */
  public record Detail(
      UseCase useCase,
      Vendor vendor,
      List<ModelLink> models,
      List<RunLink> runs,
      List<DatasetLink> datasets,
      List<ResidencyFinding> findings) {}

  private final InventoryRepository repo;
  private final ResidencyPolicy residency;
  private final AccessControl access;
  private final WorkspaceService workspaces;
  private final RegistryService registry;
  private final RunService runs;
  private final TrackingLineage lineage;
  private final AuditLog audit;
  private final Clock clock;
  private final StageGuard stageGuard;

  public InventoryService(
      InventoryRepository repo,
      ResidencyPolicy residency,
      AccessControl access,
      WorkspaceService workspaces,
      RegistryService registry,
      RunService runs,
      TrackingLineage lineage,
      AuditLog audit,
      Clock clock,
      StageGuard stageGuard) {
    this.stageGuard = stageGuard;
    this.repo = repo;
    this.residency = residency;
    this.access = access;
    this.workspaces = workspaces;
    this.registry = registry;
    this.runs = runs;
    this.lineage = lineage;
    this.audit = audit;
    this.clock = clock;
  }

  // --- reading

  /**
   * Use cases the caller may read, optionally narrowed by lifecycle stage, workspace and a text
   * that matches key, names, owner or department.
   */
  @Transactional(readOnly = true)
  public List<UseCase> list(String stage, String workspace, String text) {
    SqlParams q = new SqlParams().append("SELECT " + InventoryRepository.USE_CASE_COLUMNS);
    q.append(" FROM use_case u WHERE 1 = 1");
    WorkspaceScope scope = access.readable();
    if (!scope.unrestricted()) {
      if (scope.empty()) {
        return List.of();
      }
      q.append(" AND u.workspace IN ").inList(scope.workspaces());
    }
    if (stage != null && !stage.isBlank()) {
      q.append(" AND u.lifecycle_stage = ?", Codes.one("stage", stage, Codes.STAGES));
    }
    if (workspace != null && !workspace.isBlank()) {
      q.append(" AND u.workspace = ?", workspace.strip());
    }
    if (text != null && !text.isBlank()) {
      String like = "%" + text.strip().toLowerCase(Locale.ROOT) + "%";
      q.append(
          " AND (LOWER(u.use_case_key) LIKE ? OR LOWER(u.name_ja) LIKE ? OR LOWER(u.name_en)"
              + " LIKE ? OR LOWER(COALESCE(u.business_owner, '')) LIKE ?"
              + " OR LOWER(COALESCE(u.department, '')) LIKE ?)",
          like,
          like,
          like,
          like,
          like);
    }
    q.append(" ORDER BY u.use_case_key");
    return repo.query(q);
  }

  /** Whether a use case with this key exists, whoever may see it. */
  @Transactional(readOnly = true)
  public boolean exists(String key) {
    return key != null && repo.find(key.strip(), false).isPresent();
  }

  @Transactional(readOnly = true)
  public UseCase get(String key) {
    UseCase useCase = existing(key, false);
    access.require(Permission.READ, useCase.data().workspace());
    return useCase;
  }

  /** The use case with its models, versions in production, runs, datasets and open findings. */
  @Transactional(readOnly = true)
  public Detail detail(String key) {
    UseCase useCase = get(key);
    Vendor vendor =
        useCase.data().vendorId() == null
            ? null
            : repo.vendor(useCase.data().vendorId()).orElse(null);
    Map<String, String> linkedBy = new LinkedHashMap<>();
    repo.linkedModels(useCase.key()).forEach(m -> linkedBy.put(m, "link"));
    for (RegisteredModel tagged : taggedModels(useCase.key())) {
      linkedBy.merge(tagged.name(), "tag", (a, b) -> a + "+" + b);
    }
    List<ModelLink> models = new ArrayList<>();
    List<RunLink> runLinks = new ArrayList<>();
    Set<Long> datasetIds = new LinkedHashSet<>();
    Map<Long, String> datasetOrigin = new LinkedHashMap<>();
    repo.linkedDatasets(useCase.key()).forEach(d -> datasetOrigin.put(d, "link"));
    for (Map.Entry<String, String> entry : linkedBy.entrySet()) {
      RegisteredModel model;
      try {
        model = registry.getModel(entry.getKey());
      } catch (KibanException gone) {
        models.add(new ModelLink(entry.getKey(), entry.getValue(), false, List.of(), Map.of()));
        continue;
      }
      Map<String, String> aliases = new LinkedHashMap<>();
      Set<String> production = new LinkedHashSet<>();
      model.aliases().forEach(a -> aliases.put(a.alias(), a.version()));
      model.aliases().stream()
          .filter(a -> registry.isProductionAlias(a.alias()))
          .forEach(a -> production.add(a.version()));
      model.latestVersions().stream()
          .filter(v -> v.currentStage() == Stage.PRODUCTION)
          .forEach(v -> production.add(v.version()));
      models.add(
          new ModelLink(model.name(), entry.getValue(), true, List.copyOf(production), aliases));
      for (ModelVersion v :
          registry
              .searchVersions(
                  "name = '" + model.name().replace("'", "''") + "'", 1000, List.of(), null)
              .items()) {
        if (v.runId() == null) {
          continue;
        }
        try {
          RunInfo run = runs.getInfo(v.runId());
          runLinks.add(new RunLink(run.runId(), run.runName(), model.name(), v.version()));
          for (Long d : lineage.datasetsOfRun(run.runId())) {
            datasetOrigin.putIfAbsent(d, "run");
          }
        } catch (KibanException unreadable) {
          // A run the caller may not read, or one that is gone, is left out.
        }
      }
    }
    datasetIds.addAll(datasetOrigin.keySet());
    List<DatasetLink> datasets = new ArrayList<>();
    for (Long id : datasetIds) {
      lineage
          .dataset(id)
          .ifPresent(
              n ->
                  datasets.add(
                      new DatasetLink(
                          id, n.label(), n.attributes().get("digest"), datasetOrigin.get(id))));
    }
    return new Detail(
        useCase, vendor, models, runLinks, datasets, repo.openFindings(useCase.key()));
  }

  private List<RegisteredModel> taggedModels(String key) {
    return registry
        .searchModels(
            "tags.`" + USE_CASE_TAG + "` = '" + key.replace("'", "''") + "'", 1000, List.of(), null)
        .items();
  }

  /**
   * The use cases a registered model belongs to: linked by hand, or by its kiban.use_case tag. No
   * permission check: gates use it on the promoter's behalf.
   */
  @Transactional(readOnly = true)
  public List<UseCase> useCasesOfModel(RegisteredModel model) {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(repo.useCasesLinkedTo(model.name()));
    model.tags().stream()
        .filter(t -> USE_CASE_TAG.equals(t.key()))
        .forEach(t -> keys.add(t.value().strip()));
    List<UseCase> out = new ArrayList<>();
    for (String key : keys) {
      repo.find(key, false).ifPresent(out::add);
    }
    return out;
  }

  /** Open data-residency findings of the use cases the caller may read. */
  @Transactional(readOnly = true)
  public List<ResidencyFinding> openFindings() {
    SqlParams q =
        new SqlParams()
            .append(
                "SELECT f.finding_id, f.use_case_key, f.rule_id, f.detail, f.opened_at,"
                    + " f.resolved_at FROM residency_finding f JOIN use_case u"
                    + " ON u.use_case_key = f.use_case_key WHERE f.resolved_at IS NULL");
    WorkspaceScope scope = access.readable();
    if (!scope.unrestricted()) {
      if (scope.empty()) {
        return List.of();
      }
      q.append(" AND u.workspace IN ").inList(scope.workspaces());
    }
    q.append(" ORDER BY f.use_case_key, f.finding_id");
    return repo.findings(q);
  }

  // --- changing

  @Transactional
  public UseCase create(UseCaseData input) {
    UseCaseData data = validate(input, null);
    access.require(Permission.GOVERN, data.workspace());
    if (repo.find(data.key(), false).isPresent()) {
      throw KibanException.alreadyExists("Use case '" + data.key() + "' already exists.");
    }
    repo.insert(data, clock.millis(), access.current().username());
    audit.record(
        "use_case.created",
        "use_case",
        data.key(),
        JsonText.object("workspace", data.workspace(), "name_en", data.nameEn()));
    evaluate(data);
    return repo.find(data.key(), false).orElseThrow();
  }

  @Transactional
  public UseCase update(String key, UseCaseData input) {
    UseCase before = existing(key, true);
    access.require(Permission.GOVERN, before.data().workspace());
    UseCaseData data = validate(input, before.key());
    if (!data.workspace().equals(before.data().workspace())) {
      access.require(Permission.GOVERN, data.workspace());
    }
    if (!data.lifecycleStage().equals(before.data().lifecycleStage())) {
      stageGuard.check(before, data.lifecycleStage());
    }
    repo.update(data, clock.millis());
    audit.record(
        "use_case.updated",
        "use_case",
        key,
        JsonText.object("changes", changes(before.data(), data)));
    evaluate(data);
    return repo.find(key, false).orElseThrow();
  }

  @Transactional
  public void linkModel(String key, String modelName) {
    UseCase useCase = forChange(key);
    registry.getModel(modelName);
    if (repo.linkModel(useCase.key(), modelName, clock.millis(), access.current().username())) {
      audit.record("use_case.model_linked", "use_case", key, JsonText.object("model", modelName));
    }
  }

  @Transactional
  public void unlinkModel(String key, String modelName) {
    forChange(key);
    if (repo.unlinkModel(key, modelName) == 0) {
      throw KibanException.notFound(
          "Model '"
              + modelName
              + "' is not linked to use case '"
              + key
              + "' (a model linked by"
              + " its "
              + USE_CASE_TAG
              + " tag is unlinked by removing the tag).");
    }
    audit.record("use_case.model_unlinked", "use_case", key, JsonText.object("model", modelName));
  }

  @Transactional
  public void linkDataset(String key, long datasetId) {
    forChange(key);
    if (lineage.dataset(datasetId).isEmpty()) {
      throw KibanException.notFound("Dataset " + datasetId + " does not exist.");
    }
    if (repo.linkDataset(key, datasetId, clock.millis(), access.current().username())) {
      audit.record(
          "use_case.dataset_linked",
          "use_case",
          key,
          JsonText.object("dataset_id", String.valueOf(datasetId)));
    }
  }

  @Transactional
  public void unlinkDataset(String key, long datasetId) {
    forChange(key);
    if (repo.unlinkDataset(key, datasetId) == 0) {
      throw KibanException.notFound("Dataset " + datasetId + " is not linked to '" + key + "'.");
    }
    audit.record(
        "use_case.dataset_unlinked",
        "use_case",
        key,
        JsonText.object("dataset_id", String.valueOf(datasetId)));
  }

  /** Re-evaluates the residency rules of every use case of a vendor (after a vendor change). */
  void reevaluateVendor(long vendorId) {
    for (String key : repo.useCasesOfVendor(vendorId)) {
      repo.find(key, false).ifPresent(u -> evaluate(u.data()));
    }
  }

  /** Opens findings for newly broken rules and resolves those no longer broken. */
  private void evaluate(UseCaseData data) {
    Vendor vendor = data.vendorId() == null ? null : repo.vendor(data.vendorId()).orElse(null);
    List<ResidencyPolicy.Violation> violations = residency.evaluate(data, vendor);
    long now = clock.millis();
    List<ResidencyFinding> open = repo.openFindings(data.key());
    for (ResidencyFinding f : open) {
      boolean stillBroken =
          violations.stream()
              .anyMatch(v -> v.ruleId().equals(f.ruleId()) && v.detail().equals(f.detail()));
      if (!stillBroken) {
        repo.resolveFinding(f.findingId(), now);
        audit.record(
            "residency.finding_resolved",
            "use_case",
            data.key(),
            JsonText.object("rule", f.ruleId()));
      }
    }
    for (ResidencyPolicy.Violation v : violations) {
      boolean known =
          open.stream()
              .anyMatch(f -> f.ruleId().equals(v.ruleId()) && f.detail().equals(v.detail()));
      if (!known) {
        repo.openFinding(data.key(), v.ruleId(), v.detail(), now);
        audit.record(
            "residency.finding_opened",
            "use_case",
            data.key(),
            JsonText.object("rule", v.ruleId(), "detail", v.detail()));
      }
    }
  }

  private UseCase forChange(String key) {
    UseCase useCase = existing(key, true);
    access.require(Permission.GOVERN, useCase.data().workspace());
    return useCase;
  }

  private UseCase existing(String key, boolean lock) {
    if (key == null || key.isBlank()) {
      throw KibanException.invalid("A use case key is required.");
    }
    return repo.find(key.strip(), lock)
        .orElseThrow(() -> KibanException.notFound("Use case '" + key + "' does not exist."));
  }

  /** Checks and normalises every field; {@code fixedKey} is the key of an existing use case. */
  UseCaseData validate(UseCaseData in, String fixedKey) {
    if (in == null) {
      throw KibanException.invalid("A use case is required.");
    }
    String key = fixedKey != null ? fixedKey : in.key() == null ? null : in.key().strip();
    if (fixedKey != null
        && in.key() != null
        && !in.key().isBlank()
        && !in.key().strip().equals(fixedKey)) {
      throw KibanException.invalid("The key of a use case cannot change ('" + fixedKey + "').");
    }
    if (key == null
        || !KEY.matcher(key).matches()
        || key.equals("export")
        || key.equals("import")) {
      throw KibanException.invalid(
          "'key' must be 1 to 32 letters, digits, '-' or '_' (for example UC-12).");
    }
    String workspace =
        in.workspace() == null || in.workspace().isBlank()
            ? access.defaultWorkspace(Permission.GOVERN)
            : in.workspace().strip();
    workspaces.requireExists(workspace);
    String sourcing = Codes.one("sourcing", in.sourcing(), Codes.SOURCING);
    Long vendorId = in.vendorId();
    if (vendorId != null && repo.vendor(vendorId).isEmpty()) {
      throw KibanException.invalid("Vendor " + vendorId + " does not exist.");
    }
    if (!"in_house".equals(sourcing) && vendorId == null) {
      throw KibanException.invalid(
          "A use case sourced as '" + sourcing + "' needs its vendor ('vendor_id').");
    }
    String processing = Codes.one("processing_location", in.processingLocation(), Codes.LOCATIONS);
    String storage = Codes.one("storage_location", in.storageLocation(), Codes.LOCATIONS);
    List<String> overseas = Codes.countries("overseas_countries", in.overseasCountries());
    if ((processing.equals("overseas") || storage.equals("overseas")) && overseas.isEmpty()) {
      throw KibanException.invalid(
          "Data stored or processed overseas needs the countries ('overseas_countries').");
    }
    return new UseCaseData(
        key,
        workspace,
        Codes.required("name_ja", in.nameJa(), 256),
        Codes.required("name_en", in.nameEn(), 256),
        Codes.text("purpose_ja", in.purposeJa(), 4000),
        Codes.text("purpose_en", in.purposeEn(), 4000),
        Codes.text("business_owner", in.businessOwner(), 256),
        Codes.text("accountable_executive", in.accountableExecutive(), 256),
        Codes.text("department", in.department(), 256),
        Codes.one("lifecycle_stage", in.lifecycleStage(), Codes.STAGES),
        Codes.one("ai_type", in.aiType(), Codes.AI_TYPES),
        sourcing,
        vendorId,
        Codes.many("eu_roles", in.euRoles(), Codes.EU_ROLES),
        Codes.countries("geographies", in.geographies()),
        in.affectedGroups().stream()
            .map(g -> Codes.text("affected_groups", g, 256))
            .filter(Objects::nonNull)
            .distinct()
            .toList(),
        Codes.one("decision_autonomy", in.decisionAutonomy(), Codes.AUTONOMY),
        Codes.text("human_oversight", in.humanOversight(), 4000),
        Codes.many("data_categories", in.dataCategories(), Codes.DATA_CATEGORIES),
        storage,
        processing,
        overseas);
  }

  private static String changes(UseCaseData a, UseCaseData b) {
    List<String> changed = new ArrayList<>();
    var components = UseCaseData.class.getRecordComponents();
    for (var c : components) {
      try {
        Object x = c.getAccessor().invoke(a);
        Object y = c.getAccessor().invoke(b);
        if (!Objects.equals(x, y)) {
          changed.add(c.getName() + ": " + x + " -> " + y);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join("; ", changed);
  }

  static KibanException denied(String message) {
    return new KibanException(ErrorCode.PERMISSION_DENIED, message);
  }
}
