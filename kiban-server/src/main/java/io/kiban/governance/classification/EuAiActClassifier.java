package io.kiban.governance.classification;

import io.kiban.governance.classification.EuAiActQuestionnaire.Option;
import io.kiban.platform.error.LineErrors;
import io.kiban.platform.error.LineErrors.LineError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EU AI Act classification as a decision procedure, never a score: prohibited practices (Art.
 * 5), then high risk through Annex I or Annex III with the Art. 6(3) derogation (never for
 * profiling), then the Art. 50 transparency duties, else minimal risk; general-purpose models and
 * systemic risk are flagged on their own. Each step records the question, the answer and its
 * consequence in Japanese and English. Answers the path needs and lacks are reported together.
 */
public final class EuAiActClassifier {

  public enum Tier {
    PROHIBITED,
    HIGH_RISK,
    LIMITED_RISK,
    MINIMAL_RISK
  }

  /** One step of the rationale. */
  public record Step(String question, String answer, String consequenceJa, String consequenceEn) {}

  /** A duty with its article. */
  public record Obligation(String reference, String who, String ja, String en) {}

  /** The outcome. */
  public record Result(
      Tier tier,
      List<String> triggers,
      boolean generalPurposeModel,
      boolean systemicRisk,
      boolean derogationApplied,
      List<Obligation> obligations,
      List<Step> steps) {}

  private EuAiActClassifier() {}

