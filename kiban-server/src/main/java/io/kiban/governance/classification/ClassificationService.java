package io.kiban.governance.classification;

import io.kiban.audit.AuditLog;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.UseCase;
import io.kiban.governance.inventory.UseCaseData;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Classifications of use cases, kept immutably per submission: the EU AI Act tier from the
 * questionnaire (with the use case's EU AI Act roles), and the organisation's own tier from its
 * versioned criteria. Reading needs READ in the use case's workspace, classifying GOVERN; changing
 * the criteria needs GOVERN in all workspaces.
 */
@Service
public class ClassificationService {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** A stored EU AI Act classification. */
  public record Classification(
      long id,
      String useCase,
      String questionnaire,
      Map<String, Object> answers,
      EuAiActClassifier.Result result,
      long submittedAt,
      String submittedBy) {}

  /** A stored internal tier evaluation. */
  public record InternalTier(
      long id,
      String useCase,
      Long criteriaVersion,
      String tier,
      String ruleId,
      String ruleJa,
      String ruleEn,
      Map<String, List<String>> facts,
      long evaluatedAt,
      String evaluatedBy) {}

  /** A version of the criteria; version 0 is the shipped default. */
  public record CriteriaVersion(long version, String definition, TierCriteria criteria) {}

  private final JdbcClient jdbc;
  private final InventoryService inventory;
  private final AccessControl access;
  private final AuditLog audit;
  private final Clock clock;

  public ClassificationService(
      JdbcClient jdbc,
      InventoryService inventory,
      AccessControl access,
      AuditLog audit,
      Clock clock) {
    this.jdbc = jdbc;
    this.inventory = inventory;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  // --- EU AI Act

  @Transactional
  public Classification classify(String useCaseKey, Map<String, Object> answers) {
    UseCase uc = inventory.get(useCaseKey);
    access.require(Permission.GOVERN, uc.data().workspace());
    if (answers == null) {
      throw KibanException.invalid("The answers are required.");
    }
    EuAiActClassifier.Result result = EuAiActClassifier.classify(answers, uc.data().euRoles());
    long now = clock.millis();
    String answersJson = JSON.writeValueAsString(answers);
    if (answersJson.length() > 8000) {
      throw KibanException.invalid("The answers are too long.");
    }
    jdbc.sql(
            "INSERT INTO classification (use_case_key, questionnaire, answers, tier, result,"
                + " submitted_at, submitted_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            uc.key(),
            EuAiActQuestionnaire.VERSION,
            answersJson,
            result.tier().name(),
            JSON.writeValueAsString(result),
            now,
            access.current().username())
        .update();
    audit.record(
        "classification.submitted",
        "use_case",
        uc.key(),
        JsonText.object(
            "tier", result.tier().name(), "triggers", String.join(",", result.triggers())));
    return history(uc.key()).get(0);
  }

  /** Every classification of the use case, newest first. */
  @Transactional(readOnly = true)
  public List<Classification> history(String useCaseKey) {
    UseCase uc = inventory.get(useCaseKey);
    return jdbc.sql(
            "SELECT classification_id, use_case_key, questionnaire, answers, result, submitted_at,"
                + " submitted_by FROM classification WHERE use_case_key = ?"
                + " ORDER BY classification_id DESC")
        .param(uc.key())
        .query(
            (rs, i) ->
                new Classification(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    JSON.readValue(rs.getString(4), new TypeReference<Map<String, Object>>() {}),
                    JSON.readValue(rs.getString(5), EuAiActClassifier.Result.class),
                    rs.getLong(6),
                    rs.getString(7)))
        .list();
  }

  @Transactional(readOnly = true)
  public Optional<Classification> current(String useCaseKey) {
    return history(useCaseKey).stream().findFirst();
  }

  // --- internal tier

  @Transactional(readOnly = true)
  public CriteriaVersion criteria() {
    return jdbc.sql("SELECT version, definition FROM tier_criteria ORDER BY version DESC LIMIT 1")
        .query(
            (rs, i) ->
                new CriteriaVersion(
                    rs.getLong(1), rs.getString(2), TierCriteria.parse(rs.getString(2))))
        .optional()
        .orElseGet(
            () ->
                new CriteriaVersion(
                    0, TierCriteria.DEFAULT, TierCriteria.parse(TierCriteria.DEFAULT)));
  }

  /** Stores a new version of the criteria; an invalid one is refused and the current stays. */
  @Transactional
  public CriteriaVersion setCriteria(String definition) {
    access.requireGlobal(Permission.GOVERN);
    TierCriteria.parse(definition);
    if (definition.length() > 20000) {
      throw KibanException.invalid("The criteria are longer than 20,000 characters.");
    }
    jdbc.sql("INSERT INTO tier_criteria (definition, created_at, created_by) VALUES (?, ?, ?)")
        .params(definition, clock.millis(), access.current().username())
        .update();
    CriteriaVersion stored = criteria();
    audit.record(
        "tier_criteria.created",
        "tier_criteria",
        String.valueOf(stored.version()),
        JsonText.object("rules", String.valueOf(stored.criteria().rules().size())));
    return stored;
  }

  /** Evaluates the use case against the current criteria and stores the result. */
  @Transactional
  public InternalTier evaluateInternalTier(String useCaseKey) {
    UseCase uc = inventory.get(useCaseKey);
    access.require(Permission.GOVERN, uc.data().workspace());
    CriteriaVersion criteria = criteria();
    Map<String, List<String>> facts = facts(uc.data(), current(uc.key()));
    TierCriteria.Rule rule = criteria.criteria().evaluate(facts);
    String rationale =
        JSON.writeValueAsString(Map.of("facts", facts, "ja", rule.ja(), "en", rule.en()));
    jdbc.sql(
            "INSERT INTO internal_tier (use_case_key, criteria_version, tier, rule_id, rationale,"
                + " evaluated_at, evaluated_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            uc.key(),
            criteria.version() == 0 ? null : criteria.version(),
            rule.tier(),
            rule.id(),
            rationale,
            clock.millis(),
            access.current().username())
        .update();
    audit.record(
        "internal_tier.evaluated",
        "use_case",
        uc.key(),
        JsonText.object("tier", rule.tier(), "rule", rule.id()));
    return internalTiers(uc.key()).get(0);
  }

  @Transactional(readOnly = true)
  public List<InternalTier> internalTiers(String useCaseKey) {
    UseCase uc = inventory.get(useCaseKey);
    return jdbc.sql(
            "SELECT evaluation_id, use_case_key, criteria_version, tier, rule_id, rationale,"
                + " evaluated_at, evaluated_by FROM internal_tier WHERE use_case_key = ?"
                + " ORDER BY evaluation_id DESC")
        .param(uc.key())
        .query(
            (rs, i) -> {
              long v = rs.getLong(3);
              Long version = rs.wasNull() ? null : v;
              Map<String, Object> rationale =
                  JSON.readValue(rs.getString(6), new TypeReference<Map<String, Object>>() {});
              @SuppressWarnings("unchecked")
              Map<String, List<String>> facts = (Map<String, List<String>>) rationale.get("facts");
              return new InternalTier(
                  rs.getLong(1),
                  rs.getString(2),
                  version,
                  rs.getString(4),
                  rs.getString(5),
                  (String) rationale.get("ja"),
                  (String) rationale.get("en"),
                  facts,
                  rs.getLong(7),
                  rs.getString(8));
            })
        .list();
  }

  static Map<String, List<String>> facts(UseCaseData d, Optional<Classification> eu) {
    Map<String, List<String>> facts = new LinkedHashMap<>();
    facts.put("eu_tier", List.of(eu.map(c -> c.result().tier().name()).orElse("UNCLASSIFIED")));
    facts.put("data_categories", d.dataCategories());
    facts.put("decision_autonomy", List.of(d.decisionAutonomy()));
    facts.put("ai_type", List.of(d.aiType()));
    facts.put("sourcing", List.of(d.sourcing()));
    facts.put("lifecycle_stage", List.of(d.lifecycleStage()));
    return facts;
  }
}
