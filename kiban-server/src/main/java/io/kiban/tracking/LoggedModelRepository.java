package io.kiban.tracking;

import io.kiban.platform.db.InQueries;
import io.kiban.platform.db.SqlParams;
import io.kiban.platform.db.Upserts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for logged models, their tags and params, and run outputs. */
@Repository
class LoggedModelRepository {

  static final String COLUMNS =
      "lm.model_id, lm.experiment_id, lm.name, lm.artifact_location, lm.creation_time,"
          + " lm.last_updated_time, lm.model_type, lm.source_run_id, lm.status, lm.status_message";

  private final JdbcClient jdbc;

  LoggedModelRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(LoggedModel m) {
    jdbc.sql(
            "INSERT INTO logged_model (model_id, experiment_id, name, artifact_location,"
                + " creation_time, last_updated_time, model_type, source_run_id, status,"
                + " status_message, lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " 'active')")
        .params(
            m.modelId(),
            Long.parseLong(m.experimentId()),
            m.name(),
            m.artifactUri(),
            m.creationTime(),
            m.lastUpdatedTime(),
            m.modelType(),
            m.sourceRunId(),
            m.status(),
            m.statusMessage())
        .update();
  }

  Optional<LoggedModel> find(String modelId, boolean lock) {
    List<LoggedModel> found =
        query(
            new SqlParams()
                .append(
                    "SELECT "
                        + COLUMNS
                        + " FROM logged_model lm WHERE lm.model_id = ?"
                        + " AND lm.lifecycle_stage = 'active'"
                        + (lock ? " FOR UPDATE" : ""),
                    modelId));
    return found.stream().findFirst();
  }

  List<LoggedModel> query(SqlParams query) {
    List<LoggedModel> rows =
        jdbc.sql(query.sql()).params(query.params()).query(LoggedModelRepository::map).list();
    if (rows.isEmpty()) {
      return rows;
    }
    List<String> ids = rows.stream().map(LoggedModel::modelId).toList();
    Map<String, List<Tag>> tags =
        InQueries.groupedIn(
            jdbc,
            "SELECT model_id, tag_key, tag_value FROM logged_model_tag WHERE model_id IN ",
            " ORDER BY tag_key",
            ids,
            (rs, i) -> rs.getString(1),
            (rs, i) -> new Tag(rs.getString(2), rs.getString(3)));
    Map<String, List<Param>> params =
        InQueries.groupedIn(
            jdbc,
            "SELECT model_id, param_key, param_value FROM logged_model_param WHERE model_id IN ",
            " ORDER BY param_key",
            ids,
            (rs, i) -> rs.getString(1),
            (rs, i) -> new Param(rs.getString(2), rs.getString(3)));
    return rows.stream()
        .map(
            m ->
                new LoggedModel(
                    m.modelId(),
                    m.experimentId(),
                    m.name(),
                    m.artifactUri(),
                    m.creationTime(),
                    m.lastUpdatedTime(),
                    m.modelType(),
                    m.sourceRunId(),
                    m.status(),
                    m.statusMessage(),
                    tags.getOrDefault(m.modelId(), List.of()),
                    params.getOrDefault(m.modelId(), List.of())))
        .toList();
  }

  void updateStatus(String modelId, String status, String message, long now) {
    jdbc.sql(
            "UPDATE logged_model SET status = ?, status_message = ?, last_updated_time = ?"
                + " WHERE model_id = ?")
        .params(status, message, now, modelId)
        .update();
  }

  void markDeleted(String modelId, long now) {
    jdbc.sql(
            "UPDATE logged_model SET lifecycle_stage = 'deleted', last_updated_time = ?"
                + " WHERE model_id = ?")
        .params(now, modelId)
        .update();
  }

  void setTag(String modelId, String key, String value) {
    Upserts.updateElseInsert(
        jdbc,
        "UPDATE logged_model_tag SET tag_value = ? WHERE model_id = ? AND tag_key = ?",
        List.of(value, modelId, key),
        "INSERT INTO logged_model_tag (model_id, tag_key, tag_value) VALUES (?, ?, ?)",
        List.of(modelId, key, value));
  }

  int deleteTag(String modelId, String key) {
    return jdbc.sql("DELETE FROM logged_model_tag WHERE model_id = ? AND tag_key = ?")
        .params(modelId, key)
        .update();
  }

  Optional<String> param(String modelId, String key) {
    return jdbc.sql(
            "SELECT param_value FROM logged_model_param WHERE model_id = ? AND param_key = ?")
        .params(modelId, key)
        .query(String.class)
        .optional();
  }

  void insertParam(String modelId, String key, String value) {
    jdbc.sql("INSERT INTO logged_model_param (model_id, param_key, param_value) VALUES (?, ?, ?)")
        .params(modelId, key, value)
        .update();
  }

  void upsertOutput(String runId, String modelId, long step) {
    Upserts.updateElseInsert(
        jdbc,
        "UPDATE run_output SET step = ? WHERE run_uuid = ? AND model_id = ?",
        List.of(step, runId, modelId),
        "INSERT INTO run_output (run_uuid, model_id, step) VALUES (?, ?, ?)",
        List.of(runId, modelId, step));
  }

  /** Models a run produced: (model id, step), by step. */
  List<String[]> outputsOf(String runId) {
    return jdbc.sql("SELECT model_id, step FROM run_output WHERE run_uuid = ? ORDER BY step")
        .param(runId)
        .query((rs, i) -> new String[] {rs.getString(1), String.valueOf(rs.getLong(2))})
        .list();
  }

  private static LoggedModel map(ResultSet rs, int row) throws SQLException {
    return new LoggedModel(
        rs.getString(1),
        String.valueOf(rs.getLong(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        List.of(),
        List.of());
  }
}
