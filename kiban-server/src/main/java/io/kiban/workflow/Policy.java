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
public record Policy(
    String unlinkedModels,
    List<Gate> gates,
    List<ApprovalFlow> approvalFlows,
    List<String> suspensionRoles) {

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
          "no_open_incident_at_or_above",
          "approvals");

  /** Incident severities, lowest first. */
  public static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

  /**
   * An approval flow: the gate kind it serves, its steps in order, and the committee step added for
   * use cases that match the escalation conditions.
   */
  public record ApprovalFlow(String id, String gate, List<Step> steps, Escalation escalation) {}

  /** A step: a role or named people; with all=true every one of them must approve. */
  public record Step(String name, String role, List<String> people, boolean all) {}

  /** Escalation to the committee: the conditions (as a gate's 'when') and the committee step. */
  public record Escalation(Map<String, List<String>> when, Step step) {}

  /** The flow with this id, if any. */
  public java.util.Optional<ApprovalFlow> flow(String id) {
    return approvalFlows.stream().filter(f -> f.id().equals(id)).findFirst();
  }

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
      if (!Set.of("unlinked_models", "gates", "approval_flows", "suspension_roles").contains(key)) {
        errors.add(
            new LineError(
                line(fields.get(key)),
                key,
                "Unknown setting '"
                    + key
                    + "'; use unlinked_models, gates, approval_flows and suspension_roles."));
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
    List<ApprovalFlow> flows = approvalFlows(fields.get("approval_flows"), errors);
    List<String> suspensionRoles = new ArrayList<>();
    Node sr = fields.get("suspension_roles");
    for (String r : sr == null ? List.<String>of() : strings(sr)) {
      try {
        suspensionRoles.add(io.kiban.identity.Role.parse(r).wireName());
      } catch (io.kiban.platform.error.KibanException e) {
        errors.add(new LineError(line(sr), "suspension_roles", e.getMessage()));
      }
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
            if (problem == null && type.equals("approvals")) {
              problem = flowsProblem(params, flows, kind);
            }
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
    return new Policy(
        unlinked, List.copyOf(gates), List.copyOf(flows), List.copyOf(suspensionRoles));
  }

  private static String flowsProblem(
      Map<String, Object> params, List<ApprovalFlow> flows, String gateKind) {
    @SuppressWarnings("unchecked")
    List<String> named = (List<String>) params.get("values");
    for (String id : named) {
      ApprovalFlow f = flows.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
      if (f == null) {
        return "Approval flow '" + id + "' is not defined under approval_flows.";
      }
      if (!f.gate().equals(gateKind)) {
        return "Approval flow '" + id + "' serves " + f.gate() + " gates, not " + gateKind + ".";
      }
    }
    return null;
  }

  private static List<ApprovalFlow> approvalFlows(Node node, List<LineError> errors) {
    List<ApprovalFlow> flows = new ArrayList<>();
    if (node == null) {
      return flows;
    }
    if (!(node instanceof SequenceNode list)) {
      errors.add(new LineError(line(node), "approval_flows", "'approval_flows' must be a list."));
      return flows;
    }
    for (int i = 0; i < list.getValue().size(); i++) {
      Node f = list.getValue().get(i);
      String at = "approval_flows[" + i + "]";
      if (!(f instanceof MappingNode fm)) {
        errors.add(new LineError(line(f), at, "Every approval flow is a mapping."));
        continue;
      }
      Map<String, Node> ff = fields(fm);
      for (String key : ff.keySet()) {
        if (!Set.of("id", "gate", "steps", "escalate").contains(key)) {
          errors.add(
              new LineError(
                  line(ff.get(key)),
                  at + "." + key,
                  "Unknown approval flow field '" + key + "'; use id, gate, steps, escalate."));
        }
      }
      String id = scalar(ff.get("id"), "");
      if (id.isBlank()) {
        errors.add(new LineError(line(f), at + ".id", "Every approval flow needs an id."));
      } else if (flows.stream().anyMatch(x -> x.id().equals(id))) {
        errors.add(
            new LineError(
                line(ff.get("id")), at + ".id", "Approval flow id '" + id + "' is used twice."));
      }
      String gate = scalar(ff.get("gate"), "");
      if (!GATE_KINDS.contains(gate)) {
        errors.add(
            new LineError(
                ff.get("gate") == null ? line(f) : line(ff.get("gate")),
                at + ".gate",
                "'gate' must be one of " + GATE_KINDS + "."));
      }
      List<Step> steps = new ArrayList<>();
      Node sn = ff.get("steps");
      if (!(sn instanceof SequenceNode sl) || sl.getValue().isEmpty()) {
        errors.add(
            new LineError(
                sn == null ? line(f) : line(sn),
                at + ".steps",
                "An approval flow needs a list of steps."));
      } else {
        for (int j = 0; j < sl.getValue().size(); j++) {
          Node sj = sl.getValue().get(j);
          String sat = at + ".steps[" + j + "]";
          if (!(sj instanceof MappingNode sm)) {
            errors.add(
                new LineError(line(sj), sat, "A step is a mapping with name and role or people."));
            continue;
          }
          Step step = step(fields(sm), line(sj), sat, "", errors);
          if (step != null) {
            if (steps.stream().anyMatch(x -> x.name().equals(step.name()))) {
              errors.add(
                  new LineError(
                      line(sl.getValue().get(j)),
                      at + ".steps[" + j + "].name",
                      "Step name '" + step.name() + "' is used twice."));
            }
            steps.add(step);
          }
        }
      }
      Escalation escalation = null;
      Node en = ff.get("escalate");
      if (en instanceof MappingNode em) {
        Map<String, Node> ef = fields(em);
        Map<String, List<String>> when = new LinkedHashMap<>();
        if (ef.get("when") instanceof MappingNode wm) {
          for (Map.Entry<String, Node> c : fields(wm).entrySet()) {
            if (!CONDITIONS.contains(c.getKey())) {
              errors.add(
                  new LineError(
                      line(c.getValue()),
                      at + ".escalate.when." + c.getKey(),
                      "Unknown condition '" + c.getKey() + "'; use " + CONDITIONS + "."));
            } else {
              when.put(c.getKey(), strings(c.getValue()));
            }
          }
        }
        if (when.isEmpty()) {
          errors.add(
              new LineError(
                  line(en),
                  at + ".escalate.when",
                  "'escalate' needs 'when' conditions (e.g. eu_tier: [HIGH_RISK])."));
        }
        Map<String, Node> stepFields = new LinkedHashMap<>(ef);
        stepFields.remove("when");
        Step step = step(stepFields, line(en), at + ".escalate", "committee", errors);
        if (step != null) {
          escalation = new Escalation(when, step);
        }
      } else if (en != null) {
        errors.add(
            new LineError(
                line(en), at + ".escalate", "'escalate' is a mapping with when, role or people."));
      }
      flows.add(new ApprovalFlow(id, gate, List.copyOf(steps), escalation));
    }
    return flows;
  }

  private static Step step(
      Map<String, Node> f, int line, String at, String defaultName, List<LineError> errors) {
    for (String key : f.keySet()) {
      if (!Set.of("name", "role", "people", "approval").contains(key)) {
        errors.add(
            new LineError(
                line(f.get(key)),
                at + "." + key,
                "Unknown step field '" + key + "'; use name, role, people, approval."));
      }
    }
    String name = scalar(f.get("name"), defaultName);
    String role = scalar(f.get("role"), "");
    List<String> people = f.get("people") == null ? List.of() : strings(f.get("people"));
    String approval = scalar(f.get("approval"), "any");
    boolean ok = true;
    if (name.isBlank()) {
      errors.add(new LineError(line, at + ".name", "Every step needs a name."));
      ok = false;
    }
    if (role.isBlank() == people.isEmpty()) {
      errors.add(
          new LineError(line, at, "A step names either a 'role' or a list of 'people', not both."));
      ok = false;
    }
    if (!role.isBlank()) {
      try {
        role = io.kiban.identity.Role.parse(role).wireName();
      } catch (io.kiban.platform.error.KibanException e) {
        errors.add(new LineError(line(f.get("role")), at + ".role", e.getMessage()));
        ok = false;
      }
    }
    if (!Set.of("any", "all").contains(approval)) {
      errors.add(
          new LineError(
              line(f.get("approval")),
              at + ".approval",
              "'approval' is any (one approver is enough) or all."));
      ok = false;
    }
    return ok
        ? new Step(name, role.isBlank() ? null : role, List.copyOf(people), approval.equals("all"))
        : null;
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
      case "no_open_incident_at_or_above" -> {
        String s = v instanceof ScalarNode sn ? sn.getValue().strip() : "";
        if (!SEVERITIES.contains(s)) {
          return "'no_open_incident_at_or_above' names a severity: " + SEVERITIES + ".";
        }
        params.put("severity", s);
      }
      case "frameworks_implemented", "approvals" -> {
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
