package io.kiban.audit;

/** One stored audit event. */
public record AuditEvent(
    long eventId,
    long occurredAt,
    String actor,
    String action,
    String entityType,
    String entityId,
    String detail) {}
