package io.kiban.workflow;

import io.kiban.audit.AuditLog;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.UseCase;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.notify.Notifier;
import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import io.kiban.registry.ModelVersion;
import io.kiban.registry.RegisteredModel;
import io.kiban.registry.RegistryService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suspension (veto, 否認権): whoever holds the suspend permission (the CAIO by default) takes a use
 * case or a model version out of production with a reason. Its production aliases are removed at
 * once and cannot be set again while the suspension stands, the stage is recorded, and a webhook
 * event tells deployment systems. Lifting needs two people: one asks, another with the suspend
 * permission approves.
 */
@Service
public class SuspensionService {

  /** A suspension as shown. */
  public record Suspension(
      long id,
      String targetKind,
      String target,
      String workspace,
      String reason,
      String stageAtSuspension,
      String removedAliases,
      String status,
      String suspendedBy,
      long suspendedAt,
      String liftRequestedBy,
      String liftReason,
      String liftedBy,
      Long liftedAt) {}

  private final JdbcClient jdbc;
  private final InventoryService inventory;
  private final RegistryService registry;
  private final AccessControl access;
  private final AuditLog audit;
  private final Notifier notifier;
  private final Clock clock;
  private final GateService gates;

  public SuspensionService(
      JdbcClient jdbc,
      InventoryService inventory,
      RegistryService registry,
      AccessControl access,
      AuditLog audit,
      Notifier notifier,
      Clock clock,
      GateService gates) {
    this.gates = gates;
    this.jdbc = jdbc;
    this.inventory = inventory;
    this.registry = registry;
    this.access = access;
    this.audit = audit;
    this.notifier = notifier;
    this.clock = clock;
  }

