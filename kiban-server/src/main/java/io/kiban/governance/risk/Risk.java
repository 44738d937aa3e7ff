package io.kiban.governance.risk;

import java.util.List;

/**
 * A risk of a use case (optionally of one of its models), rated before (inherent) and after
 * (residual) its treatment on the configured matrix.
 *
 * @param principle the Japan AI Business Guidelines principle it falls under
 * @param characteristic the NIST AI RMF trustworthiness characteristic it threatens
 * @param treatment the ISO 31000 treatment option chosen
 * @param controls requirement references that treat it, e.g. {@code iso42001:A.6.2.4}
 */
public record Risk(
    long riskId,
    String useCaseKey,
    String modelName,
    String title,
    String description,
    String principle,
    String characteristic,
    String lifecyclePhase,
    int likelihood,
    int impact,
    String inherentLevel,
    String treatment,
    String treatmentPlan,
    int residualLikelihood,
    int residualImpact,
    String residualLevel,
    String owner,
    String reviewDate,
    String status,
    String acceptedBy,
    Long acceptedAt,
    String acceptanceRationale,
    List<String> controls,
    long createdAt,
    long updatedAt,
    String createdBy) {}
