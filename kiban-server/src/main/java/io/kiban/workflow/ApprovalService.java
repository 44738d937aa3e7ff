package io.kiban.workflow;

import io.kiban.audit.AuditLog;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.UseCase;
import io.kiban.identity.AccessControl;
import io.kiban.identity.IdentityService;
import io.kiban.identity.KibanPrincipal;
import io.kiban.identity.Permission;
import io.kiban.identity.Role;
import io.kiban.notify.Notifier;
import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import io.kiban.registry.ModelVersion;
import io.kiban.registry.RegistryService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Approvals: a request under one of the policy's approval flows for a model version going to
 * production or a use case moving to a stage. Its steps are decided in order; a step names a role
 * or people, and one or all of them must approve. High-risk use cases get the committee step the
 * flow's escalation names. The requester never decides their own request and one person decides at
 * most one step of a round; a rejection needs a reason and the requester may resubmit, which starts
 * a new round. A granted request is the evidence an 'approvals' gate criterion looks for.
 */
@Service
public class ApprovalService {

  /** A step as resolved for one request. */
  public record ResolvedStep(
      String name, String role, List<String> people, boolean all, boolean committee) {

    String who() {
      String target = role != null && people.isEmpty() ? "role " + role : String.join(", ", people);
      return (all ? "all of " : "one of ") + target;
    }
  }

  /** One decision or comment on a request. */
  public record Decision(
      long id,
      int round,
      int stepIndex,
      String stepName,
      String decidedBy,
      String decision,
      String comment,
      long decidedAt) {}

