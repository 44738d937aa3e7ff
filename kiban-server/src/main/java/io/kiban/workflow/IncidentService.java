package io.kiban.workflow;

import io.kiban.audit.AuditLog;
import io.kiban.governance.inventory.Codes;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.UseCase;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.notify.Notifier;
import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import io.kiban.registry.RegistryService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Incidents against a use case and optionally one of its model versions. Marking one a serious
 * incident under the EU AI Act (Art. 73) starts the reporting clock from the moment the provider
 * became aware: 15 days, 10 if a person died, 2 for a widespread infringement or a serious and
 * irreversible disruption of critical infrastructure. Every change is kept in a timeline.
 */
@Service
public class IncidentService {

  public static final Set<String> STATUSES = Set.of("open", "investigating", "mitigated", "closed");
  public static final List<String> HARM_CATEGORIES =
      List.of(
          "health_safety",
          "death",
          "fundamental_rights",
          "discrimination",
          "privacy",
          "financial",
          "property",
          "environment",
          "critical_infrastructure",
          "reputation",
          "other");

  /** Serious incident kinds and their reporting periods in days. */
  public static final Map<String, Integer> SERIOUS_KINDS =
      Map.of("other", 15, "death", 10, "widespread_or_critical_infrastructure", 2);

  /** Days before the deadline from which an unreported serious incident counts as due. */
  static final int DUE_WITHIN_DAYS = 3;

  /** What a reporter or the governance office sends; null fields are left as they are. */
  public record Input(
      String useCase,
      String modelName,
      String modelVersion,
      String title,
      String severity,
      String description,
      List<String> harmCategories,
      String affectedPeople,
      String detectedAt,
      String awareAt,
      String initialResponse,
      String impactAssessment,
      String rootCause,
      String correctiveActions,
      String preventiveActions,
      String status,
      Boolean serious,
      String seriousKind,
      String reportedAt,
      String reportReference,
      String note) {}

  /**
   * The regulatory clock: state is not_serious, running, due (within 3 days), overdue, reported or
   * reported_late.
   */
  public record ReportingClock(String state, Long deadline, Long daysLeft, Integer periodDays) {}

  /** One change in the timeline. */
  public record TimelineEntry(
      long at, String actor, Map<String, List<String>> changes, String note) {}

  public record Incident(
      long id,
      String useCase,
      String modelName,
      String modelVersion,
      String workspace,
      String title,
      String severity,
      String description,
      List<String> harmCategories,
      String affectedPeople,
      long detectedAt,
      long awareAt,
      String initialResponse,
      String impactAssessment,
      String rootCause,
      String correctiveActions,
      String preventiveActions,
      String status,
      boolean serious,
      String seriousKind,
      Long reportedAt,
      String reportReference,
      String createdBy,
      long createdAt,
      long updatedAt,
      Long closedAt,
      ReportingClock clock) {}

  private final JdbcClient jdbc;
  private final InventoryService inventory;
  private final RegistryService registry;
  private final AccessControl access;
  private final AuditLog audit;
  private final Notifier notifier;
  private final TaskService tasks;
  private final Clock clock;

  public IncidentService(
      JdbcClient jdbc,
      InventoryService inventory,
      RegistryService registry,
      AccessControl access,
      AuditLog audit,
      Notifier notifier,
      TaskService tasks,
      Clock clock) {
    this.jdbc = jdbc;
    this.inventory = inventory;
    this.registry = registry;
    this.access = access;
    this.audit = audit;
    this.notifier = notifier;
    this.tasks = tasks;
    this.clock = clock;
  }

