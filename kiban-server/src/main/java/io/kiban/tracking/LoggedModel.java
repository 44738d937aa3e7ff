package io.kiban.tracking;

import java.util.List;

/** An MLflow 3 logged model: produced by a run, stored with its own artifacts. */
public record LoggedModel(
    String modelId,
    String experimentId,
    String name,
    String artifactUri,
    long creationTime,
    long lastUpdatedTime,
    String modelType,
    String sourceRunId,
    String status,
    String statusMessage,
    List<Tag> tags,
    List<Param> params) {}
