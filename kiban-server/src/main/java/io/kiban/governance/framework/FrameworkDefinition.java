package io.kiban.governance.framework;

import io.kiban.platform.error.LineErrors;
import io.kiban.platform.error.LineErrors.LineError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A framework as files describe it: key, version, names, and a tree of requirements (flattened here
 * with parent ids, in document order). Parsed from JSON (the catalog format), YAML (the same shape)
 * or CSV (one requirement per row with its parent); every problem is reported with the line or path
 * it is on.
 */
public record FrameworkDefinition(
    String key, String version, String nameJa, String nameEn, List<Requirement> requirements) {

  /** One node of the tree. */
  public record Requirement(
      String id,
      String parentId,
      String kind,
      String titleJa,
      String titleEn,
      String descriptionJa,
      String descriptionEn,
      Map<String, String> attributes) {}

  static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()-]{0,63}");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> CSV_COLUMNS =
      List.of("id", "parent", "kind", "title_ja", "title_en", "description_ja", "description_en");

  public static FrameworkDefinition fromJson(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text == null ? "" : text);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      throw new LineErrors(
          "The framework file",
          List.of(new LineError(line, null, "Not valid JSON: " + e.getOriginalMessage())));
    }
    return fromTree(root);
  }

  public static FrameworkDefinition fromYaml(String text) {
    Object data;
    try {
      data =
          new org.yaml.snakeyaml.Yaml(
                  new org.yaml.snakeyaml.constructor.SafeConstructor(
                      new org.yaml.snakeyaml.LoaderOptions()))
              .load(text == null ? "" : text);
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new LineErrors(
          "The framework file",
          List.of(new LineError(line, null, "Not valid YAML: " + e.getProblem())));
    } catch (RuntimeException e) {
      throw new LineErrors(
          "The framework file",
          List.of(new LineError(1, null, "Not valid YAML: " + e.getMessage())));
    }
    return fromTree(JSON.valueToTree(data));
  }

  static FrameworkDefinition fromTree(JsonNode root) {
    List<LineError> errors = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new LineErrors(
          "The framework file",
          List.of(new LineError(1, null, "The file must describe one framework object.")));
    }
    String key = root.path("key").asString("");
    String version = root.path("version").asString("");
    if (!KEY.matcher(key).matches()) {
      errors.add(
          new LineError(0, "key", "'key' must be 1 to 64 lower-case letters, digits or '-'."));
    }
    if (version.isBlank() || version.length() > 32) {
      errors.add(new LineError(0, "version", "'version' is required (at most 32 characters)."));
    }
    String nameJa = root.path("name").path("ja").asString("");
    String nameEn = root.path("name").path("en").asString("");
    if (nameJa.isBlank() || nameEn.isBlank()) {
      errors.add(new LineError(0, "name", "'name' needs both 'ja' and 'en'."));
    }
    List<Requirement> out = new ArrayList<>();
    JsonNode nodes = root.path("nodes");
    if (!nodes.isArray() || nodes.isEmpty()) {
      errors.add(new LineError(0, "nodes", "'nodes' must be a non-empty list of requirements."));
    } else {
      walk(nodes, null, "nodes", out, errors);
    }
    checkIds(out, errors, null);
    if (!errors.isEmpty()) {
      throw new LineErrors("The framework file", errors);
    }
    return new FrameworkDefinition(key, version, nameJa, nameEn, List.copyOf(out));
  }

  private static void walk(
      JsonNode nodes, String parent, String path, List<Requirement> out, List<LineError> errors) {
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      String at = path + "[" + i + "]";
      String id = n.path("id").asString("");
      String titleJa = n.path("title").path("ja").asString("");
      String titleEn = n.path("title").path("en").asString("");
      if (titleJa.isBlank() || titleEn.isBlank()) {
        errors.add(
            new LineError(
                0, at + ".title", "Requirement '" + id + "' needs a title in 'ja' and 'en'."));
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      JsonNode a = n.path("attributes");
      if (a.isObject()) {
        for (String name : a.propertyNames()) {
          attributes.put(name, a.get(name).asString());
        }
      }
      out.add(
          new Requirement(
              id,
              parent,
              n.path("kind").asString("requirement"),
              titleJa,
              titleEn,
              blankToNull(n.path("description").path("ja").asString("")),
              blankToNull(n.path("description").path("en").asString("")),
              attributes));
      JsonNode children = n.path("children");
      if (children.isArray()) {
        walk(children, id, at + ".children", out, errors);
      }
    }
  }

  /** Parses the CSV format: a header with {@link #CSV_COLUMNS}, key/version/names given apart. */
  public static FrameworkDefinition fromCsv(
      String key, String version, String nameJa, String nameEn, String text) {
    List<LineError> errors = new ArrayList<>();
    List<Requirement> out = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try (var parser =
        org.apache.commons.csv.CSVFormat.RFC4180
            .builder()
            .setIgnoreEmptyLines(true)
            .get()
            .parse(new java.io.StringReader(text == null ? "" : text.replace("\uFEFF", "")))) {
      List<String> header = null;
      long end = 0;
      for (var record : parser) {
        int line = (int) end + 1;
        end = parser.getCurrentLineNumber();
        if (header == null) {
          header = record.stream().map(String::strip).toList();
          for (String h : header) {
            if (!CSV_COLUMNS.contains(h)) {
              errors.add(
                  new LineError(
                      1, h, "Unknown column '" + h + "'; the columns are " + CSV_COLUMNS + "."));
            }
          }
          for (String required : List.of("id", "title_ja", "title_en")) {
            if (!header.contains(required)) {
              errors.add(
                  new LineError(1, required, "The header has no '" + required + "' column."));
            }
          }
          continue;
        }
        if (record.size() != header.size()) {
          errors.add(
              new LineError(
                  line,
                  null,
                  "Row has "
                      + record.size()
                      + " values but the header has "
                      + header.size()
                      + "."));
          continue;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
          row.put(header.get(c), record.get(c).strip());
        }
        if (row.getOrDefault("title_ja", "").isBlank()
            || row.getOrDefault("title_en", "").isBlank()) {
          errors.add(
              new LineError(
                  line, "title_ja", "Every requirement needs 'title_ja' and 'title_en'."));
        }
        out.add(
            new Requirement(
                row.getOrDefault("id", ""),
                blankToNull(row.getOrDefault("parent", "")),
                row.getOrDefault("kind", "").isBlank() ? "requirement" : row.get("kind"),
                row.getOrDefault("title_ja", ""),
                row.getOrDefault("title_en", ""),
                blankToNull(row.getOrDefault("description_ja", "")),
                blankToNull(row.getOrDefault("description_en", "")),
                Map.of()));
        lines.add(line);
      }
    } catch (java.io.IOException | java.io.UncheckedIOException | IllegalStateException e) {
      errors.add(new LineError(1, null, "The CSV cannot be read: " + e.getMessage()));
    }
    if (key == null || !KEY.matcher(key).matches()) {
      errors.add(
          new LineError(0, "key", "'key' must be 1 to 64 lower-case letters, digits or '-'."));
    }
    if (version == null || version.isBlank() || version.length() > 32) {
      errors.add(new LineError(0, "version", "'version' is required (at most 32 characters)."));
    }
    if (nameJa == null || nameJa.isBlank() || nameEn == null || nameEn.isBlank()) {
      errors.add(new LineError(0, "name", "Names in Japanese and English are required."));
    }
    if (out.isEmpty() && errors.isEmpty()) {
      errors.add(new LineError(1, null, "The file has no requirements."));
    }
    checkIds(out, errors, lines);
    if (!errors.isEmpty()) {
      List<LineError> sorted = new ArrayList<>(errors);
      sorted.sort(java.util.Comparator.comparingInt(LineError::line));
      throw new LineErrors("The framework file", sorted);
    }
    return new FrameworkDefinition(key, version, nameJa.strip(), nameEn.strip(), List.copyOf(out));
  }

  /** Ids must be well formed and unique; parents must exist and come first. */
  private static void checkIds(
      List<Requirement> reqs, List<LineError> errors, List<Integer> lines) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < reqs.size(); i++) {
      Requirement r = reqs.get(i);
      int line = lines == null ? 0 : lines.get(i);
      String where = lines == null ? "nodes (" + r.id() + ")" : "id";
      if (!ID.matcher(r.id()).matches()) {
        errors.add(
            new LineError(
                line,
                where,
                "Requirement id '"
                    + r.id()
                    + "' is not valid (1 to 64 letters, digits, spaces or . _ ( ) -)."));
      } else if (!seen.add(r.id())) {
        errors.add(new LineError(line, where, "Requirement id '" + r.id() + "' appears twice."));
      }
      if (r.parentId() != null && !seen.contains(r.parentId())) {
        errors.add(
            new LineError(
                line,
                lines == null ? where : "parent",
                "Parent '" + r.parentId() + "' of '" + r.id() + "' is not defined before it."));
      }
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
