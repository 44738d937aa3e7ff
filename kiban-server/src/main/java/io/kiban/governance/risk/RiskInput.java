package io.kiban.governance.risk;

import java.util.List;

/** What a client sends to record or change a risk. */
public record RiskInput(
    String useCaseKey,
    String modelName,
    String title,
    String description,
    String principle,
    String characteristic,
    String lifecyclePhase,
    Integer likelihood,
    Integer impact,
    String treatment,
    String treatmentPlan,
    Integer residualLikelihood,
    Integer residualImpact,
    String owner,
    String reviewDate,
    String status,
    List<String> controls) {}
