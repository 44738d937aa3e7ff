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

/** SQL for experiments and their tags. */
@Repository
class ExperimentRepository {

  static final String COLUMNS =
      "e.experiment_id, e.name, e.artifact_location, e.lifecycle_stage, e.creation_time,"
          + " e.last_update_time, e.workspace";

  private final JdbcClient jdbc;

  ExperimentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long nextId() {
    return jdbc.sql("SELECT nextval('experiment_id_seq')").query(Long.class).single();
  }

  void insert(long id, String name, String artifactLocation, long now, String workspace) {
    jdbc.sql(
            "INSERT INTO experiment (experiment_id, name, artifact_location, lifecycle_stage,"
                + " creation_time, last_update_time, workspace) VALUES (?, ?, ?, 'active', ?, ?, ?)")
        .params(id, name, artifactLocation, now, now, workspace)
        .update();
  }

  Optional<Experiment> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM experiment e WHERE e.experiment_id = ?")
        .param(id)
        .query(this::mapRow)
        .optional()
        .map(e -> withTags(List.of(e)).get(0));
  }

  Optional<Experiment> findForUpdate(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM experiment e WHERE e.experiment_id = ? FOR UPDATE")
        .param(id)
        .query(this::mapRow)
        .optional();
  }

  Optional<Experiment> findByName(String name) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM experiment e WHERE e.name = ?")
        .param(name)
        .query(this::mapRow)
        .optional()
        .map(e -> withTags(List.of(e)).get(0));
  }

  /** The workspace of an experiment, when it exists. */
  Optional<String> workspaceOf(long id) {
    return jdbc.sql("SELECT workspace FROM experiment WHERE experiment_id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  List<Experiment> query(SqlParams query) {
    return withTags(jdbc.sql(query.sql()).params(query.params()).query(this::mapRow).list());
  }

  int rename(long id, String newName, long now) {
    return jdbc.sql("UPDATE experiment SET name = ?, last_update_time = ? WHERE experiment_id = ?")
        .params(newName, now, id)
        .update();
  }

  void setStage(long id, LifecycleStage stage, long now) {
    jdbc.sql(
            "UPDATE experiment SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?")
        .params(stage.wireName(), now, id)
        .update();
  }

  void touch(long id, long now) {
    jdbc.sql("UPDATE experiment SET last_update_time = ? WHERE experiment_id = ?")
        .params(now, id)
        .update();
  }

  void upsertTag(long id, String key, String value) {
    Upserts.updateElseInsert(
        jdbc,
        "UPDATE experiment_tag SET tag_value = ? WHERE experiment_id = ? AND tag_key = ?",
        List.of(value, id, key),
        "INSERT INTO experiment_tag (experiment_id, tag_key, tag_value) VALUES (?, ?, ?)",
        List.of(id, key, value));
  }

  int deleteTag(long id, String key) {
    return jdbc.sql("DELETE FROM experiment_tag WHERE experiment_id = ? AND tag_key = ?")
        .params(id, key)
        .update();
  }

  private List<Experiment> withTags(List<Experiment> experiments) {
    if (experiments.isEmpty()) {
      return experiments;
    }
    List<Long> ids = experiments.stream().map(e -> Long.parseLong(e.experimentId())).toList();
    Map<String, List<Tag>> tags =
        InQueries.groupedIn(
            jdbc,
            "SELECT experiment_id, tag_key, tag_value FROM experiment_tag WHERE experiment_id IN ",
            " ORDER BY experiment_id, tag_key",
            ids,
            (rs, i) -> String.valueOf(rs.getLong(1)),
            (rs, i) -> new Tag(rs.getString(2), rs.getString(3)));
    return experiments.stream()
        .map(
            e ->
                new Experiment(
                    e.experimentId(),
                    e.name(),
                    e.artifactLocation(),
                    e.lifecycleStage(),
                    e.creationTime(),
                    e.lastUpdateTime(),
                    tags.getOrDefault(e.experimentId(), List.of()),
                    e.workspace()))
        .toList();
  }

  private Experiment mapRow(ResultSet rs, int row) throws SQLException {
    return new Experiment(
        String.valueOf(rs.getLong(1)),
        rs.getString(2),
        rs.getString(3),
        LifecycleStage.fromWire(rs.getString(4)),
        rs.getLong(5),
        rs.getLong(6),
        List.of(),
        rs.getString(7));
  }
}
