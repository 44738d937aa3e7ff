package io.kiban.tracking;

import io.kiban.platform.db.InQueries;
import io.kiban.platform.db.SqlParams;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for runs, their params, tags and dataset inputs. */
@Repository
class RunRepository {

  static final String INFO_COLUMNS =
      "r.run_uuid, r.experiment_id, r.run_name, r.user_id, r.status, r.start_time, r.end_time,"
          + " r.artifact_uri, r.lifecycle_stage";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  RunRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  void insert(RunInfo info) {
    jdbc.sql(
            "INSERT INTO run (run_uuid, experiment_id, run_name, user_id, status, start_time,"
                + " end_time, lifecycle_stage, artifact_uri) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            info.runId(),
            Long.parseLong(info.experimentId()),
            info.runName(),
            info.userId(),
            info.status().name(),
            info.startTime(),
            info.endTime(),
            info.lifecycleStage().wireName(),
            info.artifactUri())
        .update();
  }

  Optional<RunInfo> find(String runId) {
    return jdbc.sql("SELECT " + INFO_COLUMNS + " FROM run r WHERE r.run_uuid = ?")
        .param(runId)
        .query(RunRepository::mapInfo)
        .optional();
  }

  /** The run, with its row locked until the transaction ends: writers of one run queue here. */
  Optional<RunInfo> lock(String runId) {
    return jdbc.sql("SELECT " + INFO_COLUMNS + " FROM run r WHERE r.run_uuid = ? FOR UPDATE")
        .param(runId)
        .query(RunRepository::mapInfo)
        .optional();
  }

  List<RunInfo> query(SqlParams query) {
    return jdbc.sql(query.sql()).params(query.params()).query(RunRepository::mapInfo).list();
  }

  void update(String runId, RunStatus status, Long endTime, String runName) {
    jdbc.sql("UPDATE run SET status = ?, end_time = ?, run_name = ? WHERE run_uuid = ?")
        .params(status.name(), endTime, runName, runId)
        .update();
  }

  void setStage(String runId, LifecycleStage stage, Long deletedTime) {
    jdbc.sql("UPDATE run SET lifecycle_stage = ?, deleted_time = ? WHERE run_uuid = ?")
        .params(stage.wireName(), deletedTime, runId)
        .update();
  }

  int softDeleteRunsOfExperiment(long experimentId, long now) {
    return jdbc.sql(
            "UPDATE run SET lifecycle_stage = 'deleted', deleted_time = ?"
                + " WHERE experiment_id = ? AND lifecycle_stage = 'active'")
        .params(now, experimentId)
        .update();
  }

  int restoreRunsDeletedWith(long experimentId, long deletedTime) {
    return jdbc.sql(
            "UPDATE run SET lifecycle_stage = 'active', deleted_time = NULL"
                + " WHERE experiment_id = ? AND lifecycle_stage = 'deleted' AND deleted_time = ?")
        .params(experimentId, deletedTime)
        .update();
  }

  Map<String, String> params(String runId, Collection<String> keys) {
    Map<String, String> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    List<Object> args = new ArrayList<>();
    args.add(runId);
    args.addAll(keys);
    jdbc.sql(
            "SELECT param_key, param_value FROM run_param WHERE run_uuid = ? AND param_key IN "
                + SqlParams.placeholders(keys.size()))
        .params(args)
        .query(
            (ResultSet rs) -> {
              found.put(rs.getString(1), rs.getString(2));
            });
    return found;
  }

  void insertParams(String runId, List<Param> params) {
    if (params.isEmpty()) {
      return;
    }
    template.batchUpdate(
        "INSERT INTO run_param (run_uuid, param_key, param_value) VALUES (?, ?, ?)",
        params,
        params.size(),
        (ps, p) -> {
          ps.setString(1, runId);
          ps.setString(2, p.key());
          ps.setString(3, p.value());
        });
  }

  Optional<String> tag(String runId, String key) {
    return jdbc.sql("SELECT tag_value FROM run_tag WHERE run_uuid = ? AND tag_key = ?")
        .params(runId, key)
        .query(String.class)
        .optional();
  }

  /** Sets tags; the caller holds the run's lock, so delete-then-insert cannot race. */
  void upsertTags(String runId, List<Tag> tags) {
    if (tags.isEmpty()) {
      return;
    }
    Map<String, String> last = new LinkedHashMap<>();
    tags.forEach(t -> last.put(t.key(), t.value()));
    List<Object> args = new ArrayList<>();
    args.add(runId);
    args.addAll(last.keySet());
    jdbc.sql(
            "DELETE FROM run_tag WHERE run_uuid = ? AND tag_key IN "
                + SqlParams.placeholders(last.size()))
        .params(args)
        .update();
    List<Map.Entry<String, String>> entries = new ArrayList<>(last.entrySet());
    template.batchUpdate(
        "INSERT INTO run_tag (run_uuid, tag_key, tag_value) VALUES (?, ?, ?)",
        entries,
        entries.size(),
        (ps, e) -> {
          ps.setString(1, runId);
          ps.setString(2, e.getKey());
          ps.setString(3, e.getValue());
        });
  }