  @Transactional
  public Incident report(Input in) {
    if (in == null || in.useCase() == null || in.useCase().isBlank()) {
      throw KibanException.invalid("Name the use case ('use_case') the incident concerns.");
    }
    UseCase uc = inventory.get(in.useCase().strip());
    String workspace = uc.data().workspace();
    access.require(Permission.REPORT, workspace);
    String modelName = blank(in.modelName());
    String modelVersion = blank(in.modelVersion());
    if (modelVersion != null && modelName == null) {
      throw KibanException.invalid("A model version needs its model ('model_name').");
    }
    if (modelName != null) {
      if (modelVersion != null) {
        access.asSystem(() -> registry.getVersion(modelName, modelVersion));
      } else {
        access.asSystem(() -> registry.getModel(modelName));
      }
    }
    String title = Codes.required("title", in.title(), 256);
    String severity = severity(in.severity());
    String description = Codes.required("description", in.description(), 8000);
    List<String> harms = harms(in.harmCategories());
    long now = clock.millis();
    long detected = in.detectedAt() == null ? now : instant(in.detectedAt(), "detected_at");
    long aware = in.awareAt() == null ? now : instant(in.awareAt(), "aware_at");
    checkTimes(detected, aware, now);
    String me = access.current().username();
    jdbc.sql(
            "INSERT INTO incident (use_case_key, model_name, model_version, workspace, title,"
                + " severity, description, harm_categories, affected_people, detected_at, aware_at,"
                + " initial_response, status, serious, created_by, created_at, updated_at) VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', FALSE, ?, ?, ?)")
        .params(
            uc.key(),
            modelName,
            modelVersion,
            workspace,
            title,
            severity,
            description,
            String.join(",", harms),
            Codes.text("affected_people", in.affectedPeople(), 2000),
            detected,
            aware,
            Codes.text("initial_response", in.initialResponse(), 8000),
            me,
            now,
            now)
        .update();
    long id =
        jdbc.sql("SELECT MAX(incident_id) FROM incident WHERE use_case_key = ? AND created_at = ?")
            .params(uc.key(), now)
            .query(Long.class)
            .single();
    timeline(id, me, Map.of("status", Arrays.asList(null, "open")), "Reported");
    Incident created = load(id);
    audit.record(
        "incident.reported",
        "incident",
        String.valueOf(id),
        JsonText.object(
            "use_case", uc.key(), "severity", severity, "title", title, "model", modelName));
    publish("incident.created", created, "Incident #" + id + " (" + severity + "): " + title);
    tasks.fromIncident(created, uc, false);
    return created;
  }

