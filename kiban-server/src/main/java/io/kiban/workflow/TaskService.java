package io.kiban.workflow;

import io.kiban.audit.AuditLog;
import io.kiban.governance.inventory.Codes;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.UseCase;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Grant;
import io.kiban.identity.IdentityService;
import io.kiban.identity.Permission;
import io.kiban.notify.Notifier;
import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remediation tasks: manual ones, and those Kiban creates from failed gates, incidents, high
 * residual risks, overdue risk reviews, reassessments and requirements. A task created from a
 * source is created once (its dedupe key); closing it records who and when.
 */
@Service
public class TaskService {

  public static final Set<String> STATUSES = Set.of("open", "in_progress", "done", "cancelled");

  public record Task(
      long id,
      String title,
      String description,
      String sourceKind,
      String sourceRef,
      String useCase,
      String workspace,
      String assignee,
      String dueDate,
      String status,
      String createdBy,
      long createdAt,
      long updatedAt,
      String closedBy,
      Long closedAt,
      String closingNote,
      boolean overdue) {}

  /** A manual task or a change. */
  public record Input(
      String title,
      String description,
      String useCase,
      String assignee,
      String dueDate,
      String status,
      String note) {}

  private final JdbcClient jdbc;
  private final InventoryService inventory;
  private final IdentityService identity;
  private final AccessControl access;
  private final AuditLog audit;
  private final Notifier notifier;
  private final Clock clock;
  private final io.kiban.governance.risk.RiskMatrix matrix;

  public TaskService(
      JdbcClient jdbc,
      InventoryService inventory,
      IdentityService identity,
      AccessControl access,
      AuditLog audit,
      Notifier notifier,
      Clock clock,
      io.kiban.governance.risk.RiskMatrix matrix) {
    this.matrix = matrix;
    this.jdbc = jdbc;
    this.inventory = inventory;
    this.identity = identity;
    this.access = access;
    this.audit = audit;
    this.notifier = notifier;
    this.clock = clock;
  }

  // --- manual tasks and changes

  @Transactional
  public Task create(Input in) {
    if (in == null || in.useCase() == null || in.useCase().isBlank()) {
      throw KibanException.invalid("Name the use case ('use_case') the task belongs to.");
    }
    UseCase uc = inventory.get(in.useCase().strip());
    access.require(Permission.GOVERN, uc.data().workspace());
    String title = Codes.required("title", in.title(), 300);
    String assignee = assignee(in.assignee());
    String due = date(in.dueDate());
    return insert(
        "manual",
        null,
        null,
        title,
        Codes.text("description", in.description(), 8000),
        uc.key(),
        uc.data().workspace(),
        assignee,
        due,
        access.current().username());
  }

