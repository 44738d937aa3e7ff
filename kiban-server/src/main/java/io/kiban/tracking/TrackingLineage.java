package io.kiban.tracking;

import io.kiban.identity.AccessControl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tracking side of lineage: which datasets a run used, which runs used a dataset, and which
 * logged models a run produced. Node descriptions carry what lineage readers need.
 */
@Service
public class TrackingLineage {

  /** A node: its kind-qualified id, a label and a few attributes. */
  public record Node(String id, String type, String label, Map<String, String> attributes) {}

  private final JdbcClient jdbc;
  private final AccessControl access;

  TrackingLineage(JdbcClient jdbc, AccessControl access) {
    this.jdbc = jdbc;
    this.access = access;
  }

  /** Nodes of workspaces the caller cannot read are left out of every graph. */
  private boolean visible(Node node) {
    return access.readable().includes(node.attributes().get("workspace"));
  }

  @Transactional(readOnly = true)
  public Optional<Node> run(String runId) {
    return jdbc.sql(
            "SELECT r.run_uuid, r.run_name, r.status, r.experiment_id, e.workspace FROM run r"
                + " JOIN experiment e ON e.experiment_id = r.experiment_id WHERE r.run_uuid = ?")
        .param(runId)
        .query(
            (rs, i) -> {
              Map<String, String> attributes = new LinkedHashMap<>();
              attributes.put("status", rs.getString(3));
              attributes.put("experiment_id", String.valueOf(rs.getLong(4)));
              attributes.put("workspace", rs.getString(5));
              return new Node("run:" + rs.getString(1), "run", rs.getString(2), attributes);
            })
        .optional()
        .filter(this::visible)
        .map(node -> withRunTags(node, runId));
  }

  private Node withRunTags(Node node, String runId) {
    Map<String, String> attributes = new LinkedHashMap<>(node.attributes());
    jdbc.sql(
            "SELECT tag_key, tag_value FROM run_tag WHERE run_uuid = ? AND tag_key IN"
                + " ('mlflow.source.git.commit', 'mlflow.source.name', 'mlflow.source.type',"
                + " 'mlflow.user') ORDER BY tag_key")
        .param(runId)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
        .list()
        .forEach(t -> attributes.put(t[0], t[1]));
    jdbc.sql(
            "SELECT param_key, param_value FROM run_param WHERE run_uuid = ? ORDER BY param_key"
                + " LIMIT 50")
        .param(runId)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
        .list()
        .forEach(p -> attributes.put("params." + p[0], p[1]));
    return new Node(node.id(), node.type(), node.label(), attributes);
  }

  @Transactional(readOnly = true)
  public Optional<Node> dataset(long datasetId) {
    return jdbc.sql(
            "SELECT d.dataset_id, d.name, d.digest, d.source_type, d.source, e.workspace"
                + " FROM dataset d JOIN experiment e ON e.experiment_id = d.experiment_id"
                + " WHERE d.dataset_id = ?")
        .param(datasetId)
        .query(
            (rs, i) ->
                new Node(
                    "dataset:" + rs.getLong(1),
                    "dataset",
                    rs.getString(2),
                    Map.of(
                        "digest", rs.getString(3),
                        "source_type", rs.getString(4),
                        "source", rs.getString(5),
                        "workspace", rs.getString(6))))
        .optional()
        .filter(this::visible);
  }

  @Transactional(readOnly = true)
  public Optional<Node> loggedModel(String modelId) {
    return jdbc.sql(
            "SELECT m.model_id, m.name, m.status, m.model_type, e.workspace FROM logged_model m"
                + " JOIN experiment e ON e.experiment_id = m.experiment_id WHERE m.model_id = ?")
        .param(modelId)
        .query(
            (rs, i) -> {
              Map<String, String> attributes = new LinkedHashMap<>();
              attributes.put("status", rs.getString(3));
              if (rs.getString(4) != null) {
                attributes.put("model_type", rs.getString(4));
              }
              attributes.put("workspace", rs.getString(5));
              return new Node(
                  "logged_model:" + rs.getString(1), "logged_model", rs.getString(2), attributes);
            })
        .optional()
        .filter(this::visible);
  }

  @Transactional(readOnly = true)
  public List<Long> datasetsOfRun(String runId) {
    return jdbc.sql("SELECT dataset_id FROM run_input WHERE run_uuid = ? ORDER BY dataset_id")
        .param(runId)
        .query(Long.class)
        .list();
  }

  @Transactional(readOnly = true)
  public List<String> runsOfDataset(long datasetId) {
    return jdbc.sql("SELECT run_uuid FROM run_input WHERE dataset_id = ? ORDER BY run_uuid")
        .param(datasetId)
        .query(String.class)
        .list();
  }

  @Transactional(readOnly = true)
  public List<String> loggedModelsOfRun(String runId) {
    List<String> ids = new ArrayList<>();
    ids.addAll(
        jdbc.sql("SELECT model_id FROM logged_model WHERE source_run_id = ? ORDER BY model_id")
            .param(runId)
            .query(String.class)
            .list());
    for (String id :
        jdbc.sql("SELECT model_id FROM run_output WHERE run_uuid = ? ORDER BY model_id")
            .param(runId)
            .query(String.class)
            .list()) {
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  @Transactional(readOnly = true)
  public List<String> runsOfLoggedModel(String modelId) {
    List<String> ids = new ArrayList<>();
    jdbc.sql(
            "SELECT source_run_id FROM logged_model WHERE model_id = ? AND source_run_id IS NOT NULL")
        .param(modelId)
        .query(String.class)
        .list()
        .forEach(ids::add);
    for (String id :
        jdbc.sql("SELECT run_uuid FROM run_output WHERE model_id = ? ORDER BY run_uuid")
            .param(modelId)
            .query(String.class)
            .list()) {
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }
}
