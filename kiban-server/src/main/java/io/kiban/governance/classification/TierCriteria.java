package io.kiban.governance.classification;

import io.kiban.platform.error.LineErrors;
import io.kiban.platform.error.LineErrors.LineError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organisation's own risk tiers: ordered rules, the first whose conditions all hold gives the
 * tier; the last rule has no conditions and catches the rest. Conditions test facts of the use case
 * (EU AI Act tier, data categories, decision autonomy, AI type, sourcing, lifecycle stage) against
 * lists of allowed values.
 */
public record TierCriteria(List<String> tiers, List<Rule> rules) {

  /** A rule with its labels and conditions (fact -> accepted values). */
  public record Rule(
      String id, String tier, String ja, String en, Map<String, List<String>> when) {}

  static final Set<String> FACTS =
      Set.of(
          "eu_tier",
          "data_categories",
          "decision_autonomy",
          "ai_type",
          "sourcing",
          "lifecycle_stage");

  static final JsonMapper JSON = JsonMapper.builder().build();

  public static final String DEFAULT =
      """
      {
        "tiers": ["high", "medium", "low"],
        "rules": [
          {"id": "eu-high-risk", "tier": "high",
           "ja": "EU AI法の高リスクまたは禁止に該当", "en": "High-risk or prohibited under the EU AI Act",
           "when": {"eu_tier": ["HIGH_RISK", "PROHIBITED"]}},
          {"id": "special-care-data", "tier": "high",
           "ja": "要配慮個人情報を扱う", "en": "Handles special-care personal data",
           "when": {"data_categories": ["special_care"]}},
          {"id": "automated-decisions-on-people", "tier": "high",
           "ja": "人の確認なしに個人に関する判断を自動で行う", "en": "Decides about individuals without human review",
           "when": {"decision_autonomy": ["fully_automated"], "data_categories": ["personal"]}},
          {"id": "personal-data", "tier": "medium",
           "ja": "個人情報を扱う", "en": "Handles personal data",
           "when": {"data_categories": ["personal"]}},
          {"id": "generative-or-agent", "tier": "medium",
           "ja": "生成AIまたはエージェント", "en": "Generative AI or an agent",
           "when": {"ai_type": ["generative_ai", "rag", "agent"]}},
          {"id": "other", "tier": "low", "ja": "上記以外", "en": "Everything else", "when": {}}
        ]
      }
      """;

  /** Parses and checks a definition; every problem is reported with its line or field path. */
  public static TierCriteria parse(String json) {
    List<LineError> errors = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(json == null ? "" : json);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      throw new LineErrors(
          "The tier criteria",
          List.of(new LineError(line, null, "Not valid JSON: " + e.getOriginalMessage())));
    }
    if (root == null || !root.isObject()) {
      throw new LineErrors(
          "The tier criteria",
          List.of(new LineError(1, null, "The definition must be a JSON object.")));
    }
    List<String> tiers = new ArrayList<>();
    JsonNode tiersNode = root.path("tiers");
    if (!tiersNode.isArray() || tiersNode.isEmpty()) {
      errors.add(new LineError(0, "tiers", "'tiers' must be a non-empty list, highest first."));
    } else {
      tiersNode.forEach(t -> tiers.add(t.asString()));
    }
    List<Rule> rules = new ArrayList<>();
    JsonNode rulesNode = root.path("rules");
    if (!rulesNode.isArray() || rulesNode.isEmpty()) {
      errors.add(new LineError(0, "rules", "'rules' must be a non-empty list."));
    } else {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < rulesNode.size(); i++) {
        JsonNode r = rulesNode.get(i);
        String at = "rules[" + i + "]";
        String id = r.path("id").asString("");
        String tier = r.path("tier").asString("");
        if (id.isBlank()) {
          errors.add(new LineError(0, at + ".id", "Every rule needs an id."));
        } else if (ids.contains(id)) {
          errors.add(new LineError(0, at + ".id", "Rule id '" + id + "' is used twice."));
        }
        ids.add(id);
        if (!tiers.contains(tier)) {
          errors.add(
              new LineError(0, at + ".tier", "Tier '" + tier + "' is not one of " + tiers + "."));
        }
        for (String label : List.of("ja", "en")) {
          if (r.path(label).asString("").isBlank()) {
            errors.add(
                new LineError(0, at + "." + label, "Every rule needs a label in '" + label + "'."));
          }
        }
        Map<String, List<String>> when = new LinkedHashMap<>();
        JsonNode w = r.path("when");
        if (!w.isMissingNode() && !w.isObject()) {
          errors.add(
              new LineError(
                  0, at + ".when", "'when' must be an object of fact -> list of values."));
        } else if (w.isObject()) {
          for (String fact : w.propertyNames()) {
            if (!FACTS.contains(fact)) {
              errors.add(
                  new LineError(
                      0,
                      at + ".when." + fact,
                      "Unknown fact '" + fact + "'; facts are " + FACTS + "."));
              continue;
            }
            JsonNode values = w.get(fact);
            if (!values.isArray() || values.isEmpty()) {
              errors.add(
                  new LineError(
                      0,
                      at + ".when." + fact,
                      "Condition '" + fact + "' needs a non-empty list of values."));
              continue;
            }
            List<String> list = new ArrayList<>();
            values.forEach(v -> list.add(v.asString()));
            when.put(fact, list);
          }
        }
        rules.add(new Rule(id, tier, r.path("ja").asString(""), r.path("en").asString(""), when));
      }
      if (!rules.isEmpty() && !rules.get(rules.size() - 1).when().isEmpty()) {
        errors.add(
            new LineError(
                0,
                "rules[" + (rules.size() - 1) + "].when",
                "The last rule must have no conditions, so every use case gets a tier."));
      }
    }
    if (!errors.isEmpty()) {
      throw new LineErrors("The tier criteria", errors);
    }
    return new TierCriteria(List.copyOf(tiers), List.copyOf(rules));
  }

  /** The first matching rule for the facts (fact -> the use case's values). */
  public Rule evaluate(Map<String, List<String>> facts) {
    for (Rule rule : rules) {
      boolean all = true;
      for (Map.Entry<String, List<String>> c : rule.when().entrySet()) {
        List<String> have = facts.getOrDefault(c.getKey(), List.of());
        if (have.stream().noneMatch(c.getValue()::contains)) {
          all = false;
          break;
        }
      }
      if (all) {
        return rule;
      }
    }
    return rules.get(rules.size() - 1);
  }
}