  /** Changes status, assignee or due date: the assignee or someone who governs the workspace. */
  @Transactional
  public Task update(long id, Input in) {
    Task t = get(id);
    String me = access.current().username();
    if (!me.equals(t.assignee())) {
      access.require(Permission.GOVERN, t.workspace());
    }
    if (in == null) {
      throw KibanException.invalid("Send the fields to change.");
    }
    if ((in.title() != null || in.description() != null || in.useCase() != null)) {
      throw KibanException.invalid("Only status, assignee, due_date and note can change.");
    }
    String status = t.status();
    if (in.status() != null) {
      status = in.status().strip();
      if (!STATUSES.contains(status)) {
        throw KibanException.invalid("'status' is one of open, in_progress, done, cancelled.");
      }
    }
    boolean closing = Set.of("done", "cancelled").contains(status);
    boolean wasClosed = Set.of("done", "cancelled").contains(t.status());
    String note = Codes.text("note", in.note(), 4000);
    if (status.equals("cancelled") && !wasClosed && note == null) {
      throw KibanException.invalid("Cancelling a task needs a reason ('note').");
    }
    String assignee = in.assignee() == null ? t.assignee() : assignee(in.assignee());
    String due = in.dueDate() == null ? t.dueDate() : date(in.dueDate());
    Map<String, String> changes = new LinkedHashMap<>();
    if (!status.equals(t.status())) {
      changes.put("status", t.status() + " -> " + status);
    }
    if (!java.util.Objects.equals(assignee, t.assignee())) {
      changes.put("assignee", t.assignee() + " -> " + assignee);
    }
    if (!java.util.Objects.equals(due, t.dueDate())) {
      changes.put("due_date", t.dueDate() + " -> " + due);
    }
    if (changes.isEmpty()) {
      throw KibanException.invalid("Nothing to change: the values sent are the current ones.");
    }
    long now = clock.millis();
    jdbc.sql(
            "UPDATE remediation_task SET status = ?, assignee = ?, due_date = ?, updated_at = ?,"
                + " closed_by = ?, closed_at = ?, closing_note = ? WHERE task_id = ?")
        .params(
            status,
            assignee,
            due,
            now,
            closing ? (wasClosed ? t.closedBy() : me) : null,
            closing ? (wasClosed ? t.closedAt() : (Long) now) : null,
            closing ? (note != null ? note : t.closingNote()) : null,
            id)
        .update();
    Map<String, String> details = new LinkedHashMap<>(changes);
    if (note != null) {
      details.put("note", note);
    }
    audit.record(
        closing && !wasClosed ? "task.closed" : "task.updated",
        "task",
        String.valueOf(id),
        GateService.JSON.writeValueAsString(details));
    Task after = load(id);
    publish(
        closing && !wasClosed ? "task.closed" : "task.updated",
        after,
        "Task #" + id + " " + after.title() + ": " + String.join(", ", changes.values()));
    return after;
  }

  @Transactional(readOnly = true)
  public Task get(long id) {
    Task t = load(id);
    if (access.current().username().equals(t.assignee())) {
      return t;
    }
    if (!Grant.GLOBAL.equals(t.workspace())) {
      access.require(Permission.READ, t.workspace());
    } else if (!access.readable().unrestricted()) {
      throw new KibanException(
          ErrorCode.PERMISSION_DENIED, "Organisation-wide tasks need read access everywhere.");
    }
    return t;
  }

  /**
   * Tasks the caller may read: filters by assignee ("me" for oneself), status ("open" means open or
   * in progress), overdue only, use case, source kind.
   */
  @Transactional(readOnly = true)
  public List<Task> list(
      String assignee, String status, boolean overdueOnly, String useCase, String sourceKind) {
    var scope = access.readable();
    String me = access.current().username();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (assignee != null && !assignee.isBlank()) {
      where.append(" AND assignee = ?");
      params.add(assignee.strip().equals("me") ? me : assignee.strip());
    }
    if (status != null && !status.isBlank()) {
      if (status.strip().equals("open")) {
        where.append(" AND status IN ('open', 'in_progress')");
      } else if (STATUSES.contains(status.strip())) {
        where.append(" AND status = ?");
        params.add(status.strip());
      } else {
        throw KibanException.invalid("'status' is one of open, in_progress, done, cancelled.");
      }
    }
    if (overdueOnly) {
      where.append(" AND status IN ('open', 'in_progress') AND due_date < ?");
      params.add(today());
    }
    if (useCase != null && !useCase.isBlank()) {
      where.append(" AND use_case_key = ?");
      params.add(useCase.strip());
    }
    if (sourceKind != null && !sourceKind.isBlank()) {
      where.append(" AND source_kind = ?");
      params.add(sourceKind.strip());
    }
    return query(where.toString(), params).stream()
        .filter(
            t ->
                me.equals(t.assignee())
                    || (Grant.GLOBAL.equals(t.workspace())
                        ? scope.unrestricted()
                        : scope.includes(t.workspace())))
        .toList();
  }

  // --- tasks Kiban creates

