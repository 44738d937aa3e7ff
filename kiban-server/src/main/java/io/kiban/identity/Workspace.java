package io.kiban.identity;

/** A team or department that owns experiments, registered models and use cases. */
public record Workspace(
    String name, String displayName, String description, long createdAt, String createdBy) {}
