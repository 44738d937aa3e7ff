package io.kiban.web;

import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.platform.error.KibanException;
import io.kiban.workflow.ApprovalService;
import io.kiban.workflow.GateService;
import io.kiban.workflow.IncidentService;
import io.kiban.workflow.SuspensionService;
import io.kiban.workflow.TaskService;
import io.kiban.workflow.WebhookService;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The screens of governance that acts: approvals inbox and requests, incidents with their clocks
 * and printable report, remediation tasks, gates (policy and evaluations), suspensions, and the
 * webhook subscriptions with their delivery log.
 */
@Controller
class WorkflowPages {

  private final ApprovalService approvals;
  private final IncidentService incidents;
  private final TaskService tasks;
  private final GateService gates;
  private final SuspensionService suspensions;
  private final WebhookService webhooks;
  private final AccessControl access;
  private final UiMessages messages;
  private final Formats fmt;

  WorkflowPages(
      ApprovalService approvals,
      IncidentService incidents,
      TaskService tasks,
      GateService gates,
      SuspensionService suspensions,
      WebhookService webhooks,
      AccessControl access,
      UiMessages messages,
      Formats fmt) {
    this.fmt = fmt;
    this.approvals = approvals;
    this.incidents = incidents;
    this.tasks = tasks;
    this.gates = gates;
    this.suspensions = suspensions;
    this.webhooks = webhooks;
    this.access = access;
    this.messages = messages;
  }

  // --- approvals

  @GetMapping("/approvals")
  String approvals(@RequestParam(defaultValue = "inbox") String view, Model model) {
    boolean reader = !access.readable().empty();
    model.addAttribute("view", view);
    model.addAttribute("inbox", view.equals("inbox") ? approvals.inbox() : List.of());
    model.addAttribute(
        "mine",
        view.equals("mine") ? approvals.list(null, null, access.current().username()) : List.of());
    model.addAttribute(
        "all", reader && view.equals("all") ? approvals.list(null, null, null) : List.of());
    model.addAttribute(
        "liftRequests",
        reader && view.equals("inbox")
            ? suspensions.list(true).stream()
                .filter(s -> s.status().equals("lift_requested"))
                .filter(s -> suspensions.maySuspend(s.workspace()))
                .filter(s -> !access.current().username().equals(s.liftRequestedBy()))
                .toList()
            : List.of());
    model.addAttribute(
        "flows",
        reader && view.equals("mine") ? gates.policy().policy().approvalFlows() : List.of());
    return "approvals";
  }

  @PostMapping("/approvals")
  String ask(
      @RequestParam(defaultValue = "") String flow,
      @RequestParam(name = "target_kind", defaultValue = "") String targetKind,
      @RequestParam(defaultValue = "") String target,
      @RequestParam(name = "to_stage", defaultValue = "") String toStage,
      @RequestParam(defaultValue = "") String comment,
      RedirectAttributes flash) {
    try {
      ApprovalService.Request r = approvals.request(flow, targetKind, target, toStage, comment);
      flash.addFlashAttribute("notice", messages.get("approval.asked"));
      return "redirect:/approvals/" + r.id();
    } catch (KibanException e) {
      flash.addFlashAttribute("error", messages.explain(e));
      return "redirect:/approvals?view=mine";
    }
  }

  @GetMapping("/approvals/{id}")
  String approval(@PathVariable long id, Model model) {
    ApprovalService.Request r = approvals.get(id);
    model.addAttribute("request", r);
    model.addAttribute("me", access.current());
    model.addAttribute("canDecide", approvals.canDecide(r));
    return "approval";
  }