  @Transactional
  public Suspension suspend(String targetKind, String target, String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 4000) {
      throw KibanException.invalid("A suspension needs a reason (up to 4000 characters).");
    }
    String kind = targetKind == null ? "" : targetKind.strip();
    List<ModelVersion> versions = new ArrayList<>();
    String workspace;
    String stage;
    String t;
    switch (kind) {
      case "use_case" -> {
        UseCase uc = inventory.get(target);
        workspace = uc.data().workspace();
        requireSuspender(workspace);
        t = uc.key();
        stage = uc.data().lifecycleStage();
        for (RegisteredModel m : access.asSystem(() -> modelsOf(uc))) {
          versions.addAll(
              access.asSystem(
                  () ->
                      registry
                          .searchVersions(
                              "name = '" + m.name().replace("'", "''") + "'", 1000, List.of(), null)
                          .items()));
        }
      }
      case "model_version" -> {
        int slash = target == null ? -1 : target.lastIndexOf('/');
        if (slash <= 0) {
          throw KibanException.invalid("A model version is named name/version.");
        }
        ModelVersion v =
            registry.getVersion(target.substring(0, slash), target.substring(slash + 1));
        workspace = registry.getModel(v.name()).workspace();
        requireSuspender(workspace);
        t = v.name() + "/" + v.version();
        stage = v.currentStage().wireName();
        versions.add(v);
      }
      default -> throw KibanException.invalid("'target_kind' is use_case or model_version.");
    }
    if (active(kind, t).isPresent()) {
      throw KibanException.alreadyExists(kind + " " + t + " is already suspended.");
    }
    List<String> removed = new ArrayList<>();
    List<String> stages = new ArrayList<>();
    String me = access.current().username();
    access.asSystem(
        () -> {
          for (ModelVersion v : versions) {
            stages.add(v.name() + "/" + v.version() + "=" + v.currentStage().wireName());
            for (String alias : v.aliases()) {
              if (registry.isProductionAlias(alias)) {
                registry.deleteAlias(v.name(), alias);
                removed.add(v.name() + "@" + alias + "->" + v.version());
              }
            }
          }
        });
    long now = clock.millis();
    jdbc.sql(
            "INSERT INTO suspension (target_kind, target, workspace, reason, stage_at_suspension,"
                + " removed_aliases, status, suspended_by, suspended_at) VALUES (?, ?, ?, ?, ?, ?,"
                + " 'active', ?, ?)")
        .params(
            kind,
            t,
            workspace,
            reason.strip(),
            kind.equals("use_case")
                ? stage + (stages.isEmpty() ? "" : "; " + String.join(", ", stages))
                : stage,
            String.join(", ", removed),
            me,
            now)
        .update();
    Suspension s = active(kind, t).orElseThrow();
    audit.record(
        "suspension.created",
        kind,
        t,
        JsonText.object("reason", reason.strip(), "removed_aliases", String.join(", ", removed)));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("suspension", s.id());
    data.put("target_kind", kind);
    data.put("target", t);
    data.put("reason", reason.strip());
    data.put("removed_aliases", removed);
    data.put("suspended_by", me);
    notifier.publish(
        "suspension.created",
        kind + ":" + t,
        "SUSPENDED "
            + kind
            + " "
            + t
            + ": "
            + reason.strip()
            + (removed.isEmpty()
                ? ""
                : " (production aliases removed: " + String.join(", ", removed) + ")"),
        data);
    return s;
  }

  @Transactional
  public Suspension requestLift(long id, String reason) {
    Suspension s = get(id);
    access.require(Permission.GOVERN, s.workspace());
    if (!s.status().equals("active")) {
      throw KibanException.invalid("Suspension " + id + " is " + s.status() + ".");
    }
    if (reason == null || reason.isBlank()) {
      throw KibanException.invalid("Asking to lift a suspension needs a reason.");
    }
    jdbc.sql(
            "UPDATE suspension SET status = 'lift_requested', lift_requested_by = ?, lift_reason = ? WHERE suspension_id = ?")
        .params(access.current().username(), reason.strip(), id)
        .update();
    audit.record(
        "suspension.lift_requested",
        s.targetKind(),
        s.target(),
        JsonText.object("reason", reason.strip()));
    return get(id);
  }

  /** Approves the lifting: someone with the suspend permission other than the one who asked. */
  @Transactional
  public Suspension approveLift(long id) {
    Suspension s = get(id);
    requireSuspender(s.workspace());
    if (!s.status().equals("lift_requested")) {
      throw KibanException.invalid("Lifting suspension " + id + " has not been requested.");
    }
    String me = access.current().username();
    if (me.equals(s.liftRequestedBy())) {
      throw new KibanException(
          ErrorCode.PERMISSION_DENIED,
          "The person who asked to lift a suspension cannot approve it.");
    }
    jdbc.sql(
            "UPDATE suspension SET status = 'lifted', lifted_by = ?, lifted_at = ? WHERE suspension_id = ?")
        .params(me, clock.millis(), id)
        .update();
    audit.record(
        "suspension.lifted",
        s.targetKind(),
        s.target(),
        JsonText.object("requested_by", s.liftRequestedBy(), "approved_by", me));
    notifier.publish(
        "suspension.lifted",
        s.targetKind() + ":" + s.target(),
        "Suspension of " + s.targetKind() + " " + s.target() + " lifted",
        Map.of("suspension", id, "approved_by", me));
    return get(id);
  }

  /**
   * Whether the caller may suspend in the workspace: the permission, or a role the policy names.
   */
  public boolean maySuspend(String workspace) {
    if (access.can(Permission.SUSPEND, workspace)) {
      return true;
    }
    var me = access.current();
    return gates.policy().policy().suspensionRoles().stream()
        .anyMatch(r -> me.holds(io.kiban.identity.Role.parse(r), workspace));
  }

  private void requireSuspender(String workspace) {
    if (!maySuspend(workspace)) {
      List<String> extra = gates.policy().policy().suspensionRoles();
      throw new KibanException(
          ErrorCode.PERMISSION_DENIED,
          "Suspending and lifting need the suspend permission (caio, admin)"
              + (extra.isEmpty() ? "" : " or one of the roles the policy names: " + extra)
              + " in workspace "
              + workspace
              + ".");
    }
  }

  @Transactional(readOnly = true)
  public List<Suspension> list(boolean activeOnly) {
    var scope = access.readable();
    return query(activeOnly ? " WHERE status <> 'lifted'" : "", List.of()).stream()
        .filter(s -> scope.includes(s.workspace()))
        .toList();
  }

  @Transactional(readOnly = true)
  public Suspension get(long id) {
    Suspension s =
        query(" WHERE suspension_id = ?", List.of(id)).stream()
            .findFirst()
            .orElseThrow(() -> KibanException.notFound("Suspension " + id + " does not exist."));
    access.require(Permission.READ, s.workspace());
    return s;
  }

  /** The standing suspension of a target, if any (no permission check: guards use it). */
  @Transactional(readOnly = true)
  public java.util.Optional<Suspension> active(String kind, String target) {
    return query(
            " WHERE target_kind = ? AND target = ? AND status <> 'lifted'", List.of(kind, target))
        .stream()
        .findFirst();
  }

  /** The suspensions that stop this model version (its own, or its use cases'). */
  @Transactional(readOnly = true)
  public List<Suspension> blocking(String model, String version, List<UseCase> useCases) {
    List<Suspension> out = new ArrayList<>();
    active("model_version", model + "/" + version).ifPresent(out::add);
    for (UseCase uc : useCases) {
      active("use_case", uc.key()).ifPresent(out::add);
    }
    return out;
  }

  private List<RegisteredModel> modelsOf(UseCase uc) {
    List<RegisteredModel> out = new ArrayList<>();
    for (InventoryService.ModelLink link : inventory.detail(uc.key()).models()) {
      if (link.available()) {
        out.add(registry.getModel(link.name()));
      }
    }
    return out;
  }

  private List<Suspension> query(String where, List<Object> params) {
    return jdbc.sql(
            "SELECT suspension_id, target_kind, target, workspace, reason, stage_at_suspension,"
                + " removed_aliases, status, suspended_by, suspended_at, lift_requested_by,"
                + " lift_reason, lifted_by, lifted_at FROM suspension"
                + where
                + " ORDER BY suspension_id DESC")
        .params(params)
        .query(
            (rs, i) -> {
              long l = rs.getLong(14);
              Long lifted = rs.wasNull() ? null : l;
              return new Suspension(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getLong(10),
                  rs.getString(11),
                  rs.getString(12),
                  rs.getString(13),
                  lifted);
            })
        .list();
  }
}