  /** Changes an incident (governance permission); every change is kept in the timeline. */
  @Transactional
  public Incident update(long id, Input in) {
    jdbc.sql("SELECT incident_id FROM incident WHERE incident_id = ? FOR UPDATE")
        .param(id)
        .query(Long.class)
        .optional();
    Incident before = get(id);
    access.require(Permission.GOVERN, before.workspace());
    if (in == null) {
      throw KibanException.invalid("Send the fields to change.");
    }
    if (before.status().equals("closed")
        && (in.status() == null || in.status().strip().equals("closed"))) {
      throw new KibanException(
          ErrorCode.RESOURCE_CONFLICT,
          "Incident " + id + " is closed; reopen it (status open or investigating) to change it.");
    }
    if (in.useCase() != null && !in.useCase().strip().equals(before.useCase())) {
      throw KibanException.invalid("An incident stays with its use case; report a new one.");
    }
    String title = in.title() == null ? before.title() : Codes.required("title", in.title(), 256);
    String severity = in.severity() == null ? before.severity() : severity(in.severity());
    String description =
        in.description() == null
            ? before.description()
            : Codes.required("description", in.description(), 8000);
    List<String> harms =
        in.harmCategories() == null ? before.harmCategories() : harms(in.harmCategories());
    long detected =
        in.detectedAt() == null ? before.detectedAt() : instant(in.detectedAt(), "detected_at");
    long aware = in.awareAt() == null ? before.awareAt() : instant(in.awareAt(), "aware_at");
    long now = clock.millis();
    checkTimes(detected, aware, now);
    String status = before.status();
    if (in.status() != null) {
      status = in.status().strip();
      if (!STATUSES.contains(status)) {
        throw KibanException.invalid("'status' is one of open, investigating, mitigated, closed.");
      }
    }
    boolean serious = in.serious() == null ? before.serious() : in.serious();
    String seriousKind = before.seriousKind();
    if (in.seriousKind() != null) {
      seriousKind = blank(in.seriousKind());
    }
    if (serious && seriousKind == null) {
      seriousKind = "other";
    }
    if (!serious) {
      seriousKind = null;
    }
    if (seriousKind != null && !SERIOUS_KINDS.containsKey(seriousKind)) {
      throw KibanException.invalid(
          "'serious_kind' is other (15 days), death (10 days) or"
              + " widespread_or_critical_infrastructure (2 days).");
    }
    Long reportedAt =
        in.reportedAt() == null
            ? before.reportedAt()
            : in.reportedAt().isBlank() ? null : instant(in.reportedAt(), "reported_at");
    if (reportedAt != null && reportedAt < aware) {
      throw KibanException.invalid("'reported_at' cannot be before 'aware_at'.");
    }
    if (reportedAt != null && !serious) {
      throw KibanException.invalid(
          "Only a serious incident is reported to the authority; set 'serious' first.");
    }
    String reportReference =
        in.reportReference() == null
            ? before.reportReference()
            : Codes.text("report_reference", in.reportReference(), 256);
    String rootCause = pick(in.rootCause(), before.rootCause(), "root_cause");
    String corrective =
        pick(in.correctiveActions(), before.correctiveActions(), "corrective_actions");
    if (status.equals("closed")) {
      List<String> missing = new ArrayList<>();
      if (rootCause == null) {
        missing.add("root_cause");
      }
      if (corrective == null) {
        missing.add("corrective_actions");
      }
      if (serious && reportedAt == null) {
        missing.add("reported_at (a serious incident is reported to the authority first)");
      }
      if (!missing.isEmpty()) {
        throw KibanException.invalid(
            "Closing incident " + id + " needs " + String.join(", ", missing) + ".");
      }
    }
    String note = Codes.text("note", in.note(), 4000);
    Long deadline =
        serious ? aware + Duration.ofDays(SERIOUS_KINDS.get(seriousKind)).toMillis() : null;
    jdbc.sql(
            "UPDATE incident SET title = ?, severity = ?, description = ?, harm_categories = ?,"
                + " affected_people = ?, detected_at = ?, aware_at = ?, initial_response = ?,"
                + " impact_assessment = ?, root_cause = ?, corrective_actions = ?,"
                + " preventive_actions = ?, status = ?, serious = ?, serious_kind = ?,"
                + " reporting_deadline = ?, reported_at = ?, report_reference = ?, updated_at = ?,"
                + " closed_at = ? WHERE incident_id = ?")
        .params(
            title,
            severity,
            description,
            String.join(",", harms),
            pick(in.affectedPeople(), before.affectedPeople(), "affected_people"),
            detected,
            aware,
            pick(in.initialResponse(), before.initialResponse(), "initial_response"),
            pick(in.impactAssessment(), before.impactAssessment(), "impact_assessment"),
            rootCause,
            corrective,
            pick(in.preventiveActions(), before.preventiveActions(), "preventive_actions"),
            status,
            serious,
            seriousKind,
            deadline,
            reportedAt,
            reportReference,
            now,
            status.equals("closed") ? (Long) now : null,
            id)
        .update();
    Incident after = load(id);
    Map<String, List<String>> changes = diff(before, after);
    if (changes.isEmpty() && note == null) {
      throw KibanException.invalid("Nothing to change: the values sent are the current ones.");
    }
    String me = access.current().username();
    timeline(id, me, changes, note);
    Map<String, String> auditChanges = new LinkedHashMap<>();
    changes.forEach((k, v) -> auditChanges.put(k, v.get(0) + " -> " + v.get(1)));
    audit.record(
        "incident.updated",
        "incident",
        String.valueOf(id),
        GateService.JSON.writeValueAsString(
            Map.of("changes", auditChanges, "note", Objects.toString(note, ""))));
    if (serious && !before.serious()) {
      publish(
          "incident.serious",
          after,
          "Incident #"
              + id
              + " is a serious incident under the EU AI Act; report by "
              + Instant.ofEpochMilli(deadline));
      tasks.fromIncident(after, inventory.get(after.useCase()), true);
    } else {
      publish("incident.updated", after, "Incident #" + id + " updated: " + changes.keySet());
    }
    if (status.equals("closed") && !before.status().equals("closed")) {
      tasks.closeForSource("incident", String.valueOf(id), me);
    }
    return after;
  }

  @Transactional(readOnly = true)
  public Incident get(long id) {
    Incident i = load(id);
    access.require(Permission.READ, i.workspace());
    return i;
  }

