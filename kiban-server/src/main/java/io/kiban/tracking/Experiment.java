package io.kiban.tracking;

import java.util.List;

public record Experiment(
    String experimentId,
    String name,
    String artifactLocation,
    LifecycleStage lifecycleStage,
    long creationTime,
    long lastUpdateTime,
    List<Tag> tags,
    String workspace) {}
