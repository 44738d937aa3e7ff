package io.kiban.governance.inventory;

/** A use case breaking a data-residency rule, open until a change resolves it. */
public record ResidencyFinding(
    long findingId,
    String useCaseKey,
    String ruleId,
    String detail,
    long openedAt,
    Long resolvedAt) {}
