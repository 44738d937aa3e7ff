package io.kiban.registry;

import io.kiban.platform.db.InQueries;
import io.kiban.platform.db.SqlParams;
import io.kiban.platform.db.Upserts;
import io.kiban.tracking.Tag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for registered models, versions, their tags and aliases, and registry history. */
@Repository
class RegistryRepository {

  /** A registered model row. */
  record ModelRow(
      long modelId,
      String name,
      long creationTime,
      long lastUpdatedTime,
      String description,
      String userId,
      int nextVersion,
      String workspace) {}

  static final String MODEL_COLUMNS =
      "m.model_id, m.name, m.creation_time, m.last_updated_time, m.description, m.user_id,"
          + " m.next_version, m.workspace";
  static final String VERSION_COLUMNS =
      "m.name, v.model_id, v.version, v.creation_time, v.last_updated_time, v.description,"
          + " v.user_id, v.current_stage, v.source, v.run_id, v.run_link, v.status,"
          + " v.status_message, v.logged_model_id";

  private final JdbcClient jdbc;

  RegistryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ModelRow> model(String name, boolean lock) {
    return jdbc.sql(
            "SELECT "
                + MODEL_COLUMNS
                + " FROM registered_model m WHERE m.name = ?"
                + (lock ? " FOR UPDATE" : ""))
        .param(name)
        .query(RegistryRepository::mapModel)
        .optional();
  }

  List<ModelRow> models(SqlParams query) {
    return jdbc.sql(query.sql()).params(query.params()).query(RegistryRepository::mapModel).list();
  }

