package io.kiban.mlflow;

import io.kiban.tracking.DatasetInput;
import io.kiban.tracking.Experiment;
import io.kiban.tracking.Metric;
import io.kiban.tracking.Param;
import io.kiban.tracking.Run;
import io.kiban.tracking.RunInfo;
import io.kiban.tracking.Tag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow's JSON shapes for tracking objects: snake_case names, int64 as numbers, NaN and infinities
 * as strings, empty fields left out.
 */
final class MlflowWire {

  private MlflowWire() {}

  /** A JSON object that leaves out null and empty values. */
  static final class Obj extends LinkedHashMap<String, Object> {
    Obj with(String key, Object value) {
      if (value == null
          || (value instanceof String s && s.isEmpty())
          || (value instanceof Collection<?> c && c.isEmpty())
          || (value instanceof Map<?, ?> m && m.isEmpty())) {
        return this;
      }
      put(key, value);
      return this;
    }
  }

  static Obj obj() {
    return new Obj();
  }

  static Obj experiment(Experiment e) {
    return obj()
        .with("experiment_id", e.experimentId())
        .with("name", e.name())
        .with("artifact_location", e.artifactLocation())
        .with("lifecycle_stage", e.lifecycleStage().wireName())
        .with("last_update_time", e.lastUpdateTime())
        .with("creation_time", e.creationTime())
        .with("tags", tags(e.tags()));
  }

  static List<Obj> tags(List<Tag> tags) {
    List<Obj> out = new ArrayList<>(tags.size());
    for (Tag t : tags) {
      out.add(obj().with("key", t.key()).with("value", t.value()));
    }
    return out;
  }

  static Obj runInfo(RunInfo info) {
    return obj()
        .with("run_id", info.runId())
        .with("run_uuid", info.runId())
        .with("run_name", info.runName())
        .with("experiment_id", info.experimentId())
        .with("user_id", info.userId())
        .with("status", info.status().name())
        .with("start_time", info.startTime())
        .with("end_time", info.endTime())
        .with("artifact_uri", info.artifactUri())
        .with("lifecycle_stage", info.lifecycleStage().wireName());
  }

  static Obj run(Run run) {
    List<Obj> params = new ArrayList<>(run.params().size());
    for (Param p : run.params()) {
      params.add(obj().with("key", p.key()).with("value", p.value()));
    }
    List<Obj> metrics = new ArrayList<>(run.latestMetrics().size());
    for (Metric m : run.latestMetrics()) {
      metrics.add(metric(m));
    }
    List<Obj> inputs = new ArrayList<>(run.inputs().size());
    for (DatasetInput input : run.inputs()) {
      var d = input.dataset();
      inputs.add(
          obj()
              .with("tags", tags(input.tags()))
              .with(
                  "dataset",
                  obj()
                      .with("name", d.name())
                      .with("digest", d.digest())
                      .with("source_type", d.sourceType())
                      .with("source", d.source())
                      .with("schema", d.schema())
                      .with("profile", d.profile())));
    }
    return obj()
        .with("info", runInfo(run.info()))
        .with(
            "data",
            obj().with("metrics", metrics).with("params", params).with("tags", tags(run.tags())))
        .with("inputs", obj().with("dataset_inputs", inputs));
  }

  static Obj metric(Metric m) {
    Obj o = obj().with("key", m.key());
    o.put("value", m.value());
    o.put("timestamp", m.timestamp());
    o.put("step", m.step());
    return o;
  }
}
