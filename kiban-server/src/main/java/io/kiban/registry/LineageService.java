package io.kiban.registry;

import io.kiban.platform.error.KibanException;
import io.kiban.tracking.TrackingLineage;
import io.kiban.tracking.TrackingLineage.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lineage over datasets, runs, logged models and model versions: the upstream graph (what a node
 * was made from) and the downstream graph (what was made from it) up to a depth.
 *
 * <p>Node ids are typed: {@code dataset:<id>}, {@code run:<run_id>}, {@code
 * logged_model:<model_id>}, {@code model_version:<name>/<version>}. Edges point from input to
 * output: dataset → run → logged model → model version, and run → model version.
 */
@Service
public class LineageService {

  public static final int MAX_DEPTH = 10;

  /** An edge from an input to what was made from it. */
  public record Edge(String from, String to, String kind) {}

  /** A lineage graph around one node. */
  public record Graph(String root, List<Node> nodes, List<Edge> edges) {}

  public enum Direction {
    UPSTREAM,
    DOWNSTREAM,
    BOTH;

    public static Direction parse(String value) {
      try {
        return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw KibanException.invalid(
            "Invalid direction '" + value + "': use upstream, downstream or both");
      }
    }
  }

  private final TrackingLineage tracking;
  private final JdbcClient jdbc;

  private final io.kiban.identity.AccessControl access;

