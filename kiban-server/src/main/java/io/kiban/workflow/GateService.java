package io.kiban.workflow;

import io.kiban.audit.AuditLog;
import io.kiban.governance.assessment.AssessmentService;
import io.kiban.governance.classification.ClassificationService;
import io.kiban.governance.inventory.UseCase;
import io.kiban.governance.risk.Risk;
import io.kiban.governance.risk.RiskService;
import io.kiban.governance.soa.SoaService;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import io.kiban.registry.ModelCardService;
import io.kiban.registry.ModelVersion;
import io.kiban.registry.RegistryService;
import io.kiban.tracking.Metric;
import io.kiban.tracking.RunService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gates: the policy in force, and the evaluation of a model promotion or a use case stage change
 * against it. Every evaluation is stored with each criterion's verdict and reason. Criteria are
 * evaluated with Kiban's own rights, so the answer does not depend on what the person promoting may
 * read.
 */
@Service
public class GateService {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One criterion's verdict. */
  public record CriterionResult(String gate, String criterion, boolean passed, String reason) {}

  /** A stored evaluation. */
  public record Evaluation(
      long id,
      String kind,
      String subject,
      String useCase,
      Long policyVersion,
      boolean passed,
      List<CriterionResult> criteria,
      long evaluatedAt,
      String evaluatedBy) {}

  /** The policy in force: its version (0 for the shipped default) and text. */
  public record PolicyVersion(long version, String text, Policy policy) {}

  private final JdbcClient jdbc;
  private final AccessControl access;
  private final ClassificationService classifications;
  private final AssessmentService assessments;
  private final RiskService risks;
  private final SoaService soa;
  private final RegistryService registry;
  private final ModelCardService cards;
  private final RunService runs;
  private final AuditLog audit;
  private final Clock clock;
  private final io.kiban.notify.Notifier notifier;
  private final ApprovalService approvals;
  private final IncidentService incidents;

  public GateService(
      JdbcClient jdbc,
      AccessControl access,
      ClassificationService classifications,
      AssessmentService assessments,
      RiskService risks,
      SoaService soa,
      RegistryService registry,
      ModelCardService cards,
      RunService runs,
      AuditLog audit,
      Clock clock,
      io.kiban.notify.Notifier notifier,
      @org.springframework.context.annotation.Lazy ApprovalService approvals,
      @org.springframework.context.annotation.Lazy IncidentService incidents) {
    this.notifier = notifier;
    this.approvals = approvals;
    this.incidents = incidents;
    this.jdbc = jdbc;
    this.access = access;
    this.classifications = classifications;
    this.assessments = assessments;
    this.risks = risks;
    this.soa = soa;
    this.registry = registry;
    this.cards = cards;
    this.runs = runs;
    this.audit = audit;
    this.clock = clock;
  }

  // --- the policy

  @Transactional(readOnly = true)
  public PolicyVersion policy() {
    return jdbc.sql("SELECT version, definition FROM policy_version ORDER BY version DESC LIMIT 1")
        .query(
            (rs, i) ->
                new PolicyVersion(rs.getLong(1), rs.getString(2), Policy.parse(rs.getString(2))))
        .optional()
        .orElseGet(() -> new PolicyVersion(0, shipped(), Policy.parse(shipped())));
  }

  /** Loads a new policy; a faulty one is refused with its lines and the one in force stays. */
  @Transactional
  public PolicyVersion setPolicy(String text) {
    access.requireGlobal(Permission.GOVERN);
    Policy.parse(text);
    if (text.length() > 30000) {
      throw KibanException.invalid("The policy is longer than 30,000 characters.");
    }
    jdbc.sql("INSERT INTO policy_version (definition, created_at, created_by) VALUES (?, ?, ?)")
        .params(text, clock.millis(), access.current().username())
        .update();
    PolicyVersion now = policy();
    audit.record(
        "policy.loaded",
        "policy",
        String.valueOf(now.version()),
        JsonText.object("gates", String.valueOf(now.policy().gates().size())));
    return now;
  }

