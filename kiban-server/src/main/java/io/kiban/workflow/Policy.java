package io.kiban.workflow;

import io.kiban.platform.error.LineErrors;
import io.kiban.platform.error.LineErrors.LineError;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The gate policy: which gates apply to which use cases, and the criteria each checks. Read from
 * YAML (JSON is YAML too); every problem is reported with its line, and nothing of a faulty policy
 * takes effect.
 */
public record Policy(String unlinkedModels, List<Gate> gates) {

  public static final Set<String> GATE_KINDS = Set.of("model_promotion", "use_case_stage");
  public static final Set<String> CONDITIONS =
      Set.of("eu_tier", "internal_tier", "data_categories", "lifecycle_stage", "ai_type");
  public static final Set<String> CRITERIA =
      Set.of(
          "classification_done",
          "assessment_within_months",
          "no_open_residual_risk_at_or_above",
          "model_card_complete",
          "metric_at_least",
          "frameworks_implemented",
          "approvals");

  /** A gate: kind, the use cases it applies to, for stage gates the target stages, criteria. */
  public record Gate(
      String id,
      String kind,
      Map<String, List<String>> when,
      List<String> toStage,
      List<Criterion> criteria) {}

  /** One criterion: its type and its parameters. */
  public record Criterion(String type, Map<String, Object> params) {}