  int deleteTag(String runId, String key) {
    return jdbc.sql("DELETE FROM run_tag WHERE run_uuid = ? AND tag_key = ?")
        .params(runId, key)
        .update();
  }

  Map<String, List<Param>> paramsOf(List<String> runIds) {
    return InQueries.groupedIn(
        jdbc,
        "SELECT run_uuid, param_key, param_value FROM run_param WHERE run_uuid IN ",
        " ORDER BY run_uuid, param_key",
        runIds,
        (rs, i) -> rs.getString(1),
        (rs, i) -> new Param(rs.getString(2), rs.getString(3)));
  }

  Map<String, List<Tag>> tagsOf(List<String> runIds) {
    return InQueries.groupedIn(
        jdbc,
        "SELECT run_uuid, tag_key, tag_value FROM run_tag WHERE run_uuid IN ",
        " ORDER BY run_uuid, tag_key",
        runIds,
        (rs, i) -> rs.getString(1),
        (rs, i) -> new Tag(rs.getString(2), rs.getString(3)));
  }

  Map<String, List<Metric>> latestMetricsOf(List<String> runIds) {
    return InQueries.groupedIn(
        jdbc,
        "SELECT run_uuid, metric_key, last_value, last_ts, last_step FROM metric_series"
            + " WHERE run_uuid IN ",
        " ORDER BY run_uuid, metric_key",
        runIds,
        (rs, i) -> rs.getString(1),
        (rs, i) -> new Metric(rs.getString(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5)));
  }

  Map<String, List<DatasetInput>> inputsOf(List<String> runIds) {
    Map<String, Map<Long, DatasetInput>> byRun = new HashMap<>();
    InQueries.forEachIn(
        jdbc,
        "SELECT i.run_uuid, d.dataset_id, d.name, d.digest, d.source_type, d.source,"
            + " d.dataset_schema, d.profile FROM run_input i"
            + " JOIN dataset d ON d.dataset_id = i.dataset_id WHERE i.run_uuid IN ",
        " ORDER BY i.run_uuid, d.dataset_id",
        runIds,
        rs ->
            byRun
                .computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                .put(
                    rs.getLong(2),
                    new DatasetInput(
                        new ArrayList<>(),
                        new Dataset(
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8)))));
    if (byRun.isEmpty()) {
      return Map.of();
    }
    InQueries.forEachIn(
        jdbc,
        "SELECT run_uuid, dataset_id, tag_key, tag_value FROM run_input_tag WHERE run_uuid IN ",
        " ORDER BY run_uuid, dataset_id, tag_key",
        runIds,
        rs -> {
          DatasetInput input = byRun.get(rs.getString(1)).get(rs.getLong(2));
          if (input != null) {
            input.tags().add(new Tag(rs.getString(3), rs.getString(4)));
          }
        });
    Map<String, List<DatasetInput>> out = new HashMap<>();
    byRun.forEach((run, inputs) -> out.put(run, List.copyOf(inputs.values())));
    return out;
  }

  Optional<Long> findDataset(long experimentId, String name, String digest) {
    return jdbc.sql(
            "SELECT dataset_id FROM dataset WHERE experiment_id = ? AND name = ? AND digest = ?")
        .params(experimentId, name, digest)
        .query(Long.class)
        .optional();
  }

  long insertDataset(long experimentId, Dataset d) {
    jdbc.sql(
            "INSERT INTO dataset (experiment_id, name, digest, source_type, source,"
                + " dataset_schema, profile) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            experimentId, d.name(), d.digest(), d.sourceType(), d.source(), d.schema(), d.profile())
        .update();
    return findDataset(experimentId, d.name(), d.digest()).orElseThrow();
  }

  boolean hasInput(String runId, long datasetId) {
    return jdbc.sql("SELECT COUNT(*) FROM run_input WHERE run_uuid = ? AND dataset_id = ?")
            .params(runId, datasetId)
            .query(Long.class)
            .single()
        > 0;
  }

  void insertInput(String runId, long datasetId, List<Tag> tags) {
    jdbc.sql("INSERT INTO run_input (run_uuid, dataset_id) VALUES (?, ?)")
        .params(runId, datasetId)
        .update();
    for (Tag tag : tags) {
      jdbc.sql(
              "INSERT INTO run_input_tag (run_uuid, dataset_id, tag_key, tag_value)"
                  + " VALUES (?, ?, ?, ?)")
          .params(runId, datasetId, tag.key(), tag.value())
          .update();
    }
  }

  static RunInfo mapInfo(ResultSet rs, int row) throws SQLException {
    long end = rs.getLong(7);
    Long endTime = rs.wasNull() ? null : end;
    return new RunInfo(
        rs.getString(1),
        String.valueOf(rs.getLong(2)),
        rs.getString(3),
        rs.getString(4),
        RunStatus.valueOf(rs.getString(5)),
        rs.getLong(6),
        endTime,
        rs.getString(8),
        LifecycleStage.fromWire(rs.getString(9)));
  }
}