  static String shipped() {
    try (InputStream in = GateService.class.getResourceAsStream("/policy/default-policy.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- evaluations

  /**
   * Evaluates the gates for a model version going to production for the use cases it serves. Runs
   * in its own transaction, so the evaluation is kept even when the promotion is refused.
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
  public Evaluation evaluatePromotion(String model, String version, List<UseCase> useCases) {
    return access.asSystem(
        () -> {
          PolicyVersion pv = policy();
          List<CriterionResult> results = new ArrayList<>();
          String subject = "model_version:" + model + "/" + version;
          if (useCases.isEmpty()) {
            boolean allowed = pv.policy().unlinkedModels().equals("allow");
            results.add(
                new CriterionResult(
                    "unlinked_models",
                    "linked_to_use_case",
                    allowed,
                    allowed
                        ? "The model is linked to no use case; the policy allows that."
                        : "The model is linked to no use case; link it (tag kiban.use_case=<key>) before promoting."));
            return store("model_promotion", subject, null, pv, results);
          }
          ModelVersion v = registry.getVersion(model, version);
          for (UseCase uc : useCases) {
            Map<String, List<String>> facts = facts(uc);
            for (Policy.Gate gate : pv.policy().gates()) {
              if (gate.kind().equals("model_promotion") && holds(gate.when(), facts)) {
                for (Policy.Criterion c : gate.criteria()) {
                  results.add(check(gate, c, uc, v, subject));
                }
              }
            }
          }
          return store("model_promotion", subject, useCases.get(0).key(), pv, results);
        });
  }

  /** Evaluates the gates for a use case moving to a lifecycle stage (kept even when refused). */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
  public Evaluation evaluateStage(UseCase uc, String toStage) {
    return access.asSystem(
        () -> {
          PolicyVersion pv = policy();
          List<CriterionResult> results = new ArrayList<>();
          String subject = "use_case:" + uc.key() + "->" + toStage;
          Map<String, List<String>> facts = facts(uc);
          for (Policy.Gate gate : pv.policy().gates()) {
            if (gate.kind().equals("use_case_stage")
                && gate.toStage().contains(toStage)
                && holds(gate.when(), facts)) {
              for (Policy.Criterion c : gate.criteria()) {
                results.add(check(gate, c, uc, null, subject));
              }
            }
          }
          return store("use_case_stage", subject, uc.key(), pv, results);
        });
  }

  @Transactional(readOnly = true)
  public List<Evaluation> evaluations(String subjectPrefix) {
    access.current();
    return jdbc.sql(
            "SELECT evaluation_id, gate_kind, subject, use_case_key, policy_version, passed, criteria,"
                + " evaluated_at, evaluated_by FROM gate_evaluation WHERE subject LIKE ?"
                + " ORDER BY evaluation_id DESC LIMIT 200")
        .param(subjectPrefix.replace("%", "") + "%")
        .query(
            (rs, i) -> {
              long v = rs.getLong(5);
              Long version = rs.wasNull() ? null : v;
              return new Evaluation(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  version,
                  rs.getBoolean(6),
                  JSON.readValue(rs.getString(7), new TypeReference<List<CriterionResult>>() {}),
                  rs.getLong(8),
                  rs.getString(9));
            })
        .list();
  }

  /** The refusal message: what is missing, one criterion per line. */
  public static String refusal(String what, Evaluation e) {
    StringBuilder sb =
        new StringBuilder(what + " is refused by the governance gates; unmet criteria:");
    for (CriterionResult r : e.criteria()) {
      if (!r.passed()) {
        sb.append("\n- [")
            .append(r.gate())
            .append("] ")
            .append(r.criterion())
            .append(": ")
            .append(r.reason());
      }
    }
    return sb.toString();
  }

  private Evaluation store(
      String kind,
      String subject,
      String useCase,
      PolicyVersion pv,
      List<CriterionResult> results) {
    boolean passed = results.stream().allMatch(CriterionResult::passed);
    jdbc.sql(
            "INSERT INTO gate_evaluation (gate_kind, subject, use_case_key, policy_version, passed,"
                + " criteria, evaluated_at, evaluated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            kind,
            subject,
            useCase,
            pv.version() == 0 ? null : pv.version(),
            passed,
            JSON.writeValueAsString(results),
            clock.millis(),
            originalActor())
        .update();
    long id =
        jdbc.sql("SELECT MAX(evaluation_id) FROM gate_evaluation WHERE subject = ?")
            .param(subject)
            .query(Long.class)
            .single();
    List<String> unmet =
        results.stream()
            .filter(r -> !r.passed())
            .map(r -> "[" + r.gate() + "] " + r.criterion() + ": " + r.reason())
            .toList();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("evaluation", id);
    data.put("gate_kind", kind);
    data.put("subject", subject);
    data.put("use_case", useCase);
    data.put("passed", passed);
    data.put("unmet", unmet);
    notifier.publish(
        passed ? "gate.passed" : "gate.refused",
        subject,
        (passed ? "Gate passed for " : "Gate refused for ")
            + subject
            + (unmet.isEmpty() ? "" : ": " + String.join("; ", unmet)),
        data);
    return new Evaluation(
        id,
        kind,
        subject,
        useCase,
        pv.version() == 0 ? null : pv.version(),
        passed,
        results,
        clock.millis(),
        originalActor());
  }

  private String originalActor() {
    String name = access.actorName();
    return name == null ? "anonymous" : name;
  }

  /** Whether the use case meets every condition (tiers, data categories, stage, AI type). */
  boolean matches(Map<String, List<String>> when, UseCase uc) {
    return holds(when, facts(uc));
  }

  /** The conditions against facts gathered once per use case (they cost queries). */
  private static boolean holds(Map<String, List<String>> when, Map<String, List<String>> facts) {
    for (Map.Entry<String, List<String>> c : when.entrySet()) {
      if (facts.getOrDefault(c.getKey(), List.of()).stream().noneMatch(c.getValue()::contains)) {
        return false;
      }
    }
    return true;
  }

  private Map<String, List<String>> facts(UseCase uc) {
    Map<String, List<String>> f = new LinkedHashMap<>();
    f.put(
        "eu_tier",
        List.of(
            classifications
                .current(uc.key())
                .map(c -> c.result().tier().name())
                .orElse("UNCLASSIFIED")));
    f.put(
        "internal_tier",
        List.of(
            classifications.internalTiers(uc.key()).stream()
                .findFirst()
                .map(ClassificationService.InternalTier::tier)
                .orElse("unassessed")));
    f.put("data_categories", uc.data().dataCategories());
    f.put("lifecycle_stage", List.of(uc.data().lifecycleStage()));
    f.put("ai_type", List.of(uc.data().aiType()));
    return f;
  }

  private CriterionResult check(
      Policy.Gate gate, Policy.Criterion c, UseCase uc, ModelVersion v, String subject) {
    String where = " (use case " + uc.key() + ")";
    switch (c.type()) {
      case "approvals" -> {
        @SuppressWarnings("unchecked")
        List<String> flows = (List<String>) c.params().get("values");
        List<String> granted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String flow : flows) {
          Optional<ApprovalService.Request> r = approvals.granted(flow, subject);
          if (r.isPresent()) {
            granted.add(
                "'"
                    + flow
                    + "' granted by request #"
                    + r.get().id()
                    + " ("
                    + r.get().approvers()
                    + ")");
          } else {
            missing.add(flow);
          }
        }
        return new CriterionResult(
            gate.id(),
            c.type(),
            missing.isEmpty(),
            missing.isEmpty()
                ? "Approvals: " + String.join("; ", granted) + "."
                : "No granted approval for "
                    + subject
                    + " under "
                    + String.join(", ", missing)
                    + "; ask for it (POST /api/kiban/v1/approvals or the Approvals page).");
      }
      case "no_open_incident_at_or_above" -> {
        String severity = (String) c.params().get("severity");
        List<IncidentService.Incident> open = incidents.openAtOrAbove(uc.key(), severity);
        return new CriterionResult(
            gate.id(),
            c.type(),
            open.isEmpty(),
            open.isEmpty()
                ? "No open incident at " + severity + " or above" + where + "."
                : open.size()
                    + " open incident(s) at "
                    + severity
                    + " or above"
                    + where
                    + ": "
                    + String.join(
                        ", ",
                        open.stream()
                            .map(i -> "#" + i.id() + " " + i.title() + " (" + i.severity() + ")")
                            .toList()));
      }
      case "classification_done" -> {
        Optional<ClassificationService.Classification> cl = classifications.current(uc.key());
        return new CriterionResult(
            gate.id(),
            c.type(),
            cl.isPresent(),
            cl.map(x -> "Classified " + x.result().tier().name() + where)
                .orElse("No EU AI Act classification is recorded" + where + "."));
      }
      case "assessment_within_months" -> {
        int months = (Integer) c.params().get("months");
        long since =
            clock.instant().atZone(ZoneOffset.UTC).minusMonths(months).toInstant().toEpochMilli();
        Optional<AssessmentService.Assessment> ok =
            assessments.list(uc.key()).stream()
                .filter(
                    a ->
                        a.reviewStatus().equals("approved")
                            && a.submittedAt() >= since
                            && !a.reassessmentDue())
                .findFirst();
        return new CriterionResult(
            gate.id(),
            c.type(),
            ok.isPresent(),
            ok.map(a -> "Impact assessment #" + a.id() + " approved by " + a.reviewedBy() + where)
                .orElse(
                    "No approved impact assessment from the last "
                        + months
                        + " months"
                        + where
                        + "."));
      }
      case "no_open_residual_risk_at_or_above" -> {
        String level = (String) c.params().get("level");
        int threshold = risks.matrix().rank(level);
        List<Risk> open =
            risks.list(uc.key(), null, null).stream()
                .filter(r -> r.status().equals("open") || r.status().equals("treating"))
                .filter(r -> risks.matrix().rank(r.residualLevel()) >= threshold)
                .toList();
        return new CriterionResult(
            gate.id(),
            c.type(),
            open.isEmpty(),
            open.isEmpty()
                ? "No open residual risk at " + level + " or above" + where + "."
                : open.size()
                    + " open residual risk(s) at "
                    + level
                    + " or above"
                    + where
                    + ": "
                    + String.join(
                        ", ",
                        open.stream()
                            .map(
                                r ->
                                    "#"
                                        + r.riskId()
                                        + " "
                                        + r.title()
                                        + " ("
                                        + r.residualLevel()
                                        + ")")
                            .toList()));
      }
      case "model_card_complete" -> {
        List<String> empty = cards.card(v.name(), v.version(), Locale.ENGLISH).emptySections();
        return new CriterionResult(
            gate.id(),
            c.type(),
            empty.isEmpty(),
            empty.isEmpty()
                ? "The model card is complete."
                : "Model card sections still empty: " + String.join(", ", empty) + ".");
      }
      case "metric_at_least" -> {
        String key = (String) c.params().get("key");
        double min = (Double) c.params().get("value");
        if (v.runId() == null) {
          return new CriterionResult(
              gate.id(),
              c.type(),
              false,
              "Version " + v.version() + " has no run, so no metric '" + key + "'.");
        }
        Optional<Metric> m;
        try {
          m =
              runs.get(v.runId()).latestMetrics().stream()
                  .filter(x -> x.key().equals(key))
                  .findFirst();
        } catch (KibanException e) {
          m = Optional.empty();
        }
        if (m.isEmpty()) {
          return new CriterionResult(
              gate.id(),
              c.type(),
              false,
              "Metric '"
                  + key
                  + "' is not recorded on the run of version "
                  + v.version()
                  + "; needs >= "
                  + min
                  + ".");
        }
        boolean ok = m.get().value() >= min;
        return new CriterionResult(
            gate.id(),
            c.type(),
            ok,
            "Metric '" + key + "' is " + m.get().value() + " (needs >= " + min + ").");
      }
      case "frameworks_implemented" -> {
        @SuppressWarnings("unchecked")
        List<String> frameworks = (List<String>) c.params().get("values");
        java.util.Set<String> riskAccepted = new java.util.HashSet<>();
        for (Risk r : risks.list(uc.key(), "accepted", null)) {
          riskAccepted.addAll(r.controls());
        }
        List<String> missing = new ArrayList<>();
        int accepted = 0;
        for (String f : frameworks) {
          List<SoaService.Line> lines;
          try {
            lines = soa.statement(f, uc.key());
          } catch (KibanException e) {
            missing.add(f + " (unknown framework)");
            continue;
          }
          int notAssessed = 0;
          List<String> open = new ArrayList<>();
          for (SoaService.Line l : lines) {
            if (l.applicable() == null) {
              notAssessed++;
            } else if (l.applicable()
                && !l.status().equals("implemented")
                && !l.status().equals("verified")
                && l.coveredVia().isEmpty()) {
              if (riskAccepted.contains(l.framework() + ":" + l.requirement())) {
                accepted++;
              } else {
                open.add(l.requirement());
              }
            }
          }
          if (notAssessed > 0 || !open.isEmpty()) {
            missing.add(
                f
                    + " ("
                    + open.size()
                    + " applicable not implemented"
                    + (open.isEmpty()
                        ? ""
                        : ": "
                            + String.join(", ", open.subList(0, Math.min(10, open.size())))
                            + (open.size() > 10 ? ", ..." : ""))
                    + "; "
                    + notAssessed
                    + " not assessed)");
          }
        }
        return new CriterionResult(
            gate.id(),
            c.type(),
            missing.isEmpty(),
            missing.isEmpty()
                ? "All applicable requirements are implemented"
                    + (accepted > 0 ? " or covered by " + accepted + " accepted risk(s)" : "")
                    + where
                    + "."
                : "Not yet implemented or risk-accepted: "
                    + String.join("; ", missing)
                    + where
                    + ".");
      }
      default -> {
        return new CriterionResult(gate.id(), c.type(), false, "Unknown criterion.");
      }
    }
  }
}