  @PostMapping("/approvals/{id}/decide")
  String decide(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String decision,
      @RequestParam(defaultValue = "") String comment,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> approvals.decide(id, decision, comment),
        "approval.recorded",
        "/approvals/" + id);
  }

  @PostMapping("/approvals/{id}/resubmit")
  String resubmit(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String comment,
      RedirectAttributes flash) {
    return messages.act(
        flash, () -> approvals.resubmit(id, comment), "approval.resubmitted", "/approvals/" + id);
  }

  @PostMapping("/approvals/{id}/withdraw")
  String withdraw(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String comment,
      RedirectAttributes flash) {
    return messages.act(
        flash, () -> approvals.withdraw(id, comment), "approval.withdrawn", "/approvals/" + id);
  }

  // --- incidents

  @GetMapping("/incidents")
  String incidents(
      @RequestParam(name = "use_case", defaultValue = "") String useCase,
      @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "") String clock,
      Model model) {
    model.addAttribute("useCase", useCase);
    model.addAttribute("status", status);
    model.addAttribute("clock", clock);
    model.addAttribute("incidents", incidents.list(useCase, status, false, clock));
    model.addAttribute("dueOrOverdue", incidents.list(null, null, true, "due,overdue"));
    return "incidents";
  }

  @GetMapping("/incidents/new")
  String newIncident(
      @RequestParam(name = "use_case", defaultValue = "") String useCase, Model model) {
    model.addAttribute("useCase", useCase);
    model.addAttribute("harms", IncidentService.HARM_CATEGORIES);
    return "incident-form";
  }

  @PostMapping("/incidents")
  String report(
      @RequestParam org.springframework.util.MultiValueMap<String, String> form,
      Model model,
      RedirectAttributes flash) {
    try {
      IncidentService.Incident i = incidents.report(input(form, true));
      flash.addFlashAttribute("notice", messages.get("incident.reported"));
      return "redirect:/incidents/" + i.id();
    } catch (KibanException e) {
      model.addAttribute("error", messages.explain(e));
      model.addAttribute("form", form.toSingleValueMap());
      model.addAttribute("checkedHarms", form.getOrDefault("harm_categories", List.of()));
      model.addAttribute("useCase", form.getFirst("use_case"));
      model.addAttribute("harms", IncidentService.HARM_CATEGORIES);
      return "incident-form";
    }
  }

  @GetMapping("/incidents/{id}")
  String incident(@PathVariable long id, Model model) {
    IncidentService.Incident i = incidents.get(id);
    model.addAttribute("incident", i);
    model.addAttribute("timeline", incidents.timeline(id));
    model.addAttribute("harms", IncidentService.HARM_CATEGORIES);
    model.addAttribute("kinds", List.of("other", "death", "widespread_or_critical_infrastructure"));
    model.addAttribute("canGovern", access.can(Permission.GOVERN, i.workspace()));
    return "incident";
  }

  @PostMapping("/incidents/{id}")
  String updateIncident(
      @PathVariable long id,
      @RequestParam org.springframework.util.MultiValueMap<String, String> form,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> incidents.update(id, input(form, false)),
        "incident.saved",
        "/incidents/" + id);
  }

  @GetMapping("/incidents/{id}/report")
  String incidentReport(@PathVariable long id, Model model) {
    model.addAttribute("incident", incidents.get(id));
    model.addAttribute("timeline", incidents.timeline(id));
    return "incident-report";
  }

  private IncidentService.Input input(
      org.springframework.util.MultiValueMap<String, String> f, boolean reporting) {
    java.util.function.Function<String, String> v = f::getFirst;
    List<String> harms =
        f.containsKey("harm_categories") || f.containsKey("harms_shown")
            ? f.getOrDefault("harm_categories", List.of())
            : reporting ? List.of() : null;
    return new IncidentService.Input(
        v.apply("use_case"),
        v.apply("model_name"),
        v.apply("model_version"),
        v.apply("title"),
        v.apply("severity"),
        v.apply("description"),
        harms,
        v.apply("affected_people"),
        blank(fmt.fromLocalInput(v.apply("detected_at"))),
        blank(fmt.fromLocalInput(v.apply("aware_at"))),
        v.apply("initial_response"),
        v.apply("impact_assessment"),
        v.apply("root_cause"),
        v.apply("corrective_actions"),
        v.apply("preventive_actions"),
        v.apply("status"),
        f.containsKey("serious") ? Boolean.valueOf(f.getFirst("serious")) : null,
        v.apply("serious_kind"),
        fmt.fromLocalInput(v.apply("reported_at")),
        v.apply("report_reference"),
        v.apply("note"));
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  // --- tasks

  @GetMapping("/tasks")
  String tasks(@RequestParam(defaultValue = "mine") String view, Model model) {
    model.addAttribute("view", view);
    List<TaskService.Task> list =
        switch (view) {
          case "overdue" -> tasks.list(null, null, true, null, null);
          case "open" -> tasks.list(null, "open", false, null, null);
          case "closed" -> tasks.list(null, "done", false, null, null);
          default -> tasks.list("me", "open", false, null, null);
        };
    model.addAttribute("tasks", list);
    model.addAttribute("canGovern", !access.scope(Permission.GOVERN).empty());
    return "tasks";
  }

  @PostMapping("/tasks")
  String createTask(@RequestParam Map<String, String> f, RedirectAttributes flash) {
    return messages.act(
        flash,
        () ->
            tasks.create(
                new TaskService.Input(
                    f.get("title"),
                    f.get("description"),
                    f.get("use_case"),
                    f.get("assignee"),
                    f.get("due_date"),
                    null,
                    null)),
        "task.created",
        "/tasks?view=open");
  }

  @PostMapping("/tasks/{id}/update")
  String updateTask(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "") String note,
      @RequestParam(defaultValue = "mine") String view,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () ->
            tasks.update(
                id,
                new TaskService.Input(null, null, null, null, null, blank(status), blank(note))),
        "task.saved",
        "/tasks?view=" + (view.matches("[a-z]+") ? view : "mine"));
  }

  // --- gates and policy

  @GetMapping("/gates")
  String gates(@RequestParam(defaultValue = "") String subject, Model model) {
    GateService.PolicyVersion pv = gates.policy();
    model.addAttribute("policy", pv);
    model.addAttribute("subject", subject);
    model.addAttribute("evaluations", gates.evaluations(subject));
    return "gates";
  }

  // --- suspensions

  @GetMapping("/suspensions")
  String suspensions(Model model) {
    model.addAttribute("active", suspensions.list(true));
    model.addAttribute(
        "lifted",
        suspensions.list(false).stream().filter(s -> s.status().equals("lifted")).toList());
    model.addAttribute(
        "canSuspend",
        !access.scope(Permission.SUSPEND).empty()
            || gates.policy().policy().suspensionRoles().stream()
                .anyMatch(r -> access.current().hasRole(io.kiban.identity.Role.parse(r))));
    model.addAttribute("me", access.current());
    return "suspensions";
  }

  @PostMapping("/suspensions")
  String suspend(
      @RequestParam(name = "target_kind", defaultValue = "") String kind,
      @RequestParam(defaultValue = "") String target,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> suspensions.suspend(kind, target, reason),
        "suspension.created",
        "/suspensions");
  }

  @PostMapping("/suspensions/{id}/lift-request")
  String liftRequest(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes flash) {
    return messages.act(
        flash,
        () -> suspensions.requestLift(id, reason),
        "suspension.liftRequested",
        "/suspensions");
  }

  @PostMapping("/suspensions/{id}/lift-approval")
  String liftApproval(@PathVariable long id, RedirectAttributes flash) {
    return messages.act(
        flash, () -> suspensions.approveLift(id), "suspension.lifted", "/suspensions");
  }

  // --- webhooks (administrators)

  @GetMapping("/admin/webhooks")
  String webhooks(@RequestParam(required = false) Long deliveries, Model model) {
    model.addAttribute("webhooks", webhooks.list());
    model.addAttribute("formats", List.of("json", "slack", "jira"));
    if (deliveries != null) {
      model.addAttribute("selected", webhooks.get(deliveries));
      model.addAttribute("deliveries", webhooks.deliveries(deliveries));
    }
    return "admin-webhooks";
  }

  @PostMapping("/admin/webhooks")
  String createWebhook(@RequestParam Map<String, String> f, RedirectAttributes flash) {
    return messages.actShowingOnce(
        flash,
        () ->
            webhooks
                .create(
                    f.get("name"),
                    f.get("url"),
                    f.get("event_types"),
                    f.get("format"),
                    blank(f.get("authorization")),
                    blank(f.get("jira_project")),
                    blank(f.get("jira_issue_type")))
                .secret(),
        "webhook.created",
        "/admin/webhooks");
  }

  @PostMapping("/admin/webhooks/{id}/active")
  String toggleWebhook(
      @PathVariable long id, @RequestParam boolean active, RedirectAttributes flash) {
    return messages.act(
        flash, () -> webhooks.setActive(id, active), "webhook.saved", "/admin/webhooks");
  }
}
