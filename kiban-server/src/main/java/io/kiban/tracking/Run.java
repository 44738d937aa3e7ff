package io.kiban.tracking;

import java.util.List;

/** A run with its latest metric values, params, tags and dataset inputs. */
public record Run(
    RunInfo info,
    List<Metric> latestMetrics,
    List<Param> params,
    List<Tag> tags,
    List<DatasetInput> inputs) {}
