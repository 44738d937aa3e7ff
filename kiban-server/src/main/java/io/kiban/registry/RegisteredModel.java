package io.kiban.registry;

import io.kiban.tracking.Tag;
import java.util.List;

/** A registered model with its tags, aliases and latest version per stage. */
public record RegisteredModel(
    String name,
    long creationTime,
    long lastUpdatedTime,
    String description,
    String userId,
    List<Tag> tags,
    List<ModelAlias> aliases,
    List<ModelVersion> latestVersions,
    String workspace) {}