  long insertModel(String name, String description, String userId, long now, String workspace) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO registered_model (name, creation_time, last_updated_time, description,"
                + " user_id, next_version, workspace) VALUES (?, ?, ?, ?, ?, 1, ?)")
        .params(name, now, now, description, userId, workspace)
        .update(key, "model_id");
    return key.getKeyAs(Number.class).longValue();
  }

  void updateModel(long modelId, String name, String description, long now) {
    jdbc.sql(
            "UPDATE registered_model SET name = ?, description = ?, last_updated_time = ?"
                + " WHERE model_id = ?")
        .params(name, description, now, modelId)
        .update();
  }

  void takeVersionNumber(long modelId, int version, long now) {
    jdbc.sql(
            "UPDATE registered_model SET next_version = ?, last_updated_time = ? WHERE model_id = ?")
        .params(version + 1, now, modelId)
        .update();
  }

  void deleteModel(long modelId) {
    for (String table :
        List.of(
            "model_card_section",
            "model_alias",
            "model_version_tag",
            "model_version",
            "registered_model_tag")) {
      jdbc.sql("DELETE FROM " + table + " WHERE model_id = ?").param(modelId).update();
    }
    jdbc.sql("DELETE FROM registered_model WHERE model_id = ?").param(modelId).update();
  }

  Map<Long, List<Tag>> modelTags(List<Long> modelIds) {
    return InQueries.groupedIn(
        jdbc,
        "SELECT model_id, tag_key, tag_value FROM registered_model_tag WHERE model_id IN ",
        " ORDER BY model_id, tag_key",
        modelIds,
        (rs, i) -> rs.getLong(1),
        (rs, i) -> new Tag(rs.getString(2), rs.getString(3)));
  }

  Optional<String> modelTag(long modelId, String key) {
    return jdbc.sql("SELECT tag_value FROM registered_model_tag WHERE model_id = ? AND tag_key = ?")
        .params(modelId, key)
        .query(String.class)
        .optional();
  }

  void setModelTag(long modelId, String key, String value) {
    Upserts.updateElseInsert(
        jdbc,
        "UPDATE registered_model_tag SET tag_value = ? WHERE model_id = ? AND tag_key = ?",
        List.of(value, modelId, key),
        "INSERT INTO registered_model_tag (model_id, tag_key, tag_value) VALUES (?, ?, ?)",
        List.of(modelId, key, value));
  }

  int deleteModelTag(long modelId, String key) {
    return jdbc.sql("DELETE FROM registered_model_tag WHERE model_id = ? AND tag_key = ?")
        .params(modelId, key)
        .update();
  }

  Map<Long, List<ModelAlias>> aliases(List<Long> modelIds) {
    return InQueries.groupedIn(
        jdbc,
        "SELECT model_id, alias, version FROM model_alias WHERE model_id IN ",
        " ORDER BY model_id, alias",
        modelIds,
        (rs, i) -> rs.getLong(1),
        (rs, i) -> new ModelAlias(rs.getString(2), String.valueOf(rs.getInt(3))));
  }

  Optional<Integer> alias(long modelId, String alias) {
    return jdbc.sql("SELECT version FROM model_alias WHERE model_id = ? AND alias = ?")
        .params(modelId, alias)
        .query(Integer.class)
        .optional();
  }

  void setAlias(long modelId, String alias, int version) {
    Upserts.updateElseInsert(
        jdbc,
        "UPDATE model_alias SET version = ? WHERE model_id = ? AND alias = ?",
        List.of(version, modelId, alias),
        "INSERT INTO model_alias (model_id, alias, version) VALUES (?, ?, ?)",
        List.of(modelId, alias, version));
  }

  int deleteAlias(long modelId, String alias) {
    return jdbc.sql("DELETE FROM model_alias WHERE model_id = ? AND alias = ?")
        .params(modelId, alias)
        .update();
  }

  List<String> aliasesOfVersion(long modelId, int version) {
    return jdbc.sql(
            "SELECT alias FROM model_alias WHERE model_id = ? AND version = ? ORDER BY alias")
        .params(modelId, version)
        .query(String.class)
        .list();
  }

  void insertVersion(long modelId, int version, VersionRow v) {
    jdbc.sql(
            "INSERT INTO model_version (model_id, version, creation_time, last_updated_time,"
                + " description, user_id, current_stage, source, run_id, run_link, status,"
                + " status_message, logged_model_id) VALUES (?, ?, ?, ?, ?, ?, 'None', ?, ?, ?,"
                + " 'READY', NULL, ?)")
        .params(
            modelId,
            version,
            v.creationTime(),
            v.creationTime(),
            v.description(),
            v.userId(),
            v.source(),
            v.runId(),
            v.runLink(),
            v.loggedModelId())
        .update();
  }

  /** What a new version is created from. */
  record VersionRow(
      long creationTime,
      String description,
      String userId,
      String source,
      String runId,
      String runLink,
      String loggedModelId) {}

  Optional<ModelVersion> version(long modelId, int version) {
    return versions(
            new SqlParams()
                .append(
                    "SELECT "
                        + VERSION_COLUMNS
                        + " FROM model_version v"
                        + " JOIN registered_model m ON m.model_id = v.model_id"
                        + " WHERE v.model_id = ? AND v.version = ?",
                    modelId,
                    version))
        .stream()
        .findFirst();
  }

  /** Versions with their tags and aliases. */
  List<ModelVersion> versions(SqlParams query) {
    List<Object[]> keys = new ArrayList<>();
    List<ModelVersion> rows =
        jdbc.sql(query.sql())
            .params(query.params())
            .query(
                (rs, i) -> {
                  keys.add(new Object[] {rs.getLong(2), rs.getInt(3)});
                  return mapVersion(rs);
                })
            .list();
    if (rows.isEmpty()) {
      return rows;
    }
    List<Long> modelIds = keys.stream().map(k -> (Long) k[0]).distinct().toList();
    Map<String, List<Tag>> tags =
        InQueries.groupedIn(
            jdbc,
            "SELECT model_id, version, tag_key, tag_value FROM model_version_tag WHERE model_id IN ",
            " ORDER BY tag_key",
            modelIds,
            (rs, i) -> rs.getLong(1) + "/" + rs.getInt(2),
            (rs, i) -> new Tag(rs.getString(3), rs.getString(4)));
    Map<String, List<String>> aliases =
        InQueries.groupedIn(
            jdbc,
            "SELECT model_id, version, alias FROM model_alias WHERE model_id IN ",
            " ORDER BY alias",
            modelIds,
            (rs, i) -> rs.getLong(1) + "/" + rs.getInt(2),
            (rs, i) -> rs.getString(3));
    List<ModelVersion> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      ModelVersion v = rows.get(i);
      String key = keys.get(i)[0] + "/" + keys.get(i)[1];
      out.add(
          new ModelVersion(
              v.name(),
              v.version(),
              v.creationTime(),
              v.lastUpdatedTime(),
              v.description(),
              v.userId(),
              v.currentStage(),
              v.source(),
              v.runId(),
              v.runLink(),
              v.status(),
              v.statusMessage(),
              tags.getOrDefault(key, List.of()),
              aliases.getOrDefault(key, List.of()),
              v.loggedModelId()));
    }
    return out;
  }

  /** The latest version in each stage (or in the given stages) of each model. */
  List<ModelVersion> latestVersions(long modelId, List<Stage> stages) {
    List<ModelVersion> all =
        versions(
            new SqlParams()
                .append(
                    "SELECT "
                        + VERSION_COLUMNS
                        + " FROM model_version v"
                        + " JOIN registered_model m ON m.model_id = v.model_id"
                        + " WHERE v.model_id = ? ORDER BY v.version DESC",
                    modelId));
    Map<Stage, ModelVersion> latest = new java.util.LinkedHashMap<>();
    for (ModelVersion v : all) {
      if (stages.isEmpty() || stages.contains(v.currentStage())) {
        latest.putIfAbsent(v.currentStage(), v);
      }
    }
    List<ModelVersion> out = new ArrayList<>(latest.values());
    out.sort(java.util.Comparator.comparing(v -> Integer.parseInt(v.version())));
    return out;
  }

  void updateVersion(long modelId, int version, String description, Stage stage, long now) {
    jdbc.sql(
            "UPDATE model_version SET description = ?, current_stage = ?, last_updated_time = ?"
                + " WHERE model_id = ? AND version = ?")
        .params(description, stage.wireName(), now, modelId, version)
        .update();
  }

  Map<String, String> cardSections(long modelId, int version) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    jdbc.sql(
            "SELECT section, body FROM model_card_section WHERE model_id = ? AND version = ?"
                + " ORDER BY section")
        .params(modelId, version)
        .query(
            (ResultSet rs) -> {
              out.put(rs.getString(1), rs.getString(2));
            });
    return out;
  }

  void setCardSection(long modelId, int version, String section, String body, long now, String by) {
    Upserts.updateElseInsert(
        jdbc,
        "UPDATE model_card_section SET body = ?, updated_at = ?, updated_by = ?"
            + " WHERE model_id = ? AND version = ? AND section = ?",
        List.of(body, now, by, modelId, version, section),
        "INSERT INTO model_card_section (model_id, version, section, body, updated_at,"
            + " updated_by) VALUES (?, ?, ?, ?, ?, ?)",
        List.of(modelId, version, section, body, now, by));
  }

  void deleteVersion(long modelId, int version) {
    jdbc.sql("DELETE FROM model_card_section WHERE model_id = ? AND version = ?")
        .params(modelId, version)
        .update();
    jdbc.sql("DELETE FROM model_alias WHERE model_id = ? AND version = ?")
        .params(modelId, version)
        .update();
    jdbc.sql("DELETE FROM model_version_tag WHERE model_id = ? AND version = ?")
        .params(modelId, version)
        .update();
    jdbc.sql("DELETE FROM model_version WHERE model_id = ? AND version = ?")
        .params(modelId, version)
        .update();
  }

  Optional<String> versionTag(long modelId, int version, String key) {
    return jdbc.sql(
            "SELECT tag_value FROM model_version_tag WHERE model_id = ? AND version = ?"
                + " AND tag_key = ?")
        .params(modelId, version, key)
        .query(String.class)
        .optional();
  }

  void setVersionTag(long modelId, int version, String key, String value) {
    Upserts.updateElseInsert(
        jdbc,
        "UPDATE model_version_tag SET tag_value = ? WHERE model_id = ? AND version = ?"
            + " AND tag_key = ?",
        List.of(value, modelId, version, key),
        "INSERT INTO model_version_tag (model_id, version, tag_key, tag_value)"
            + " VALUES (?, ?, ?, ?)",
        List.of(modelId, version, key, value));
  }

  int deleteVersionTag(long modelId, int version, String key) {
    return jdbc.sql(
            "DELETE FROM model_version_tag WHERE model_id = ? AND version = ? AND tag_key = ?")
        .params(modelId, version, key)
        .update();
  }

  void insertEvent(
      long modelId,
      String modelName,
      Integer version,
      long now,
      String actor,
      String action,
      String subject,
      String before,
      String after) {
    jdbc.sql(
            "INSERT INTO registry_event (model_id, model_name, version, occurred_at, actor,"
                + " action, subject, before_value, after_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(modelId, modelName, version, now, actor, action, subject, clip(before), clip(after))
        .update();
  }

  private static String clip(String value) {
    return value == null || value.length() <= 8000 ? value : value.substring(0, 8000);
  }

  List<RegistryEvent> events(SqlParams query) {
    return jdbc.sql(query.sql())
        .params(query.params())
        .query(
            (rs, i) -> {
              int v = rs.getInt(3);
              Integer version = rs.wasNull() ? null : v;
              return new RegistryEvent(
                  rs.getLong(1),
                  rs.getString(2),
                  version,
                  rs.getLong(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9));
            })
        .list();
  }

  private static ModelRow mapModel(ResultSet rs, int row) throws SQLException {
    return new ModelRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getLong(3),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7),
        rs.getString(8));
  }

  private static ModelVersion mapVersion(ResultSet rs) throws SQLException {
    return new ModelVersion(
        rs.getString(1),
        String.valueOf(rs.getInt(3)),
        rs.getLong(4),
        rs.getLong(5),
        rs.getString(6),
        rs.getString(7),
        Stage.fromWire(rs.getString(8)),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getString(13),
        List.of(),
        List.of(),
        rs.getString(14));
  }
}
