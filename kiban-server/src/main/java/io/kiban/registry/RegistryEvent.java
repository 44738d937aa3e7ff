package io.kiban.registry;

/**
 * One recorded change of a registered model or version: who, when, what (action and subject, for
 * example the alias or tag key), and the value before and after.
 */
public record RegistryEvent(
    long eventId,
    String modelName,
    Integer version,
    long occurredAt,
    String actor,
    String action,
    String subject,
    String before,
    String after) {}