  @Transactional(readOnly = true)
  public List<TimelineEntry> timeline(long id) {
    get(id);
    return jdbc.sql(
            "SELECT happened_at, actor, changes, note FROM incident_event WHERE incident_id = ?"
                + " ORDER BY event_id")
        .param(id)
        .query(
            (rs, i) ->
                new TimelineEntry(
                    rs.getLong(1),
                    rs.getString(2),
                    GateService.JSON.readValue(
                        rs.getString(3), new TypeReference<Map<String, List<String>>>() {}),
                    rs.getString(4)))
        .list();
  }

  /** Incidents the caller may read; filters: use case, status, open only, clock state. */
  @Transactional(readOnly = true)
  public List<Incident> list(String useCase, String status, boolean openOnly, String clockState) {
    var scope = access.readable();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (useCase != null && !useCase.isBlank()) {
      where.append(" AND use_case_key = ?");
      params.add(useCase.strip());
    }
    if (status != null && !status.isBlank()) {
      if (!STATUSES.contains(status.strip())) {
        throw KibanException.invalid("'status' is one of open, investigating, mitigated, closed.");
      }
      where.append(" AND status = ?");
      params.add(status.strip());
    }
    if (openOnly) {
      where.append(" AND status <> 'closed'");
    }
    return query(where.toString(), params).stream()
        .filter(i -> scope.includes(i.workspace()))
        .filter(
            i ->
                clockState == null
                    || clockState.isBlank()
                    || Set.of(clockState.split(",")).contains(i.clock().state()))
        .toList();
  }

  /** Open incidents of a use case at or above a severity (gates; no permission check). */
  @Transactional(readOnly = true)
  public List<Incident> openAtOrAbove(String useCase, String severity) {
    int threshold = Policy.SEVERITIES.indexOf(severity);
    return query(" WHERE use_case_key = ? AND status <> 'closed'", List.of(useCase)).stream()
        .filter(i -> Policy.SEVERITIES.indexOf(i.severity()) >= threshold)
        .toList();
  }

  private ReportingClock clockOf(boolean serious, String kind, Long deadline, Long reportedAt) {
    if (!serious || deadline == null) {
      return new ReportingClock("not_serious", null, null, null);
    }
    int period = SERIOUS_KINDS.get(kind);
    if (reportedAt != null) {
      return new ReportingClock(
          reportedAt <= deadline ? "reported" : "reported_late", deadline, null, period);
    }
    long now = clock.millis();
    long daysLeft = Math.floorDiv(deadline - now, Duration.ofDays(1).toMillis());
    String state =
        now > deadline
            ? "overdue"
            : deadline - now <= Duration.ofDays(DUE_WITHIN_DAYS).toMillis() ? "due" : "running";
    return new ReportingClock(state, deadline, daysLeft, period);
  }

