package io.kiban.registry;

import io.kiban.tracking.Tag;
import java.util.List;

public record ModelVersion(
    String name,
    String version,
    long creationTime,
    long lastUpdatedTime,
    String description,
    String userId,
    Stage currentStage,
    String source,
    String runId,
    String runLink,
    String status,
    String statusMessage,
    List<Tag> tags,
    List<String> aliases,
    String loggedModelId) {}
