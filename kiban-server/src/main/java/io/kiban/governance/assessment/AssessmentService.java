package io.kiban.governance.assessment;

import io.kiban.audit.AuditLog;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.UseCase;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.error.LineErrors;
import io.kiban.platform.error.LineErrors.LineError;
import io.kiban.platform.json.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Impact assessments (AIIA, with the EU fundamental rights impact assessment elements): versioned
 * questionnaire templates (Kiban ships one), submissions per use case kept unchanged, one reviewer
 * sign-off by someone other than the submitter, and a reassessment date. Reading needs READ in the
 * use case's workspace; submitting and reviewing need GOVERN there; templates need GOVERN in all
 * workspaces.
 */
@Service
public class AssessmentService implements ApplicationRunner {

  public static final String SHIPPED = "kiban-aiia";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Set<String> TYPES = Set.of("text", "choice", "yes_no");
  static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** A template version with its parsed definition. */
  public record Template(String key, String version, JsonNode definition) {}

  /** A submission. */
  public record Assessment(
      long id,
      String useCase,
      String template,
      String templateVersion,
      Map<String, String> answers,
      String reassessBy,
      boolean reassessmentDue,
      long submittedAt,
      String submittedBy,
      String reviewStatus,
      String reviewedBy,
      Long reviewedAt,
      String reviewComment) {}

  private final JdbcClient jdbc;
  private final InventoryService inventory;
  private final AccessControl access;
  private final AuditLog audit;
  private final Clock clock;