  /** After a failed gate: one open task per subject, its description the latest unmet criteria. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void fromGate(GateService.Evaluation e, UseCase uc) {
    if (e.passed() || uc == null) {
      return;
    }
    StringBuilder unmet = new StringBuilder();
    for (GateService.CriterionResult r : e.criteria()) {
      if (!r.passed()) {
        unmet.append("- [").append(r.gate()).append("] ").append(r.criterion()).append(": ");
        unmet.append(r.reason()).append('\n');
      }
    }
    String description =
        "Gate evaluation #" + e.id() + " refused " + e.subject() + ".\n" + unmet.toString().strip();
    if (description.length() > 8000) {
      description = description.substring(0, 7990) + " ...";
    }
    List<Task> open =
        query(
            " WHERE source_kind = 'gate' AND source_ref = ? AND status IN ('open', 'in_progress')",
            List.of(e.subject()));
    if (!open.isEmpty()) {
      jdbc.sql("UPDATE remediation_task SET description = ?, updated_at = ? WHERE task_id = ?")
          .params(description, clock.millis(), open.get(0).id())
          .update();
      return;
    }
    String text = description;
    access.asSystem(
        () ->
            insert(
                "gate",
                e.subject(),
                null,
                "Meet the gate criteria for " + e.subject(),
                text,
                uc.key(),
                uc.data().workspace(),
                ownerOf(uc),
                LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(14).toString(),
                "system"));
  }

  /** After an incident is reported (investigate) or marked serious (report to the authority). */
  void fromIncident(IncidentService.Incident i, UseCase uc, boolean serious) {
    if (serious) {
      String due =
          Instant.ofEpochMilli(i.clock().deadline())
              .atZone(ZoneOffset.UTC)
              .toLocalDate()
              .toString();
      insertOnce(
          "incident",
          String.valueOf(i.id()),
          "incident-report:" + i.id(),
          "Report serious incident #" + i.id() + " to the market surveillance authority",
          "EU AI Act Art. 73: report by "
              + Instant.ofEpochMilli(i.clock().deadline())
              + " ("
              + i.clock().periodDays()
              + " days from awareness).",
          uc,
          due);
      return;
    }
    int days =
        switch (i.severity()) {
          case "critical" -> 2;
          case "high" -> 7;
          case "medium" -> 14;
          default -> 30;
        };
    insertOnce(
        "incident",
        String.valueOf(i.id()),
        "incident:" + i.id(),
        "Investigate incident #" + i.id() + ": " + i.title(),
        "Severity " + i.severity() + ". Record root cause and corrective actions, then close it.",
        uc,
        LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(days).toString());
  }

  /** Closes the open tasks of a source (e.g. when its incident is closed). */
  void closeForSource(String kind, String ref, String by) {
    long now = clock.millis();
    for (Task t :
        query(
            " WHERE source_kind = ? AND source_ref = ? AND status IN ('open', 'in_progress')",
            List.of(kind, ref))) {
      jdbc.sql(
              "UPDATE remediation_task SET status = 'done', closed_by = ?, closed_at = ?,"
                  + " closing_note = ?, updated_at = ? WHERE task_id = ?")
          .params(by, now, "Source " + kind + " " + ref + " closed", now, t.id())
          .update();
      audit.record(
          "task.closed",
          "task",
          String.valueOf(t.id()),
          JsonText.object("reason", "source " + kind + " " + ref + " closed"));
    }
  }

  /**
   * Looks for high residual risks, risk reviews and reassessments past their date, and requirements
   * past their due date, and creates the tasks not yet created. Returns how many.
   */
  @Transactional
  public int sweep() {
    return access.asSystem(this::sweepNow);
  }

  /** The sweep at a governance officer's request (governance permission in all workspaces). */
  @Transactional
  public int sweepOnRequest() {
    access.requireGlobal(Permission.GOVERN);
    return access.asSystem(this::sweepNow);
  }