  /**
   * Classifies. {@code answers} holds Boolean for yes/no questions and a list of option ids for
   * choose-many ones; {@code roles} are the use case's EU AI Act roles (provider, deployer, ...).
   */
  public static Result classify(Map<String, Object> answers, List<String> roles) {
    List<LineError> problems = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    List<String> triggers = new ArrayList<>();
    Set<Obligation> duties = new LinkedHashSet<>();
    boolean provider = roles.contains("provider") || roles.contains("product_manufacturer");
    boolean deployer = roles.contains("deployer");

    List<String> prohibited =
        many(answers, "prohibited_practices", EuAiActQuestionnaire.PROHIBITED, problems);
    boolean gpai = yes(answers, "general_purpose_model", problems);
    Boolean systemic = gpai ? yes(answers, "systemic_risk", problems) : Boolean.FALSE;
    if (!prohibited.isEmpty()) {
      if (!problems.isEmpty()) {
        throw new LineErrors("The classification answers", problems);
      }
      for (String p : prohibited) {
        Option o = EuAiActQuestionnaire.option(EuAiActQuestionnaire.PROHIBITED, p);
        triggers.add(o.reference());
        steps.add(
            new Step(
                "prohibited_practices",
                p,
                o.reference() + " の禁止行為に該当: 市場投入・使用はできません。",
                "A prohibited practice under "
                    + o.reference()
                    + ": it may not be placed on the market or used."));
      }
      duties.add(
          new Obligation(
              "Art. 5",
              "all",
              "禁止行為: 提供・使用の停止",
              "Prohibited practice: stop providing and using it"));
      return new Result(
          Tier.PROHIBITED, triggers, gpai, systemic, false, List.copyOf(duties), steps);
    }
    steps.add(
        new Step(
            "prohibited_practices", "none", "第5条の禁止行為には該当しません。", "No Art. 5 prohibited practice."));

    Tier tier = null;
    boolean derogation = false;
    boolean annexI = yes(answers, "annex_i_safety_component", problems);
    List<String> annexIII = List.of();
    Boolean profiling = null;
    List<String> conditions = List.of();
    if (!annexI) {
      annexIII = many(answers, "annex_iii_areas", EuAiActQuestionnaire.ANNEX_III, problems);
      if (!annexIII.isEmpty()) {
        profiling = yes(answers, "profiling", problems);
        if (Boolean.FALSE.equals(profiling)) {
          conditions =
              many(answers, "derogation_conditions", EuAiActQuestionnaire.DEROGATION, problems);
        }
      }
    }
    List<String> transparency =
        many(answers, "transparency", EuAiActQuestionnaire.TRANSPARENCY, problems);
    boolean highRiskDeployer = false;
    if (!problems.isEmpty()) {
      throw new LineErrors("The classification answers", problems);
    }
    if (annexI) {
      tier = Tier.HIGH_RISK;
      triggers.add("Art. 6(1), Annex I");
      steps.add(
          new Step(
              "annex_i_safety_component",
              "yes",
              "附属書Iの製品 (安全構成要素) で第三者適合性評価を要するため高リスク (第6条(1))。",
              "Annex I product or safety component needing third-party conformity assessment: high-risk (Art. 6(1))."));
    } else {
      steps.add(
          new Step(
              "annex_i_safety_component",
              "no",
              "附属書Iによる高リスクには該当しません。",
              "Not high-risk through Annex I."));
      if (annexIII.isEmpty()) {
        steps.add(new Step("annex_iii_areas", "none", "附属書IIIの用途には該当しません。", "No Annex III use."));
      } else {
        List<String> refs =
            annexIII.stream()
                .map(
                    a -> EuAiActQuestionnaire.option(EuAiActQuestionnaire.ANNEX_III, a).reference())
                .toList();
        steps.add(
            new Step(
                "annex_iii_areas",
                String.join(",", annexIII),
                String.join("、", label(annexIII, true)) + " に該当します。",
                "Falls under " + String.join(", ", label(annexIII, false)) + "."));
        if (Boolean.TRUE.equals(profiling)) {
          tier = Tier.HIGH_RISK;
          triggers.addAll(refs);
          steps.add(
              new Step(
                  "profiling",
                  "yes",
                  "自然人のプロファイリングを行うため、第6条(3)の適用除外は使えず高リスクです。",
                  "It profiles natural persons, so the Art. 6(3) derogation is not available: high-risk."));
        } else if (!conditions.isEmpty()) {
          derogation = true;
          steps.add(
              new Step("profiling", "no", "プロファイリングは行いません。", "No profiling of natural persons."));
          steps.add(
              new Step(
                  "derogation_conditions",
                  String.join(",", conditions),
                  "第6条(3)の適用除外により高リスクではありません。評価を文書化し (第6条(4))、EUデータベースに登録します (第49条(2))。",
                  "Not high-risk by the Art. 6(3) derogation; document the assessment (Art. 6(4)) and register it (Art. 49(2))."));
          duties.add(
              new Obligation(
                  "Art. 6(4)",
                  "provider",
                  "高リスクでないとの評価を文書化し、求めに応じて当局に提出",
                  "Document the not-high-risk assessment and give it to authorities on request"));
          duties.add(
              new Obligation(
                  "Art. 49(2)", "provider", "EUデータベースへの登録", "Register in the EU database"));
        } else {
          tier = Tier.HIGH_RISK;
          triggers.addAll(refs);
          steps.add(
              new Step("profiling", "no", "プロファイリングは行いません。", "No profiling of natural persons."));
          steps.add(
              new Step(
                  "derogation_conditions",
                  "none",
                  "適用除外の条件を満たさないため高リスクです (第6条(2))。",
                  "No derogation condition is met: high-risk (Art. 6(2))."));
        }
      }
    }
    if (tier == Tier.HIGH_RISK) {
      if (provider || roles.isEmpty()) {
        duties.add(new Obligation("Art. 9", "provider", "リスクマネジメントシステム", "Risk management system"));
        duties.add(
            new Obligation("Art. 10", "provider", "データとデータガバナンス", "Data and data governance"));
        duties.add(
            new Obligation(
                "Art. 11", "provider", "技術文書 (附属書IV)", "Technical documentation (Annex IV)"));
        duties.add(
            new Obligation("Art. 12", "provider", "ログの自動記録", "Automatic record-keeping (logs)"));
        duties.add(
            new Obligation(
                "Art. 13",
                "provider",
                "導入者への透明性と情報提供",
                "Transparency and information to deployers"));
        duties.add(
            new Obligation("Art. 14", "provider", "人による監督の設計", "Design for human oversight"));
        duties.add(
            new Obligation(
                "Art. 15",
                "provider",
                "正確性・堅牢性・サイバーセキュリティ",
                "Accuracy, robustness and cybersecurity"));
        duties.add(
            new Obligation("Art. 17", "provider", "品質マネジメントシステム", "Quality management system"));
        duties.add(new Obligation("Art. 43", "provider", "適合性評価", "Conformity assessment"));
        duties.add(
            new Obligation(
                "Art. 49", "provider", "EUデータベースへの登録", "Registration in the EU database"));
        duties.add(new Obligation("Art. 72", "provider", "市販後モニタリング", "Post-market monitoring"));
        duties.add(
            new Obligation("Art. 73", "provider", "重大インシデントの報告", "Reporting serious incidents"));
      }
      if (deployer) {
        duties.add(
            new Obligation(
                "Art. 26",
                "deployer",
                "使用説明に従った利用、人による監督、入力データ、監視、ログ保存 (6か月以上)",
                "Use per instructions, human oversight, input data, monitoring, logs kept at least six months"));
        Boolean publicService = yes(answers, "public_service_deployer", problems);
        if (!problems.isEmpty()) {
          throw new LineErrors("The classification answers", problems);
        }
        boolean creditOrInsurance = annexIII.contains("5b") || annexIII.contains("5c");
        if (publicService || creditOrInsurance) {
          highRiskDeployer = true;
          duties.add(
              new Obligation(
                  "Art. 27",
                  "deployer",
                  "基本権影響評価 (FRIA) を初回使用前に実施し当局に通知",
                  "Fundamental rights impact assessment (FRIA) before first use, notified to the authority"));
          steps.add(
              new Step(
                  "public_service_deployer",
                  String.valueOf(publicService),
                  "導入者は基本権影響評価 (第27条) を行う必要があります"
                      + (creditOrInsurance ? " (附属書III 5(b)/5(c))。" : " (公的機関・公共サービス)。"),
                  "The deployer must carry out a fundamental rights impact assessment (Art. 27)"
                      + (creditOrInsurance
                          ? " (Annex III 5(b)/5(c))."
                          : " (public body or public service).")));
        }
      }
    }
    if (!transparency.isEmpty()) {
      for (String t : transparency) {
        Option o = EuAiActQuestionnaire.option(EuAiActQuestionnaire.TRANSPARENCY, t);
        duties.add(
            new Obligation(
                o.reference(),
                o.reference().equals("Art. 50(3)") || o.reference().equals("Art. 50(4)")
                    ? "deployer"
                    : "provider",
                "透明性義務: " + o.ja(),
                "Transparency duty: " + o.en()));
        if (tier == null) {
          triggers.add(o.reference());
        }
      }
      steps.add(
          new Step(
              "transparency",
              String.join(",", transparency),
              "第50条の透明性義務が適用されます。",
              "Art. 50 transparency duties apply."));
      if (tier == null) {
        tier = Tier.LIMITED_RISK;
      }
    } else {
      steps.add(
          new Step(
              "transparency",
              "none",
              "第50条の透明性義務の対象機能はありません。",
              "No function with Art. 50 transparency duties."));
    }
    if (tier == null) {
      tier = Tier.MINIMAL_RISK;
      steps.add(
          new Step(
              "result",
              "minimal",
              "最小リスク: 義務はなく、行動規範の任意適用が推奨されます。",
              "Minimal risk: no obligations; voluntary codes of conduct are encouraged."));
    }
    duties.add(new Obligation("Art. 4", "all", "AIリテラシーの確保", "AI literacy of staff"));
    if (gpai) {
      duties.add(
          new Obligation(
              "Art. 53",
              "provider",
              "GPAIモデルの技術文書・下流提供者への情報・著作権方針・学習データの概要",
              "GPAI technical documentation, information for downstream providers, copyright policy, training-content summary"));
      steps.add(
          new Step(
              "general_purpose_model",
              "yes",
              "汎用目的AIモデルの義務 (第53条) が別途適用されます。",
              "General-purpose model duties (Art. 53) apply in addition."));
      if (systemic) {
        duties.add(
            new Obligation(
                "Art. 55",
                "provider",
                "システミックリスクの評価・軽減、重大インシデント報告、サイバーセキュリティ",
                "Systemic-risk evaluation and mitigation, serious incident reporting, cybersecurity"));
        steps.add(
            new Step(
                "systemic_risk",
                "yes",
                "システミックリスクを有するGPAIモデルの義務 (第55条) も適用されます。",
                "Duties for models with systemic risk (Art. 55) apply too."));
      }
    }
    return new Result(tier, triggers, gpai, systemic, derogation, List.copyOf(duties), steps);
  }