  /** Parses and checks a policy. */
  public static Policy parse(String text) {
    Node root;
    try {
      root =
          new Yaml(new SafeConstructor(new LoaderOptions()))
              .compose(new StringReader(text == null ? "" : text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new LineErrors(
          "The policy", List.of(new LineError(line, null, "Not valid YAML: " + e.getProblem())));
    }
    List<LineError> errors = new ArrayList<>();
    if (!(root instanceof MappingNode top)) {
      throw new LineErrors(
          "The policy",
          List.of(new LineError(1, null, "The policy must be a mapping with 'gates'.")));
    }
    Map<String, Node> fields = fields(top);
    for (String key : fields.keySet()) {
      if (!Set.of("unlinked_models", "gates").contains(key)) {
        errors.add(
            new LineError(
                line(fields.get(key)),
                key,
                "Unknown setting '" + key + "'; use unlinked_models and gates."));
      }
    }
    String unlinked = scalar(fields.get("unlinked_models"), "allow");
    if (!Set.of("allow", "require_link").contains(unlinked)) {
      errors.add(
          new LineError(
              line(fields.get("unlinked_models")),
              "unlinked_models",
              "'unlinked_models' is allow or require_link."));
    }
    List<Gate> gates = new ArrayList<>();
    Node gatesNode = fields.get("gates");
    if (!(gatesNode instanceof SequenceNode list)) {
      errors.add(
          new LineError(
              gatesNode == null ? 1 : line(gatesNode), "gates", "'gates' must be a list."));
    } else {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < list.getValue().size(); i++) {
        Node g = list.getValue().get(i);
        String at = "gates[" + i + "]";
        if (!(g instanceof MappingNode gm)) {
          errors.add(new LineError(line(g), at, "Every gate is a mapping."));
          continue;
        }
        Map<String, Node> gf = fields(gm);
        for (String key : gf.keySet()) {
          if (!Set.of("id", "gate", "when", "to_stage", "criteria").contains(key)) {
            errors.add(
                new LineError(
                    line(gf.get(key)), at + "." + key, "Unknown gate field '" + key + "'."));
          }
        }
        String id = scalar(gf.get("id"), "");
        if (id.isBlank()) {
          errors.add(new LineError(line(g), at + ".id", "Every gate needs an id."));
        } else if (ids.contains(id)) {
          errors.add(
              new LineError(line(gf.get("id")), at + ".id", "Gate id '" + id + "' is used twice."));
        }
        ids.add(id);
        String kind = scalar(gf.get("gate"), "");
        if (!GATE_KINDS.contains(kind)) {
          errors.add(
              new LineError(
                  gf.get("gate") == null ? line(g) : line(gf.get("gate")),
                  at + ".gate",
                  "'gate' must be one of " + GATE_KINDS + "."));
        }
        Map<String, List<String>> when = new LinkedHashMap<>();
        Node w = gf.get("when");
        if (w instanceof MappingNode wm) {
          for (Map.Entry<String, Node> c : fields(wm).entrySet()) {
            if (!CONDITIONS.contains(c.getKey())) {
              errors.add(
                  new LineError(
                      line(c.getValue()),
                      at + ".when." + c.getKey(),
                      "Unknown condition '" + c.getKey() + "'; use " + CONDITIONS + "."));
            } else {
              when.put(c.getKey(), strings(c.getValue()));
            }
          }
        } else if (w != null) {
          errors.add(
              new LineError(
                  line(w), at + ".when", "'when' is a mapping of condition -> list of values."));
        }
        List<String> toStage = gf.get("to_stage") == null ? List.of() : strings(gf.get("to_stage"));
        if (kind.equals("use_case_stage") && toStage.isEmpty()) {
          errors.add(
              new LineError(line(g), at + ".to_stage", "A use_case_stage gate needs 'to_stage'."));
        }
        List<Criterion> criteria = new ArrayList<>();
        Node cn = gf.get("criteria");
        if (!(cn instanceof SequenceNode cl) || cl.getValue().isEmpty()) {
          errors.add(
              new LineError(
                  cn == null ? line(g) : line(cn),
                  at + ".criteria",
                  "A gate needs a list of criteria."));
        } else {
          for (int j = 0; j < cl.getValue().size(); j++) {
            Node c = cl.getValue().get(j);
            String cat = at + ".criteria[" + j + "]";
            if (!(c instanceof MappingNode cm) || cm.getValue().size() != 1) {
              errors.add(new LineError(line(c), cat, "Each criterion is one 'name: value' pair."));
              continue;
            }
            NodeTuple t = cm.getValue().get(0);
            String type = ((ScalarNode) t.getKeyNode()).getValue();
            Node v = t.getValueNode();
            if (!CRITERIA.contains(type)) {
              errors.add(
                  new LineError(
                      line(c), cat, "Unknown criterion '" + type + "'; use " + CRITERIA + "."));
              continue;
            }
            Map<String, Object> params = new HashMap<>();
            String problem = criterionParams(type, v, params);
            if (problem != null) {
              errors.add(new LineError(line(v), cat + "." + type, problem));
            } else {
              criteria.add(new Criterion(type, params));
            }
          }
        }
        if (kind.equals("use_case_stage")) {
          for (Criterion c : criteria) {
            if (c.type().equals("model_card_complete") || c.type().equals("metric_at_least")) {
              errors.add(
                  new LineError(
                      line(cn),
                      at + ".criteria",
                      "'" + c.type() + "' applies to model_promotion gates only."));
            }
          }
        }
        gates.add(new Gate(id, kind, when, toStage, criteria));
      }
    }
    if (!errors.isEmpty()) {
      throw new LineErrors("The policy", errors);
    }
    return new Policy(unlinked, List.copyOf(gates));
  }

  private static String criterionParams(String type, Node v, Map<String, Object> params) {
    switch (type) {
      case "classification_done", "model_card_complete" -> {
        String s = v instanceof ScalarNode sn ? sn.getValue() : "";
        if (!s.equals("true")) {
          return "'" + type + "' takes the value true.";
        }
      }
      case "assessment_within_months" -> {
        try {
          int months = Integer.parseInt(v instanceof ScalarNode sn ? sn.getValue() : "x");
          if (months < 1 || months > 120) {
            return "'assessment_within_months' is a number of months from 1 to 120.";
          }
          params.put("months", months);
        } catch (NumberFormatException e) {
          return "'assessment_within_months' is a number of months.";
        }
      }
      case "no_open_residual_risk_at_or_above" -> {
        String s = v instanceof ScalarNode sn ? sn.getValue() : "";
        if (s.isBlank()) {
          return "'no_open_residual_risk_at_or_above' names a risk level.";
        }
        params.put("level", s);
      }
      case "metric_at_least" -> {
        if (!(v instanceof MappingNode m)) {
          return "'metric_at_least' is {key: ..., value: ...}.";
        }
        Map<String, Node> f = fields(m);
        String key = scalar(f.get("key"), "");
        try {
          double value = Double.parseDouble(scalar(f.get("value"), "x"));
          if (key.isBlank()) {
            return "'metric_at_least' needs the metric 'key'.";
          }
          params.put("key", key);
          params.put("value", value);
        } catch (NumberFormatException e) {
          return "'metric_at_least' needs a numeric 'value'.";
        }
      }
      case "frameworks_implemented" -> {
        List<String> list = strings(v);
        if (list.isEmpty()) {
          return "'" + type + "' is a list.";
        }
        params.put("values", list);
      }
      default -> {
        return "Unknown criterion.";
      }
    }
    return null;
  }

  static Map<String, Node> fields(MappingNode node) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k) {
        out.put(k.getValue(), t.getValueNode());
      }
    }
    return out;
  }

  static String scalar(Node node, String fallback) {
    return node instanceof ScalarNode s ? s.getValue().strip() : fallback;
  }

  static List<String> strings(Node node) {
    List<String> out = new ArrayList<>();
    if (node instanceof SequenceNode s) {
      for (Node n : s.getValue()) {
        if (n instanceof ScalarNode sc) {
          out.add(sc.getValue().strip());
        }
      }
    } else if (node instanceof ScalarNode sc && !sc.getValue().isBlank()) {
      out.add(sc.getValue().strip());
    }
    return out;
  }

  static int line(Node node) {
    return node == null || node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
  }
}