  private int sweepNow() {
    String today = today();
    int created = 0;
    int high = matrix.rank("high") >= 0 ? matrix.rank("high") : matrix.levels().size() - 1;
    for (Map<String, Object> r :
        jdbc.sql(
                "SELECT r.risk_id, r.title, r.use_case_key, r.residual_likelihood,"
                    + " r.residual_impact, r.review_date, r.owner FROM risk r WHERE r.status IN"
                    + " ('open', 'treating')")
            .query()
            .listOfRows()) {
      String key = (String) r.get("use_case_key");
      UseCase uc = inventory.get(key);
      long id = ((Number) r.get("risk_id")).longValue();
      String level =
          matrix.level(
              ((Number) r.get("residual_likelihood")).intValue(),
              ((Number) r.get("residual_impact")).intValue());
      if (matrix.rank(level) >= high) {
        created +=
            insertOnce(
                "risk",
                String.valueOf(id),
                "risk:" + id,
                "Treat high residual risk #" + id + ": " + r.get("title"),
                "Residual level "
                    + level
                    + ". Reduce it, or have the role the policy names accept it.",
                uc,
                LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(30).toString());
      }
      String review = (String) r.get("review_date");
      if (review != null && review.compareTo(today) < 0) {
        created +=
            insertOnce(
                "risk_review",
                String.valueOf(id),
                "risk-review:" + id + ":" + review,
                "Review risk #" + id + " (review was due " + review + ")",
                r.get("title") + ": review the rating and the treatment, then set a new date.",
                uc,
                today);
      }
    }
    for (Map<String, Object> a :
        jdbc.sql(
                "SELECT a.assessment_id, a.use_case_key, a.reassess_by FROM assessment a WHERE"
                    + " a.review_status = 'approved' AND a.reassess_by < ? AND a.assessment_id ="
                    + " (SELECT MAX(b.assessment_id) FROM assessment b WHERE b.use_case_key ="
                    + " a.use_case_key)")
            .param(today)
            .query()
            .listOfRows()) {
      long id = ((Number) a.get("assessment_id")).longValue();
      UseCase uc = inventory.get((String) a.get("use_case_key"));
      created +=
          insertOnce(
              "assessment",
              String.valueOf(id),
              "reassessment:" + id,
              "Reassess the impact of " + uc.key() + " (due " + a.get("reassess_by") + ")",
              "Impact assessment #" + id + " was to be repeated by " + a.get("reassess_by") + ".",
              uc,
              today);
    }
    for (Map<String, Object> s :
        jdbc.sql(
                "SELECT entry_id, scope, fkey, req_id, due_date, owner FROM soa_entry WHERE"
                    + " applicable = TRUE AND due_date < ? AND status IN ('not_started',"
                    + " 'in_progress')")
            .param(today)
            .query()
            .listOfRows()) {
      String scope = (String) s.get("scope");
      if (!scope.equals("org") && !inventory.exists(scope)) {
        continue;
      }
      UseCase uc = scope.equals("org") ? null : inventory.get(scope);
      String req = s.get("fkey") + ":" + s.get("req_id");
      String key = "requirement:" + scope + ":" + req + ":" + s.get("due_date");
      String title = "Implement " + req + " (" + scope + ", due " + s.get("due_date") + ")";
      String description = "Statement of Applicability entry past its due date.";
      if (uc == null) {
        created +=
            insertRaw(
                "requirement",
                scope + ":" + req,
                key,
                title,
                description,
                null,
                Grant.GLOBAL,
                activeUser((String) s.get("owner")),
                today);
      } else {
        String owner = activeUser((String) s.get("owner"));
        created +=
            insertRaw(
                "requirement",
                scope + ":" + req,
                key,
                title,
                description,
                uc.key(),
                uc.data().workspace(),
                owner != null ? owner : ownerOf(uc),
                today);
      }
    }
    return created;
  }

  private int insertOnce(
      String kind,
      String ref,
      String dedupe,
      String title,
      String description,
      UseCase uc,
      String due) {
    return insertRaw(
        kind, ref, dedupe, title, description, uc.key(), uc.data().workspace(), ownerOf(uc), due);
  }

