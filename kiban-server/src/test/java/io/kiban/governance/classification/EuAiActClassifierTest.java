package io.kiban.governance.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiban.governance.classification.EuAiActClassifier.Result;
import io.kiban.governance.classification.EuAiActClassifier.Tier;
import io.kiban.platform.error.LineErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EuAiActClassifierTest {

  static Map<String, Object> answers(Object... pairs) {
    Map<String, Object> a = new HashMap<>();
    a.put("prohibited_practices", List.of());
    a.put("annex_i_safety_component", false);
    a.put("annex_iii_areas", List.of());
    a.put("transparency", List.of());
    a.put("general_purpose_model", false);
    for (int i = 0; i < pairs.length; i += 2) {
      a.put((String) pairs[i], pairs[i + 1]);
    }
    return a;
  }

  static List<String> refs(Result r) {
    return r.obligations().stream().map(EuAiActClassifier.Obligation::reference).toList();
  }

  @Test
  void creditScoringOfPeopleIsHighRiskUnderAnnexIii5bWithAFriaForTheDeployer() {
    Result r =
        EuAiActClassifier.classify(
            answers(
                "annex_iii_areas",
                List.of("5b"),
                "profiling",
                true,
                "public_service_deployer",
                false),
            List.of("provider", "deployer"));
    assertThat(r.tier()).isEqualTo(Tier.HIGH_RISK);
    assertThat(r.triggers()).containsExactly("Annex III 5(b)");
    assertThat(refs(r)).contains("Art. 9", "Art. 14", "Art. 26", "Art. 27", "Art. 43", "Art. 4");
    assertThat(r.steps()).anySatisfy(s -> assertThat(s.consequenceEn()).contains("Art. 27"));
  }

  @Test
  void aCustomerServiceChatbotHasTheArt50TransparencyDuty() {
    Result r =
        EuAiActClassifier.classify(
            answers("transparency", List.of("interacts_with_people")), List.of("deployer"));
    assertThat(r.tier()).isEqualTo(Tier.LIMITED_RISK);
    assertThat(refs(r)).contains("Art. 50(1)").doesNotContain("Art. 9");
  }

  @Test
  void aProfilingSystemCannotUseTheArt63Derogation() {
    Result r =
        EuAiActClassifier.classify(
            answers(
                "annex_iii_areas", List.of("4a"),
                "profiling", true,
                "derogation_conditions", List.of("preparatory_task")),
            List.of("provider"));
    assertThat(r.tier()).isEqualTo(Tier.HIGH_RISK);
    assertThat(r.derogationApplied()).isFalse();
    assertThat(r.steps())
        .anySatisfy(
            s ->
                assertThat(s.consequenceEn())
                    .contains("profiles natural persons", "not available"));
    assertThat(r.steps()).anySatisfy(s -> assertThat(s.consequenceJa()).contains("プロファイリング"));
  }

  @Test
  void aNonProfilingAnnexIiiSystemWithADerogationIsNotHighRiskButDocumentsIt() {
    Result r =
        EuAiActClassifier.classify(
            answers(
                "annex_iii_areas", List.of("3d"),
                "profiling", false,
                "derogation_conditions", List.of("detects_patterns_without_replacing")),
            List.of("provider"));
    assertThat(r.tier()).isEqualTo(Tier.MINIMAL_RISK);
    assertThat(r.derogationApplied()).isTrue();
    assertThat(refs(r)).contains("Art. 6(4)", "Art. 49(2)").doesNotContain("Art. 9");
    Result withBot =
        EuAiActClassifier.classify(
            answers(
                "annex_iii_areas", List.of("3d"),
                "profiling", false,
                "derogation_conditions", List.of("preparatory_task"),
                "transparency", List.of("interacts_with_people")),
            List.of("provider"));
    assertThat(withBot.tier()).isEqualTo(Tier.LIMITED_RISK);
  }

  @Test
  void socialScoringAndFaceScrapingAreProhibited() {
    for (String p : List.of("social_scoring", "untargeted_face_scraping")) {
      Result r =
          EuAiActClassifier.classify(
              answers("prohibited_practices", List.of(p)), List.of("provider"));
      assertThat(r.tier()).as(p).isEqualTo(Tier.PROHIBITED);
      assertThat(refs(r)).as(p).containsExactly("Art. 5");
    }
  }

  @Test
  void anAnnexISafetyComponentIsHighRiskWithoutAskingAnnexIii() {
    Map<String, Object> a = answers("annex_i_safety_component", true);
    a.remove("annex_iii_areas");
    Result r = EuAiActClassifier.classify(a, List.of("product_manufacturer"));
    assertThat(r.tier()).isEqualTo(Tier.HIGH_RISK);
    assertThat(r.triggers()).containsExactly("Art. 6(1), Annex I");
  }

  @Test
  void aSpamFilterIsMinimalRisk() {
    Result r = EuAiActClassifier.classify(answers(), List.of("deployer"));
    assertThat(r.tier()).isEqualTo(Tier.MINIMAL_RISK);
    assertThat(refs(r)).containsExactly("Art. 4");
  }

  @Test
  void generalPurposeModelsAndSystemicRiskAreFlaggedSeparately() {
    Result r =
        EuAiActClassifier.classify(
            answers(
                "general_purpose_model", true,
                "systemic_risk", true,
                "transparency", List.of("generates_synthetic_content")),
            List.of("provider"));
    assertThat(r.tier()).isEqualTo(Tier.LIMITED_RISK);
    assertThat(r.generalPurposeModel()).isTrue();
    assertThat(r.systemicRisk()).isTrue();
    assertThat(refs(r)).contains("Art. 53", "Art. 55", "Art. 50(2)");
  }

  @Test
  void missingAndWrongAnswersAreAllReported() {
    Map<String, Object> a = new HashMap<>();
    a.put("prohibited_practices", List.of("mind_reading"));
    assertThatThrownBy(() -> EuAiActClassifier.classify(a, List.of()))
        .isInstanceOf(LineErrors.class)
        .satisfies(
            e ->
                assertThat(((LineErrors) e).errors())
                    .extracting(LineErrors.LineError::field)
                    .contains("prohibited_practices", "general_purpose_model"));
    Map<String, Object> b = answers("annex_iii_areas", List.of("5b"));
    assertThatThrownBy(() -> EuAiActClassifier.classify(b, List.of("provider")))
        .isInstanceOf(LineErrors.class)
        .hasMessageContaining("profiling");
  }
}
