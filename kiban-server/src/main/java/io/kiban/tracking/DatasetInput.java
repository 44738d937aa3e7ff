package io.kiban.tracking;

import java.util.List;

/** A dataset a run used, with the input's tags (for example {@code mlflow.data.context}). */
public record DatasetInput(List<Tag> tags, Dataset dataset) {}