  public AssessmentService(
      JdbcClient jdbc,
      InventoryService inventory,
      AccessControl access,
      AuditLog audit,
      Clock clock) {
    this.jdbc = jdbc;
    this.inventory = inventory;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** Stores the shipped template when missing. */
  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (args.containsOption("kiban.commands")) {
      return;
    }
    String text;
    try (InputStream in =
        AssessmentService.class.getResourceAsStream("/frameworks/aiia-template.json")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode def = validate(text);
    if (jdbc.sql("SELECT COUNT(*) FROM assessment_template WHERE template_key = ? AND version = ?")
            .params(def.path("key").asString(), def.path("version").asString())
            .query(Long.class)
            .single()
        == 0) {
      jdbc.sql(
              "INSERT INTO assessment_template (template_key, version, definition, created_at,"
                  + " created_by) VALUES (?, ?, ?, ?, 'system')")
          .params(def.path("key").asString(), def.path("version").asString(), text, clock.millis())
          .update();
    }
  }

  // --- templates

  @Transactional(readOnly = true)
  public List<Template> templates() {
    access.current();
    return jdbc.sql(
            "SELECT template_key, version, definition FROM assessment_template ORDER BY template_key, created_at")
        .query(
            (rs, i) ->
                new Template(rs.getString(1), rs.getString(2), JSON.readTree(rs.getString(3))))
        .list();
  }

  @Transactional(readOnly = true)
  public Template template(String key, String version) {
    return templates().stream()
        .filter(
            t ->
                t.key().equals(key)
                    && (version == null || version.isBlank() || t.version().equals(version)))
        .reduce((a, b) -> b)
        .orElseThrow(
            () ->
                KibanException.notFound(
                    "Assessment template '"
                        + key
                        + "'"
                        + (version == null ? "" : " version " + version)
                        + " does not exist."));
  }

  @Transactional
  public Template addTemplate(String text) {
    access.requireGlobal(Permission.GOVERN);
    JsonNode def = validate(text);
    String key = def.path("key").asString();
    String version = def.path("version").asString();
    if (jdbc.sql("SELECT COUNT(*) FROM assessment_template WHERE template_key = ? AND version = ?")
            .params(key, version)
            .query(Long.class)
            .single()
        > 0) {
      throw KibanException.alreadyExists(
          "Template '" + key + "' version '" + version + "' already exists.");
    }
    jdbc.sql(
            "INSERT INTO assessment_template (template_key, version, definition, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
        .params(key, version, text, clock.millis(), access.current().username())
        .update();
    audit.record("assessment_template.created", "assessment_template", key + "@" + version, "{}");
    return template(key, version);
  }

  static JsonNode validate(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text == null ? "" : text);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      throw new LineErrors(
          "The template",
          List.of(new LineError(line, null, "Not valid JSON: " + e.getOriginalMessage())));
    }
    List<LineError> errors = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new LineErrors(
          "The template", List.of(new LineError(1, null, "The template must be a JSON object.")));
    }
    if (!KEY.matcher(root.path("key").asString("")).matches()) {
      errors.add(new LineError(0, "key", "'key' must be lower-case letters, digits and '-'."));
    }
    if (root.path("version").asString("").isBlank()) {
      errors.add(new LineError(0, "version", "'version' is required."));
    }
    Set<String> ids = new java.util.HashSet<>();
    JsonNode sections = root.path("sections");
    if (!sections.isArray() || sections.isEmpty()) {
      errors.add(new LineError(0, "sections", "'sections' must be a non-empty list."));
    } else {
      for (int s = 0; s < sections.size(); s++) {
        JsonNode questions = sections.get(s).path("questions");
        if (!questions.isArray() || questions.isEmpty()) {
          errors.add(
              new LineError(0, "sections[" + s + "].questions", "Every section needs questions."));
          continue;
        }
        for (int i = 0; i < questions.size(); i++) {
          JsonNode q = questions.get(i);
          String at = "sections[" + s + "].questions[" + i + "]";
          String id = q.path("id").asString("");
          if (id.isBlank() || !ids.add(id)) {
            errors.add(
                new LineError(
                    0,
                    at + ".id",
                    id.isBlank()
                        ? "Every question needs an id."
                        : "Question id '" + id + "' is used twice."));
          }
          if (!TYPES.contains(q.path("type").asString(""))) {
            errors.add(
                new LineError(0, at + ".type", "Question type must be one of " + TYPES + "."));
          }
          if (q.path("label").path("ja").asString("").isBlank()
              || q.path("label").path("en").asString("").isBlank()) {
            errors.add(
                new LineError(0, at + ".label", "Every question needs a label in 'ja' and 'en'."));
          }
          if (q.path("type").asString("").equals("choice")
              && (!q.path("options").isArray() || q.path("options").isEmpty())) {
            errors.add(new LineError(0, at + ".options", "A choice question needs options."));
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new LineErrors("The template", errors);
    }
    return root;
  }

  // --- assessments

  @Transactional
  public Assessment submit(
      String useCaseKey,
      String templateKey,
      String version,
      Map<String, String> answers,
      String reassessBy) {
    UseCase uc = inventory.get(useCaseKey);
    access.require(Permission.GOVERN, uc.data().workspace());
    Template t =
        template(templateKey == null || templateKey.isBlank() ? SHIPPED : templateKey, version);
    Map<String, String> clean = check(t.definition(), answers == null ? Map.of() : answers);
    String reassess;
    try {
      reassess = LocalDate.parse(reassessBy == null ? "" : reassessBy.strip()).toString();
    } catch (DateTimeParseException e) {
      throw KibanException.invalid("'reassess_by' must be a date like 2027-11-30.");
    }
    if (reassess.compareTo(today()) <= 0) {
      throw KibanException.invalid("'reassess_by' must be in the future.");
    }
    String json = JSON.writeValueAsString(clean);
    if (json.length() > 30000) {
      throw KibanException.invalid("The answers are too long (30,000 characters in all).");
    }
    jdbc.sql(
            "INSERT INTO assessment (use_case_key, template_key, template_version, answers,"
                + " reassess_by, submitted_at, submitted_by, review_status) VALUES (?, ?, ?, ?, ?, ?,"
                + " ?, 'submitted')")
        .params(
            uc.key(),
            t.key(),
            t.version(),
            json,
            reassess,
            clock.millis(),
            access.current().username())
        .update();
    audit.record(
        "assessment.submitted",
        "use_case",
        uc.key(),
        JsonText.object("template", t.key() + "@" + t.version(), "reassess_by", reassess));
    return list(uc.key()).get(0);
  }

  /** The reviewer signs the assessment off (approve or reject); never the submitter, only once. */
  @Transactional
  public Assessment review(long id, String decision, String comment) {
    Assessment a = get(id);
    UseCase uc = inventory.get(a.useCase());
    access.require(Permission.GOVERN, uc.data().workspace());
    String me = access.current().username();
    if (me.equals(a.submittedBy())) {
      throw new KibanException(
          ErrorCode.PERMISSION_DENIED, "The submitter cannot review their own assessment.");
    }
    if (!a.reviewStatus().equals("submitted")) {
      throw KibanException.invalid("Assessment " + id + " is already " + a.reviewStatus() + ".");
    }
    String status =
        switch (decision == null ? "" : decision.strip().toLowerCase(java.util.Locale.ROOT)) {
          case "approve", "approved" -> "approved";
          case "reject", "rejected" -> "rejected";
          default -> throw KibanException.invalid("'decision' must be approve or reject.");
        };
    if (status.equals("rejected") && (comment == null || comment.isBlank())) {
      throw KibanException.invalid("A rejection needs a comment.");
    }
    jdbc.sql(
            "UPDATE assessment SET review_status = ?, reviewed_by = ?, reviewed_at = ?, review_comment = ? WHERE assessment_id = ?")
        .params(
            status,
            me,
            clock.millis(),
            comment == null || comment.isBlank() ? null : comment.strip(),
            id)
        .update();
    audit.record(
        "assessment." + status,
        "use_case",
        a.useCase(),
        JsonText.object("assessment", String.valueOf(id), "comment", comment));
    return get(id);
  }

  @Transactional(readOnly = true)
  public List<Assessment> list(String useCaseKey) {
    UseCase uc = inventory.get(useCaseKey);
    return jdbc.sql(SELECT + " WHERE use_case_key = ? ORDER BY assessment_id DESC")
        .param(uc.key())
        .query(this::map)
        .list();
  }

  @Transactional(readOnly = true)
  public Assessment get(long id) {
    Assessment a =
        jdbc.sql(SELECT + " WHERE assessment_id = ?")
            .param(id)
            .query(this::map)
            .optional()
            .orElseThrow(() -> KibanException.notFound("Assessment " + id + " does not exist."));
    inventory.get(a.useCase());
    return a;
  }

  static final String SELECT =
      "SELECT assessment_id, use_case_key, template_key, template_version, answers, reassess_by,"
          + " submitted_at, submitted_by, review_status, reviewed_by, reviewed_at, review_comment"
          + " FROM assessment";

  private Assessment map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    long reviewed = rs.getLong(11);
    Long reviewedAt = rs.wasNull() ? null : reviewed;
    String reassess = rs.getString(6);
    return new Assessment(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        JSON.readValue(rs.getString(5), new TypeReference<LinkedHashMap<String, String>>() {}),
        reassess,
        reassess.compareTo(today()) <= 0,
        rs.getLong(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        reviewedAt,
        rs.getString(12));
  }

  private String today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
  }

  /** Checks the answers against the template; every problem is reported with its question id. */
  static Map<String, String> check(JsonNode template, Map<String, String> answers) {
    List<LineError> errors = new ArrayList<>();
    Map<String, String> clean = new LinkedHashMap<>();
    Set<String> known = new java.util.HashSet<>();
    for (JsonNode section : template.path("sections")) {
      for (JsonNode q : section.path("questions")) {
        String id = q.path("id").asString();
        known.add(id);
        String value = answers.get(id) == null ? "" : answers.get(id).strip();
        if (value.isEmpty()) {
          if (q.path("required").asBoolean(false)) {
            errors.add(new LineError(0, id, "Question '" + id + "' needs an answer."));
          }
          continue;
        }
        switch (q.path("type").asString()) {
          case "yes_no" -> {
            if (!value.equals("yes") && !value.equals("no")) {
              errors.add(new LineError(0, id, "Question '" + id + "' is answered yes or no."));
            }
          }
          case "choice" -> {
            boolean ok = false;
            for (JsonNode o : q.path("options")) {
              ok |= o.path("id").asString().equals(value);
            }
            if (!ok) {
              errors.add(new LineError(0, id, "'" + value + "' is not an option of '" + id + "'."));
            }
          }
          default -> {
            if (value.length() > 4000) {
              errors.add(
                  new LineError(
                      0, id, "The answer to '" + id + "' is longer than 4000 characters."));
            }
          }
        }
        clean.put(id, value);
      }
    }
    for (String id : answers.keySet()) {
      if (!known.contains(id)) {
        errors.add(new LineError(0, id, "'" + id + "' is not a question of this template."));
      }
    }
    if (!errors.isEmpty()) {
      throw new LineErrors("The assessment", errors);
    }
    return clean;
  }
}