  LineageService(
      TrackingLineage tracking, JdbcClient jdbc, io.kiban.identity.AccessControl access) {
    this.access = access;
    this.tracking = tracking;
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public Graph graph(String root, Direction direction, int depth) {
    if (depth < 1 || depth > MAX_DEPTH) {
      throw KibanException.invalid("depth must be between 1 and " + MAX_DEPTH + ", got " + depth);
    }
    Node start =
        describe(root).orElseThrow(() -> KibanException.notFound("No lineage node '" + root + "'"));
    Map<String, Node> nodes = new LinkedHashMap<>();
    Set<Edge> edges = new LinkedHashSet<>();
    nodes.put(start.id(), start);
    if (direction != Direction.DOWNSTREAM) {
      walk(start.id(), depth, true, nodes, edges);
    }
    if (direction != Direction.UPSTREAM) {
      walk(start.id(), depth, false, nodes, edges);
    }
    return new Graph(start.id(), List.copyOf(nodes.values()), List.copyOf(edges));
  }

  private void walk(
      String root, int depth, boolean upstream, Map<String, Node> nodes, Set<Edge> edges) {
    Deque<String[]> queue = new ArrayDeque<>();
    queue.add(new String[] {root, "0"});
    Set<String> seen = new LinkedHashSet<>(List.of(root));
    while (!queue.isEmpty()) {
      String[] item = queue.poll();
      int level = Integer.parseInt(item[1]);
      if (level == depth) {
        continue;
      }
      for (Edge edge : upstream ? inputsOf(item[0]) : outputsOf(item[0])) {
        String next = upstream ? edge.from() : edge.to();
        Optional<Node> node =
            nodes.containsKey(next) ? Optional.of(nodes.get(next)) : describe(next);
        if (node.isEmpty()) {
          continue;
        }
        nodes.putIfAbsent(next, node.get());
        edges.add(edge);
        if (seen.add(next)) {
          queue.add(new String[] {next, String.valueOf(level + 1)});
        }
      }
    }
  }

  private List<Edge> inputsOf(String id) {
    List<Edge> edges = new ArrayList<>();
    String key = key(id);
    switch (type(id)) {
      case "run" ->
          tracking
              .datasetsOfRun(key)
              .forEach(d -> edges.add(new Edge("dataset:" + d, id, "input")));
      case "logged_model" ->
          tracking
              .runsOfLoggedModel(key)
              .forEach(r -> edges.add(new Edge("run:" + r, id, "output")));
      case "model_version" -> {
        String[] nv = nameAndVersion(key);
        jdbc.sql(
                "SELECT v.run_id, v.logged_model_id FROM model_version v JOIN registered_model m"
                    + " ON m.model_id = v.model_id WHERE m.name = ? AND v.version = ?")
            .params(nv[0], Integer.parseInt(nv[1]))
            .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
            .optional()
            .ifPresent(
                row -> {
                  if (row[1] != null) {
                    edges.add(new Edge("logged_model:" + row[1], id, "registered"));
                  }
                  if (row[0] != null) {
                    edges.add(new Edge("run:" + row[0], id, "registered"));
                  }
                });
      }
      default -> {}
    }
    return edges;
  }

  private List<Edge> outputsOf(String id) {
    List<Edge> edges = new ArrayList<>();
    String key = key(id);
    switch (type(id)) {
      case "dataset" ->
          tracking
              .runsOfDataset(Long.parseLong(key))
              .forEach(r -> edges.add(new Edge(id, "run:" + r, "input")));
      case "run" -> {
        tracking
            .loggedModelsOfRun(key)
            .forEach(m -> edges.add(new Edge(id, "logged_model:" + m, "output")));
        versionsWhere("v.run_id = ?", key).forEach(v -> edges.add(new Edge(id, v, "registered")));
      }
      case "logged_model" ->
          versionsWhere("v.logged_model_id = ?", key)
              .forEach(v -> edges.add(new Edge(id, v, "registered")));
      default -> {}
    }
    return edges;
  }

  private List<String> versionsWhere(String condition, String value) {
    return jdbc.sql(
            "SELECT m.name, v.version FROM model_version v JOIN registered_model m"
                + " ON m.model_id = v.model_id WHERE "
                + condition
                + " ORDER BY m.name, v.version")
        .param(value)
        .query((rs, i) -> "model_version:" + rs.getString(1) + "/" + rs.getInt(2))
        .list();
  }

  private Optional<Node> describe(String id) {
    String key = key(id);
    return switch (type(id)) {
      case "run" -> tracking.run(key);
      case "dataset" -> {
        try {
          yield tracking.dataset(Long.parseLong(key));
        } catch (NumberFormatException e) {
          yield Optional.empty();
        }
      }
      case "logged_model" -> tracking.loggedModel(key);
      case "model_version" -> {
        String[] nv = nameAndVersion(key);
        yield jdbc.sql(
                "SELECT m.name, v.version, v.current_stage, v.source, m.workspace"
                    + " FROM model_version v JOIN registered_model m ON m.model_id = v.model_id"
                    + " WHERE m.name = ? AND v.version = ?")
            .params(nv[0], Integer.parseInt(nv[1]))
            .query(
                (rs, i) ->
                    new Node(
                        id,
                        "model_version",
                        rs.getString(1) + " v" + rs.getInt(2),
                        Map.of(
                            "stage", rs.getString(3),
                            "source", rs.getString(4),
                            "workspace", rs.getString(5))))
            .optional()
            .filter(n -> access.readable().includes(n.attributes().get("workspace")));
      }
      default ->
          throw KibanException.invalid(
              "Invalid lineage node '"
                  + id
                  + "': use dataset:<id>, run:<run_id>, logged_model:<model_id> or"
                  + " model_version:<name>/<version>");
    };
  }

  private static String type(String id) {
    int colon = id == null ? -1 : id.indexOf(':');
    if (colon <= 0) {
      throw KibanException.invalid(
          "Invalid lineage node '" + id + "': expected <type>:<id>, for example run:<run_id>");
    }
    return id.substring(0, colon);
  }

  private static String key(String id) {
    return id.substring(id.indexOf(':') + 1);
  }

  private static String[] nameAndVersion(String key) {
    int slash = key.lastIndexOf('/');
    if (slash <= 0 || !key.substring(slash + 1).matches("\\d{1,9}")) {
      throw KibanException.invalid(
          "Invalid model version node '" + key + "': expected model_version:<name>/<version>");
    }
    return new String[] {key.substring(0, slash), key.substring(slash + 1)};
  }
}