  /** A request with its steps and decisions. */
  public record Request(
      long id,
      String flow,
      String gateKind,
      String subject,
      String useCase,
      String workspace,
      List<ResolvedStep> steps,
      boolean escalated,
      String status,
      int currentStep,
      int round,
      String requestedBy,
      long requestedAt,
      String comment,
      Long closedAt,
      List<Decision> decisions) {

    /** The current step, while pending. */
    public ResolvedStep pendingStep() {
      return status.equals("pending") ? steps.get(currentStep) : null;
    }

    /** Who approved each step of the current round, for the gate's evidence. */
    public String approvers() {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        int step = i;
        List<String> names =
            decisions.stream()
                .filter(
                    d ->
                        d.round() == round
                            && d.stepIndex() == step
                            && d.decision().equals("approve"))
                .map(Decision::decidedBy)
                .toList();
        if (!names.isEmpty()) {
          parts.add(steps.get(i).name() + ": " + String.join(", ", names));
        }
      }
      return String.join("; ", parts);
    }
  }

  private final JdbcClient jdbc;
  private final GateService gates;
  private final InventoryService inventory;
  private final RegistryService registry;
  private final IdentityService identity;
  private final AccessControl access;
  private final AuditLog audit;
  private final Notifier notifier;
  private final Clock clock;

  public ApprovalService(
      JdbcClient jdbc,
      GateService gates,
      InventoryService inventory,
      RegistryService registry,
      IdentityService identity,
      AccessControl access,
      AuditLog audit,
      Notifier notifier,
      Clock clock) {
    this.jdbc = jdbc;
    this.gates = gates;
    this.inventory = inventory;
    this.registry = registry;
    this.identity = identity;
    this.access = access;
    this.audit = audit;
    this.notifier = notifier;
    this.clock = clock;
  }

  /**
   * Asks for approval under a flow. targetKind is model_version (target name/version) or
   * use_case_stage (target the use case key, toStage the stage).
   */
  @Transactional
  public Request request(
      String flowId, String targetKind, String target, String toStage, String comment) {
    Policy.ApprovalFlow flow =
        gates
            .policy()
            .policy()
            .flow(flowId == null ? "" : flowId.strip())
            .orElseThrow(
                () ->
                    KibanException.invalid(
                        "Approval flow '"
                            + flowId
                            + "' is not in the policy in force; see GET /api/kiban/v1/policy."));
    String kind = targetKind == null ? "" : targetKind.strip();
    String subject;
    String workspace;
    List<UseCase> useCases;
    switch (kind) {
      case "model_version" -> {
        int slash = target == null ? -1 : target.lastIndexOf('/');
        if (slash <= 0) {
          throw KibanException.invalid("A model version is named name/version.");
        }
        ModelVersion v =
            registry.getVersion(target.substring(0, slash), target.substring(slash + 1));
        var model = registry.getModel(v.name());
        workspace = model.workspace();
        subject = "model_version:" + v.name() + "/" + v.version();
        useCases = inventory.useCasesOfModel(model);
        if (!flow.gate().equals("model_promotion")) {
          throw KibanException.invalid(
              "Approval flow '" + flow.id() + "' serves use case stages, not model versions.");
        }
      }
      case "use_case_stage" -> {
        UseCase uc = inventory.get(target);
        if (toStage == null || toStage.isBlank()) {
          throw KibanException.invalid("Name the stage ('to_stage') the approval is for.");
        }
        workspace = uc.data().workspace();
        subject = "use_case:" + uc.key() + "->" + toStage.strip();
        useCases = List.of(uc);
        if (!flow.gate().equals("use_case_stage")) {
          throw KibanException.invalid(
              "Approval flow '" + flow.id() + "' serves model promotions, not use case stages.");
        }
      }
      default -> throw KibanException.invalid("'target_kind' is model_version or use_case_stage.");
    }
    access.require(Permission.REPORT, workspace);
    if (comment != null && comment.length() > 4000) {
      throw KibanException.invalid("The comment is longer than 4000 characters.");
    }
    String me = access.current().username();
    boolean escalated =
        flow.escalation() != null
            && useCases.stream()
                .anyMatch(uc -> access.asSystem(() -> gates.matches(flow.escalation().when(), uc)));
    List<ResolvedStep> steps = new ArrayList<>();
    for (Policy.Step s : flow.steps()) {
      steps.add(resolve(s, workspace, me, false));
    }
    if (escalated) {
      steps.add(resolve(flow.escalation().step(), workspace, me, true));
    }
    boolean open =
        jdbc.sql(
                    "SELECT COUNT(*) FROM approval_request WHERE flow_id = ? AND subject = ? AND status"
                        + " IN ('pending', 'rejected')")
                .params(flow.id(), subject)
                .query(Long.class)
                .single()
            > 0;
    if (open) {
      throw new KibanException(
          ErrorCode.RESOURCE_CONFLICT,
          "An approval request under '"
              + flow.id()
              + "' for "
              + subject
              + " is already open; decide, resubmit or withdraw it.");
    }
    long now = clock.millis();
    jdbc.sql(
            "INSERT INTO approval_request (flow_id, gate_kind, subject, use_case_key, workspace,"
                + " steps, escalated, status, current_step, review_round, requested_by,"
                + " requested_at, request_comment) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, 1,"
                + " ?, ?, ?)")
        .params(
            flow.id(),
            flow.gate(),
            subject,
            useCases.isEmpty() ? null : useCases.get(0).key(),
            workspace,
            GateService.JSON.writeValueAsString(steps),
            escalated,
            me,
            now,
            blankToNull(comment))
        .update();
    long id =
        jdbc.sql("SELECT MAX(request_id) FROM approval_request WHERE subject = ? AND flow_id = ?")
            .params(subject, flow.id())
            .query(Long.class)
            .single();
    Request r = load(id);
    audit.record(
        "approval.requested",
        "approval_request",
        String.valueOf(id),
        JsonText.object(
            "flow",
            flow.id(),
            "subject",
            subject,
            "escalated",
            String.valueOf(escalated),
            "comment",
            blankToNull(comment)));
    publish("approval.requested", r, "Approval requested for " + subject + " (" + flow.id() + ")");
    return r;
  }

  private ResolvedStep resolve(Policy.Step s, String workspace, String requester, boolean c) {
    if (s.people().isEmpty() && s.all()) {
      List<String> holders =
          identity.holders(Role.parse(s.role()), workspace).stream()
              .filter(u -> !u.equals(requester))
              .toList();
      if (holders.isEmpty()) {
        throw KibanException.invalid(
            "Step '"
                + s.name()
                + "' needs every holder of role "
                + s.role()
                + " in workspace "
                + workspace
                + ", and no one but the requester holds it.");
      }
      return new ResolvedStep(s.name(), s.role(), holders, true, c);
    }
    return new ResolvedStep(s.name(), s.role(), s.people(), s.all(), c);
  }

  /** Approves or rejects the current step (a rejection needs a reason), or adds a comment. */
  @Transactional
  public Request decide(long id, String decision, String comment) {
    lock(id);
    Request r = get(id);
    String what = decision == null ? "" : decision.strip();
    String text = blankToNull(comment);
    if (text != null && text.length() > 4000) {
      throw KibanException.invalid("The comment is longer than 4000 characters.");
    }
    KibanPrincipal me = access.current();
    if (what.equals("comment")) {
      if (text == null) {
        throw KibanException.invalid("A comment needs text.");
      }
      insertDecision(r, r.currentStep(), me.username(), "comment", text);
      audit.record(
          "approval.commented",
          "approval_request",
          String.valueOf(id),
          JsonText.object("comment", text));
      return load(id);
    }
    if (!what.equals("approve") && !what.equals("reject")) {
      throw KibanException.invalid("'decision' is approve, reject or comment.");
    }
    if (!r.status().equals("pending")) {
      throw new KibanException(
          ErrorCode.RESOURCE_CONFLICT, "Approval request " + id + " is " + r.status() + ".");
    }
    if (me.username().equals(r.requestedBy())) {
      throw new KibanException(
          ErrorCode.PERMISSION_DENIED,
          "Separation of duties: "
              + me.username()
              + " asked for this approval and cannot decide it.");
    }
    ResolvedStep step = r.pendingStep();
    if (!eligible(me, step, r.workspace())) {
      throw new KibanException(
          ErrorCode.PERMISSION_DENIED,
          "Step '"
              + step.name()
              + "' is decided by "
              + step.who()
              + "; "
              + me.username()
              + " is not.");
    }
    for (Decision d : r.decisions()) {
      if (d.round() == r.round()
          && d.decidedBy().equals(me.username())
          && (d.decision().equals("approve") || d.decision().equals("reject"))) {
        throw new KibanException(
            d.stepIndex() == r.currentStep()
                ? ErrorCode.RESOURCE_CONFLICT
                : ErrorCode.PERMISSION_DENIED,
            d.stepIndex() == r.currentStep()
                ? me.username() + " has already approved step '" + step.name() + "'."
                : "Separation of duties: "
                    + me.username()
                    + " decided step '"
                    + d.stepName()
                    + "' and cannot decide another step of the same request.");
      }
    }
    if (what.equals("reject")) {
      if (text == null) {
        throw KibanException.invalid("A rejection needs a reason ('comment').");
      }
      insertDecision(r, r.currentStep(), me.username(), "reject", text);
      jdbc.sql(
              "UPDATE approval_request SET status = 'rejected', closed_at = ? WHERE request_id = ?")
          .params(clock.millis(), id)
          .update();
      audit.record(
          "approval.rejected",
          "approval_request",
          String.valueOf(id),
          JsonText.object("step", step.name(), "reason", text));
      Request after = load(id);
      publish(
          "approval.rejected",
          after,
          "Approval of " + r.subject() + " rejected at step '" + step.name() + "': " + text);
      return after;
    }
    insertDecision(r, r.currentStep(), me.username(), "approve", text);
    Set<String> approved = new LinkedHashSet<>();
    for (Decision d : r.decisions()) {
      if (d.round() == r.round()
          && d.stepIndex() == r.currentStep()
          && d.decision().equals("approve")) {
        approved.add(d.decidedBy());
      }
    }
    approved.add(me.username());
    boolean stepDone = !step.all() || approved.containsAll(step.people());
    boolean last = r.currentStep() == r.steps().size() - 1;
    if (stepDone && last) {
      jdbc.sql(
              "UPDATE approval_request SET status = 'approved', closed_at = ? WHERE request_id = ?")
          .params(clock.millis(), id)
          .update();
    } else if (stepDone) {
      jdbc.sql("UPDATE approval_request SET current_step = ? WHERE request_id = ?")
          .params(r.currentStep() + 1, id)
          .update();
    }
    audit.record(
        stepDone && last ? "approval.granted" : "approval.step_approved",
        "approval_request",
        String.valueOf(id),
        JsonText.object("step", step.name(), "comment", text));
    Request after = load(id);
    if (stepDone && last) {
      publish(
          "approval.granted",
          after,
          "Approval of " + r.subject() + " granted (" + after.approvers() + ")");
    }
    return after;
  }

  /** Resubmits a rejected request: a new round from the first step. */
  @Transactional
  public Request resubmit(long id, String comment) {
    lock(id);
    Request r = get(id);
    requireRequesterOrGovernor(r);
    if (!r.status().equals("rejected")) {
      throw new KibanException(
          ErrorCode.RESOURCE_CONFLICT,
          "Only a rejected request can be resubmitted; " + id + " is " + r.status() + ".");
    }
    if (blankToNull(comment) == null) {
      throw KibanException.invalid("Say what changed since the rejection ('comment').");
    }
    jdbc.sql(
            "UPDATE approval_request SET status = 'pending', current_step = 0, review_round = ?,"
                + " closed_at = NULL WHERE request_id = ?")
        .params(r.round() + 1, id)
        .update();
    Request after = load(id);
    insertDecision(after, 0, access.current().username(), "resubmit", comment.strip());
    audit.record(
        "approval.resubmitted",
        "approval_request",
        String.valueOf(id),
        JsonText.object("round", String.valueOf(r.round() + 1), "comment", comment.strip()));
    after = load(id);
    publish("approval.resubmitted", after, "Approval of " + r.subject() + " resubmitted");
    return after;
  }

  /** Withdraws a pending or rejected request. */
  @Transactional
  public Request withdraw(long id, String comment) {
    lock(id);
    Request r = get(id);
    requireRequesterOrGovernor(r);
    if (!r.status().equals("pending") && !r.status().equals("rejected")) {
      throw new KibanException(
          ErrorCode.RESOURCE_CONFLICT, "Approval request " + id + " is " + r.status() + ".");
    }
    insertDecision(
        r, r.currentStep(), access.current().username(), "withdraw", blankToNull(comment));
    jdbc.sql("UPDATE approval_request SET status = 'withdrawn', closed_at = ? WHERE request_id = ?")
        .params(clock.millis(), id)
        .update();
    audit.record(
        "approval.withdrawn",
        "approval_request",
        String.valueOf(id),
        JsonText.object("comment", blankToNull(comment)));
    return load(id);
  }

  /** Serialises decisions on one request, so concurrent approvals of a step count correctly. */
  private void lock(long id) {
    jdbc.sql("SELECT request_id FROM approval_request WHERE request_id = ? FOR UPDATE")
        .param(id)
        .query(Long.class)
        .optional();
  }

  private void requireRequesterOrGovernor(Request r) {
    if (!access.current().username().equals(r.requestedBy())) {
      access.require(Permission.GOVERN, r.workspace());
    }
  }

  @Transactional(readOnly = true)
  public Request get(long id) {
    Request r = load(id);
    access.require(Permission.READ, r.workspace());
    return r;
  }

  /** Requests the caller may read, optionally by status, subject prefix or requester. */
  @Transactional(readOnly = true)
  public List<Request> list(String status, String subject, String requestedBy) {
    var scope = access.readable();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (status != null && !status.isBlank()) {
      where.append(" AND status = ?");
      params.add(status.strip());
    }
    if (subject != null && !subject.isBlank()) {
      where.append(" AND subject LIKE ?");
      params.add(subject.strip().replace("%", "") + "%");
    }
    if (requestedBy != null && !requestedBy.isBlank()) {
      where.append(" AND requested_by = ?");
      params.add(requestedBy.strip());
    }
    return ids(where.toString(), params).stream()
        .map(this::load)
        .filter(r -> scope.includes(r.workspace()))
        .toList();
  }

  /** The pending requests whose current step the caller may decide now. */
  @Transactional(readOnly = true)
  public List<Request> inbox() {
    KibanPrincipal me = access.current();
    List<Request> out = new ArrayList<>();
    for (long id : ids(" WHERE status = 'pending'", List.of())) {
      Request r = load(id);
      if (mayDecideNow(me, r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Whether the caller may decide the request's current step now (what puts it in the inbox). */
  public boolean canDecide(Request r) {
    return mayDecideNow(access.current(), r);
  }

  private boolean mayDecideNow(KibanPrincipal me, Request r) {
    if (!r.status().equals("pending")
        || r.requestedBy().equals(me.username())
        || !eligible(me, r.pendingStep(), r.workspace())) {
      return false;
    }
    return r.decisions().stream()
        .noneMatch(
            d ->
                d.round() == r.round()
                    && d.decidedBy().equals(me.username())
                    && (d.decision().equals("approve") || d.decision().equals("reject")));
  }

  /** The granted request under a flow for a subject, if any (gates use it; no permission check). */
  @Transactional(readOnly = true)
  public Optional<Request> granted(String flow, String subject) {
    return ids(" WHERE flow_id = ? AND subject = ? AND status = 'approved'", List.of(flow, subject))
        .stream()
        .findFirst()
        .map(this::load);
  }

  private boolean eligible(KibanPrincipal me, ResolvedStep step, String workspace) {
    if (!step.people().isEmpty()) {
      return step.people().contains(me.username());
    }
    return me.holds(Role.parse(step.role()), workspace);
  }

  private void insertDecision(Request r, int step, String by, String decision, String comment) {
    jdbc.sql(
            "INSERT INTO approval_decision (request_id, review_round, step_index, step_name,"
                + " decided_by, decision, decision_comment, decided_at) VALUES (?, ?, ?, ?, ?, ?,"
                + " ?, ?)")
        .params(
            r.id(),
            r.round(),
            step,
            r.steps().get(step).name(),
            by,
            decision,
            comment,
            clock.millis())
        .update();
  }

  private void publish(String event, Request r, String summary) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("request", r.id());
    data.put("flow", r.flow());
    data.put("subject", r.subject());
    data.put("use_case", r.useCase());
    data.put("status", r.status());
    data.put("requested_by", r.requestedBy());
    data.put("escalated", r.escalated());
    ResolvedStep pending = r.pendingStep();
    if (pending != null) {
      data.put("pending_step", pending.name());
    }
    notifier.publish(event, "approval_request:" + r.id(), summary, data);
  }

  private List<Long> ids(String where, List<Object> params) {
    return jdbc.sql(
            "SELECT request_id FROM approval_request"
                + where
                + " ORDER BY request_id DESC LIMIT 500")
        .params(params)
        .query(Long.class)
        .list();
  }

  private Request load(long id) {
    List<Decision> decisions =
        jdbc.sql(
                "SELECT decision_id, review_round, step_index, step_name, decided_by, decision,"
                    + " decision_comment, decided_at FROM approval_decision WHERE request_id = ?"
                    + " ORDER BY decision_id")
            .param(id)
            .query(
                (rs, i) ->
                    new Decision(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getLong(8)))
            .list();
    return jdbc.sql(
            "SELECT request_id, flow_id, gate_kind, subject, use_case_key, workspace, steps,"
                + " escalated, status, current_step, review_round, requested_by, requested_at,"
                + " request_comment, closed_at FROM approval_request WHERE request_id = ?")
        .param(id)
        .query(
            (rs, i) -> {
              long closed = rs.getLong(15);
              Long closedAt = rs.wasNull() ? null : closed;
              return new Request(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  GateService.JSON.readValue(
                      rs.getString(7), new TypeReference<List<ResolvedStep>>() {}),
                  rs.getBoolean(8),
                  rs.getString(9),
                  rs.getInt(10),
                  rs.getInt(11),
                  rs.getString(12),
                  rs.getLong(13),
                  rs.getString(14),
                  closedAt,
                  decisions);
            })
        .optional()
        .orElseThrow(() -> KibanException.notFound("Approval request " + id + " does not exist."));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