  private static List<String> label(List<String> annexIII, boolean japanese) {
    return annexIII.stream()
        .map(a -> EuAiActQuestionnaire.option(EuAiActQuestionnaire.ANNEX_III, a))
        .map(o -> o.reference() + " (" + (japanese ? o.ja() : o.en()) + ")")
        .toList();
  }

  private static boolean yes(Map<String, Object> answers, String id, List<LineError> problems) {
    Object v = answers.get(id);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s
        && (s.equalsIgnoreCase("yes")
            || s.equalsIgnoreCase("no")
            || s.equalsIgnoreCase("true")
            || s.equalsIgnoreCase("false"))) {
      return s.equalsIgnoreCase("yes") || s.equalsIgnoreCase("true");
    }
    problems.add(
        new LineError(
            0,
            id,
            v == null
                ? "Answer '" + id + "' (yes or no) is needed."
                : "Answer '" + id + "' must be yes or no."));
    return false;
  }

  private static List<String> many(
      Map<String, Object> answers, String id, List<Option> options, List<LineError> problems) {
    Object v = answers.get(id);
    if (!(v instanceof List<?> list)) {
      problems.add(
          new LineError(
              0,
              id,
              v == null
                  ? "Answer '" + id + "' (a list, empty for none) is needed."
                  : "Answer '" + id + "' must be a list of option ids."));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object item : list) {
      String s = String.valueOf(item);
      if (EuAiActQuestionnaire.option(options, s) == null) {
        problems.add(new LineError(0, id, "'" + s + "' is not an option of '" + id + "'."));
      } else if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }
}