  private void publish(String event, Incident i, String summary) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("incident", i.id());
    data.put("use_case", i.useCase());
    data.put("model", i.modelName() == null ? null : i.modelName() + "/" + i.modelVersion());
    data.put("severity", i.severity());
    data.put("status", i.status());
    data.put("serious", i.serious());
    data.put("reporting_deadline", i.clock().deadline());
    notifier.publish(event, "incident:" + i.id(), summary, data);
  }

  private void timeline(long id, String actor, Map<String, List<String>> changes, String note) {
    jdbc.sql(
            "INSERT INTO incident_event (incident_id, happened_at, actor, changes, note) VALUES (?,"
                + " ?, ?, ?, ?)")
        .params(id, clock.millis(), actor, GateService.JSON.writeValueAsString(changes), note)
        .update();
  }

  private static Map<String, List<String>> diff(Incident a, Incident b) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Map<String, Function<Incident, Object>> fields = new LinkedHashMap<>();
    fields.put("title", Incident::title);
    fields.put("severity", Incident::severity);
    fields.put("description", Incident::description);
    fields.put("harm_categories", Incident::harmCategories);
    fields.put("affected_people", Incident::affectedPeople);
    fields.put("detected_at", i -> Instant.ofEpochMilli(i.detectedAt()));
    fields.put("aware_at", i -> Instant.ofEpochMilli(i.awareAt()));
    fields.put("initial_response", Incident::initialResponse);
    fields.put("impact_assessment", Incident::impactAssessment);
    fields.put("root_cause", Incident::rootCause);
    fields.put("corrective_actions", Incident::correctiveActions);
    fields.put("preventive_actions", Incident::preventiveActions);
    fields.put("status", Incident::status);
    fields.put("serious", Incident::serious);
    fields.put("serious_kind", Incident::seriousKind);
    fields.put(
        "reported_at", i -> i.reportedAt() == null ? null : Instant.ofEpochMilli(i.reportedAt()));
    fields.put("report_reference", Incident::reportReference);
    fields.forEach(
        (name, f) -> {
          Object x = f.apply(a);
          Object y = f.apply(b);
          if (!Objects.equals(x, y)) {
            out.put(
                name,
                Arrays.asList(x == null ? null : x.toString(), y == null ? null : y.toString()));
          }
        });
    return out;
  }

  private static String severity(String s) {
    String v = s == null ? "" : s.strip();
    if (!Policy.SEVERITIES.contains(v)) {
      throw KibanException.invalid("'severity' is one of low, medium, high, critical.");
    }
    return v;
  }

  private static List<String> harms(List<String> in) {
    List<String> out = new ArrayList<>();
    for (String h : in == null ? List.<String>of() : in) {
      String v = h == null ? "" : h.strip();
      if (v.isEmpty()) {
        continue;
      }
      if (!HARM_CATEGORIES.contains(v)) {
        throw KibanException.invalid(
            "Unknown harm category '" + v + "'; use " + String.join(", ", HARM_CATEGORIES) + ".");
      }
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static void checkTimes(long detected, long aware, long now) {
    long skew = Duration.ofMinutes(5).toMillis();
    if (detected > now + skew || aware > now + skew) {
      throw KibanException.invalid("'detected_at' and 'aware_at' cannot be in the future.");
    }
    if (aware < detected) {
      throw KibanException.invalid(
          "'aware_at' cannot be before 'detected_at': awareness follows detection.");
    }
  }

  /** An ISO-8601 instant (2026-11-20T09:30:00+09:00) or a date (taken as 00:00 UTC). */
  static long instant(String value, String field) {
    String v = value.strip();
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      return OffsetDateTime.parse(v).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(v).toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw KibanException.invalid(
            "'"
                + field
                + "' is a date (2026-11-20) or a time with its offset (2026-11-20T09:30:00+09:00).");
      }
    }
  }

  private static String pick(String sent, String current, String field) {
    return sent == null ? current : Codes.text(field, sent, 8000);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private Incident load(long id) {
    return query(" WHERE incident_id = ?", List.of(id)).stream()
        .findFirst()
        .orElseThrow(() -> KibanException.notFound("Incident " + id + " does not exist."));
  }

  private List<Incident> query(String where, List<Object> params) {
    return jdbc.sql(
            "SELECT incident_id, use_case_key, model_name, model_version, workspace, title,"
                + " severity, description, harm_categories, affected_people, detected_at, aware_at,"
                + " initial_response, impact_assessment, root_cause, corrective_actions,"
                + " preventive_actions, status, serious, serious_kind, reporting_deadline,"
                + " reported_at, report_reference, created_by, created_at, updated_at, closed_at"
                + " FROM incident"
                + where
                + " ORDER BY incident_id DESC LIMIT 1000")
        .params(params)
        .query(
            (rs, i) -> {
              Long deadline = nullableLong(rs, 21);
              Long reported = nullableLong(rs, 22);
              String harms = rs.getString(9);
              return new Incident(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  harms == null || harms.isBlank() ? List.of() : List.of(harms.split(",")),
                  rs.getString(10),
                  rs.getLong(11),
                  rs.getLong(12),
                  rs.getString(13),
                  rs.getString(14),
                  rs.getString(15),
                  rs.getString(16),
                  rs.getString(17),
                  rs.getString(18),
                  rs.getBoolean(19),
                  rs.getString(20),
                  reported,
                  rs.getString(23),
                  rs.getString(24),
                  rs.getLong(25),
                  rs.getLong(26),
                  nullableLong(rs, 27),
                  clockOf(rs.getBoolean(19), rs.getString(20), deadline, reported));
            })
        .list();
  }

  private static Long nullableLong(java.sql.ResultSet rs, int col) throws java.sql.SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }
}