  private int insertRaw(
      String kind,
      String ref,
      String dedupe,
      String title,
      String description,
      String useCase,
      String workspace,
      String assignee,
      String due) {
    boolean exists =
        jdbc.sql("SELECT COUNT(*) FROM remediation_task WHERE dedupe_key = ?")
                .param(dedupe)
                .query(Long.class)
                .single()
            > 0;
    if (exists) {
      return 0;
    }
    try {
      insert(kind, ref, dedupe, title, description, useCase, workspace, assignee, due, "system");
      return 1;
    } catch (DuplicateKeyException e) {
      return 0;
    }
  }

  private Task insert(
      String kind,
      String ref,
      String dedupe,
      String title,
      String description,
      String useCase,
      String workspace,
      String assignee,
      String due,
      String by) {
    long now = clock.millis();
    jdbc.sql(
            "INSERT INTO remediation_task (title, description, source_kind, source_ref,"
                + " dedupe_key, use_case_key, workspace, assignee, due_date, status, created_by,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)")
        .params(
            title.length() > 300 ? title.substring(0, 297) + "..." : title,
            description,
            kind,
            ref,
            dedupe,
            useCase,
            workspace,
            assignee,
            due,
            by,
            now,
            now)
        .update();
    long id =
        jdbc.sql(
                "SELECT MAX(task_id) FROM remediation_task WHERE created_at = ? AND source_kind = ?")
            .params(now, kind)
            .query(Long.class)
            .single();
    audit.record(
        "task.created",
        "task",
        String.valueOf(id),
        JsonText.object(
            "title", title, "source", kind + (ref == null ? "" : ":" + ref), "assignee", assignee));
    Task t = load(id);
    publish("task.created", t, "Task #" + id + ": " + t.title());
    return t;
  }

  private String ownerOf(UseCase uc) {
    return activeUser(uc.data().businessOwner());
  }

  private String activeUser(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    return identity.principal(name.strip()).isPresent() ? name.strip() : null;
  }

  private String assignee(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    if (identity.principal(name.strip()).isEmpty()) {
      throw KibanException.invalid("'assignee' " + name.strip() + " is not an active account.");
    }
    return name.strip();
  }

  private void publish(String event, Task t, String summary) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("task", t.id());
    data.put("title", t.title());
    data.put("description", t.description());
    data.put("source", t.sourceKind() + (t.sourceRef() == null ? "" : ":" + t.sourceRef()));
    data.put("use_case", t.useCase());
    data.put("assignee", t.assignee());
    data.put("due_date", t.dueDate());
    data.put("status", t.status());
    notifier.publish(event, "task:" + t.id(), summary, data);
  }

  private String today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
  }

  private static String date(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip()).toString();
    } catch (DateTimeParseException e) {
      throw KibanException.invalid("'due_date' is a date such as 2026-12-31.");
    }
  }

  private Task load(long id) {
    return query(" WHERE task_id = ?", List.of(id)).stream()
        .findFirst()
        .orElseThrow(() -> KibanException.notFound("Task " + id + " does not exist."));
  }

  private List<Task> query(String where, List<Object> params) {
    String today = today();
    return jdbc.sql(
            "SELECT task_id, title, description, source_kind, source_ref, use_case_key, workspace,"
                + " assignee, due_date, status, created_by, created_at, updated_at, closed_by,"
                + " closed_at, closing_note FROM remediation_task"
                + where
                + " ORDER BY task_id DESC LIMIT 1000")
        .params(params)
        .query(
            (rs, i) -> {
              long c = rs.getLong(15);
              Long closedAt = rs.wasNull() ? null : c;
              String due = rs.getString(9);
              String status = rs.getString(10);
              return new Task(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  due,
                  status,
                  rs.getString(11),
                  rs.getLong(12),
                  rs.getLong(13),
                  rs.getString(14),
                  closedAt,
                  rs.getString(16),
                  due != null
                      && due.compareTo(today) < 0
                      && (status.equals("open") || status.equals("in_progress")));
            })
        .list();
  }
}
